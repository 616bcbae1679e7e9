#pragma once
// Coordinates: 0-based half-open inside zenome (as htslib), 1-based closed only at text
// boundaries (VCF POS, BED is already 0-based, HGVS, GFF3). The conversions live here.

#include <cstdint>
#include <string>

namespace zenome {

// [start, end) on a contig, 0-based half-open. Empty when start == end (an insertion point).
struct Interval0 {
  int64_t start = 0;
  int64_t end = 0;

  int64_t length() const { return end - start; }
  bool empty() const { return end <= start; }
  bool Contains(int64_t pos0) const { return pos0 >= start && pos0 < end; }
  bool Overlaps(const Interval0& other) const { return start < other.end && other.start < end; }
  friend bool operator==(const Interval0&, const Interval0&) = default;
};

// 1-based closed [first, last] as written in VCF, GFF3 and HGVS.
inline Interval0 FromOneBasedClosed(int64_t first, int64_t last) {
  return {first - 1, last};
}
inline int64_t ToOneBased(int64_t pos0) {
  return pos0 + 1;
}
inline int64_t FromOneBased(int64_t pos1) {
  return pos1 - 1;
}

}  // namespace zenome
