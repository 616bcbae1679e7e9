// GA4GH Phenopacket v2 JSON (one packet or an array) through ImportLayer(kClinical), as `zenome db
// import DIR --layer clinical FILE.json` runs it (import_target.h). Input: the JSON file.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "import_target.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  zenome::fuzz::SilenceHtslib();
  (void)zenome::fuzz::ImportTemplate();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zenome;
  const std::string path = fuzz::WriteFile("phenopackets.json", data, size);
  (void)fuzz::ImportOnce(LayerKind::kClinical, path, ImportOptions{});
  return 0;
}
