#pragma once
// zenome db ingest: one batch of VCF/BCF/gVCF files becomes one new segment (README.md "Variant
// segments"); existing segments are never rewritten. Sample names are pseudonymised; records are
// normalised (split to biallelic, trimmed, left-aligned when the store has a reference). The batch
// is written under staging/, fsynced, renamed into segments/, and committed by one catalog
// transaction: a failure or crash at any point leaves the store as it was.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/catalog/store_dir.h"

namespace zenome {

class Diagnostics;
class Pseudonymizer;

struct IngestOptions {
  int threads = 1;       // files are read, and contigs merged, on this many threads
  bool replace = false;  // a sample already stored is replaced (its old row gets replaced_by)
  // Per-record warnings (skipped symbolic alleles, ...) go here; null: only counted.
  Diagnostics* diagnostics = nullptr;
};

struct IngestStats {
  int64_t segment_id = 0;
  std::string segment;  // directory name under segments/
  int64_t files = 0;
  int64_t samples = 0;
  int64_t replaced = 0;
  int64_t records_read = 0;
  int64_t variants = 0;  // distinct biallelic variants in the new segment
  int64_t reference_blocks = 0;
  int64_t skipped_alleles = 0;  // symbolic/breakend/'*' ALTs, not stored
  int64_t merged_duplicates = 0;
  uint64_t bytes = 0;  // segment size on disk
};

// `store` must be opened for writing (OpenStore(dir, true)). Errors name the file and line; on any
// error nothing is committed.
Result<IngestStats> IngestFiles(StoreHandle& store, const Pseudonymizer& pseudonymizer,
                                const std::vector<std::string>& paths, const IngestOptions& options);

}  // namespace zenome
