// GFF3 gene models through LoadGeneModel, the loader behind `zenome annotate -g` and
// `zenome db annotate -g` (format detected from content, as there). Input: a whole GFF3 file.
// Invariant: every model it accepts is consistent (gene_model_check.h).
#include <cstdint>

#include "core/diagnostics.h"
#include "fuzz_support.h"
#include "gene_model_check.h"
#include "kb/gene_model.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  zenome::fuzz::SilenceHtslib();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zenome;
  const std::string path = fuzz::WriteFile("genes.gff3", data, size);
  // Lenient or --strict by the input's hash (one load per run: the loader's buffers are sized
  // for genomes, so a load costs milliseconds even for a tiny file).
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 16777619u;
  for (bool strict : {(h & 1) != 0}) {
    Diagnostics diagnostics = fuzz::QuietDiagnostics();
    GeneModelLoadOptions options;
    options.strict = strict;
    Result<GeneModel> model = LoadGeneModel(path, options, &diagnostics);
    if (!model.ok()) {
      fuzz::FailOnInternal(model.status());
      continue;
    }
    fuzz::CheckGeneModel(*model);
  }
  return 0;
}
