#pragma once
// zenome db compact: merges segments into fewer, larger ones (README.md "Compaction"). Each ingest
// batch is a segment, so a store fed one genome at a time holds thousands: every query then
// visits each, and each repeats the sites the others hold. Compaction rewrites a run of segments
// as one, with the same genomes, the same answers to every query, and one copy of each site; the
// old segments are removed only after the catalog points at the new one, so a crash at any moment
// leaves either the old or the new state. Readers that opened the store before keep their
// snapshot (the old files stay mapped).

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/catalog/store_dir.h"

namespace zenome {

struct CompactOptions {
  int threads = 1;  // contigs are merged on this many threads
  // Segments are taken in id order into groups of at most this many genomes (a larger segment
  // stays alone); 0 merges them all into one.
  int64_t max_samples = 0;
  // Genomes replaced by a later ingest are dropped, with their catalog rows (by default they are
  // kept, as ingest keeps them, for the record).
  bool drop_replaced = false;
};

struct CompactStats {
  int64_t segments_before = 0;
  int64_t segments_after = 0;
  int64_t segments_merged = 0;       // old segments rewritten
  int64_t samples = 0;               // genomes (columns) in the new segments
  int64_t dropped = 0;               // replaced genomes dropped
  int64_t variants = 0;              // sites in the new segments
  uint64_t bytes_before = 0;         // of the segments rewritten
  uint64_t bytes_after = 0;          // of the segments written
  std::vector<std::string> created;  // new segment directories
};

// `store` must be opened for writing. Each group is its own commit: an error or crash leaves
// the groups done so far compacted and the rest as they were. Refuses a store whose catalog does
// not match its segments (run `zenome db check`).
Result<CompactStats> CompactStore(StoreHandle& store, const CompactOptions& options);

}  // namespace zenome
