#pragma once
// ClinVar's VCF (clinvar.vcf.gz from NCBI's FTP, bgzipped and tabix-indexed) as a variant-site
// source: clinical significance, review status with its gold stars, disease names, variation ID
// (the VCF ID column) and allele ID, matched to query alleles as any sites file (variant_sites.h).

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/interval.h"
#include "core/status.h"
#include "kb/variant_sites.h"

namespace zenome {

// One ClinVar record's assertion for a matched allele; views valid until the reader's next Load.
// Values are as ClinVar writes them (underscores for spaces; CLNDN '|'-separated); escape them
// with EscapeCsqValue before writing them into a CSQ field.
struct ClinVarAssertion {
  std::string_view significance;   // CLNSIG: "Pathogenic", "Conflicting_classifications_of_pathogenicity"
  std::string_view review_status;  // CLNREVSTAT: "criteria_provided,_multiple_submitters,_no_conflicts"
  int stars = -1;                  // ClinVarReviewStars(review_status)
  std::string_view disease_names;  // CLNDN
  std::string_view variation_id;   // the ID column
  std::string_view allele_id;      // ALLELEID
};

// Gold stars of a review status, per ClinVar's documented table (either spelling: "criteria
// provided, single submitter" or the VCF's "criteria_provided,_single_submitter"):
// 4 practice guideline; 3 reviewed by expert panel; 2 criteria provided, multiple submitters, no
// conflicts; 1 criteria provided, single submitter or conflicting classifications
// (interpretations); 0 no assertion criteria provided, no classification (assertion) provided, no
// classification for the individual variant. -1 when missing or not recognised.
int ClinVarReviewStars(std::string_view review_status);

// The fields read from ClinVar's VCF, under the output name "clinvar".
SiteFieldSpec ClinVarFieldSpec(std::string path);

class ClinVarReader {
 public:
  // Opens and checks the file once (see VariantSiteSource::Open); shared by all threads.
  static Result<std::shared_ptr<const VariantSiteSource>> OpenSource(const std::string& path,
                                                                     const ReferenceGenome* reference);
  // One per worker thread.
  static Result<std::unique_ptr<ClinVarReader>> Open(std::shared_ptr<const VariantSiteSource> source,
                                                     ReferenceReader& reference,
                                                     Diagnostics* diagnostics = nullptr);

  VariantSiteReader& sites() { return *sites_; }
  Result<Interval0> MatchWindow(std::string_view contig, int64_t pos0, std::string_view ref,
                                std::string_view alt) {
    return sites_->MatchWindow(contig, pos0, ref, alt);
  }
  Status Load(std::string_view contig, std::vector<Interval0> windows) {
    return sites_->Load(contig, std::move(windows));
  }
  Result<std::optional<ClinVarAssertion>> Lookup(std::string_view contig, int64_t pos0, std::string_view ref,
                                                 std::string_view alt);

 private:
  ClinVarReader() = default;
  std::unique_ptr<VariantSiteReader> sites_;
};

}  // namespace zenome
