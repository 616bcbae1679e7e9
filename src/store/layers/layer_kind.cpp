#include "store/layers/layer_kind.h"

#include <array>
#include <string>
#include <utility>

#include "core/text.h"

namespace zenome {

namespace {

constexpr std::array<std::pair<LayerKind, std::string_view>, 7> kLayerNames = {{
    {LayerKind::kClinical, "clinical"},
    {LayerKind::kOmics, "omics"},
    {LayerKind::kPro, "pro"},
    {LayerKind::kPathology, "pathology"},
    {LayerKind::kImaging, "imaging"},
    {LayerKind::kWearable, "wearable"},
    {LayerKind::kOntology, "ontology"},
}};

}  // namespace

std::string_view LayerKindName(LayerKind kind) {
  for (const auto& [k, name] : kLayerNames) {
    if (k == kind) return name;
  }
  return "?";
}

Result<LayerKind> ParseLayerKind(std::string_view name) {
  std::string lower = AsciiLower(name);
  std::string known;
  for (const auto& [kind, kind_name] : kLayerNames) {
    if (kind_name == lower) return kind;
    known += (known.empty() ? "" : ", ") + std::string(kind_name);
  }
  return Status::Usage("unknown layer '" + std::string(name) + "'; expected one of " + known);
}

}  // namespace zenome
