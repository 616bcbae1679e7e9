#include "store/segment/row_composer.h"

#include <algorithm>

namespace zenome {

using segment::Breakpoint;
using segment::kContigEnd;
using segment::PloidyInterval;

RowComposer::RowComposer(const std::vector<std::vector<PloidyInterval>>& intervals)
    : n_columns_(intervals.size()),
      ploidy_(intervals.size(), 0),
      base_row_(intervals.size(), static_cast<uint8_t>(GenotypeCode::kMissing)),
      uncallable_(intervals.size()) {
  // Interval starts and ends of every column in position order (ends before starts at one
  // position, so adjacent intervals hand over cleanly).
  for (size_t column = 0; column < intervals.size(); ++column) {
    for (const auto& interval : intervals[column]) {
      events_.push_back({interval.start, static_cast<uint32_t>(column), interval.ploidy});
      if (interval.end != kContigEnd) events_.push_back({interval.end, static_cast<uint32_t>(column), 0});
    }
  }
  std::stable_sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
    if (a.pos0 != b.pos0) return a.pos0 < b.pos0;
    return (a.ploidy == 0) > (b.ploidy == 0);
  });

  std::vector<uint32_t> ploidy(n_columns_, 0);
  int64_t total = 0;
  for (size_t i = 0; i < events_.size();) {
    uint32_t pos0 = events_[i].pos0;
    for (; i < events_.size() && events_[i].pos0 == pos0; ++i) {
      total += static_cast<int64_t>(events_[i].ploidy) - ploidy[events_[i].column];
      ploidy[events_[i].column] = events_[i].ploidy;
    }
    uint32_t value = static_cast<uint32_t>(total);
    if (breakpoints_.empty() ? value != 0 || pos0 == 0 : breakpoints_.back().allele_number != value) {
      breakpoints_.push_back({pos0, value});
    }
  }
}

void RowComposer::AdvanceTo(uint32_t pos0) {
  for (; next_event_ < events_.size() && events_[next_event_].pos0 <= pos0; ++next_event_) {
    const Event& event = events_[next_event_];
    uint32_t old = ploidy_[event.column];
    baseline_ += static_cast<int64_t>(event.ploidy) - old;
    if ((old == 0) != (event.ploidy == 0)) {
      if (event.ploidy == 0) {
        ++uncallable_;
        base_row_[event.column] = static_cast<uint8_t>(GenotypeCode::kMissing);
      } else {
        --uncallable_;
        base_row_[event.column] = static_cast<uint8_t>(GenotypeCode::kHomRef);
      }
    }
    ploidy_[event.column] = event.ploidy;
  }
}

void RowComposer::Compose(uint32_t pos0, const std::vector<GenotypeEntry>& calls, SiteCounts& counts,
                          std::string& row) {
  AdvanceTo(pos0);
  counts = SiteCounts();
  int64_t allele_number = baseline_;
  for (const auto& call : calls) {
    uint32_t p = ploidy_[call.column];
    if (call.code == static_cast<uint8_t>(GenotypeCode::kMissing)) {
      allele_number -= p;
      continue;
    }
    if (p == 0) allele_number += 2;  // a call where no ploidy was recorded: diploid
    segment::CallContribution contribution = segment::Contribution(call.code, p);
    counts.allele_count += contribution.allele_count;
    counts.het += contribution.het;
    counts.hom_alt += contribution.hom_alt;
  }
  counts.allele_number = static_cast<uint32_t>(std::max<int64_t>(allele_number, 0));

  row.clear();
  if (uncallable_ == 0) {
    EncodeGenotypeRowFromEntries(calls, n_columns_, row);
  } else {
    row_codes_ = base_row_;
    for (const auto& call : calls) row_codes_[call.column] = call.code;
    EncodeGenotypeRow(row_codes_.data(), n_columns_, row);
  }
}

}  // namespace zenome
