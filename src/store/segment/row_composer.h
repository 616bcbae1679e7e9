#pragma once
// Composes one site's genotype row and counts over all columns of a segment from the calls some
// columns have there: every other column is hom-ref where it is callable, else no call. Ingest
// (merging files) and compaction (merging segments) share it, so both count alike.

#include <cstdint>
#include <string>
#include <vector>

#include "store/segment/format.h"
#include "store/segment/genotype_codec.h"
#include "store/segment/writer.h"

namespace zenome {

class RowComposer {
 public:
  // intervals[c]: column c's callable intervals with their ploidy, sorted, not overlapping.
  explicit RowComposer(const std::vector<std::vector<segment::PloidyInterval>>& intervals);

  // The "baseline AN" step function (segment_format.h) over these columns.
  const std::vector<segment::Breakpoint>& breakpoints() const { return breakpoints_; }

  // The row and counts at `pos0` (not decreasing between calls) given the columns that have a
  // call there: `calls` sorted by column, distinct, hom-ref calls left out.
  void Compose(uint32_t pos0, const std::vector<GenotypeEntry>& calls, SiteCounts& counts, std::string& row);

 private:
  struct Event {
    uint32_t pos0;
    uint32_t column;
    uint32_t ploidy;  // new ploidy from pos0 on (0: the interval ended)
  };
  void AdvanceTo(uint32_t pos0);

  size_t n_columns_ = 0;
  std::vector<Event> events_;
  std::vector<segment::Breakpoint> breakpoints_;
  // Sweep state: each column's ploidy at the current position, its code when it has no call
  // (hom-ref where callable, else no call), and their sums.
  std::vector<uint32_t> ploidy_;
  std::vector<uint8_t> base_row_;
  size_t uncallable_ = 0;
  int64_t baseline_ = 0;
  size_t next_event_ = 0;
  std::vector<uint8_t> row_codes_;
};

}  // namespace zenome
