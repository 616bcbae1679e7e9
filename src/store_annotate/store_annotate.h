#pragma once
// Gene annotations of the stored variants, as one library call (`zenome db annotate`, and the HTTP
// server later): predicts every stored site's effect on the genes it touches with src/annotate's
// TranscriptEffectPredictor (the same code as `zenome annotate`) and stores, per variant and gene,
// the most severe consequence and the picked transcript's HGVS (store/variant_annotations.h), for
// `db query --gene` and the gene-burden criterion of cohort queries.
//
// This folder joins store and annotate so that neither depends on the other.

#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/catalog/store_dir.h"

namespace zenome {

class Diagnostics;

struct StoreAnnotateOptions {
  std::string gene_model;  // GFF3 or GTF (required)
  std::string reference;   // FASTA; "" uses the one recorded by `db init`
};

struct StoreAnnotateStats {
  int64_t sites = 0;            // stored sites read
  int64_t effects = 0;          // (variant, gene) rows written
  int64_t genes = 0;            // genes of the model written
  int64_t failed = 0;           // sites the predictor could not annotate (e.g. contig not in the reference)
  int64_t last_segment_id = 0;  // the last ingest batch the annotations cover
};

// Replaces the stored gene annotations in one catalog transaction: readers see the old annotations
// or the new ones, and on any error the old ones stay. `store` must be opened for writing
// (OpenStore(dir, true)). Errors name the file they concern (gene model, reference); without
// options.reference the store must record one. Sites that cannot be annotated are counted in
// `failed` and reported to `diagnostics` (kind "not annotated"), as are gene-model problems.
Result<StoreAnnotateStats> AnnotateStore(StoreHandle& store, const StoreAnnotateOptions& options,
                                         Diagnostics& diagnostics);

}  // namespace zenome
