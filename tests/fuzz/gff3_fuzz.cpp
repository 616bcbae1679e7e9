// GFF3 gene models through LoadGeneModel, the loader behind `zenome annotate -g` and
// `zenome db annotate -g` (format detected from content, as there). Input: a whole GFF3 file.
// Invariant: every model it accepts is consistent (gene_model_check.h).
#include <cstdint>

#include "fuzz_support.h"
#include "gene_model_check.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  zenome::fuzz::SilenceHtslib();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  (void)zenome::fuzz::LoadAndCheckGeneModel(data, size, "genes.gff3");
  return 0;
}
