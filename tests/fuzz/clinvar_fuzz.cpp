// ClinVar's VCF through ClinVarReader, as `zenome annotate --clinvar FILE` reads it. Input: the VCF
// text; it is bgzipped and tabix-indexed here. Every ALT in the file is looked up (MatchWindow,
// Load, Lookup) and its assertion read. Invariants: a plain single-ALT SNV or indel whose REF
// matches the reference is found; review stars are -1..4.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/reference.h"
#include "fuzz_support.h"
#include "kb/clinvar.h"
#include "sites_fuzz_common.h"

namespace {
using namespace zenome;
std::shared_ptr<const ReferenceGenome> genome;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::SilenceHtslib();
  genome = fuzz::SmallReferenceGenome();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<std::string> path = fuzz::WriteIndexedSites(text, "clinvar.vcf.gz");
  if (!path) return 0;
  Result<std::shared_ptr<const VariantSiteSource>> source = ClinVarReader::OpenSource(*path, genome.get());
  if (!source.ok()) {
    fuzz::FailOnInternal(source.status());
    return 0;
  }
  Result<std::unique_ptr<ReferenceReader>> reference = ReferenceReader::Open(genome);
  if (!reference.ok()) fuzz::Fail(reference.status().message());
  Diagnostics diagnostics = fuzz::QuietDiagnostics();
  Result<std::unique_ptr<ClinVarReader>> reader = ClinVarReader::Open(*source, **reference, &diagnostics);
  if (!reader.ok()) return 0;

  fuzz::LookUpEveryAllele(text, **reader, *genome, **reference, [](const ClinVarAssertion& assertion) {
    if (assertion.stars < -1 || assertion.stars > 4) fuzz::Fail("review stars out of range");
    if (assertion.stars != ClinVarReviewStars(assertion.review_status)) fuzz::Fail("stars disagree");
    // Every view must point at live text (ASan checks the reads).
    std::string all = EscapeCsqValue(assertion.significance) + EscapeCsqValue(assertion.review_status) +
                      EscapeCsqValue(assertion.disease_names) + std::string(assertion.variation_id) +
                      std::string(assertion.allele_id);
    (void)all;
  });
  return 0;
}
