// OBO ontologies (hp.obo, mondo.obo) through ImportOntology, as `zenome db import DIR --layer
// ontology FILE` runs it (import_target.h), into a store whose clinical layers use HPO and MONDO
// codes, so a new release that drops or remaps them is handled too. Input: the OBO file.
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "import_target.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  zenome::fuzz::SilenceHtslib();
  (void)zenome::fuzz::ImportTemplate();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zenome;
  const std::string path = fuzz::WriteFile("ontology.obo", data, size);
  (void)fuzz::ImportOnce(LayerKind::kOntology, path, ImportOptions{});
  return 0;
}
