// The cohort's other layers: omics, PRO, pathology, imaging and wearable files parse as the store
// reads them (RFC 4180 CSV, ISO 8601 dates, known participants, the store's vocabularies), agree
// with clinical.csv, and carry their planted effects.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "cohort_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

std::map<std::string, std::map<std::string, std::string>> ClinicalById() {
  std::map<std::string, std::map<std::string, std::string>> rows;
  for (const auto& row : ReadTable(MainFile("cohort/clinical.csv")).rows)
    rows[row.at("participant_id")] = row;
  return rows;
}

bool HasDiagnosis(const std::map<std::string, std::string>& row, const std::string& code) {
  auto codes = SplitCell(row.at("diagnoses"));
  return std::count(codes.begin(), codes.end(), code) > 0;
}

const std::regex kDate("[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])");
const std::regex kTimestamp(
    "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z");

TEST(SimulatedCohortLayers, OmicsIsANumericMatrixWithLessExpressionInLossOfFunctionCarriers) {
  Table omics = ReadTable(MainFile("cohort/omics.tsv"), '\t');
  auto clinical = ClinicalById();
  ASSERT_EQ(omics.header.at(0), "feature");
  std::vector<std::string> participants(omics.header.begin() + 1, omics.header.end());
  EXPECT_GT(participants.size(), clinical.size() * 7 / 10);
  EXPECT_LE(participants.size(), clinical.size());
  for (const std::string& id : participants) EXPECT_TRUE(clinical.count(id)) << id;
  GffModel gff = ReadGff3(MainFile("genes.gff3"));
  std::map<std::string, std::map<std::string, double>> log_values;  // gene → participant → log value
  for (const auto& row : omics.rows) {
    const std::string& gene = row.at("feature");
    ASSERT_TRUE(gff.genes.count(gene)) << gene;
    EXPECT_EQ(gff.genes.at(gene).biotype, "protein_coding");
    for (const std::string& id : participants) {
      double value = std::stod(row.at(id));
      ASSERT_GT(value, 0) << gene << " " << id;
      log_values[gene][id] = std::log(value);
    }
  }
  EXPECT_GE(omics.rows.size(), 50u);
  // Every disease gene is measured; carriers of its loss-of-function alleles express it less.
  const auto dosages = PathogenicDosages(MainRun(), participants);
  double effect = 0;
  int genes_with_carriers = 0, carrier_values = 0;
  for (const CatalogueDisease& disease : ReadDiseases(MainRun())) {
    ASSERT_TRUE(log_values.count(disease.gene)) << disease.gene;
    double carrier_sum = 0, other_sum = 0;
    int carrier_n = 0, other_n = 0;
    for (const std::string& id : participants) {
      auto found = dosages.at(id).find(disease.gene);
      const bool carrier = found != dosages.at(id).end() && found->second.lof_copies > 0;
      (carrier ? carrier_sum : other_sum) += log_values[disease.gene][id];
      (carrier ? carrier_n : other_n) += 1;
    }
    if (carrier_n == 0 || other_n == 0) continue;
    ++genes_with_carriers;
    carrier_values += carrier_n;
    effect += other_sum / other_n - carrier_sum / carrier_n;
  }
  ASSERT_GE(genes_with_carriers, 2);
  ASSERT_GE(carrier_values, 3);
  // Half the expression per allele is log(2) = 0.69; noise per gene has a standard deviation of 0.6 at most.
  EXPECT_GT(effect / genes_with_carriers, 0.35);
}

TEST(SimulatedCohortLayers, ProItemsAreScoresAtIsoTimestamps) {
  Table pro = ReadTable(MainFile("cohort/pro.csv"));
  EXPECT_EQ(pro.header,
            (std::vector<std::string>{"participant_id", "instrument", "item", "timestamp", "value"}));
  auto clinical = ClinicalById();
  std::map<std::string, std::set<std::string>> visits;
  std::map<bool, std::pair<double, int>> phq_by_depression;
  for (const auto& row : pro.rows) {
    const std::string& id = row.at("participant_id");
    ASSERT_TRUE(clinical.count(id)) << id;
    EXPECT_TRUE(std::regex_match(row.at("timestamp"), kTimestamp)) << row.at("timestamp");
    const int value = std::stoi(row.at("value"));
    const std::string& instrument = row.at("instrument");
    const std::string& item = row.at("item");
    if (instrument == "EQ5D5L") {
      if (item == "VAS") {
        EXPECT_TRUE(value >= 0 && value <= 100) << value;
      } else {
        EXPECT_TRUE(item == "MO" || item == "SC" || item == "UA" || item == "PD" || item == "AD") << item;
        EXPECT_TRUE(value >= 1 && value <= 5) << value;
      }
    } else {
      ASSERT_EQ(instrument, "PHQ9");
      EXPECT_TRUE(std::regex_match(item, std::regex("PHQ9_0[1-9]"))) << item;
      EXPECT_TRUE(value >= 0 && value <= 3) << value;
      auto& [sum, n] = phq_by_depression[HasDiagnosis(clinical.at(id), "ICD10:F32.9")];
      sum += value;
      ++n;
    }
    visits[id].insert(row.at("timestamp"));
  }
  EXPECT_GT(visits.size(), clinical.size() / 2);
  for (const auto& [id, times] : visits) {
    EXPECT_GE(times.size(), 2u) << id;
    EXPECT_LE(times.size(), 4u) << id;
  }
  if (phq_by_depression[true].second > 0) {
    EXPECT_GT(phq_by_depression[true].first / phq_by_depression[true].second,
              phq_by_depression[false].first / phq_by_depression[false].second + 0.5);
  }
}

TEST(SimulatedCohortLayers, PathologyFollowsCancerDiagnoses) {
  Table pathology = ReadTable(MainFile("cohort/pathology.csv"));
  EXPECT_EQ(pathology.header,
            (std::vector<std::string>{"participant_id", "specimen_id", "collected", "body_site",
                                      "diagnosis_code", "finding", "grade", "stage"}));
  auto clinical = ClinicalById();
  std::set<std::string> specimens, with_cancer_specimen;
  bool quoted_site = false;
  for (const auto& row : pathology.rows) {
    const std::string& id = row.at("participant_id");
    ASSERT_TRUE(clinical.count(id)) << id;
    EXPECT_TRUE(specimens.insert(row.at("specimen_id")).second) << row.at("specimen_id");
    // Specimen ids never carry the participant's identifier.
    EXPECT_EQ(row.at("specimen_id").find(id), std::string::npos);
    EXPECT_TRUE(std::regex_match(row.at("collected"), kDate)) << row.at("collected");
    const std::string& code = row.at("diagnosis_code");
    EXPECT_TRUE(std::regex_match(code, std::regex("ICDO3:[0-9]{4}/[0-3]"))) << code;
    quoted_site |= row.at("body_site").find(',') != std::string::npos;
    if (code.back() == '3') {
      const auto& c = clinical.at(id);
      EXPECT_TRUE(HasDiagnosis(c, "ICD10:C50.9") || HasDiagnosis(c, "ICD10:C18.9") ||
                  HasDiagnosis(c, "ICD10:C61"))
          << id << " has a malignant specimen without a cancer diagnosis";
      EXPECT_FALSE(row.at("grade").empty());
      EXPECT_FALSE(row.at("stage").empty());
      with_cancer_specimen.insert(id);
    }
  }
  int cancers = 0;
  for (const auto& [id, row] : clinical) {
    if (HasDiagnosis(row, "ICD10:C50.9") || HasDiagnosis(row, "ICD10:C18.9") ||
        HasDiagnosis(row, "ICD10:C61")) {
      ++cancers;
      EXPECT_TRUE(with_cancer_specimen.count(id)) << id << " has a cancer diagnosis but no specimen";
    }
  }
  EXPECT_GT(cancers, 0);
  EXPECT_TRUE(quoted_site) << "no body_site needed RFC 4180 quoting";
}

TEST(SimulatedCohortLayers, ImagingStudiesUseDicomModalities) {
  Table imaging = ReadTable(MainFile("cohort/imaging.csv"));
  EXPECT_EQ(imaging.header, (std::vector<std::string>{"participant_id", "study_id", "acquired", "modality",
                                                      "body_site", "finding_code", "finding"}));
  auto clinical = ClinicalById();
  const std::set<std::string> modalities = {"CT", "MR", "PT", "US", "MG", "CR", "DX", "NM", "XA"};
  std::set<std::string> studies, used;
  int coded = 0;
  for (const auto& row : imaging.rows) {
    const std::string& id = row.at("participant_id");
    ASSERT_TRUE(clinical.count(id)) << id;
    EXPECT_TRUE(studies.insert(row.at("study_id")).second);
    EXPECT_TRUE(std::regex_match(row.at("acquired"), kTimestamp)) << row.at("acquired");
    EXPECT_TRUE(modalities.count(row.at("modality"))) << row.at("modality");
    used.insert(row.at("modality"));
    EXPECT_FALSE(row.at("finding").empty());
    const std::string& code = row.at("finding_code");
    if (code.empty()) continue;
    ++coded;
    EXPECT_TRUE(std::regex_match(code, std::regex("HP:[0-9]{7}|ICD10:[A-Z][0-9]{2}(\\.[0-9])?"))) << code;
    // A coded finding is one of the participant's diagnoses or features.
    const auto& c = clinical.at(id);
    auto terms = SplitCell(c.at("hpo_terms"));
    EXPECT_TRUE(HasDiagnosis(c, code) || std::count(terms.begin(), terms.end(), code) > 0)
        << id << " " << code;
  }
  EXPECT_GT(coded, 0);
  EXPECT_GE(used.size(), 3u);
}

TEST(SimulatedCohortLayers, WearableSeriesAreHourlyWithNightlySleep) {
  Table wearable = ReadTable(MainFile("cohort/wearable.csv"));
  EXPECT_EQ(wearable.header, (std::vector<std::string>{"participant_id", "timestamp", "metric", "value"}));
  auto clinical = ClinicalById();
  std::map<std::string, std::map<std::string, int>> per_metric;  // participant → metric → rows
  for (const auto& row : wearable.rows) {
    ASSERT_TRUE(clinical.count(row.at("participant_id")));
    EXPECT_TRUE(std::regex_match(row.at("timestamp"), kTimestamp)) << row.at("timestamp");
    const std::string& metric = row.at("metric");
    const double value = std::stod(row.at("value"));
    if (metric == "heart_rate") {
      EXPECT_TRUE(value > 25 && value < 220) << value;
    } else if (metric == "steps") {
      EXPECT_GE(value, 0);
    } else {
      ASSERT_EQ(metric, "sleep_minutes");
      EXPECT_TRUE(value >= 120 && value <= 720) << value;
    }
    ++per_metric[row.at("participant_id")][metric];
  }
  EXPECT_GT(per_metric.size(), 5u);
  EXPECT_LT(per_metric.size(), clinical.size());
  const int days = 2;  // the default --wearable-days
  for (const auto& [id, metrics] : per_metric) {
    EXPECT_EQ(metrics.at("heart_rate"), 24 * days) << id;
    EXPECT_EQ(metrics.at("steps"), 24 * days) << id;
    EXPECT_EQ(metrics.at("sleep_minutes"), days) << id;
  }
}

TEST(SimulatedCohortLayers, CsvParserHandlesQuoting) {
  auto rows = ParseCsv("a,\"b, c\",\"say \"\"hi\"\"\"\n,x,\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b, c", "say \"hi\""}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"", "x", ""}));
  EXPECT_THROW(ParseCsv("a,\"b\n"), std::runtime_error);
}

}  // namespace
}  // namespace zenome::simulate::testing
