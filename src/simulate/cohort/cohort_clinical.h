#pragma once
// The cohort's clinical layer (cohort/clinical.csv): one participant per listed sample, with the
// sample's sex and population, an age, diagnoses, HPO terms, treatments (ATC), an outcome, consent
// (GA4GH DUO) and the secondary-findings choice. Diagnoses follow the genotypes: a sample whose
// ClinVar pathogenic alleles explain a catalogue disease (cohort_plan.h) is usually diagnosed with
// it (its MONDO id), carriers of a cancer-predisposition disease get breast or colon cancer more
// often, and common conditions (ICD-10) come with age and sex. HPO terms come from the diagnosed
// diseases (hpo_terms.h), now and then spelled with an alternative or obsolete id (cohort_ontology.h).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "simulate/clinical/clinical.h"
#include "simulate/cohort/cohort_plan.h"
#include "simulate/population/population.h"

namespace zenome::simulate {

struct CohortParticipant {
  int individual = 0;  // index into the listed samples
  std::string id;      // participant_id: the sample name
  bool male = false;
  std::string population;
  int age = 0;                         // years at enrolment
  int64_t enrolled_day = 0;            // days since 1970-01-01
  std::vector<int> rare_diseases;      // catalogue indices diagnosed
  std::vector<std::string> diagnoses;  // MONDO ids of rare_diseases, then ICD-10 codes
  std::vector<std::string> hpo_terms;  // as written
  std::vector<std::string> treatments;
  std::string outcome;
  std::string consent;
  std::string secondary_findings;
  bool HasDiagnosis(std::string_view code) const;
};

// `genotypes` from SummariseCarriers (per listed sample).
std::vector<CohortParticipant> DrawParticipants(const std::vector<Individual>& individuals, int samples,
                                                const std::vector<std::string>& populations,
                                                const std::vector<Disease>& diseases,
                                                const std::vector<std::vector<DiseaseGenotype>>& genotypes,
                                                uint64_t seed);

std::string ClinicalCsv(const std::vector<CohortParticipant>& participants);

// RFC 4180 cell: quoted (with doubled quotes) when it holds a comma, quote or line break.
void AppendCsvCell(std::string& out, std::string_view cell);
// "a;b;c"
std::string JoinList(const std::vector<std::string>& items);
// ISO 8601: "2024-03-01" for a day since the epoch, "2024-03-01T08:00:00Z" for seconds.
std::string IsoDate(int64_t days_since_epoch);
std::string IsoTimestamp(int64_t seconds_since_epoch);

}  // namespace zenome::simulate
