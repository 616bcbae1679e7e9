#pragma once
// The VEP-compatible CSQ INFO field: its header (whose "Format:" lists the fields, so
// bcftools +split-vep, vcf2maf and other VEP-aware tools read it) and one '|'-separated entry per
// allele and transcript. The same fields make the TSV columns.

#include <string>
#include <string_view>
#include <vector>

#include "annotate/transcript_effect.h"

namespace zenome {

// What an ALT allele carries besides its transcript effects.
struct AlleleAnnotation {
  std::string vep_allele;  // VEP's Allele column: ALT without the shared first base, "-" if empty
  std::string hgvsg;
  std::vector<std::string> extra_values;  // one per extra field (frequencies, ClinVar); "" = missing
};

class CsqLayout {
 public:
  // `extra_fields` are appended after the fixed VEP-style fields, e.g. "gnomad_AF", "CLIN_SIG".
  explicit CsqLayout(std::vector<std::string> extra_fields = {});

  const std::vector<std::string>& fields() const { return fields_; }
  size_t extra_field_count() const { return extra_count_; }
  // Description attribute of the ##INFO=<ID=CSQ,...> line.
  std::string HeaderDescription() const;

  enum class Escaping { kVcf, kTsv };
  // Appends one entry: '|'-separated for VCF, tab-separated for TSV (no leading separator).
  void AppendEntry(const AlleleAnnotation& allele, const TranscriptEffect& effect, bool picked,
                   Escaping escaping, std::string& out) const;

 private:
  // AppendEntry when some value needs escaping: field by field.
  void AppendEntryEscaped(const AlleleAnnotation& allele, const TranscriptEffect& effect, bool picked,
                          Escaping escaping, std::string& out) const;

  std::vector<std::string> fields_;
  size_t extra_count_ = 0;
};

// VEP's Allele column for one ALT: when REF and every ALT share their first base (VCF's indel
// anchor), that base is dropped, and an empty allele is written "-".
std::string VepAllele(const std::vector<std::string_view>& alleles, size_t alt_index);

}  // namespace zenome
