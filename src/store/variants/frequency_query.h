#pragma once
// The frequency query behind `zenome db query` and the server's variant API: the stored variants of
// a region, a gene or one variant, with allele counts overall and per group, their gene effect when
// the store is annotated, and (with permission) their carriers. Rendered by store/render.

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/catalog/store_dir.h"
#include "store/catalog/store_types.h"
#include "store/variants/annotations.h"
#include "store/variants/variant_store.h"

namespace zenome {

struct FrequencyRequest {
  // Exactly one of these selects the variants.
  std::string region;   // "chr1:1,000-2,000", "chr1:1000", "chr1" (1-based, closed)
  std::string variant;  // "chr1-12345-A-G" or "chr1:12345:A:G"
  std::string gene;     // symbol or gene id; needs `zenome db annotate`
  std::string by;       // "", "population", "sex" or "diagnosis"
  bool carriers = false;
  // Carrier pseudonyms say who carries what: the caller must have established the permission.
  bool carriers_permitted = false;
};

struct FrequencyRow {
  SiteSummary site;
  // The effect shown: on the queried gene, else the most severe (by impact); gene_id empty when
  // the site has none (intergenic) or the store is not annotated.
  VariantGeneEffect effect;
  std::vector<Carrier> carriers;
};

struct FrequencyTable {
  bool annotated = false;                // the store has gene annotations (effect columns are meaningful)
  bool with_carriers = false;            // carriers were asked for
  std::string dimension;                 // the --by dimension, "" without groups
  std::vector<std::string> group_names;  // index = SiteSummary::groups
  std::vector<FrequencyRow> rows;        // position order
  std::vector<std::string> notes;        // e.g. a variant that is not in the store
};

// Usage errors for a request that selects nothing or several things, carriers without permission,
// or an unknown group dimension; NotFound for an unknown gene.
Result<FrequencyTable> QueryFrequencies(const StoreHandle& store, const FrequencyRequest& request);

}  // namespace zenome
