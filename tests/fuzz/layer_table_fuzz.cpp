// The other table layers through ImportLayer, as `zenome db import DIR --layer omics|pro|pathology|
// imaging|wearable FILE` runs them (import_target.h). Input: the file; its first line may be
// "#layer=NAME" to choose the layer (the line is removed), otherwise the input's hash chooses.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "import_target.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  zenome::fuzz::SilenceHtslib();
  (void)zenome::fuzz::ImportTemplate();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zenome;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  struct Layer {
    std::string_view name;
    LayerKind kind;
    const char* file;
  };
  constexpr Layer kLayers[] = {{"omics", LayerKind::kOmics, "rna_tpm.tsv"},
                               {"pro", LayerKind::kPro, "pro.csv"},
                               {"pathology", LayerKind::kPathology, "pathology.csv"},
                               {"imaging", LayerKind::kImaging, "imaging.csv"},
                               {"wearable", LayerKind::kWearable, "wearable.csv"}};
  const uint32_t h = fuzz::InputHash(data, size);
  const Layer* layer = &kLayers[h % 5];
  constexpr std::string_view kPrefix = "#layer=";
  if (text.substr(0, kPrefix.size()) == kPrefix) {
    const size_t end = text.find('\n');
    const std::string_view name =
        text.substr(kPrefix.size(), end == text.npos ? text.npos : end - kPrefix.size());
    for (const Layer& candidate : kLayers) {
      if (candidate.name == name) layer = &candidate;
    }
    text.remove_prefix(end == text.npos ? text.size() : end + 1);
  }
  const std::string path = fuzz::WriteFile(layer->file, text);
  (void)fuzz::ImportOnce(layer->kind, path, ImportOptions{});
  return 0;
}
