// cohort/clinical.csv and cohort/hp.obo: one participant per listed sample with its sex and
// population, codes in the store's formats, diagnoses that follow the genotypes, and an ontology
// whose terms cover every HPO id used and climb to the root.
#include <gtest/gtest.h>

#include <regex>

#include "cohort_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

const Table& Clinical() {
  static const Table table = ReadTable(MainFile("cohort/clinical.csv"));
  return table;
}

struct OboTerm {
  std::string name;
  std::vector<std::string> parents;
  std::vector<std::string> alt_ids;
  bool obsolete = false;
  std::string replaced_by;
};

struct Obo {
  std::map<std::string, std::string> header;
  std::map<std::string, OboTerm> terms;
};

Obo ReadObo(const std::string& path) {
  Obo obo;
  OboTerm* term = nullptr;
  bool in_term = false, in_header = true;
  for (const std::string& line : zenome::testing::ReadLines(path)) {
    if (line.empty()) continue;
    if (line[0] == '[') {
      in_header = false;
      in_term = line == "[Term]";
      term = nullptr;
      continue;
    }
    size_t colon = line.find(": ");
    if (colon == std::string::npos) continue;
    std::string tag = line.substr(0, colon), value = line.substr(colon + 2);
    if (in_header) {
      obo.header[tag] = value;
      continue;
    }
    if (!in_term) continue;
    if (tag == "id") {
      term = &obo.terms[value];
      continue;
    }
    if (term == nullptr) continue;
    const std::string id = value.substr(0, value.find(' '));
    if (tag == "name") term->name = value;
    if (tag == "is_a") term->parents.push_back(id);
    if (tag == "alt_id") term->alt_ids.push_back(id);
    if (tag == "is_obsolete") term->obsolete = value == "true";
    if (tag == "replaced_by") term->replaced_by = id;
  }
  return obo;
}

TEST(SimulatedCohort, EveryListedSampleIsAParticipantWithItsSexAndPopulation) {
  const Table& clinical = Clinical();
  EXPECT_EQ(clinical.header,
            (std::vector<std::string>{"participant_id", "sex", "age", "population", "diagnoses", "hpo_terms",
                                      "treatments", "outcome", "consent", "secondary_findings"}));
  auto samples = MainSamples();
  ASSERT_EQ(clinical.rows.size(), samples.size());
  std::set<std::string> seen;
  for (const auto& row : clinical.rows) {
    const std::string& id = row.at("participant_id");
    ASSERT_TRUE(samples.count(id)) << id << " is not in samples.tsv";
    EXPECT_TRUE(seen.insert(id).second) << id << " appears twice";
    EXPECT_EQ(row.at("sex"), samples.at(id).male ? "male" : "female") << id;
    EXPECT_EQ(row.at("population"), samples.at(id).population) << id;
    int age = std::stoi(row.at("age"));
    EXPECT_GE(age, 0);
    EXPECT_LE(age, 100);
  }
  // The participants are the sample names of population.vcf.gz too.
  VcfFile population = ReadVcf(MainFile("population.vcf.gz"));
  EXPECT_EQ(std::set<std::string>(population.sample_names.begin(), population.sample_names.end()), seen);
}

TEST(SimulatedCohort, ClinicalCodesFollowTheStoreFormats) {
  const std::regex diagnosis("MONDO:[0-9]{7}|ICD10:[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");
  const std::regex hpo("HP:[0-9]{7}");
  const std::regex atc("ATC:[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}");
  const std::regex consent("GRU|HMB|NCU|NPU|IRB|NRES|DS:MONDO:[0-9]{7}");
  std::set<std::string> outcomes, choices, consents;
  int with_diagnosis = 0, with_hpo = 0, with_treatment = 0, disease_specific = 0;
  for (const auto& row : Clinical().rows) {
    for (const std::string& code : SplitCell(row.at("diagnoses"))) {
      EXPECT_TRUE(std::regex_match(code, diagnosis)) << code;
    }
    for (const std::string& term : SplitCell(row.at("hpo_terms")))
      EXPECT_TRUE(std::regex_match(term, hpo)) << term;
    for (const std::string& code : SplitCell(row.at("treatments")))
      EXPECT_TRUE(std::regex_match(code, atc)) << code;
    for (const std::string& code : SplitCell(row.at("consent"))) {
      EXPECT_TRUE(std::regex_match(code, consent)) << code;
      consents.insert(code.substr(0, 2));
      disease_specific += code.rfind("DS:", 0) == 0;
    }
    EXPECT_FALSE(row.at("consent").empty());
    with_diagnosis += !row.at("diagnoses").empty();
    with_hpo += !row.at("hpo_terms").empty();
    with_treatment += !row.at("treatments").empty();
    outcomes.insert(row.at("outcome"));
    choices.insert(row.at("secondary_findings"));
  }
  const int n = static_cast<int>(Clinical().rows.size());
  EXPECT_GT(with_diagnosis, n / 4);
  EXPECT_GT(with_hpo, n / 10);
  EXPECT_GT(with_treatment, n / 5);
  EXPECT_GT(disease_specific, 0);
  EXPECT_GE(consents.size(), 3u);
  for (const std::string& outcome : outcomes) {
    EXPECT_TRUE(outcome == "alive" || outcome == "deceased" || outcome == "remission" ||
                outcome == "stable disease" || outcome == "progressive disease")
        << outcome;
  }
  EXPECT_EQ(choices, (std::set<std::string>{"opt_in", "opt_out", "unknown"}));
}

TEST(SimulatedCohort, DiagnosesFollowTheGenotypes) {
  const auto diseases = ReadDiseases(MainRun());
  std::vector<std::string> ids;
  for (const auto& row : Clinical().rows) ids.push_back(row.at("participant_id"));
  const auto dosages = PathogenicDosages(MainRun(), ids);
  auto samples = MainSamples();
  // For every (participant, disease): does the genotype explain it, and is it diagnosed?
  int explained_diagnosed = 0, explained_undiagnosed = 0, unexplained_diagnosed = 0, carriers = 0;
  for (const auto& row : Clinical().rows) {
    const std::string& id = row.at("participant_id");
    auto diagnoses = SplitCell(row.at("diagnoses"));
    for (const CatalogueDisease& disease : diseases) {
      const bool diagnosed = std::count(diagnoses.begin(), diagnoses.end(), disease.mondo) > 0;
      auto gene = dosages.at(id).find(disease.gene);
      const int copies = gene == dosages.at(id).end() ? 0 : gene->second.copies;
      carriers += copies > 0;
      const bool male = samples.at(id).male;
      const bool explained = disease.inheritance == "AD"   ? copies >= 1
                             : disease.inheritance == "AR" ? copies >= 2
                                                           : (male ? copies >= 1 : copies >= 2);
      if (explained && diagnosed) ++explained_diagnosed;
      if (explained && !diagnosed) ++explained_undiagnosed;
      if (!explained && diagnosed) ++unexplained_diagnosed;
      if (diagnosed) {
        // A diagnosed disease brings some of its features.
        auto terms = SplitCell(row.at("hpo_terms"));
        int shared = 0;
        for (const std::string& term : disease.hpo)
          shared += std::count(terms.begin(), terms.end(), term) > 0;
        EXPECT_GE(shared, 1) << id << " " << disease.mondo;
      }
    }
  }
  // Planted patients (about 15 % of 90) and their penetrance of 0.9; phenocopies are rare.
  EXPECT_GE(explained_diagnosed, 6);
  EXPECT_LE(explained_undiagnosed, explained_diagnosed / 2 + 1);
  EXPECT_LE(unexplained_diagnosed, explained_diagnosed / 3 + 1);
  EXPECT_GE(carriers, explained_diagnosed);
}

TEST(SimulatedCohort, OntologyCoversEveryTermAndClimbsToTheRoot) {
  Obo obo = ReadObo(MainFile("cohort/hp.obo"));
  EXPECT_EQ(obo.header["format-version"], "1.2");
  EXPECT_EQ(obo.header["ontology"], "hp");
  EXPECT_FALSE(obo.header["data-version"].empty());
  ASSERT_TRUE(obo.terms.count("HP:0000001"));
  ASSERT_TRUE(obo.terms.count("HP:0000118"));
  std::map<std::string, std::string> alternative;  // alt_id → term
  int obsolete_with_replacement = 0;
  for (const auto& [id, term] : obo.terms) {
    EXPECT_TRUE(std::regex_match(id, std::regex("HP:[0-9]{7}"))) << id;
    EXPECT_FALSE(term.name.empty()) << id;
    for (const std::string& alt : term.alt_ids) alternative[alt] = id;
    if (term.obsolete) {
      EXPECT_TRUE(term.parents.empty()) << id;
      ASSERT_TRUE(obo.terms.count(term.replaced_by)) << id;
      EXPECT_FALSE(obo.terms.at(term.replaced_by).obsolete);
      ++obsolete_with_replacement;
      continue;
    }
    // Every current term climbs to HP:0000001 through HP:0000118 (no cycles).
    if (id == "HP:0000001") continue;
    std::string at = id;
    bool through_phenotypic_abnormality = false;
    for (int steps = 0; at != "HP:0000001"; ++steps) {
      ASSERT_LT(steps, 30) << "cycle above " << id;
      through_phenotypic_abnormality |= at == "HP:0000118";
      ASSERT_EQ(obo.terms.at(at).parents.size(), 1u) << at;
      at = obo.terms.at(at).parents[0];
      ASSERT_TRUE(obo.terms.count(at)) << at << " (parent) is not defined";
    }
    EXPECT_TRUE(through_phenotypic_abnormality || id == "HP:0000118") << id;
  }
  EXPECT_GE(alternative.size(), 1u);
  EXPECT_EQ(obsolete_with_replacement, 1);
  auto known = [&](const std::string& id) { return obo.terms.count(id) > 0 || alternative.count(id) > 0; };
  for (const CatalogueDisease& disease : ReadDiseases(MainRun())) {
    for (const std::string& term : disease.hpo) EXPECT_TRUE(obo.terms.count(term)) << term;
  }
  int remapped = 0;
  for (const auto& row : Clinical().rows) {
    for (const std::string& term : SplitCell(row.at("hpo_terms"))) {
      EXPECT_TRUE(known(term)) << term;
      remapped += alternative.count(term) > 0 || (obo.terms.count(term) && obo.terms.at(term).obsolete);
    }
  }
  EXPECT_GT(remapped, 0) << "no alternative or obsolete id in clinical.csv exercises remapping";
}

}  // namespace
}  // namespace zenome::simulate::testing
