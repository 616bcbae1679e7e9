#pragma once
// Per-record problems are counted and summarised, not printed one per line: the first few of each
// kind are reported with their location, the rest only counted. With strict mode the caller turns
// the first problem into an error instead.

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace zenome {

class Diagnostics {
 public:
  // `sink` receives each reported message; without one they are only counted (library code never
  // prints: the command line installs a sink that writes to stderr).
  explicit Diagnostics(int max_reported_per_kind = 5, std::function<void(const std::string&)> sink = {});

  // Thread-safe. `kind` is a short stable label ("REF mismatch"), `message` the located detail.
  void Warn(std::string_view kind, const std::string& message);
  int64_t Count(std::string_view kind) const;
  int64_t Total() const;
  // "2 REF mismatch, 1 unknown contig" (empty when nothing was reported).
  std::string Summary() const;
  void set_quiet(bool quiet) { quiet_ = quiet; }

 private:
  mutable std::mutex mutex_;
  int max_reported_per_kind_;
  bool quiet_ = false;
  std::function<void(const std::string&)> sink_;
  std::map<std::string, int64_t, std::less<>> counts_;
};

}  // namespace zenome
