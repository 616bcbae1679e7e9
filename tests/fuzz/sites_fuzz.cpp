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
  Result<std::shared_ptr<const ReferenceGenome>> opened = ReferenceGenome::Open(fuzz::SmallReference());
  if (!opened.ok()) fuzz::Fail(opened.status().message());
  genome = *opened;
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
      Result<std::optional<SiteValues>> hit = (*reader)->Lookup(contig, allele.pos0, allele.ref, allele.alt);
      if (!hit.ok()) {
        fuzz::FailOnInternal(hit.status());
        continue;
      }
      if (hit->has_value()) {
        size_t total = (*hit)->id().size();
        for (size_t f = 0; f < (*hit)->size(); ++f) total += (*hit)->has(f) ? (*hit)->value(f).size() : 0;
        (void)total;
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
