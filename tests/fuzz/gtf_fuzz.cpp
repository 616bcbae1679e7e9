// GTF gene models through LoadGeneModel, the loader behind `zenome annotate -g` and
// `zenome db annotate -g` (format detected from content, as there). Input: a whole GTF file.
// Invariants: every model it accepts is consistent (gene_model_check.h), and no ID holds a quote.
#include <cstdint>
#include <optional>
#include <string>

#include "fuzz_support.h"
#include "gene_model_check.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  zenome::fuzz::SilenceHtslib();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zenome;
  std::optional<GeneModel> model = fuzz::LoadAndCheckGeneModel(data, size, "genes.gtf");
  if (!model) return 0;
  // A GTF value is quoted, so an ID never holds a quote (an unbalanced one, or a bare value after
  // a stray tab, used to become part of the transcript ID).
  for (const Transcript& transcript : model->transcripts()) {
    if (transcript.id.find('"') != std::string::npos || transcript.gene_id.find('"') != std::string::npos) {
      fuzz::Fail("a quote in the IDs of transcript " + transcript.id);
    }
  }
  return 0;
}
