// Clinical-layer imports (clinical tables, omics, PRO, pathology, imaging, wearables): what lands in
// the catalog, pseudonymisation, re-import rules, and bad input rejected whole with every problem
// located and the catalog left unchanged.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/layer_test_support.h"
#include "store/layers/import.h"

namespace zenome {
namespace {

using testing::LayerStore;

constexpr const char* kClinicalCsv =
    "participant_id,sex,age,population,diagnoses,hpo_terms,treatments,outcome,consent,secondary_findings\n"
    "PATIENT-001,female,45,EAS,ICD10:C50.9;MONDO:0007254,HP:0001250,ATC:l01xc03,remission,"
    "GRU;DS:MONDO:0007254;NCU,opt_in\n"
    "PATIENT-002,male,P61Y3M,nfe,C18.2,,,,HMB,opt-out\n";

// Rejects `content` and checks the message locates the problem and the catalog did not change.
void ExpectRejected(LayerStore& store, LayerKind kind, const std::string& name, const std::string& content,
                    const std::vector<std::string>& expected_fragments) {
  std::string before = store.Dump();
  auto stats = store.Import(kind, name, content);
  ASSERT_FALSE(stats.ok()) << name << " was accepted";
  EXPECT_EQ(stats.status().code(), ErrorCode::kBadInput);
  EXPECT_NE(stats.status().message().find("nothing was imported"), std::string::npos)
      << stats.status().message();
  for (const auto& fragment : expected_fragments) {
    EXPECT_NE(stats.status().message().find(fragment), std::string::npos)
        << "expected '" << fragment << "' in: " << stats.status().message();
  }
  EXPECT_EQ(store.Dump(), before) << "a rejected file changed the catalog";
}

TEST(LayerImport, ClinicalTableFillsParticipantsConsentAndCodes) {
  LayerStore store;
  auto stats = store.Import(LayerKind::kClinical, "clinical.csv", kClinicalCsv);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->records, 2);
  EXPECT_EQ(stats->participants, 2);
  EXPECT_EQ(stats->new_participants, 2);
  std::string p1 = store.Pseudonym("PATIENT-001");
  std::string p2 = store.Pseudonym("PATIENT-002");
  EXPECT_EQ(store.One("SELECT sex || ' ' || age || ' ' || population || ' ' || secondary_findings FROM "
                      "participants WHERE pseudonym = '" +
                      p1 + "'"),
            "female 45 eas opt_in");
  EXPECT_EQ(store.One("SELECT sex || ' ' || age || ' ' || secondary_findings FROM participants WHERE "
                      "pseudonym = '" +
                      p2 + "'"),
            "male 61 opt_out");
  EXPECT_EQ(store.Column("SELECT code FROM diagnoses WHERE pseudonym = '" + p1 + "' ORDER BY code"),
            (std::vector<std::string>{"ICD10:C50.9", "MONDO:0007254"}));
  EXPECT_EQ(store.Column("SELECT code FROM diagnoses WHERE pseudonym = '" + p2 + "'"),
            (std::vector<std::string>{"ICD10:C18.2"}));
  EXPECT_EQ(store.Column("SELECT hpo_id FROM phenotypes"), (std::vector<std::string>{"HP:0001250"}));
  EXPECT_EQ(store.Column("SELECT code FROM treatments"), (std::vector<std::string>{"ATC:L01XC03"}));
  EXPECT_EQ(store.Column("SELECT outcome FROM outcomes"), (std::vector<std::string>{"remission"}));
  EXPECT_EQ(store.Column("SELECT duo_code || ':' || ifnull(modifier, '-') FROM consent WHERE pseudonym = '" +
                         p1 + "' ORDER BY duo_code"),
            (std::vector<std::string>{"DUO:0000007:MONDO:0007254", "DUO:0000042:-", "DUO:0000046:-"}));
  EXPECT_EQ(store.Column("SELECT duo_code FROM consent WHERE pseudonym = '" + p2 + "'"),
            (std::vector<std::string>{"DUO:0000006"}));
  // Only pseudonyms reach the catalog.
  std::string dump = store.Dump();
  EXPECT_EQ(dump.find("PATIENT-00"), std::string::npos);
  EXPECT_NE(dump.find(p1), std::string::npos);
  EXPECT_EQ(store.One("SELECT count(*) FROM layer_imports WHERE layer = 'clinical'"), "1");
}

TEST(LayerImport, TsvAndQuotedCsvCellsAndExistingPseudonyms) {
  LayerStore store;
  std::string p1 = store.Pseudonym("A1");
  // An id that already is a pseudonym (from an export) is kept, not hashed again.
  auto tsv = store.Import(LayerKind::kClinical, "c.tsv",
                          "participant_id\toutcome\n" + p1 + "\tstable disease\nA2\tdeceased\n");
  ASSERT_TRUE(tsv.ok()) << tsv.status().message();
  EXPECT_EQ(tsv->new_participants, 2);
  auto csv =
      store.Import(LayerKind::kClinical, "c.csv", "participant_id,outcome\r\nA1,\"progression, local\"\r\n");
  ASSERT_TRUE(csv.ok()) << csv.status().message();
  EXPECT_EQ(csv->new_participants, 0);
  EXPECT_EQ(store.Column("SELECT outcome FROM outcomes WHERE pseudonym = '" + p1 + "'"),
            (std::vector<std::string>{"progression, local"}));
  EXPECT_EQ(store.One("SELECT count(*) FROM participants"), "2");
}

TEST(LayerImport, ClinicalReimportReplacesTheFilesColumnsOnly) {
  LayerStore store;
  ASSERT_TRUE(store.Import(LayerKind::kClinical, "a.csv", kClinicalCsv).ok());
  std::string p1 = store.Pseudonym("PATIENT-001");
  auto stats = store.Import(LayerKind::kClinical, "b.csv",
                            "participant_id,diagnoses,excluded_hpo_terms,consent\n"
                            "PATIENT-001,ICD10:C50.1,HP:0001250,HMB\n");
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->new_participants, 0);
  // diagnoses (2) + phenotypes (1) + consent (3) rows of the participant were replaced.
  EXPECT_EQ(stats->rows_removed, 6);
  EXPECT_EQ(store.Column("SELECT code FROM diagnoses WHERE pseudonym = '" + p1 + "'"),
            (std::vector<std::string>{"ICD10:C50.1"}));
  EXPECT_EQ(store.Column("SELECT hpo_id || ' ' || excluded FROM phenotypes WHERE pseudonym = '" + p1 + "'"),
            (std::vector<std::string>{"HP:0001250 1"}));
  EXPECT_EQ(store.Column("SELECT duo_code FROM consent WHERE pseudonym = '" + p1 + "'"),
            (std::vector<std::string>{"DUO:0000006"}));
  // Columns the second file lacks keep their values; the other participant is untouched.
  EXPECT_EQ(store.One("SELECT sex || ' ' || age FROM participants WHERE pseudonym = '" + p1 + "'"),
            "female 45");
  EXPECT_EQ(store.Column("SELECT code FROM treatments WHERE pseudonym = '" + p1 + "'"),
            (std::vector<std::string>{"ATC:L01XC03"}));
  EXPECT_EQ(
      store.One("SELECT count(*) FROM diagnoses WHERE pseudonym = '" + store.Pseudonym("PATIENT-002") + "'"),
      "1");
  // Empty cells clear what they name.
  ASSERT_TRUE(
      store.Import(LayerKind::kClinical, "c.csv", "participant_id,sex,age,diagnoses\nPATIENT-001,,,\n").ok());
  EXPECT_EQ(
      store.One("SELECT sex || ' ' || ifnull(age, 'none') FROM participants WHERE pseudonym = '" + p1 + "'"),
      "unknown none");
  EXPECT_EQ(store.One("SELECT count(*) FROM diagnoses WHERE pseudonym = '" + p1 + "'"), "0");
}

TEST(LayerImport, RepeatedFileIsNoticed) {
  LayerStore store;
  auto first = store.Import(LayerKind::kClinical, "a.csv", kClinicalCsv);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->previously_imported);
  auto second = store.Import(LayerKind::kClinical, "a.csv", kClinicalCsv);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->previously_imported);
  EXPECT_EQ(store.One("SELECT count(*) FROM diagnoses"), "3");
}

TEST(LayerImport, BadClinicalRowsRejectTheWholeFile) {
  LayerStore store;
  ASSERT_TRUE(store.Import(LayerKind::kClinical, "ok.csv", kClinicalCsv).ok());
  ExpectRejected(store, LayerKind::kClinical, "sex.csv", "participant_id,sex\nP9,female\nP1,woman\n",
                 {"sex.csv:3: sex: expected male, female, other or unknown"});
  ExpectRejected(store, LayerKind::kClinical, "age.csv", "participant_id,age\nP1,forty\nP2,-3\nP3,200\n",
                 {"age.csv:2: age:", "age.csv:3: age:", "age.csv:4: age:", "3 problems"});
  ExpectRejected(store, LayerKind::kClinical, "dx.csv",
                 "participant_id,diagnoses\nP1,ICD10:C50.9;MONDO:123\n",
                 {"dx.csv:2: diagnoses: expected a diagnosis code", "'MONDO:123'"});
  ExpectRejected(store, LayerKind::kClinical, "dx2.csv", "participant_id,diagnoses\nP1,breast cancer\n",
                 {"dx2.csv:2: diagnoses:"});
  ExpectRejected(store, LayerKind::kClinical, "hpo.csv", "participant_id,hpo_terms\nP1,HP:12345\n",
                 {"hpo.csv:2: hpo_terms: expected an HPO id"});
  ExpectRejected(
      store, LayerKind::kClinical, "dup.csv", "participant_id,sex\nP7,male\nP8,male\nP7,mal\n",
      {"dup.csv:4: participant_id: the participant already has a row (line 2)", "dup.csv:4: sex:"});
  ExpectRejected(store, LayerKind::kClinical, "consent.csv",
                 "participant_id,consent\nP1,GRU;XYZ\nP2,DS:cancer\n",
                 {"consent.csv:2: consent: unknown consent code 'XYZ'",
                  "consent.csv:3: consent: disease-specific consent needs a disease code"});
  ExpectRejected(store, LayerKind::kClinical, "cols.csv", "participant_id,gender\nP1,male\n",
                 {"cols.csv:1: gender: unknown column"});
  ExpectRejected(store, LayerKind::kClinical, "noid.csv", "sex\nmale\n",
                 {"noid.csv:1: participant_id: required column is missing"});
  ExpectRejected(store, LayerKind::kClinical, "cells.csv", "participant_id,sex\nP1,male,extra\n",
                 {"cells.csv:2: expected 2 cells"});
  ExpectRejected(store, LayerKind::kClinical, "both.csv",
                 "participant_id,hpo_terms,excluded_hpo_terms\nP1,HP:0001250,HP:0001250\n",
                 {"both.csv:2: excluded_hpo_terms:", "both as present and as excluded"});
  ExpectRejected(store, LayerKind::kClinical, "atc.csv", "participant_id,treatments\nP1,ATC:L1\n",
                 {"atc.csv:2: treatments: malformed ATC code"});
  ExpectRejected(store, LayerKind::kClinical, "empty.csv", "", {"empty.csv: "});
  // The error never names the raw identifier.
  auto dup = store.Import(LayerKind::kClinical, "dup2.csv", "participant_id\nSECRET-ID\nSECRET-ID\n");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().message().find("SECRET-ID"), std::string::npos);
}

TEST(LayerImport, ProblemListIsCapped) {
  LayerStore store;
  std::string content = "participant_id,age\n";
  for (int i = 0; i < 80; ++i) content += "P" + std::to_string(i) + ",x\n";
  ImportOptions options;
  options.max_reported_problems = 5;
  auto stats = store.Import(LayerKind::kClinical, "many.csv", content, options);
  ASSERT_FALSE(stats.ok());
  EXPECT_NE(stats.status().message().find("80 problems"), std::string::npos);
  EXPECT_NE(stats.status().message().find("... and 75 more"), std::string::npos);
}

TEST(LayerImport, UnknownHpoAndMondoTermsOnceAnOntologyIsImported) {
  LayerStore store;
  // Without an ontology a well-formed id is accepted.
  ASSERT_TRUE(store.Import(LayerKind::kClinical, "a.csv", "participant_id,hpo_terms\nP1,HP:9999999\n").ok());
  ASSERT_TRUE(store.Import(LayerKind::kOntology, "hp.obo", testing::kMiniHpo).ok());
  ExpectRejected(store, LayerKind::kClinical, "b.csv", "participant_id,hpo_terms\nP1,HP:0001250;HP:9999999\n",
                 {"b.csv:2: hpo_terms: 'HP:9999999' is not a term of the imported ontology"});
  ExpectRejected(store, LayerKind::kClinical, "c.csv", "participant_id,hpo_terms\nP1,HP:0000005\n",
                 {"c.csv:2: hpo_terms: 'HP:0000005' is obsolete"});
  // Alternative and obsolete-with-replacement ids are stored as the current term.
  auto mapped =
      store.Import(LayerKind::kClinical, "d.csv", "participant_id,hpo_terms\nP1,HP:0002279;HP:0000006\n");
  ASSERT_TRUE(mapped.ok()) << mapped.status().message();
  EXPECT_EQ(mapped->terms_remapped, 2);
  EXPECT_EQ(store.Column("SELECT hpo_id FROM phenotypes ORDER BY hpo_id"),
            (std::vector<std::string>{"HP:0001250", "HP:0001263"}));
  // MONDO diagnoses are checked once MONDO is imported; ICD-10 codes (no ontology) only by shape.
  ASSERT_TRUE(store.Import(LayerKind::kOntology, "mondo.obo", testing::kMiniMondo).ok());
  ExpectRejected(store, LayerKind::kClinical, "e.csv", "participant_id,diagnoses\nP1,MONDO:0000002\n",
                 {"e.csv:2: diagnoses: 'MONDO:0000002' is not a term"});
  EXPECT_TRUE(
      store.Import(LayerKind::kClinical, "f.csv", "participant_id,diagnoses\nP1,MONDO:0016419;Z99.9\n").ok());
}

TEST(LayerImport, OmicsMatrix) {
  LayerStore store;
  ImportOptions options;
  options.assay = "rna_tpm";
  auto stats = store.Import(LayerKind::kOmics, "expression.tsv",
                            "feature\tS-1\tS-2\n"
                            "ZG00012\t12.5\tNA\n"
                            "ZG00013\t0\t1e3\n",
                            options);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->records, 2);
  EXPECT_EQ(stats->rows_written, 3);
  EXPECT_EQ(stats->participants, 2);
  EXPECT_EQ(stats->new_participants, 2);
  std::string s1 = store.Pseudonym("S-1");
  std::string s2 = store.Pseudonym("S-2");
  EXPECT_EQ(
      store.Column("SELECT feature || '=' || value FROM omics WHERE assay = 'rna_tpm' AND pseudonym = '" +
                   s2 + "'"),
      (std::vector<std::string>{"ZG00013=1000.0"}));
  // Default assay: the file name stem. Re-import replaces the assay's values of the file's participants.
  ASSERT_TRUE(store.Import(LayerKind::kOmics, "proteome.csv", "feature,S-1\nP1,3\n").ok());
  EXPECT_EQ(store.One("SELECT count(*) FROM omics WHERE assay = 'proteome'"), "1");
  auto again = store.Import(LayerKind::kOmics, "expression.tsv", "feature\tS-1\nZG00099\t7\n", options);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->rows_removed, 2);
  EXPECT_EQ(store.Column("SELECT feature FROM omics WHERE assay = 'rna_tpm' AND pseudonym = '" + s1 + "'"),
            (std::vector<std::string>{"ZG00099"}));
  EXPECT_EQ(store.One("SELECT count(*) FROM omics WHERE assay = 'rna_tpm' AND pseudonym = '" + s2 + "'"),
            "1");

  ExpectRejected(
      store, LayerKind::kOmics, "bad.tsv", "feature\tS-1\tS-2\nG1\t1\tlots\nG2\t2\t3\nG1\t4\t5\n",
      {"bad.tsv:2: column 3: expected a number", "bad.tsv:4: feature: 'G1' already has a row (line 2)"});
  ExpectRejected(store, LayerKind::kOmics, "dupcol.tsv", "feature\tS-1\tS-1\nG1\t1\t2\n",
                 {"dupcol.tsv:1: column 3: the participant already has column 2"});
  ExpectRejected(store, LayerKind::kOmics, "first.tsv", "gene\tS-1\nG1\t1\n",
                 {"first.tsv:1: gene: the first column must be 'feature'"});
  // Column errors never echo the raw participant id from the header.
  auto bad = store.Import(LayerKind::kOmics, "bad2.tsv", "feature\tSECRET-7\nG1\tx\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().find("SECRET-7"), std::string::npos);
}

TEST(LayerImport, PatientReportedOutcomes) {
  LayerStore store;
  auto stats = store.Import(LayerKind::kPro, "pro.csv",
                            "participant_id,instrument,item,timestamp,value\n"
                            "P1,EQ5D,pain,2024-03-01,2\n"
                            "P1,EQ5D,pain,2024-06-01T10:00:00+02:00,3\n"
                            "P2,EQ5D,pain,1709251200,1\n");
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->rows_written, 3);
  EXPECT_EQ(store.Column("SELECT timestamp FROM pro ORDER BY timestamp"),
            (std::vector<std::string>{"1709251200", "1709251200", "1717228800"}));
  // Same (participant, instrument, item, timestamp): the value is replaced.
  ASSERT_TRUE(
      store
          .Import(LayerKind::kPro, "pro2.csv",
                  "participant_id,instrument,item,timestamp,value\nP1,EQ5D,pain,2024-03-01T00:00:00Z,5\n")
          .ok());
  EXPECT_EQ(store.One("SELECT count(*) FROM pro"), "3");
  EXPECT_EQ(store.One("SELECT value FROM pro WHERE timestamp = 1709251200 AND pseudonym = '" +
                      store.Pseudonym("P1") + "'"),
            "5.0");
  ExpectRejected(store, LayerKind::kPro, "bad.csv",
                 "participant_id,instrument,item,timestamp,value\n"
                 "P1,EQ5D,pain,2024-02-30,2\n"
                 "P1,EQ5D,pain,2024-03-01,two\n"
                 "P1,,pain,2024-03-01,2\n",
                 {"bad.csv:2: timestamp: expected an ISO 8601 date", "bad.csv:3: value: expected a number",
                  "bad.csv:4: instrument: empty"});
}

TEST(LayerImport, PathologyAndImagingPseudonymiseTheirIds) {
  LayerStore store;
  auto pathology = store.Import(LayerKind::kPathology, "path.csv",
                                "participant_id,specimen_id,collected,body_site,diagnosis_code,grade,stage\n"
                                "P1,SPEC-778,2024-01-05,breast,8500/3,G2,pT1c\n"
                                "P2,SPEC-779,,colon,ICD10:C18.2,,\n");
  ASSERT_TRUE(pathology.ok()) << pathology.status().message();
  EXPECT_EQ(store.Column("SELECT diagnosis_code FROM pathology ORDER BY diagnosis_code"),
            (std::vector<std::string>{"ICD10:C18.2", "ICDO3:8500/3"}));
  auto imaging = store.Import(LayerKind::kImaging, "img.tsv",
                              "participant_id\tstudy_id\tacquired\tmodality\tbody_site\tfinding_code\n"
                              "P1\tSTUDY-1\t2024-01-02T09:30:00Z\tmr\tbrain\tRID:5827\n");
  ASSERT_TRUE(imaging.ok()) << imaging.status().message();
  EXPECT_EQ(store.One("SELECT modality || ' ' || acquired FROM imaging"), "MR 2024-01-02T09:30:00Z");
  std::string dump = store.Dump();
  EXPECT_EQ(dump.find("SPEC-77"), std::string::npos);
  EXPECT_EQ(dump.find("STUDY-1"), std::string::npos);
  // The same specimen again replaces its row.
  auto again =
      store.Import(LayerKind::kPathology, "path2.csv", "participant_id,specimen_id,grade\nP1,SPEC-778,G3\n");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->rows_removed, 1);
  EXPECT_EQ(store.One("SELECT count(*) FROM pathology"), "2");

  ExpectRejected(store, LayerKind::kPathology, "bad.csv",
                 "participant_id,specimen_id,collected,diagnosis_code\nP1,S1,2024-13-01,8500\nP1,S1,,\n",
                 {"bad.csv:2: collected:", "bad.csv:2: diagnosis_code:",
                  "bad.csv:3: specimen_id: the participant's specimen already has a row (line 2)"});
  ExpectRejected(store, LayerKind::kImaging, "bad.tsv",
                 "participant_id\tstudy_id\tmodality\tfinding_code\nP1\tS\tXR\t\nP1\tT\tCT\tlesion\n",
                 {"bad.tsv:2: modality: expected a DICOM modality", "bad.tsv:3: finding_code:"});
  ExpectRejected(store, LayerKind::kImaging, "nomod.tsv", "participant_id\tstudy_id\nP1\tS\n",
                 {"nomod.tsv:1: modality: required column is missing"});
}

TEST(LayerImport, WearableTimeSeries) {
  LayerStore store;
  std::string content = "participant_id,timestamp,metric,value\n";
  for (int minute = 0; minute < 30; ++minute) {
    content += "W1,2024-05-01T08:" + std::string(minute < 10 ? "0" : "") + std::to_string(minute) +
               ":00Z,heart_rate," + std::to_string(60 + minute) + "\n";
  }
  content += "W2,2024-05-01T08:00:00Z,steps,120\n";
  auto stats = store.Import(LayerKind::kWearable, "wear.csv", content);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->rows_written, 31);
  EXPECT_EQ(stats->participants, 2);
  ASSERT_TRUE(store
                  .Import(LayerKind::kWearable, "wear2.csv",
                          "participant_id,timestamp,metric,value\nW1,2024-05-01T08:00:00Z,heart_rate,99\n")
                  .ok());
  EXPECT_EQ(store.One("SELECT count(*) FROM wearable"), "31");
  EXPECT_EQ(store.One("SELECT value FROM wearable WHERE metric = 'heart_rate' ORDER BY timestamp LIMIT 1"),
            "99.0");
  ExpectRejected(
      store, LayerKind::kWearable, "bad.csv",
      "participant_id,timestamp,metric,value\nW1,yesterday,heart_rate,60\nW1,2024-05-01,heart_rate,inf\n"
      ",2024-05-01,heart_rate,1\n",
      {"bad.csv:2: timestamp:", "bad.csv:3: value: expected a number", "bad.csv:4: participant_id: empty"});
}

TEST(LayerImport, LayerNamesAndMissingFiles) {
  EXPECT_EQ(*ParseLayerKind("Wearable"), LayerKind::kWearable);
  EXPECT_EQ(LayerKindName(LayerKind::kPro), "pro");
  auto unknown = ParseLayerKind("genomics");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), ErrorCode::kUsage);
  LayerStore store;
  auto missing =
      ImportLayer(store.catalog(), store.pseudonymizer(), LayerKind::kClinical, store.File("nope.csv"), {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace zenome

namespace zenome {
namespace {

using testing::LayerStore;

// ImportFiles, the library call behind `zenome db import`: files in order, each its own transaction.
TEST(LayerImportFiles, StopsAtTheFirstBadFileKeepingTheOnesBefore) {
  LayerStore store;
  std::string key = store.File("key");
  testing::WriteFile(key, testing::kTestKey);
  std::string good = store.File("good.csv");
  testing::WriteFile(good, "participant_id,sex\nP1,female\nP2,male\n");
  std::string bad = store.File("bad.csv");
  testing::WriteFile(bad, "participant_id,sex\nP3,sometimes\n");
  std::string never = store.File("never.csv");
  testing::WriteFile(never, "participant_id,sex\nP4,female\n");

  ImportRequest request;
  request.layer = LayerKind::kClinical;
  request.files = {good, bad, never};
  request.key_file = key;
  std::vector<std::string> reported;
  request.on_imported = [&](const std::string& file, const ImportStats&) { reported.push_back(file); };
  auto result = ImportFiles(store.catalog(), request);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kBadInput);
  EXPECT_NE(result.status().message().find("bad.csv:2: sex:"), std::string::npos)
      << result.status().message();
  EXPECT_NE(result.status().message().find("(1 file before it was imported; the rest were not tried)"),
            std::string::npos)
      << result.status().message();
  EXPECT_EQ(reported, std::vector<std::string>{good});
  EXPECT_EQ(store.One("SELECT count(*) FROM participants"), "2");
}

TEST(LayerImportFiles, KeyAndAssayRules) {
  LayerStore store;
  std::string obo = store.File("hp.obo");
  testing::WriteFile(obo, testing::kMiniHpo);
  ImportRequest ontology;
  ontology.layer = LayerKind::kOntology;
  ontology.files = {obo};
  ontology.key_file = store.File("no-such-key");  // the ontology layer never reads a key
  auto imported = ImportFiles(store.catalog(), ontology);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  ASSERT_EQ(imported->size(), 1u);
  EXPECT_EQ((*imported)[0].layer, LayerKind::kOntology);

  ImportRequest clinical;
  clinical.layer = LayerKind::kClinical;
  clinical.files = {obo};
  clinical.key_file = store.File("no-such-key");
  EXPECT_FALSE(ImportFiles(store.catalog(), clinical).ok());

  ImportRequest assay;
  assay.layer = LayerKind::kPro;
  assay.options.assay = "rna";
  auto refused = ImportFiles(store.catalog(), assay);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kUsage);
}

}  // namespace
}  // namespace zenome
