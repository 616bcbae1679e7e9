#pragma once
// Grouping of the stored genomes by a clinical attribute, for per-group allele frequencies
// (`db query --by population`): each current genome (samples.replaced_by IS NULL) joins its
// participant by pseudonym.

#include <string_view>

#include "core/status.h"
#include "store/catalog/catalog.h"
#include "store/catalog/store_types.h"

namespace zenome {

// dimension "population" (participants.population), "sex" (participants.sex, `unknown` included),
// or "diagnosis" (the participant's non-excluded diagnosis codes: a genome with two diagnoses is in
// two groups). Genomes without a value are in no group. Groups are sorted by name. Usage error for
// any other dimension.
Result<SampleGroups> LoadSampleGroups(Catalog& catalog, std::string_view dimension);

}  // namespace zenome
