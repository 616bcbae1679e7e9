#pragma once
// The kinds of data layer a store holds besides genotypes, by the names `--layer` takes.

#include <string_view>

#include "core/status.h"

namespace zenome {

enum class LayerKind {
  kClinical,   // CSV/TSV table, or GA4GH Phenopacket v2 JSON (.json)
  kOmics,      // feature × participant matrix
  kPro,        // patient-reported outcomes
  kPathology,  // specimen reports
  kImaging,    // imaging study metadata
  kWearable,   // time series
  kOntology,   // OBO file (hp.obo, mondo.obo)
};

std::string_view LayerKindName(LayerKind kind);
// "clinical", "omics", ...; Usage error listing the layers otherwise.
Result<LayerKind> ParseLayerKind(std::string_view name);

}  // namespace zenome
