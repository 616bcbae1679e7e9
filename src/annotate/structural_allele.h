#pragma once
// Symbolic and breakend ALTs of a VCF record read as structural alleles (<DEL>, <DUP:TANDEM>,
// <INS:ME:ALU>, <INV>, <CNV:GAIN>, <CN0>, G]17:198982], ...), with their span from INFO END or
// SVLEN, for TranscriptEffectPredictor::PredictStructural.

#include <optional>
#include <string_view>

#include "annotate/transcript_effect.h"
#include "core/status.h"

struct bcf1_t;
struct bcf_hdr_t;

namespace zenome {

// The header's INFO ids of END, SVLEN and SVTYPE (-1 when not declared); looked up once, so that
// worker threads read records without the header.
struct StructuralInfoIds {
  int end = -1;
  int svlen = -1;
  int svtype = -1;
};
StructuralInfoIds FindStructuralInfoIds(const bcf_hdr_t* header);

// ALT number `alt_index` (1-based) of `record` as a structural allele; nullopt when it is not one
// (bases, the '*' of an overlapping deletion, gVCF's <NON_REF> / <*>). kBadInput naming the field
// when its span cannot be known: a deletion, duplication, inversion or CNV with neither END nor
// SVLEN, an END before POS, an unknown symbolic ALT without SVTYPE, a malformed breakend.
// Unpacks the record's INFO.
Result<std::optional<StructuralChange>> ReadStructuralAllele(bcf1_t* record, int alt_index,
                                                             std::string_view contig,
                                                             const StructuralInfoIds& ids);

}  // namespace zenome
