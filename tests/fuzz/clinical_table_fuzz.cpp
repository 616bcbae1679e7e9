// Clinical CSV/TSV layer files through ImportLayer(kClinical), as `zenome db import DIR --layer
// clinical FILE` runs them (import_target.h). Input: the file; it is named .csv, .tsv or .txt (the
// delimiter then comes from the header) by the input's hash, so one input always takes one path.
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
  const uint32_t h = fuzz::InputHash(data, size);
  constexpr const char* kNames[] = {"clinical.csv", "clinical.tsv", "clinical.txt"};
  const std::string path = fuzz::WriteFile(kNames[h % 3], data, size);
  Result<ImportStats> stats = fuzz::ImportOnce(LayerKind::kClinical, path, ImportOptions{});
  // A NUL inside a cell is refused (it used to truncate the value): an accepted file holds none.
  if (stats.ok() &&
      std::string_view(reinterpret_cast<const char*>(data), size).find('\0') != std::string_view::npos) {
    fuzz::Fail("a file with a NUL byte was accepted");
  }
  return 0;
}
