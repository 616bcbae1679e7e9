#pragma once
// chr1 and 1 are the same contig. Every source (VCF header, FASTA, GFF3, sites VCF) keeps its own
// spelling; lookups go through the canonical name: "chr" prefix dropped, M/chrM → MT, and, when
// a contig alias table is installed (contig_alias.h, `--contig-alias FILE`), every name of one of
// its lines (NC_000001.11, chr1) → that line's key ("1").

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zenome {

// "chr1" → "1", "chrX" → "X", "chrM"/"M" → "MT", "1" → "1", "chrUn_KI270302v1" → "Un_KI270302v1";
// with an installed alias table, also "NC_000001.11" → "1" (or whatever its line says). Without
// one it costs one relaxed atomic load more than the builtin rule.
std::string CanonicalContigName(std::string_view name);

// The builtin rule alone, whatever alias table is installed.
std::string BuiltinCanonicalContigName(std::string_view name);

// Why two names are one contig, for the errors that refuse a source naming one contig twice:
// "chr1 and 1 are one name", plus "; so are the names on one line of FILE" with an alias table.
std::string SameContigRule();

// The spellings one source uses, found by any spelling of the same contig.
class ContigNameMap {
 public:
  ContigNameMap() = default;
  explicit ContigNameMap(const std::vector<std::string>& native_names);

  void Add(std::string_view native_name);
  // The source's own spelling of `any_name`, if the source has that contig.
  std::optional<std::string> NativeName(std::string_view any_name) const;
  bool Contains(std::string_view any_name) const { return NativeName(any_name).has_value(); }
  size_t size() const { return by_canonical_.size(); }

 private:
  std::unordered_map<std::string, std::string> by_canonical_;
};

}  // namespace zenome
