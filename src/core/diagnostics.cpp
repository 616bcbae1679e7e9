#include "core/diagnostics.h"

namespace zenome {

Diagnostics::Diagnostics(int max_reported_per_kind, std::function<void(const std::string&)> sink)
    : max_reported_per_kind_(max_reported_per_kind), sink_(std::move(sink)) {}

void Diagnostics::Warn(std::string_view kind, const std::string& message) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = counts_.find(kind);
  if (it == counts_.end()) it = counts_.emplace(std::string(kind), 0).first;
  int64_t seen = ++it->second;
  if (quiet_ || !sink_) return;
  if (seen <= max_reported_per_kind_) sink_(message);
  if (seen == max_reported_per_kind_ + 1) {
    sink_("further '" + it->first + "' problems are counted but not shown");
  }
}

int64_t Diagnostics::Count(std::string_view kind) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = counts_.find(kind);
  return it == counts_.end() ? 0 : it->second;
}

int64_t Diagnostics::Total() const {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t total = 0;
  for (const auto& [kind, count] : counts_) total += count;
  return total;
}

std::string Diagnostics::Summary() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out;
  for (const auto& [kind, count] : counts_) {
    if (!out.empty()) out += ", ";
    out += std::to_string(count) + " " + kind;
  }
  return out;
}

}  // namespace zenome
