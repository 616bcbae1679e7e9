#include "kb/clinvar.h"

#include <algorithm>
#include <cctype>

namespace zenome {

namespace {
// Field order in ClinVarFieldSpec.
enum ClinVarField : size_t { kSignificance, kReviewStatus, kDiseaseNames, kAlleleId, kFieldCount };
}  // namespace

int ClinVarReviewStars(std::string_view review_status) {
  // The VCF writes spaces as '_'; compare on the documented text, lower case.
  std::string text;
  text.reserve(review_status.size());
  for (char c : review_status) {
    text.push_back(c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  if (text == "practice guideline") return 4;
  if (text == "reviewed by expert panel") return 3;
  if (text == "criteria provided, multiple submitters, no conflicts" ||
      text == "criteria provided, multiple submitters") {  // the latter: somatic clinical impact
    return 2;
  }
  if (text == "criteria provided, single submitter" ||
      text == "criteria provided, conflicting classifications" ||
      text == "criteria provided, conflicting interpretations") {
    return 1;
  }
  if (text == "no assertion criteria provided" || text == "no classification provided" ||
      text == "no assertion provided" || text == "no classification for the individual variant" ||
      text == "no assertion for the individual variant" ||
      text == "no interpretation for the single variant" ||
      text == "no classifications from unflagged records") {
    return 0;
  }
  return -1;
}

SiteFieldSpec ClinVarFieldSpec(std::string path) {
  SiteFieldSpec spec;
  spec.name = "clinvar";
  spec.path = std::move(path);
  spec.fields = {"CLNSIG", "CLNREVSTAT", "CLNDN", "ALLELEID"};
  return spec;
}

Result<std::shared_ptr<const VariantSiteSource>> ClinVarReader::OpenSource(const std::string& path,
                                                                           const ReferenceGenome* reference) {
  return VariantSiteSource::Open(ClinVarFieldSpec(path), reference);
}

Result<std::unique_ptr<ClinVarReader>> ClinVarReader::Open(std::shared_ptr<const VariantSiteSource> source,
                                                           ReferenceReader& reference,
                                                           Diagnostics* diagnostics) {
  const SiteFieldSpec expected = ClinVarFieldSpec(source->path());
  if (source->spec().fields != expected.fields) {
    return Status::Internal(source->path() +
                            ": ClinVarReader needs a source opened with ClinVarReader::OpenSource");
  }
  std::unique_ptr<ClinVarReader> reader(new ClinVarReader());
  ZENOME_ASSIGN_OR_RETURN(reader->sites_, VariantSiteReader::Open(std::move(source), reference, diagnostics));
  return reader;
}

Result<std::optional<ClinVarAssertion>> ClinVarReader::Lookup(std::string_view contig, int64_t pos0,
                                                              std::string_view ref, std::string_view alt) {
  ZENOME_ASSIGN_OR_RETURN(std::optional<SiteValues> hit, sites_->Lookup(contig, pos0, ref, alt));
  if (!hit) return std::optional<ClinVarAssertion>();
  ClinVarAssertion assertion;
  assertion.significance = hit->value(kSignificance);
  assertion.review_status = hit->value(kReviewStatus);
  assertion.stars = ClinVarReviewStars(assertion.review_status);
  assertion.disease_names = hit->value(kDiseaseNames);
  assertion.allele_id = hit->value(kAlleleId);
  assertion.variation_id = hit->id();
  return std::optional<ClinVarAssertion>(assertion);
}

}  // namespace zenome
