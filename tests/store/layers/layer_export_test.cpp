// Layer export (TSV, pseudonyms only, re-importable), integrity checks and row counts.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "store/layer_test_support.h"
#include "store/layers/export.h"

namespace zenome {
namespace {

using testing::LayerStore;
using testing::ReadFile;

void ImportAll(LayerStore& store) {
  auto must = [](const Result<ImportStats>& stats) { ASSERT_TRUE(stats.ok()) << stats.status().message(); };
  must(store.Import(LayerKind::kOntology, "hp.obo", testing::kMiniHpo));
  must(store.Import(
      LayerKind::kClinical, "c.csv",
      "participant_id,sex,age,population,diagnoses,excluded_diagnoses,hpo_terms,excluded_hpo_terms,"
      "treatments,outcome,consent,secondary_findings\n"
      "RAW-A,female,45,eas,ICD10:C50.9;MONDO:0007254,OMIM:114480,HP:0001250,HP:0001263,ATC:L01XC03,"
      "\"remission\tlate\",GRU;DS:MONDO:0007254,opt_in\n"
      "RAW-B,male,,,,,,,,,,\n"));
  must(store.Import(
      LayerKind::kPro, "p.csv",
      "participant_id,instrument,item,timestamp,value\nRAW-A,EQ5D,pain,2024-03-01T08:00:00+01:00,2.5\n"));
  must(store.Import(LayerKind::kPathology, "path.csv",
                    "participant_id,specimen_id,collected,body_site,diagnosis_code,finding,grade,stage\n"
                    "RAW-A,RAW-SPECIMEN,2024-01-05,breast,8500/3,,G2,pT1c\n"));
  must(store.Import(LayerKind::kImaging, "img.csv",
                    "participant_id,study_id,acquired,modality,body_site,finding_code,finding\n"
                    "RAW-B,RAW-STUDY,2024-01-02,CT,chest,RID:1234,nodule\n"));
  must(store.Import(LayerKind::kWearable, "w.csv",
                    "participant_id,timestamp,metric,value\nRAW-A,2024-05-01T08:00:00Z,heart_rate,61\n"
                    "RAW-A,2024-05-01T08:01:00Z,heart_rate,62.25\n"));
  ImportOptions rna;
  rna.assay = "rna_tpm";
  must(store.Import(LayerKind::kOmics, "m.tsv", "feature\tRAW-A\tRAW-B\nZG1\t0.5\t12\n", rna));
}

std::string Export(LayerStore& store, LayerKind kind) {
  std::string path = store.File(std::string(LayerKindName(kind)) + "-export.tsv");
  Status status = ExportLayer(store.catalog(), kind, path);
  EXPECT_TRUE(status.ok()) << status.message();
  return ReadFile(path);
}

TEST(LayerExport, WritesPseudonymsOnlyWithHeaders) {
  LayerStore store;
  ImportAll(store);
  std::string a = store.Pseudonym("RAW-A");
  std::string b = store.Pseudonym("RAW-B");
  std::string first = a < b ? a : b;
  std::string clinical = Export(store, LayerKind::kClinical);
  std::string expected_a =
      a +
      "\tfemale\t45\teas\tICD10:C50.9;MONDO:0007254\tOMIM:114480\tHP:0001250\tHP:0001263\t"
      "ATC:L01XC03\tremission late\tDS:MONDO:0007254;GRU\topt_in\n";
  std::string expected_b = b + "\tmale\t\t\t\t\t\t\t\t\t\tunknown\n";
  EXPECT_EQ(
      clinical,
      "participant_id\tsex\tage\tpopulation\tdiagnoses\texcluded_diagnoses\thpo_terms\texcluded_hpo_terms\t"
      "treatments\toutcome\tconsent\tsecondary_findings\n" +
          (first == a ? expected_a + expected_b : expected_b + expected_a));
  EXPECT_EQ(Export(store, LayerKind::kPro), "participant_id\tinstrument\titem\ttimestamp\tvalue\n" + a +
                                                "\tEQ5D\tpain\t2024-03-01T07:00:00Z\t2.5\n");
  EXPECT_EQ(Export(store, LayerKind::kWearable), "participant_id\ttimestamp\tmetric\tvalue\n" + a +
                                                     "\t2024-05-01T08:00:00Z\theart_rate\t61\n" + a +
                                                     "\t2024-05-01T08:01:00Z\theart_rate\t62.25\n");
  std::string omics = Export(store, LayerKind::kOmics);
  EXPECT_NE(omics.find("rna_tpm\tZG1\t" + a + "\t0.5\n"), std::string::npos) << omics;
  EXPECT_NE(omics.find("rna_tpm\tZG1\t" + b + "\t12\n"), std::string::npos) << omics;
  std::string ontology = Export(store, LayerKind::kOntology);
  EXPECT_NE(ontology.find("HP:0001250\thp\tSeizure\tfalse\t\tHP:0000707\tHP:0002279\n"), std::string::npos);
  EXPECT_NE(ontology.find("HP:0000006\thp\tobsolete term with a replacement\ttrue\tHP:0001263\t\t\n"),
            std::string::npos);
  for (LayerKind kind : {LayerKind::kClinical, LayerKind::kOmics, LayerKind::kPro, LayerKind::kPathology,
                         LayerKind::kImaging, LayerKind::kWearable}) {
    std::string text = Export(store, kind);
    EXPECT_EQ(text.find("RAW-"), std::string::npos) << LayerKindName(kind) << " export shows a raw id:\n"
                                                    << text;
    EXPECT_NE(text.find("ZP-"), std::string::npos) << LayerKindName(kind);
  }
}

TEST(LayerExport, ExportsReimportUnchanged) {
  LayerStore source;
  ImportAll(source);
  LayerStore copy;
  ASSERT_TRUE(copy.Import(LayerKind::kOntology, "hp.obo", testing::kMiniHpo).ok());
  for (LayerKind kind : {LayerKind::kClinical, LayerKind::kPro, LayerKind::kPathology, LayerKind::kImaging,
                         LayerKind::kWearable}) {
    std::string exported = Export(source, kind);
    auto stats = copy.Import(kind, std::string(LayerKindName(kind)) + ".tsv", exported);
    ASSERT_TRUE(stats.ok()) << LayerKindName(kind) << ": " << stats.status().message();
    EXPECT_EQ(Export(copy, kind), exported) << LayerKindName(kind);
  }
}

TEST(LayerExport, StdoutAndFailedWrites) {
  LayerStore store;
  ImportAll(store);
  ::testing::internal::CaptureStdout();
  Status status = ExportLayer(store.catalog(), LayerKind::kPro, "-");
  std::string out = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(status.ok()) << status.message();
  EXPECT_TRUE(out.starts_with("participant_id\tinstrument\titem\ttimestamp\tvalue\n")) << out;
  std::string missing_dir = store.File("no/such/dir/out.tsv");
  EXPECT_FALSE(ExportLayer(store.catalog(), LayerKind::kClinical, missing_dir).ok());
  EXPECT_FALSE(std::filesystem::exists(missing_dir));
}

TEST(LayerExport, EmptyStoreExportsHeaders) {
  LayerStore store;
  EXPECT_EQ(Export(store, LayerKind::kWearable), "participant_id\ttimestamp\tmetric\tvalue\n");
  EXPECT_TRUE(Export(store, LayerKind::kClinical).starts_with("participant_id\tsex\t"));
  std::vector<std::string> problems;
  ASSERT_TRUE(CheckLayers(store.catalog(), problems).ok());
  EXPECT_TRUE(problems.empty());
  auto counts = LayerRowCounts(store.catalog());
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(*counts, (std::vector<std::pair<std::string, int64_t>>{{"participants", 0}, {"consent", 0}}));
}

TEST(LayerCheck, ConsistentStoreHasNoProblems) {
  LayerStore store;
  ImportAll(store);
  std::vector<std::string> problems;
  ASSERT_TRUE(CheckLayers(store.catalog(), problems).ok());
  EXPECT_TRUE(problems.empty()) << problems.front();
  auto counts = LayerRowCounts(store.catalog());
  ASSERT_TRUE(counts.ok()) << counts.status().message();
  auto count_of = [&](const std::string& table) {
    auto found =
        std::find_if(counts->begin(), counts->end(), [&](const auto& entry) { return entry.first == table; });
    return found == counts->end() ? int64_t{-1} : found->second;
  };
  EXPECT_EQ(count_of("participants"), 2);
  EXPECT_EQ(count_of("consent"), 2);
  EXPECT_EQ(count_of("diagnoses"), 3);
  EXPECT_EQ(count_of("phenotypes"), 2);
  EXPECT_EQ(count_of("wearable"), 2);
  EXPECT_EQ(count_of("omics"), 2);
  EXPECT_EQ(count_of("ontology_terms"), 9);
  EXPECT_EQ(count_of("layer_imports"), 7);
}

TEST(LayerCheck, ReportsEachKindOfInconsistency) {
  LayerStore store;
  // Phenotypes stored before the ontology that does not know one of them.
  ASSERT_TRUE(
      store.Import(LayerKind::kClinical, "c.csv", "participant_id,hpo_terms\nP1,HP:0001250;HP:0000002\n")
          .ok());
  ASSERT_TRUE(store.Import(LayerKind::kOntology, "hp.obo", testing::kMiniHpo).ok());
  Catalog& catalog = store.catalog();
  ASSERT_TRUE(catalog.Exec("PRAGMA foreign_keys=OFF").ok());
  ASSERT_TRUE(catalog.Exec("INSERT INTO participants(pseudonym) VALUES('John Smith')").ok());
  ASSERT_TRUE(catalog.Exec("INSERT INTO wearable VALUES('ZP-AAAAAAAAAAAAAAAA', 'hr', 0, 1)").ok());
  ASSERT_TRUE(catalog.Exec("INSERT INTO diagnoses VALUES('John Smith', 'cancer', 0)").ok());
  ASSERT_TRUE(catalog.Exec("INSERT INTO consent VALUES('John Smith', 'DUO:0000042', 'x')").ok());
  ASSERT_TRUE(catalog.Exec("INSERT INTO ontology_is_a VALUES('HP:0000001', 'HP:7777777', 'hp')").ok());
  std::vector<std::string> problems;
  ASSERT_TRUE(CheckLayers(catalog, problems).ok());
  std::string all;
  for (const auto& problem : problems) all += problem + "\n";
  for (const char* fragment :
       {"participants.pseudonym: 1 values are not pseudonyms",
        "wearable: 1 rows reference participants the store does not know",
        "consent: stored code 'DUO:0000042:x'", "diagnoses.code: malformed codes: cancer",
        "phenotypes.hpo_id: 1 rows use codes that are not current terms of the imported "
        "ontology: HP:0000002",
        "ontology_is_a: 1 is_a edges"}) {
    EXPECT_NE(all.find(fragment), std::string::npos) << "expected '" << fragment << "' in:\n" << all;
  }
  EXPECT_EQ(problems.size(), 6u) << all;
}

}  // namespace
}  // namespace zenome
