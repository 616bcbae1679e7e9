#include "core/region.h"

#include <charconv>
#include <cstdint>
#include <limits>

namespace zenome {

namespace {

bool ParsePosition(std::string_view text, int64_t& value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value >= 1;
}

}  // namespace

Result<GenomicRegion> ParseRegion(std::string_view text) {
  GenomicRegion region;
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    if (text.empty()) return Status::Usage("empty region; expected CHR, CHR:POS or CHR:START-END");
    region.contig = std::string(text);
    region.span = {0, std::numeric_limits<int64_t>::max()};
    region.whole_contig = true;
    return region;
  }
  region.contig = std::string(text.substr(0, colon));
  std::string range;
  for (char c : text.substr(colon + 1)) {
    if (c != ',') range.push_back(c);
  }
  size_t dash = range.find('-');
  int64_t first = 0;
  int64_t last = 0;
  bool parsed = !region.contig.empty() && ParsePosition(std::string_view(range).substr(0, dash), first) &&
                (dash == std::string::npos || ParsePosition(std::string_view(range).substr(dash + 1), last));
  if (!parsed) {
    return Status::Usage("region '" + std::string(text) + "': expected CHR:START-END with 1-based positions");
  }
  if (dash == std::string::npos) last = first;
  if (last < first) return Status::Usage("region '" + std::string(text) + "': END is before START");
  region.span = FromOneBasedClosed(first, last);
  return region;
}

}  // namespace zenome
