#include "core/contig_names.h"

#include "core/contig_alias.h"
#include "core/contig_alias_internal.h"

namespace zenome {

std::string BuiltinCanonicalContigName(std::string_view name) {
  if (name.size() > 3 &&
      (name.substr(0, 3) == "chr" || name.substr(0, 3) == "Chr" || name.substr(0, 3) == "CHR")) {
    name.remove_prefix(3);
  }
  if (name == "M" || name == "MT" || name == "chrM" || name == "chrMT") return "MT";
  return std::string(name);
}

std::string CanonicalContigName(std::string_view name) {
  std::string canonical = BuiltinCanonicalContigName(name);
  // Relaxed is enough: the table is installed before the threads that read it start
  // (contig_alias_internal.h).
  if (const ContigAliases* aliases = internal::installed_contig_aliases.load(std::memory_order_relaxed)) {
    if (const std::string* key = aliases->KeyOf(canonical)) canonical = *key;
  }
  return canonical;
}

std::string SameContigRule() {
  std::string rule = "chr1 and 1 are one name";
  if (const ContigAliases* aliases = InstalledContigAliases())
    rule += "; so are the names on one line of " + aliases->path();
  return rule;
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
