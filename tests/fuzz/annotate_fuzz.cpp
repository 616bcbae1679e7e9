// A patient's VCF through AnnotateVcf, the library call behind `zenome annotate` (consequences,
// HGVS, population frequencies, ClinVar), with the knowledge bases of tests/data/annotate_small.
// Input: the VCF (or BCF) file. Output format, --pick and batch size come from the input's hash.
// Invariant: VCF output reads back with as many records as were written.

#include <cstdint>
#include <string>

#include "annotate/annotator.h"
#include "core/reference.h"
#include "fuzz_support.h"

namespace {
zenome::AnnotateOptions base;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  using namespace zenome;
  fuzz::SilenceHtslib();
  base.reference_fasta = fuzz::CopyTestData("annotate_small/reference.fa");
  if (!ReferenceGenome::Open(base.reference_fasta).ok()) fuzz::Fail("cannot index the reference");
  base.gene_model = fuzz::CopyTestData("annotate_small/genes.gff3");
  const std::string sites = fuzz::CopyTestData("annotate_small/population_sites.vcf.gz");
  fuzz::CopyTestData("annotate_small/population_sites.vcf.gz.tbi");
  base.frequency_sources = {"gnomad=" + sites + ":AF,AF_eas,nhomalt"};
  base.clinvar = fuzz::CopyTestData("annotate_small/clinvar.vcf.gz");
  fuzz::CopyTestData("annotate_small/clinvar.vcf.gz.tbi");
  base.writer.record_version = false;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zenome;
  const uint32_t h = fuzz::InputHash(data, size);
  AnnotateOptions options = base;
  options.input = fuzz::WriteFile("case.vcf", data, size);
  constexpr AnnotationFormat kFormats[] = {AnnotationFormat::kVcf, AnnotationFormat::kVcf,
                                           AnnotationFormat::kTsv, AnnotationFormat::kJson};
  options.format = kFormats[h % 4];
  options.output = fuzz::TempDir() + "/annotated.out";
  options.pick = (h & 4) != 0;
  options.batch_size = (h & 8) != 0 ? 3 : 32768;
  Diagnostics diagnostics = fuzz::QuietDiagnostics();
  Result<AnnotateStats> stats = AnnotateVcf(options, diagnostics);
  if (!stats.ok()) {
    fuzz::FailOnInternal(stats.status());
    return 0;
  }
  if (options.format != AnnotationFormat::kVcf) return 0;
  fuzz::CheckOutputReadsBack(options.output, stats->records, "annotate");
  return 0;
}
