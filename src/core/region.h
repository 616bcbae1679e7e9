#pragma once
// Regions as users type them ("chr1", "chr1:1000", "chr1:1,000-2,000": 1-based, closed, commas
// allowed, as samtools and bcftools take -r), parsed once for every front end.

#include <string>
#include <string_view>

#include "core/interval.h"
#include "core/status.h"

namespace zenome {

struct GenomicRegion {
  std::string contig;  // as typed; unify with a store's or reference's names before use
  Interval0 span;      // 0-based half-open; a whole contig is [0, INT64_MAX)
  bool whole_contig = false;
};

// Usage error naming the text and the expected shape when it does not parse or END < START.
Result<GenomicRegion> ParseRegion(std::string_view text);

}  // namespace zenome
