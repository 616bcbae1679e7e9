#include "simulate/cohort/cohort_clinical.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

#include "simulate/clinical/clinical.h"
#include "simulate/cohort/cohort_ontology.h"
#include "simulate/common/common.h"

namespace zenome::simulate {

namespace {

constexpr int64_t kStudyStartDay = 17897;  // 2019-01-01
constexpr int64_t kStudyDays = 1826;       // to 2023-12-31

// Common conditions: prevalence rises from `base` by `per_year` above `min_age`.
struct CommonCondition {
  std::string_view code;
  std::string_view hpo;  // a feature from hpo_terms.cpp, or empty
  std::array<std::string_view, 2> treatments;
  int sex;  // 0 any, 1 male, 2 female
  int min_age;
  double base;
  double per_year;
  double max;
  bool cancer;
};

constexpr std::array<CommonCondition, 9> kConditions = {{
    {"ICD10:I10", "HP:0000822", {"ATC:C09AA05", "ATC:C08CA01"}, 0, 20, 0.02, 0.008, 0.55, false},
    {"ICD10:E11.9", "", {"ATC:A10BA02", ""}, 0, 30, 0.02, 0.003, 0.2, false},
    {"ICD10:E78.5", "", {"ATC:C10AA05", ""}, 0, 30, 0.05, 0.004, 0.3, false},
    {"ICD10:J45.9", "", {"ATC:R03AC02", ""}, 0, 0, 0.08, 0, 0.08, false},
    {"ICD10:F32.9", "", {"ATC:N06AB06", ""}, 0, 12, 0.07, 0, 0.07, false},
    {"ICD10:M81.0", "HP:0000939", {"ATC:M05BA04", ""}, 2, 55, 0.06, 0.004, 0.2, false},
    {"ICD10:C50.9", "HP:0003002", {"ATC:L02BA01", "ATC:L01XC03"}, 2, 30, 0.01, 0.0008, 0.06, true},
    {"ICD10:C18.9", "HP:0003003", {"ATC:L01BC06", ""}, 0, 40, 0.005, 0.0004, 0.03, true},
    {"ICD10:C61", "", {"ATC:L02BB03", ""}, 1, 50, 0.02, 0.002, 0.1, true},
}};

// A treatment for a catalogue disease by organ system (empty: none usual).
std::string_view RareDiseaseTreatment(PhenotypeSystem system) {
  switch (system) {
    case PhenotypeSystem::kNeurological: return "ATC:N03AX14";
    case PhenotypeSystem::kCardiac: return "ATC:C07AB07";
    case PhenotypeSystem::kSkeletal: return "ATC:H01AC01";
    case PhenotypeSystem::kMetabolic: return "ATC:A16AA01";
    case PhenotypeSystem::kRenal: return "ATC:C09AA05";
    case PhenotypeSystem::kBloodImmune: return "ATC:J06BA02";
    case PhenotypeSystem::kMuscle: return "ATC:H02AB06";
    default: return "";
  }
}

void AddUnique(std::vector<std::string>& items, std::string_view item) {
  if (item.empty()) return;
  if (std::find(items.begin(), items.end(), item) == items.end()) items.emplace_back(item);
}

}  // namespace

bool CohortParticipant::HasDiagnosis(std::string_view code) const {
  return std::find(diagnoses.begin(), diagnoses.end(), code) != diagnoses.end();
}

std::vector<CohortParticipant> DrawParticipants(const std::vector<Individual>& individuals, int samples,
                                                const std::vector<std::string>& populations,
                                                const std::vector<Disease>& diseases,
                                                const std::vector<std::vector<DiseaseGenotype>>& genotypes,
                                                uint64_t seed) {
  const auto terms = HpoTerms();
  std::vector<CohortParticipant> participants;
  for (int i = 0; i < samples; ++i) {
    const Individual& person = individuals[static_cast<size_t>(i)];
    Rng rng(seed, {Label("cohort-clinical"), person.key});
    CohortParticipant p;
    p.individual = i;
    p.id = person.id;
    p.male = person.male;
    p.population = populations[static_cast<size_t>(person.population)];

    // Catalogue diseases: usually diagnosed when the genotype explains them (penetrance 0.9),
    // rarely without (a phenocopy, or a variant the sequencing missed).
    bool cancer_predisposition = false;
    for (const DiseaseGenotype& genotype : genotypes[static_cast<size_t>(i)]) {
      const Disease& disease = diseases[static_cast<size_t>(genotype.disease)];
      if (!genotype.qualifies) continue;
      cancer_predisposition |= disease.system == PhenotypeSystem::kCancer;
      if (rng.Chance(0.9)) p.rare_diseases.push_back(genotype.disease);
    }
    if (!diseases.empty() && rng.Chance(0.02)) {
      int d = static_cast<int>(rng.Below(diseases.size()));
      if (diseases[static_cast<size_t>(d)].inheritance != Inheritance::kXLinked || p.male)
        p.rare_diseases.push_back(d);
    }
    std::sort(p.rare_diseases.begin(), p.rare_diseases.end());
    p.rare_diseases.erase(std::unique(p.rare_diseases.begin(), p.rare_diseases.end()), p.rare_diseases.end());
    p.age = static_cast<int>(p.rare_diseases.empty() ? rng.Range(18, 90) : rng.Range(1, 60));
    p.enrolled_day = kStudyStartDay + rng.Range(0, kStudyDays - 1);

    for (int d : p.rare_diseases) {
      const Disease& disease = diseases[static_cast<size_t>(d)];
      p.diagnoses.push_back(disease.mondo_id);
      std::vector<std::string> features;
      for (int term : disease.hpo) {
        if (rng.Chance(0.8)) features.emplace_back(terms[static_cast<size_t>(term)].id);
      }
      for (size_t t = 0; features.size() < 2 && t < disease.hpo.size(); ++t)
        AddUnique(features, terms[static_cast<size_t>(disease.hpo[t])].id);
      for (const std::string& feature : features) AddUnique(p.hpo_terms, feature);
      if (rng.Chance(0.7)) AddUnique(p.treatments, RareDiseaseTreatment(disease.system));
    }
    bool cancer = false;
    for (const CommonCondition& condition : kConditions) {
      if ((condition.sex == 1 && !p.male) || (condition.sex == 2 && p.male) || p.age < condition.min_age)
        continue;
      double risk =
          std::min(condition.max, condition.base + condition.per_year * (p.age - condition.min_age));
      if (condition.cancer && cancer_predisposition && condition.code != "ICD10:C61")
        risk = std::min(0.6, risk * 12);
      if (!rng.Chance(risk)) continue;
      p.diagnoses.emplace_back(condition.code);
      cancer |= condition.cancer;
      AddUnique(p.hpo_terms, condition.hpo);
      for (std::string_view treatment : condition.treatments) {
        if (!treatment.empty() && rng.Chance(0.75)) AddUnique(p.treatments, treatment);
      }
    }
    if (rng.Chance(0.08)) AddUnique(p.hpo_terms, terms[rng.Below(terms.size())].id);
    std::sort(p.hpo_terms.begin(), p.hpo_terms.end());
    // Now and then an alternative or obsolete spelling, as older records have them.
    for (std::string& term : p.hpo_terms) {
      if (term == "HP:0000822") {
        double u = rng.Uniform();
        if (u < 0.15)
          term = std::string(kHypertensionAltId);
        else if (u < 0.25)
          term = std::string(kObsoleteHypertensionId);
      } else if (term == "HP:0001250" && rng.Chance(0.2)) {
        term = std::string(kSeizureAltId);
      }
    }

    if (cancer) {
      static constexpr std::array<double, 4> kWeights = {0.55, 0.2, 0.15, 0.1};
      static constexpr std::array<const char*, 4> kOutcomes = {"remission", "stable disease",
                                                               "progressive disease", "deceased"};
      p.outcome = kOutcomes[rng.Weighted(kWeights)];
    } else {
      p.outcome = rng.Chance(p.age > 75 ? 0.08 : 0.01) ? "deceased" : "alive";
    }
    if (!p.rare_diseases.empty() && rng.Chance(0.3)) {
      p.consent = "DS:" + diseases[static_cast<size_t>(p.rare_diseases.front())].mondo_id;
    } else {
      static constexpr std::array<double, 6> kWeights = {0.45, 0.33, 0.08, 0.06, 0.05, 0.03};
      static constexpr std::array<const char*, 6> kConsents = {"GRU",     "HMB",     "HMB;NCU",
                                                               "GRU;IRB", "HMB;NPU", "NRES"};
      p.consent = kConsents[rng.Weighted(kWeights)];
    }
    static constexpr std::array<double, 3> kChoiceWeights = {0.6, 0.25, 0.15};
    static constexpr std::array<const char*, 3> kChoices = {"opt_in", "opt_out", "unknown"};
    p.secondary_findings = kChoices[rng.Weighted(kChoiceWeights)];
    participants.push_back(std::move(p));
  }
  return participants;
}

std::string ClinicalCsv(const std::vector<CohortParticipant>& participants) {
  std::string out =
      "participant_id,sex,age,population,diagnoses,hpo_terms,treatments,outcome,consent,secondary_findings\n";
  for (const CohortParticipant& p : participants) {
    AppendCsvCell(out, p.id);
    out += p.male ? ",male," : ",female,";
    out += std::to_string(p.age);
    out += ',';
    AppendCsvCell(out, p.population);
    out += ',';
    AppendCsvCell(out, JoinList(p.diagnoses));
    out += ',';
    AppendCsvCell(out, JoinList(p.hpo_terms));
    out += ',';
    AppendCsvCell(out, JoinList(p.treatments));
    out += ',';
    AppendCsvCell(out, p.outcome);
    out += ',';
    AppendCsvCell(out, p.consent);
    out += ',';
    AppendCsvCell(out, p.secondary_findings);
    out += '\n';
  }
  return out;
}

void AppendCsvCell(std::string& out, std::string_view cell) {
  if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ';';
    out += items[i];
  }
  return out;
}

std::string IsoDate(int64_t days_since_epoch) {
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(days_since_epoch))};
  char text[32];
  std::snprintf(text, sizeof(text), "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

std::string IsoTimestamp(int64_t seconds_since_epoch) {
  int64_t days =
      seconds_since_epoch >= 0 ? seconds_since_epoch / 86400 : -((-seconds_since_epoch + 86399) / 86400);
  int64_t rest = seconds_since_epoch - days * 86400;
  char text[32];
  std::snprintf(text, sizeof(text), "T%02lld:%02lld:%02lldZ", static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  return IsoDate(days) + text;
}

}  // namespace zenome::simulate
