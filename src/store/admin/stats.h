#pragma once
// What a store holds and what it costs on disk (zenome db stats).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/catalog/store_dir.h"

namespace zenome {

struct SegmentStats {
  int64_t segment_id = 0;
  std::string directory;
  std::string created;
  std::string coverage;
  int64_t samples = 0;   // columns, replaced genomes included
  int64_t variants = 0;  // sites in this segment
  uint64_t bytes = 0;
};

struct StoreStats {
  std::string build;
  int64_t segments = 0;
  int64_t genomes = 0;   // current
  int64_t replaced = 0;  // genomes kept but replaced by a later ingest
  int64_t variants = 0;  // distinct variants over all segments
  std::vector<std::pair<std::string, int64_t>> variants_per_contig;
  uint64_t segment_bytes = 0;
  uint64_t catalog_bytes = 0;  // catalog.sqlite with its WAL
  uint64_t total_bytes = 0;
  double bytes_per_genome = 0;  // segment bytes / genomes stored (current and replaced)
  std::vector<SegmentStats> per_segment;
  std::vector<std::pair<std::string, int64_t>> layer_rows;  // clinical layer table → rows
};

Result<StoreStats> ComputeStoreStats(const StoreHandle& store);

}  // namespace zenome
