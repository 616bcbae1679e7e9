// Cohort clinical criteria (clinical_filter.h) on a small store holding every layer.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "store/cohort/clinical_filter.h"
#include "store/layer_test_support.h"

namespace zenome {
namespace {

using nlohmann::json;
using testing::LayerStore;

constexpr const char* kClinical =
    "participant_id,sex,age,population,diagnoses,excluded_diagnoses,hpo_terms,excluded_hpo_terms,treatments,"
    "outcome,consent,secondary_findings\n"
    "A,female,45,EAS,ICD10:C50.9;MONDO:0016419,,HP:0007359,,ATC:L01XC03,remission,GRU,opt_in\n"
    "B,male,17,nfe,ICD10:C18.2,MONDO:0007254,HP:0001263,HP:0001250,ATC:L02BA01,progression,HMB;NCU,opt_out\n"
    "C,female,65,eas,MONDO:0007254,,HP:0002279,,DrugCentral:1610,Remission,DS:MONDO:0007254,unknown\n"
    "D,other,,afr,,,,,,,DS:MONDO:0016419;IRB,\n";

class ClinicalFilter : public ::testing::Test {
 protected:
  void SetUp() override {
    auto must = [](const Result<ImportStats>& stats) { ASSERT_TRUE(stats.ok()) << stats.status().message(); };
    must(store_.Import(LayerKind::kOntology, "hp.obo", testing::kMiniHpo));
    must(store_.Import(LayerKind::kOntology, "mondo.obo", testing::kMiniMondo));
    must(store_.Import(LayerKind::kClinical, "clinical.csv", kClinical));
    ImportOptions rna;
    rna.assay = "rna_tpm";
    must(store_.Import(LayerKind::kOmics, "m.tsv",
                       "feature\tA\tB\tC\nZG00012\t5\t50\t150\nZG00013\t1\tNA\tNA\n", rna));
    must(store_.Import(LayerKind::kPro, "pro.csv",
                       "participant_id,instrument,item,timestamp,value\n"
                       "A,EQ5D,pain,2024-06-01,4\nA,EQ5D,pain,2024-01-01,2\n"
                       "B,EQ5D,pain,2024-03-01T12:00:00Z,1\nB,EQ5D,mobility,2024-03-01,5\n"));
    must(store_.Import(LayerKind::kWearable, "w.csv",
                       "participant_id,timestamp,metric,value\n"
                       "A,2024-05-01T08:00:00Z,heart_rate,60\nA,2024-05-01T08:01:00Z,heart_rate,70\n"
                       "A,2024-05-01T08:02:00Z,heart_rate,80\nB,2024-05-02T09:00:00Z,heart_rate,100\n"
                       "C,2024-05-01T08:00:00Z,steps,500\n"));
    must(store_.Import(LayerKind::kPathology, "p.csv",
                       "participant_id,specimen_id,body_site,diagnosis_code,grade,stage\n"
                       "A,S1,breast,8500/3,G2,pT1c\nB,S2,colon,ICDO3:8140/3,G3,pT3\n"));
    must(store_.Import(LayerKind::kImaging, "i.csv",
                       "participant_id,study_id,modality,body_site,finding_code\n"
                       "A,X1,MR,brain,HP:0007359\nB,X2,CT,chest,RID:1234\n"));
  }

  // Raw ids of the participants matching {key: value}.
  std::set<std::string> Match(const std::string& key, const json& value) {
    auto matched = MatchClinicalCriterion(store_.catalog(), key, value);
    if (!matched.ok()) {
      ADD_FAILURE() << key << ": " << matched.status().message();
      return {};
    }
    std::set<std::string> raw;
    for (const char* id : {"A", "B", "C", "D"}) {
      if (matched->count(store_.Pseudonym(id))) raw.insert(id);
    }
    EXPECT_EQ(raw.size(), matched->size()) << "matched someone outside A-D";
    return raw;
  }

  void ExpectUsage(const std::string& key, const json& value, const std::string& fragment) {
    auto matched = MatchClinicalCriterion(store_.catalog(), key, value);
    ASSERT_FALSE(matched.ok()) << key << " " << value.dump() << " was accepted";
    EXPECT_EQ(matched.status().code(), ErrorCode::kUsage);
    EXPECT_NE(matched.status().message().find("'" + key + "'"), std::string::npos)
        << matched.status().message();
    EXPECT_NE(matched.status().message().find(fragment), std::string::npos) << matched.status().message();
  }

  LayerStore store_;
};

using Set = std::set<std::string>;

TEST_F(ClinicalFilter, Keys) {
  for (const char* key : {"diagnosis", "hpo", "sex", "age", "population", "consent", "secondary_findings",
                          "treatment", "outcome", "omics", "pro", "wearable", "pathology", "imaging"}) {
    EXPECT_TRUE(IsClinicalCriterion(key)) << key;
  }
  EXPECT_FALSE(IsClinicalCriterion("gene"));
  EXPECT_FALSE(IsClinicalCriterion("variant"));
}

TEST_F(ClinicalFilter, DiagnosisPrefixesAndOntologyDescendants) {
  EXPECT_EQ(Match("diagnosis", "ICD10:C50"), (Set{"A"}));
  EXPECT_EQ(Match("diagnosis", "C50.9"), (Set{"A"}));
  EXPECT_EQ(Match("diagnosis", "ICD10:C50.1"), (Set{}));
  // MONDO:0016419 lies below MONDO:0007254; B's breast cancer is excluded.
  EXPECT_EQ(Match("diagnosis", "MONDO:0007254"), (Set{"A", "C"}));
  EXPECT_EQ(Match("diagnosis", json::array({"ICD10:C18", "MONDO:0016419"})), (Set{"A", "B"}));
}

TEST_F(ClinicalFilter, HpoWithDescendantsNeverMatchingExcludedTerms) {
  // A has a child of Seizure, C had the alternative id (stored as Seizure), B's Seizure is excluded.
  EXPECT_EQ(Match("hpo", "HP:0001250"), (Set{"A", "C"}));
  EXPECT_EQ(Match("hpo", "HP:0002279"), (Set{"A", "C"}));
  EXPECT_EQ(Match("hpo", "HP:0000707"), (Set{"A", "B", "C"}));
  EXPECT_EQ(Match("hpo", json::array({"HP:0007359", "HP:0001263"})), (Set{"A", "B"}));
  EXPECT_EQ(Match("hpo", "HP:0002069"), (Set{}));
}

TEST_F(ClinicalFilter, ParticipantAttributes) {
  EXPECT_EQ(Match("sex", "female"), (Set{"A", "C"}));
  EXPECT_EQ(Match("sex", json::array({"Male", "other"})), (Set{"B", "D"}));
  EXPECT_EQ(Match("age", json{{"min", 18}, {"max", 65}}), (Set{"A", "C"}));
  EXPECT_EQ(Match("age", json{{"min", 65}}), (Set{"C"}));
  EXPECT_EQ(Match("age", json{{"max", 17}}), (Set{"B"}));
  EXPECT_EQ(Match("population", "EAS"), (Set{"A", "C"}));
  EXPECT_EQ(Match("population", json::array({"afr", "nfe"})), (Set{"B", "D"}));
  EXPECT_EQ(Match("secondary_findings", "opt_in"), (Set{"A"}));
  EXPECT_EQ(Match("secondary_findings", "unknown"), (Set{"C", "D"}));
}

TEST_F(ClinicalFilter, ConsentFollowsTheDuoHierarchy) {
  EXPECT_EQ(Match("consent", "GRU"), (Set{"A"}));
  EXPECT_EQ(Match("consent", "HMB"), (Set{"A", "B"}));           // GRU satisfies HMB
  EXPECT_EQ(Match("consent", "DS"), (Set{"A", "B", "C", "D"}));  // any DS, or HMB/GRU
  EXPECT_EQ(Match("consent", "DUO:0000007"), (Set{"A", "B", "C", "D"}));
  // C consented to breast cancer research, which covers the hereditary subtype; D only to the subtype.
  EXPECT_EQ(Match("consent", "DS:MONDO:0016419"), (Set{"A", "B", "C", "D"}));
  EXPECT_EQ(Match("consent", "DS:MONDO:0007254"), (Set{"A", "B", "C"}));
  EXPECT_EQ(Match("consent", json::array({"HMB", "NCU"})), (Set{"B"}));
  EXPECT_EQ(Match("consent", "IRB"), (Set{"D"}));
}

TEST_F(ClinicalFilter, TreatmentsAndOutcomes) {
  EXPECT_EQ(Match("treatment", "ATC:L01"), (Set{"A"}));
  EXPECT_EQ(Match("treatment", "atc:l"), (Set{"A", "B"}));
  EXPECT_EQ(Match("treatment", "DrugCentral:1610"), (Set{"C"}));
  EXPECT_EQ(Match("outcome", "remission"), (Set{"A", "C"}));
  EXPECT_EQ(Match("outcome", json::array({"PROGRESSION"})), (Set{"B"}));
}

TEST_F(ClinicalFilter, OmicsThresholdsAreStrict) {
  json base = {{"assay", "rna_tpm"}, {"feature", "ZG00012"}};
  EXPECT_EQ(Match("omics", base), (Set{"A", "B", "C"}));
  json within = base;
  within["above"] = 10;
  within["below"] = 100;
  EXPECT_EQ(Match("omics", within), (Set{"B"}));
  json above = base;
  above["above"] = 50;
  EXPECT_EQ(Match("omics", above), (Set{"C"}));
  json below = base;
  below["below"] = 50;
  EXPECT_EQ(Match("omics", below), (Set{"A"}));
  EXPECT_EQ(Match("omics", json{{"assay", "proteome"}, {"feature", "ZG00012"}}), (Set{}));
}

TEST_F(ClinicalFilter, PatientReportedOutcomeSummaries) {
  json pain = {{"instrument", "EQ5D"}, {"item", "pain"}};
  auto with = [&](json extra) {
    json criterion = pain;
    criterion.update(extra);
    return criterion;
  };
  EXPECT_EQ(Match("pro", pain), (Set{"A", "B"}));
  EXPECT_EQ(Match("pro", with({{"above", 3}})), (Set{"A"}));  // latest: A 4, B 1
  EXPECT_EQ(Match("pro", with({{"summary", "mean"}, {"above", 2.5}, {"below", 3.5}})), (Set{"A"}));
  EXPECT_EQ(Match("pro", with({{"summary", "min"}, {"below", 2}})), (Set{"B"}));
  EXPECT_EQ(Match("pro", with({{"summary", "max"}, {"above", 3.5}})), (Set{"A"}));
  // Window: A's latest before March is 2; a date-only "to" covers the whole day (B at noon).
  EXPECT_EQ(Match("pro", with({{"to", "2024-03-01"}, {"above", 1.5}})), (Set{"A"}));
  EXPECT_EQ(Match("pro", with({{"from", "2024-03-01"}, {"to", "2024-03-01"}})), (Set{"B"}));
  EXPECT_EQ(Match("pro", with({{"from", "2025-01-01"}})), (Set{}));
}

TEST_F(ClinicalFilter, WearableSummariesOverATimeWindow) {
  json hr = {{"metric", "heart_rate"}};
  auto with = [&](json extra) {
    json criterion = hr;
    criterion.update(extra);
    return criterion;
  };
  EXPECT_EQ(Match("wearable", hr), (Set{"A", "B"}));                     // C has no heart rate readings
  EXPECT_EQ(Match("wearable", with({{"above", 65}})), (Set{"A", "B"}));  // mean: A 70, B 100
  EXPECT_EQ(Match("wearable", with({{"summary", "max"}, {"below", 90}})), (Set{"A"}));
  EXPECT_EQ(Match("wearable", with({{"summary", "count"}, {"above", 2}})), (Set{"A"}));
  EXPECT_EQ(Match("wearable", with({{"from", "2024-05-02"}})), (Set{"B"}));
  EXPECT_EQ(Match("wearable", with({{"summary", "min"}, {"from", "2024-05-01T08:01:00Z"}, {"above", 65}})),
            (Set{"A", "B"}));
  EXPECT_EQ(Match("wearable", with({{"to", "2024-05-01T08:00:30Z"}, {"summary", "max"}})), (Set{"A"}));
  EXPECT_EQ(Match("wearable", json{{"metric", "steps"}, {"summary", "count"}}), (Set{"C"}));
}

TEST_F(ClinicalFilter, PathologyAndImagingRowsMatchAllGivenFields) {
  EXPECT_EQ(Match("pathology", json{{"diagnosis_code", "ICDO3:8500/3"}}), (Set{"A"}));
  EXPECT_EQ(Match("pathology", json{{"diagnosis_code", "ICDO3:8"}}), (Set{"A", "B"}));
  EXPECT_EQ(Match("pathology", json{{"diagnosis_code", "8500/3"}, {"grade", "g2"}}), (Set{"A"}));
  EXPECT_EQ(Match("pathology", json{{"body_site", "colon"}, {"grade", "G2"}}), (Set{}));
  EXPECT_EQ(Match("pathology", json{{"stage", "pT3"}}), (Set{"B"}));
  EXPECT_EQ(Match("imaging", json{{"modality", "mr"}}), (Set{"A"}));
  EXPECT_EQ(Match("imaging", json{{"finding_code", "HP:0001250"}}), (Set{"A"}));  // a descendant
  EXPECT_EQ(Match("imaging", json{{"modality", "CT"}, {"body_site", "CHEST"}}), (Set{"B"}));
  EXPECT_EQ(Match("imaging", json{{"finding_code", "HP:0001250"}, {"modality", "CT"}}), (Set{}));
  EXPECT_EQ(Match("imaging", json{{"finding_code", "RID:1234"}, {"body_site", "chest"}}), (Set{"B"}));
}

TEST_F(ClinicalFilter, BadValuesAreUsageErrorsNamingTheKey) {
  ExpectUsage("sex", "woman", "'woman' is not one of");
  ExpectUsage("sex", json::array(), "expected");
  ExpectUsage("age", 5, "expected an object");
  ExpectUsage("age", json{{"minimum", 3}}, "unknown member 'minimum'");
  ExpectUsage("age", json{{"min", "3"}}, "'min' must be a number");
  ExpectUsage("diagnosis", "cancer", "'cancer' is not a diagnosis code");
  ExpectUsage("diagnosis", json::array({"ICD10:C50", 3}), "expected");
  ExpectUsage("hpo", "HP:1", "not an HPO id");
  ExpectUsage("consent", "XYZ", "unknown consent code");
  ExpectUsage("treatment", "L01", "expected a treatment code");
  ExpectUsage("omics", json{{"assay", "rna_tpm"}}, "'feature' is required");
  ExpectUsage("omics", json{{"assay", "rna_tpm"}, {"feature", "G"}, {"above", "ten"}},
              "'above' must be a number");
  ExpectUsage("pro", json{{"instrument", "EQ5D"}, {"item", "pain"}, {"summary", "median"}},
              "'summary' must be");
  ExpectUsage("wearable", json{{"metric", "hr"}, {"from", "yesterday"}}, "'from' must be an ISO 8601");
  ExpectUsage("wearable", json{{"metric", "hr"}, {"summary", "latest"}}, "mean, min, max or count");
  ExpectUsage("pathology", json{{"diagnosis_code", "carcinoma"}}, "'diagnosis_code' must be");
  ExpectUsage("imaging", json{{"modality", "XR"}}, "'modality' must be a DICOM modality");
  auto unknown = MatchClinicalCriterion(store_.catalog(), "gene", "BRCA1");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), ErrorCode::kUsage);
}

TEST_F(ClinicalFilter, AllParticipantsIncludesGenomesWithoutClinicalData) {
  ASSERT_TRUE(store_.catalog()
                  .Exec("INSERT INTO segments(segment_id, directory, created, source, n_samples, n_variants, "
                        "coverage, checksum) VALUES(1, 's000001', 'now', 'x.vcf', 1, 0, 'assumed', '-')")
                  .ok());
  auto insert = store_.catalog().Prepare(
      "INSERT INTO samples(sample_id, pseudonym, segment_id, column_index) VALUES(1, ?1, 1, 0)");
  ASSERT_TRUE(insert.ok());
  insert->Bind(1, std::string_view(store_.Pseudonym("GENOME-ONLY")));
  ASSERT_TRUE(insert->Run().ok());
  auto all = AllParticipants(store_.catalog());
  ASSERT_TRUE(all.ok()) << all.status().message();
  EXPECT_EQ(all->size(), 5u);
  EXPECT_TRUE(all->count(store_.Pseudonym("GENOME-ONLY")));
  EXPECT_TRUE(all->count(store_.Pseudonym("D")));
}

TEST(ClinicalFilterWithoutLayers, MatchesNobodyButStillChecksValues) {
  LayerStore store;
  auto diagnosis = MatchClinicalCriterion(store.catalog(), "diagnosis", "ICD10:C50");
  ASSERT_TRUE(diagnosis.ok()) << diagnosis.status().message();
  EXPECT_TRUE(diagnosis->empty());
  auto wearable = MatchClinicalCriterion(store.catalog(), "wearable", json{{"metric", "hr"}});
  ASSERT_TRUE(wearable.ok()) << wearable.status().message();
  EXPECT_TRUE(wearable->empty());
  EXPECT_FALSE(MatchClinicalCriterion(store.catalog(), "hpo", "seizure").ok());
  auto sex = MatchClinicalCriterion(store.catalog(), "sex", "female");
  ASSERT_TRUE(sex.ok());
  EXPECT_TRUE(sex->empty());
  // Without an ontology, MONDO codes match exactly.
  ASSERT_TRUE(store.Import(LayerKind::kClinical, "c.csv", kClinical).ok());
  auto exact = MatchClinicalCriterion(store.catalog(), "diagnosis", "MONDO:0007254");
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(*exact, (std::set<std::string>{store.Pseudonym("C")}));
}

}  // namespace
}  // namespace zenome
