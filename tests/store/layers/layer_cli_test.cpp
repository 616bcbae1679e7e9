// `zenome db import` end to end: exit codes, per-file summaries, and raw participant identifiers
// absent from every byte of the store directory and from the command's output.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "store/layer_test_support.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::ReadFile;
using testing::RunShell;
using testing::RunZenome;
using testing::TempDir;
using testing::WriteFile;

// Identifiers distinctive enough that finding their bytes anywhere means they leaked.
const std::vector<std::string> kRawIds = {"RAWPATIENT-0017", "RAWPATIENT-0042", "RAWSPECIMEN-9",
                                          "RAWSTUDY-3"};

std::string AllBytesUnder(const std::filesystem::path& dir) {
  std::string bytes;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) bytes += ReadFile(entry.path().string());
  }
  return bytes;
}

void ExpectNoRawIds(const std::string& text, const std::string& where) {
  for (const auto& raw : kRawIds)
    EXPECT_EQ(text.find(raw), std::string::npos) << raw << " appears in " << where;
}

TEST(LayerCli, ImportEveryLayerWithoutLeakingIdentifiers) {
  TempDir dir;
  std::string store = dir.File("store");
  std::string key = dir.File("key");
  WriteFile(key, "cli-test-key-0123456789abcdef\n");
  auto init = RunZenome("db init " + store + " --build GRCh38");
  ASSERT_EQ(init.exit_code, 0) << init.err;

  WriteFile(dir.File("hp.obo"), testing::kMiniHpo);
  WriteFile(dir.File("clinical.csv"),
            "participant_id,sex,age,population,diagnoses,hpo_terms,consent,secondary_findings\n"
            "RAWPATIENT-0017,female,45,eas,ICD10:C50.9,HP:0001250,GRU,opt_in\n"
            "RAWPATIENT-0042,male,60,nfe,MONDO:0007254,HP:0002279,HMB;NCU,opt_out\n");
  WriteFile(dir.File("case.json"),
            R"({"subject": {"id": "RAWPATIENT-0042", "sex": "MALE"},
                "phenotypicFeatures": [{"type": {"id": "HP:0007359"}}]})");
  WriteFile(dir.File("expression.tsv"), "feature\tRAWPATIENT-0017\tRAWPATIENT-0042\nZG1\t1.5\t20\n");
  WriteFile(dir.File("pro.csv"),
            "participant_id,instrument,item,timestamp,value\nRAWPATIENT-0017,EQ5D,pain,2024-03-01,2\n");
  WriteFile(dir.File("pathology.csv"),
            "participant_id,specimen_id,diagnosis_code\nRAWPATIENT-0017,RAWSPECIMEN-9,8500/3\n");
  WriteFile(dir.File("imaging.csv"), "participant_id,study_id,modality\nRAWPATIENT-0042,RAWSTUDY-3,MR\n");
  WriteFile(dir.File("wearable.csv"),
            "participant_id,timestamp,metric,value\nRAWPATIENT-0042,2024-05-01T08:00:00Z,heart_rate,70\n");

  std::string outputs;
  auto run = [&](const std::string& args) {
    auto result = RunZenome(args);
    outputs += result.out + result.err;
    return result;
  };
  // The ontology layer needs no key.
  auto ontology = RunShell("env -u ZENOME_PSEUDONYM_KEY_FILE " + testing::ZenomeBinary() + " db import " +
                           store + " --layer ontology " + dir.File("hp.obo"));
  ASSERT_EQ(ontology.exit_code, 0) << ontology.err;
  EXPECT_NE(ontology.err.find("hp.obo: ontology, 9 terms"), std::string::npos) << ontology.err;
  auto clinical = run("db import " + store + " --layer clinical --key-file " + key + " " +
                      dir.File("clinical.csv") + " " + dir.File("case.json"));
  ASSERT_EQ(clinical.exit_code, 0) << clinical.err;
  EXPECT_NE(clinical.err.find("clinical.csv: clinical, 2 records, 2 participants (2 new)"), std::string::npos)
      << clinical.err;
  EXPECT_NE(clinical.err.find("1 ontology ids remapped"), std::string::npos) << clinical.err;
  EXPECT_NE(clinical.err.find("case.json: clinical, 1 records, 1 participants (0 new)"), std::string::npos)
      << clinical.err;
  auto omics = run("db import " + store + " --layer omics --assay rna_tpm --key-file " + key + " " +
                   dir.File("expression.tsv"));
  ASSERT_EQ(omics.exit_code, 0) << omics.err;
  EXPECT_NE(omics.err.find("assay 'rna_tpm'"), std::string::npos) << omics.err;
  for (const char* layer : {"pro", "pathology", "imaging", "wearable"}) {
    auto result =
        RunShell("ZENOME_PSEUDONYM_KEY_FILE=" + key + " " + testing::ZenomeBinary() + " db import " + store +
                 " --layer " + layer + " " + dir.File(std::string(layer) + ".csv"));
    outputs += result.out + result.err;
    ASSERT_EQ(result.exit_code, 0) << layer << ": " << result.err;
  }

  // Bad input: exit 1, located error, nothing written (the participant count stays 2).
  WriteFile(dir.File("bad.csv"), "participant_id,hpo_terms\nRAWPATIENT-0017,HP:9999999\nRAWPATIENT-0017,\n");
  auto bad = run("db import " + store + " --layer clinical --key-file " + key + " " + dir.File("bad.csv"));
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.csv:2: hpo_terms: 'HP:9999999' is not a term"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("bad.csv:3: participant_id: the participant already has a row (line 2)"),
            std::string::npos)
      << bad.err;
  // A later bad file: the earlier ones stay imported, the message says so.
  auto partial = run("db import " + store + " --layer clinical --key-file " + key + " " +
                     dir.File("clinical.csv") + " " + dir.File("bad.csv"));
  EXPECT_EQ(partial.exit_code, 1);
  EXPECT_NE(partial.err.find("1 file before it was imported"), std::string::npos) << partial.err;

  // Usage errors: exit 2.
  auto no_key = RunShell("env -u ZENOME_PSEUDONYM_KEY_FILE " + testing::ZenomeBinary() + " db import " +
                         store + " --layer clinical " + dir.File("clinical.csv"));
  EXPECT_EQ(no_key.exit_code, 2) << no_key.err;
  auto unknown_layer =
      run("db import " + store + " --layer genomes --key-file " + key + " " + dir.File("pro.csv"));
  EXPECT_EQ(unknown_layer.exit_code, 2) << unknown_layer.err;
  auto assay_elsewhere =
      run("db import " + store + " --layer pro --assay x --key-file " + key + " " + dir.File("pro.csv"));
  EXPECT_EQ(assay_elsewhere.exit_code, 2) << assay_elsewhere.err;
  auto missing = run("db import " + store + " --layer pro --key-file " + key + " " + dir.File("nope.csv"));
  EXPECT_EQ(missing.exit_code, 1) << missing.err;
  auto no_store =
      run("db import " + dir.File("nostore") + " --layer pro --key-file " + key + " " + dir.File("pro.csv"));
  EXPECT_EQ(no_store.exit_code, 1) << no_store.err;

  ExpectNoRawIds(outputs + ontology.out + ontology.err + no_key.err, "the command output");
  std::string stored = AllBytesUnder(store);
  ASSERT_FALSE(stored.empty());
  ExpectNoRawIds(stored, "the store directory");
  // The rows are there, under pseudonyms.
  EXPECT_NE(stored.find("ZP-"), std::string::npos);
}

}  // namespace
}  // namespace zenome
