#pragma once
// The store's contigs: meta 'contigs' (JSON [{"name", "length"}]), in reference order and spelled
// as the store's reference spells them. Filled from the reference at `db init -f`; without a
// reference, ingest adds the contigs it meets (with their ##contig lengths when declared), so
// later batches are checked against them. chr1 and 1 are the same contig (core/contig_names.h).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/genome_build.h"
#include "core/status.h"

namespace zenome {

class Catalog;

class StoreContigs {
 public:
  static Result<StoreContigs> Load(Catalog& catalog);
  Status Save(Catalog& catalog) const;

  const std::vector<ContigLength>& contigs() const { return contigs_; }
  bool empty() const { return contigs_.empty(); }
  // Index of a contig given under any spelling.
  std::optional<int> Index(std::string_view any_name) const;
  // The store's spelling.
  std::optional<std::string> Name(std::string_view any_name) const;
  // Adds a contig unknown so far (returns its index) or fills in a length that was unknown.
  int Add(std::string_view name, int64_t length);
  bool changed() const { return changed_; }

 private:
  std::vector<ContigLength> contigs_;
  std::unordered_map<std::string, int> by_canonical_;
  bool changed_ = false;
};

}  // namespace zenome
