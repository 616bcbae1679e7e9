#include "core/genome_build.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "core/contig_names.h"
#include "core/diagnostics.h"
#include "core/text.h"

namespace zenome {

namespace {
struct KnownLength {
  std::string_view canonical;
  int64_t grch37;
  int64_t grch38;
};
// Primary-assembly lengths; a few contigs suffice to tell the builds apart.
constexpr KnownLength kKnownLengths[] = {
    {"1", 249250621, 248956422}, {"2", 243199373, 242193529}, {"3", 198022430, 198295559},
    {"17", 81195210, 83257441},  {"22", 51304566, 50818468},  {"X", 155270560, 156040895},
    {"Y", 59373566, 57227415},
};
}  // namespace

std::string_view GenomeBuildName(GenomeBuild build) {
  switch (build) {
    case GenomeBuild::kGRCh37: return "GRCh37";
    case GenomeBuild::kGRCh38: return "GRCh38";
    case GenomeBuild::kCustom: return "custom";
    case GenomeBuild::kUnknown: break;
  }
  return "unknown";
}

Result<GenomeBuild> ParseGenomeBuild(std::string_view text) {
  std::string lower = AsciiLower(text);
  if (lower == "grch38" || lower == "hg38" || lower == "b38") return GenomeBuild::kGRCh38;
  if (lower == "grch37" || lower == "hg19" || lower == "b37") return GenomeBuild::kGRCh37;
  if (lower == "custom") return GenomeBuild::kCustom;
  return Status::Usage("unknown reference build '" + std::string(text) +
                       "': expected GRCh38, GRCh37 or custom");
}

GenomeBuild DetectGenomeBuild(const std::vector<ContigLength>& contigs) {
  bool any_length = false;
  for (const auto& contig : contigs) {
    if (contig.length <= 0) continue;
    any_length = true;
    std::string canonical = CanonicalContigName(contig.name);
    for (const auto& known : kKnownLengths) {
      if (canonical != known.canonical) continue;
      if (contig.length == known.grch38) return GenomeBuild::kGRCh38;
      if (contig.length == known.grch37) return GenomeBuild::kGRCh37;
    }
  }
  return any_length ? GenomeBuild::kCustom : GenomeBuild::kUnknown;
}

Status CheckContigsAgree(const std::vector<ContigLength>& ours, std::string_view our_source,
                         const std::vector<ContigLength>& theirs, std::string_view their_source) {
  std::unordered_map<std::string, const ContigLength*> by_name;
  for (const auto& contig : ours) by_name[CanonicalContigName(contig.name)] = &contig;
  for (const auto& contig : theirs) {
    auto it = by_name.find(CanonicalContigName(contig.name));
    if (it == by_name.end() || contig.length <= 0 || it->second->length <= 0) continue;
    if (it->second->length == contig.length) continue;
    GenomeBuild our_build = DetectGenomeBuild(ours);
    GenomeBuild their_build = DetectGenomeBuild(theirs);
    return Status::Conflict("reference build mismatch: contig " + it->second->name + " is " +
                            std::to_string(it->second->length) + " bp in " + std::string(our_source) + " (" +
                            std::string(GenomeBuildName(our_build)) + ") but " + contig.name + " is " +
                            std::to_string(contig.length) + " bp in " + std::string(their_source) + " (" +
                            std::string(GenomeBuildName(their_build)) + ")");
  }
  return Status::Ok();
}

Status CheckVcfContigLengths(const std::vector<ContigLength>& reference, std::string_view reference_source,
                             const std::vector<ContigLength>& vcf, std::string_view vcf_source,
                             bool allow_mismatch, Diagnostics& diagnostics) {
  Status agree = CheckContigsAgree(reference, reference_source, vcf, vcf_source);
  if (agree.ok()) return agree;
  if (allow_mismatch) {
    diagnostics.Warn("contig length mismatch",
                     agree.message() +
                         "; going on (--allow-contig-length-mismatch): records are checked "
                         "against the reference's bases");
    return Status::Ok();
  }
  return Status::Conflict(agree.message() +
                          ". Use the reference the VCF was called on; if the VCF does come from this "
                          "reference (an excerpt, or a custom reference whose VCF header kept other "
                          "lengths), rerun with --allow-contig-length-mismatch");
}

}  // namespace zenome
