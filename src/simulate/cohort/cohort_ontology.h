#pragma once
// cohort/hp.obo: an OBO 1.2 slice of the Human Phenotype Ontology holding every term the simulator
// uses (hpo_terms.h) and their ancestors up to "Phenotypic abnormality" (HP:0000118) and "All"
// (HP:0000001), with HPO ids and labels (a few grouping labels may have been renamed in later HPO
// releases). The is_a edges are a simplified subset of HPO's (some intermediate terms are
// skipped), enough for "a term and its descendants" queries. To exercise an importer's remapping,
// two alternative ids (alt_id) and one obsolete term with replaced_by are added; those ids
// (HP:99000xx) are synthetic on purpose, and clinical.csv uses them now and then.

#include <string>
#include <string_view>

namespace zenome::simulate {

// The synthetic ids: alternative ids of Seizure and Hypertension, and an obsolete term replaced
// by Hypertension.
inline constexpr std::string_view kSeizureAltId = "HP:9900001";
inline constexpr std::string_view kHypertensionAltId = "HP:9900004";
inline constexpr std::string_view kObsoleteHypertensionId = "HP:9900003";

std::string HpoOboText();

}  // namespace zenome::simulate
