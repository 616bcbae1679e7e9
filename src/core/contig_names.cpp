#include "core/contig_names.h"

namespace zenome {

std::string CanonicalContigName(std::string_view name) {
  if (name.size() > 3 &&
      (name.substr(0, 3) == "chr" || name.substr(0, 3) == "Chr" || name.substr(0, 3) == "CHR")) {
    name.remove_prefix(3);
  }
  if (name == "M" || name == "MT" || name == "chrM" || name == "chrMT") return "MT";
  return std::string(name);
}

ContigNameMap::ContigNameMap(const std::vector<std::string>& native_names) {
  for (const auto& name : native_names) Add(name);
}

void ContigNameMap::Add(std::string_view native_name) {
  by_canonical_.emplace(CanonicalContigName(native_name), std::string(native_name));
}

std::optional<std::string> ContigNameMap::NativeName(std::string_view any_name) const {
  auto it = by_canonical_.find(CanonicalContigName(any_name));
  if (it == by_canonical_.end()) return std::nullopt;
  return it->second;
}

}  // namespace zenome
