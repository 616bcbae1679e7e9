#pragma once
// Internals shared by transcript_effect.cpp, transcript_view.cpp and hgvs.cpp. Not a public header.
//
// Coordinates in this layer follow Ensembl/VEP so that VEP's predicates port one to one:
// genomic positions are 1-based closed, and an insertion between bases p and p+1 is written
// start = p + 1, end = p (VEP's convention; for a 0-based half-open [s, e) this is simply
// start = s + 1, end = e). cDNA, CDS and protein positions are 1-based as VEP prints them.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/sequence.h"
#include "core/status.h"
#include "kb/gene_model.h"

namespace zenome {

class ReferenceReader;

namespace annotate_internal {

// "Not mapped" for any optional coordinate below (VEP's Gap / undef).
inline constexpr int64_t kNone = std::numeric_limits<int64_t>::min();

// An allele with no bases shared by REF and ALT: 0-based position of the first differing REF
// base. The VCF anchor (a shared first base) goes first, as VEP's parser strips it; then shared
// trailing bases, then shared leading ones, so that an allele written with more context than it
// needs stays inside the span REF gives it (its left end: a duplication written as
// GTCC>GTCCTCC is an insertion after the G, where bcftools csq also places it, not after the
// last C, which can lie outside the transcript the record overlaps).
struct MinimalAllele {
  int64_t pos0 = 0;
  std::string_view ref;
  std::string_view alt;
};
inline MinimalAllele TrimShared(std::string_view ref, std::string_view alt, int64_t pos0) {
  if (!ref.empty() && !alt.empty() && ref.front() == alt.front()) {
    ref.remove_prefix(1);
    alt.remove_prefix(1);
    ++pos0;
  }
  while (!ref.empty() && !alt.empty() && ref.back() == alt.back()) {
    ref.remove_suffix(1);
    alt.remove_suffix(1);
  }
  while (!ref.empty() && !alt.empty() && ref.front() == alt.front()) {
    ref.remove_prefix(1);
    alt.remove_prefix(1);
    ++pos0;
  }
  return {pos0, ref, alt};
}
inline bool Has(int64_t v) {
  return v != kNone;
}

// Ensembl's VariationEffect::overlap on 1-based closed ranges. With the insertion convention
// above, an insertion overlaps a feature only when both flanking bases lie inside it.
inline bool EnsOverlap(int64_t a_start, int64_t a_end, int64_t b_start, int64_t b_end) {
  return a_end >= b_start && a_start <= b_end;
}

struct ExonView {
  int64_t start = 0;  // genomic, 1-based closed
  int64_t end = 0;
  int64_t cdna_start = 0;  // cDNA position of the exon's 5' end (transcript orientation)
  int number = 0;          // 1-based, in transcript order
};

// What the predictor knows about one transcript: the exon/intron/cDNA/CDS coordinate model
// (cheap, built on first use) and, only for variants that need it, the spliced sequence, CDS
// and peptide. Cached per worker thread.
class TranscriptView {
 public:
  void Build(const Transcript& transcript, std::string_view contig_name);
  // Reads the spliced sequence through `reference`, once; builds CDS and peptide when coding.
  Status LoadSequence(ReferenceReader& reference);

  const Transcript* transcript = nullptr;
  std::string contig;           // the gene model's spelling
  int strand = 1;               // +1 or -1
  int64_t start = 0, end = 0;   // genomic span, 1-based closed
  std::vector<ExonView> exons;  // genomic order
  int64_t cdna_length = 0;
  bool frameshift_introns = false;  // an intron of <= 13 bases (Ensembl's "frameshift intron")
  bool coding = false;
  int64_t coding_start = 0, coding_end = 0;            // genomic coding region (VEP crs/cre)
  int64_t cdna_coding_start = 0, cdna_coding_end = 0;  // cDNA positions of first/last CDS base
  int pad = 0;  // Ensembl start-exon phase: N's prepended to an incomplete CDS start
  // Ribosomal slippage (Transcript::ribosomal_slippage): after cDNA position .first the CDS reads
  // .second bases again (the overlap of consecutive CDS segments). Sorted; empty for nearly all.
  std::vector<std::pair<int64_t, int64_t>> slips;
  // 0-based CDS codons the model marks as selenocysteine: UGA there reads Sec ('U'), not stop.
  std::vector<int64_t> sec_codons;
  GeneticCode code = GeneticCode::kStandard;
  bool protein_coding_biotype = false;
  bool nmd_biotype = false;

  bool sequence_loaded = false;
  std::string cdna;         // spliced transcript sequence, transcript orientation
  std::string cds_ext;      // pad N's + CDS + 3' UTR (VEP's translateable_seq followed by the 3' UTR)
  int64_t cds_length = 0;   // length of the padded CDS (prefix of cds_ext)
  std::string peptide;      // whole CDS codons translated, final stop removed (Ensembl translate)
  int64_t first_stop = -1;  // 0-based index of the first '*' in the CDS translation, -1 if none

  // cDNA position of a genomic position, 0 outside exons.
  int64_t CdnaOf(int64_t pos) const;
  // Bases the CDS reads twice before cDNA position c (ribosomal slippage); 0 for most transcripts.
  int64_t SlipShift(int64_t c) const {
    int64_t shift = 0;
    for (const auto& [after, extra] : slips) {
      if (c > after) shift += extra;
    }
    return shift;
  }
  // 1-based position in the padded CDS of a cDNA position inside the coding region.
  int64_t CdsOfCdna(int64_t c) const { return c - cdna_coding_start + 1 + pad + SlipShift(c); }
  bool IsSelenocysteine(int64_t codon) const {
    return !sec_codons.empty() && std::binary_search(sec_codons.begin(), sec_codons.end(), codon);
  }
  // Index in `exons` of the first exon whose end is >= pos (exons.size() when none).
  size_t LowerExon(int64_t pos) const;
  int IntronCount() const { return static_cast<int>(exons.size()) - 1; }
  int64_t IntronStart(int i) const { return exons[i].end + 1; }
  int64_t IntronEnd(int i) const { return exons[i + 1].start - 1; }
  int IntronNumber(int i) const { return strand > 0 ? i + 1 : IntronCount() - i; }
  std::string_view Utr5() const { return std::string_view(cdna).substr(0, cdna_coding_start - 1); }
  std::string_view Cds() const { return std::string_view(cds_ext).substr(0, cds_length); }
  std::string_view Utr3() const { return std::string_view(cds_ext).substr(cds_length); }
  // VEP's HGVS c./n. position of a genomic position inside the span: "123", "123+5", "124-2",
  // "-12", "*34" (TranscriptVariationAllele::_get_cDNA_position, including its tie rule).
  void AppendHgvsPosition(int64_t pos, std::string& out) const;
};

// Where one allele placement falls on a transcript (BaseTranscriptVariation's cdna/cds/
// translation start and end, from Ensembl's TranscriptMapper).
struct Mapping {
  bool any_cdna = false;  // some exonic base is covered (VEP within_cdna, ignoring FS introns)
  bool any_cds = false;   // some CDS base is covered (VEP within_cds, ignoring FS introns)
  int64_t cdna_start = kNone, cdna_end = kNone;
  int64_t cds_start = kNone, cds_end = kNone;  // in the padded CDS
  int64_t tl_start = kNone, tl_end = kNone;
  bool HasCds() const { return Has(cds_start) && Has(cds_end); }
};
Mapping MapAllele(const TranscriptView& view, int64_t start, int64_t end);

// VEP's codon() and peptide() for the reference and the alternate allele at one placement.
// Alleles are in transcript orientation. Needs the view's sequence.
struct CodingAllele {
  bool codons = false;               // both codons are defined
  std::string ref_codon, alt_codon;  // upper case; empty is VEP's "-"
  bool ref_pep_ok = false, alt_pep_ok = false;
  std::string ref_pep, alt_pep;  // "-" when the codon is empty, as VEP writes it
};
void ComputeCoding(const TranscriptView& view, const Mapping& mapping, std::string_view ref_t,
                   std::string_view alt_t, CodingAllele& out);

// Translation of a sequence whose codon i is read by `base(3 * i + k)`; used to scan an
// alternate CDS lazily. Returns the 0-based codon index of the first stop at or after `from`,
// or -1 when the sequence ends first.
template <typename BaseAt>
int64_t FirstStopFrom(int64_t from_codon, int64_t length, GeneticCode code, BaseAt base) {
  char codon[3];
  for (int64_t i = from_codon; 3 * i + 3 <= length; ++i) {
    codon[0] = base(3 * i);
    codon[1] = base(3 * i + 1);
    codon[2] = base(3 * i + 2);
    if (TranslateCodon(std::string_view(codon, 3), code) == '*') return i;
  }
  return -1;
}

// The alternate CDS + 3' UTR (VEP's _get_alternate_cds) as a virtual sequence.
struct AltCds {
  const TranscriptView* view;
  int64_t up;            // bases kept before the allele (cds_start - 1)
  std::string_view alt;  // allele, transcript orientation
  int64_t down_from;     // index in cds_ext where the kept sequence resumes (cds_end)
  int64_t length() const {
    return up + static_cast<int64_t>(alt.size()) + (static_cast<int64_t>(view->cds_ext.size()) - down_from);
  }
  char operator()(int64_t i) const {
    if (i < up) return view->cds_ext[i];
    i -= up;
    if (i < static_cast<int64_t>(alt.size())) return alt[i];
    return view->cds_ext[down_from + i - static_cast<int64_t>(alt.size())];
  }
};

// An insertion or deletion moved as far as it goes in one direction along the genome
// (VEP's HGVS 3' shift in transcript orientation: rightwards for + strand transcripts and
// for g., leftwards for - strand transcripts).
struct ShiftedIndel {
  int64_t shift = 0;
  int64_t pos0 = 0;  // 0-based first deleted base, or the insertion point (before pos0)
  std::string ref;   // deleted bases at the new place (forward strand), empty for insertions
  std::string alt;   // inserted bases at the new place (forward strand), empty for deletions
};
Status ShiftIndel(ReferenceReader& reference, std::string_view contig, int64_t pos0, std::string_view ref,
                  std::string_view alt, bool rightwards, ShiftedIndel& out);

// What HGVS c./n./p. needs to know about one allele on one transcript.
struct HgvsContext {
  const TranscriptView* view = nullptr;
  std::string_view contig;
  // The trimmed allele as given (VEP's unshifted placement).
  int64_t start = 0, end = 0;        // Ensembl convention
  std::string_view ref_g, alt_g;     // forward strand
  bool exon_pred = false;            // VEP's pre-consequence "exon"
  bool coding_pred = false;          // VEP's pre-consequence "coding"
  const Mapping* mapping = nullptr;  // of the unshifted placement
  // Consequence predicates VEP reuses from its cache when formatting p.
  bool frameshift = false, start_lost = false, stop_lost = false;
  // An indel over the start codon that leaves the CDS whole: "p.=".
  bool protein_unchanged = false;
  // The HGVS placement: shifted 3' in transcript orientation when shifting applies.
  const ShiftedIndel* shifted = nullptr;  // null: not an indel or shifting off
  bool shift_hgvs = true;
};
// "ENST...:c.123A>G" or empty when VEP gives none; `shift_out` gets the shift applied.
Status HgvsTranscript(const HgvsContext& context, ReferenceReader& reference, std::string& out,
                      int64_t& shift_out);
// "ENSP...:p.Gly12Asp" or empty. The view's sequence must be loaded.
void HgvsProtein(const HgvsContext& context, std::string& out);

}  // namespace annotate_internal
}  // namespace zenome
