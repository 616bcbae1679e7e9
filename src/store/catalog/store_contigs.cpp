#include "store/catalog/store_contigs.h"

#include <nlohmann/json.hpp>

#include "core/contig_names.h"
#include "store/catalog/catalog.h"

namespace zenome {

Result<StoreContigs> StoreContigs::Load(Catalog& catalog) {
  StoreContigs contigs;
  ZENOME_ASSIGN_OR_RETURN(auto text, catalog.GetMeta("contigs"));
  if (!text || text->empty()) return contigs;
  nlohmann::json parsed = nlohmann::json::parse(*text, nullptr, false);
  if (!parsed.is_array()) return Status::BadInput(catalog.path() + ": meta 'contigs' is not a JSON array");
  for (const auto& contig : parsed) {
    if (!contig.is_object() || !contig.contains("name") || !contig["name"].is_string()) {
      return Status::BadInput(catalog.path() + ": meta 'contigs' has an entry without a name");
    }
    // Stored by the store itself; a damaged or hand-edited catalog gets an error, not an exception.
    auto length = contig.find("length");
    if (length != contig.end() && !length->is_number_integer()) {
      return Status::BadInput(catalog.path() + ": meta 'contigs' has a length that is not an integer");
    }
    contigs.Add(contig["name"].get<std::string>(), length == contig.end() ? 0 : length->get<int64_t>());
  }
  contigs.changed_ = false;
  return contigs;
}

Status StoreContigs::Save(Catalog& catalog) const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& contig : contigs_) list.push_back({{"name", contig.name}, {"length", contig.length}});
  return catalog.SetMeta("contigs", list.dump());
}

std::optional<int> StoreContigs::Index(std::string_view any_name) const {
  auto it = by_canonical_.find(CanonicalContigName(any_name));
  if (it == by_canonical_.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> StoreContigs::Name(std::string_view any_name) const {
  auto index = Index(any_name);
  if (!index) return std::nullopt;
  return contigs_[*index].name;
}

int StoreContigs::Add(std::string_view name, int64_t length) {
  std::string canonical = CanonicalContigName(name);
  auto it = by_canonical_.find(canonical);
  if (it != by_canonical_.end()) {
    if (contigs_[it->second].length == 0 && length > 0) {
      contigs_[it->second].length = length;
      changed_ = true;
    }
    return it->second;
  }
  int index = static_cast<int>(contigs_.size());
  contigs_.push_back({std::string(name), length});
  by_canonical_.emplace(std::move(canonical), index);
  changed_ = true;
  return index;
}

}  // namespace zenome
