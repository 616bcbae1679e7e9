#pragma once
// The clinical criteria of a cohort query (`zenome db cohort`): each criterion {key: value} selects
// the participants (by pseudonym) whose clinical layers match it; the cohort engine (cohort.h)
// intersects them with each other and with genotype criteria. Indexed SQL throughout: code lookups
// use the code indexes (prefix hierarchies as index range scans, ontology descendants through the
// is_a index), wearable summaries one primary-key range scan per participant. README.md,
// "Clinical layers and cohort filters", lists the criteria and their value forms.

#include <nlohmann/json_fwd.hpp>

#include <set>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/catalog/catalog.h"

namespace zenome {

// Keys this module evaluates: diagnosis, hpo, sex, age, population, consent, secondary_findings,
// treatment, outcome, omics, pro, wearable, pathology, imaging.
bool IsClinicalCriterion(std::string_view key);

// Pseudonyms of the participants matching one criterion {key: value}. Usage errors name the key and
// what was expected. A store without layer data matches nobody (the value is still checked).
Result<std::set<std::string>> MatchClinicalCriterion(Catalog& catalog, std::string_view key,
                                                     const nlohmann::json& value);

// Everyone the store knows: participants with clinical data and current genomes.
Result<std::set<std::string>> AllParticipants(Catalog& catalog);

}  // namespace zenome
