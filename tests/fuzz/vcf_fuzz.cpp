// VCF/BCF through zenome's reader and record normaliser: NormalizeVcf, the library call behind
// `zenome norm -f REF [-m-] -c e|w|x|s`, on a small fixed reference (fuzz_support.h). Input: a
// whole VCF (or BCF, or gzipped) file. Invariant: whatever norm writes, zenome reads it back
// without an error, record for record.

#include <cstdint>
#include <string>

#include "core/normalize_vcf.h"
#include "fuzz_support.h"

namespace {

using namespace zenome;

std::string reference_path;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::SilenceHtslib();
  reference_path = fuzz::SmallReference();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The options come from the input's hash, so one input always takes the same path.
  const uint32_t h = fuzz::InputHash(data, size);
  NormalizeVcfOptions options;
  options.input = fuzz::WriteFile("input.vcf", data, size);
  options.reference_fasta = reference_path;
  options.output = fuzz::TempDir() + ((h & 16) != 0 ? "/out.bcf" : "/out.vcf");
  options.writer.type = (h & 16) != 0 ? VcfOutputType::kBcf : VcfOutputType::kVcf;
  options.writer.record_version = false;
  options.normalizer.split_multiallelic = (h & 1) != 0;
  constexpr RefCheck kChecks[] = {RefCheck::kWarn, RefCheck::kExclude, RefCheck::kSet, RefCheck::kError};
  options.normalizer.ref_check = kChecks[(h >> 1) % 4];
  options.normalizer.other_alleles_missing = (h & 32) != 0;
  options.sort_window = (h & 64) != 0 ? 1000 : 5;
  Diagnostics diagnostics = fuzz::QuietDiagnostics();
  Result<NormalizeVcfStats> stats = NormalizeVcf(options, diagnostics);
  if (!stats.ok()) {
    fuzz::FailOnInternal(stats.status());
    return 0;
  }

  fuzz::CheckOutputReadsBack(options.output, stats->records_out, "norm");
  return 0;
}
