// Population-frequency sites VCFs (gnomAD, jMorp/ToMMo, zenome's own export) through
// VariantSiteSource/VariantSiteReader, as `zenome annotate --af NAME=FILE:FIELDS` reads them.
// Input: the VCF text; it is bgzipped and tabix-indexed here. Every ALT in the file is looked up
// (MatchWindow, Load, Lookup) and its values read. Invariant: a plain single-ALT SNV or indel
// whose REF matches the reference is found.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/reference.h"
#include "fuzz_support.h"
#include "kb/variant_sites.h"
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
  std::optional<std::string> path = fuzz::WriteIndexedSites(text, "gnomad.sites.vcf.gz");
  if (!path) return 0;
  // Number=A, Number=1 and Number=R fields, and a Flag.
  Result<SiteFieldSpec> spec = ParseSiteFieldSpec("gnomad=" + *path + ":AF,AN,nhomalt,AD,NONPAR");
  if (!spec.ok()) fuzz::Fail(spec.status().message());
  Result<std::shared_ptr<const VariantSiteSource>> source = VariantSiteSource::Open(*spec, genome.get());
  if (!source.ok()) {
    fuzz::FailOnInternal(source.status());
    return 0;
  }
  Result<std::unique_ptr<ReferenceReader>> reference = ReferenceReader::Open(genome);
  if (!reference.ok()) fuzz::Fail(reference.status().message());
  Diagnostics diagnostics = fuzz::QuietDiagnostics();
  Result<std::unique_ptr<VariantSiteReader>> reader =
      VariantSiteReader::Open(*source, **reference, &diagnostics);
  if (!reader.ok()) return 0;

  fuzz::LookUpEveryAllele(text, **reader, *genome, **reference, [](const SiteValues& hit) {
    size_t total = hit.id().size();
    for (size_t f = 0; f < hit.size(); ++f) total += hit.has(f) ? hit.value(f).size() : 0;
    (void)total;  // every view must point at live text (ASan checks the reads)
  });
  return 0;
}
