#pragma once
// Variant normalisation (Tan, Abecasis & Kang 2015; as bcftools norm and vt normalize):
// parsimonious (no shared bases beyond one anchor) and left-aligned against the reference.
// Allele-level functions work on a REF with any number of ALTs; record-level ones (splitting
// multi-allelic records with their INFO/FORMAT) are in record_normalizer.h.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace zenome {

class ReferenceReader;

// A site in VCF representation: 0-based position of the first REF base, REF and ALTs as bases.
struct AlleleSet {
  int64_t pos0 = 0;
  std::string ref;
  std::vector<std::string> alts;
};

// True when every allele is made of bases (no symbolic <DEL>, '*', breakends or '.') and no
// ALT equals REF.
bool IsNormalisable(const AlleleSet& site);

// Drops bases shared by all alleles at the right end, then at the left end, keeping at least one
// base in every allele (VCF's anchor). No reference needed.
void TrimAlleles(AlleleSet& site);

// Left-aligns and trims: shifts indels left through repeats as far as the reference allows,
// then trims. Sites that are not normalisable are left unchanged. `contig` is any spelling known
// to the reader. Returns whether the position or alleles changed.
Result<bool> NormaliseAlleles(AlleleSet& site, std::string_view contig, ReferenceReader& reference);

// End (0-based, exclusive) of the stretch an indel can slide through: every equivalent
// representation of any ALT lies before it. For substitutions it is pos0 + ref.size(). Used to
// find the records of another file that may describe the same variant differently.
Result<int64_t> ShiftableRegionEnd(const AlleleSet& site, std::string_view contig,
                                   ReferenceReader& reference);

}  // namespace zenome
