#pragma once
// chr1 and 1 are the same contig. Every source (VCF header, FASTA, GFF3, sites VCF) keeps its own
// spelling; lookups go through the canonical name: "chr" prefix dropped, M/chrM → MT.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zenome {

// "chr1" → "1", "chrX" → "X", "chrM"/"M" → "MT", "1" → "1", "chrUn_KI270302v1" → "Un_KI270302v1".
std::string CanonicalContigName(std::string_view name);

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
