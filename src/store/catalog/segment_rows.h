#pragma once
// The catalog's rows about variant segments and the genomes in their columns, read in one place
// for everything that lists them: queries (VariantStore), stats, `db check`, compaction and upgrade.
// Read them under one Catalog::ReadSnapshot to see segments and samples of the same commit.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/catalog/catalog.h"

namespace zenome {

// One row of `segments`: an ingest batch or a compaction's output.
struct SegmentRow {
  int64_t segment_id = 0;
  std::string directory;  // under DIR/segments/
  std::string created;    // UTC, ISO 8601
  std::string coverage;   // assumed | gvcf | mixed
  int64_t n_samples = 0;  // columns
  int64_t n_variants = 0;
  std::string checksum;  // SHA-256 of the segment's manifest.json
};

// One row of `samples`: a stored genome, in column `column` of segment `segment_id`.
struct SampleRow {
  int64_t sample_id = 0;
  std::string pseudonym;
  int64_t segment_id = 0;
  int64_t column = 0;
  std::optional<int64_t> replaced_by;  // a later genome of the same participant replaced it
  bool replaced() const { return replaced_by.has_value(); }
};

// In segment_id order.
Result<std::vector<SegmentRow>> ListSegments(Catalog& catalog);
// In sample_id order, replaced genomes included.
Result<std::vector<SampleRow>> ListSamples(Catalog& catalog);

}  // namespace zenome
