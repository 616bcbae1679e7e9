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
  Result<std::shared_ptr<const ReferenceGenome>> opened = ReferenceGenome::Open(fuzz::SmallReference());
  if (!opened.ok()) fuzz::Fail(opened.status().message());
  genome = *opened;
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

  std::vector<fuzz::SiteAllele> all = fuzz::SplitSiteLines(text);
  // Two spellings of one contig (chr1 and 1) are refused when the file is opened.
  const bool check_found = fuzz::OneSpellingPerContig(all);
  std::map<std::string, std::vector<fuzz::SiteAllele>> by_contig;
  for (fuzz::SiteAllele& allele : all) {
    if (by_contig.size() < 8 || by_contig.count(allele.contig) != 0) {
      by_contig[allele.contig].push_back(std::move(allele));
    }
  }
  for (const auto& [contig, alleles] : by_contig) {
    std::vector<Interval0> windows;
    std::vector<bool> windowed;
    for (const fuzz::SiteAllele& allele : alleles) {
      Result<Interval0> window = (*reader)->MatchWindow(contig, allele.pos0, allele.ref, allele.alt);
      windowed.push_back(window.ok());
      if (window.ok()) windows.push_back(*window);
    }
    Status loaded = (*reader)->Load(contig, windows);
    fuzz::FailOnInternal(loaded);
    if (!loaded.ok()) continue;
    for (size_t i = 0; i < alleles.size(); ++i) {
      const fuzz::SiteAllele& allele = alleles[i];
      if (!windowed[i]) continue;
      Result<std::optional<ClinVarAssertion>> hit =
          (*reader)->Lookup(contig, allele.pos0, allele.ref, allele.alt);
      if (!hit.ok()) {
        fuzz::FailOnInternal(hit.status());
        continue;
      }
      if (hit->has_value()) {
        const ClinVarAssertion& assertion = **hit;
        if (assertion.stars < -1 || assertion.stars > 4) fuzz::Fail("review stars out of range");
        if (assertion.stars != ClinVarReviewStars(assertion.review_status)) fuzz::Fail("stars disagree");
        // Every view must point at live text (ASan checks the reads).
        std::string all = EscapeCsqValue(assertion.significance) + EscapeCsqValue(assertion.review_status) +
                          EscapeCsqValue(assertion.disease_names) + std::string(assertion.variation_id) +
                          std::string(assertion.allele_id);
        (void)all;
        continue;
      }
      if (!check_found || !allele.simple || !genome->Length(contig)) continue;
      Result<std::string> bases =
          (*reference)->Fetch(contig, allele.pos0, allele.pos0 + static_cast<int64_t>(allele.ref.size()));
      std::string ref = allele.ref;
      for (char& c : ref) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (bases.ok() && *bases == ref) {
        fuzz::Fail("the sites file's own allele " + contig + ":" + std::to_string(allele.pos0 + 1) + " " +
                   allele.ref + ">" + allele.alt + " is not found");
      }
    }
  }
  return 0;
}
