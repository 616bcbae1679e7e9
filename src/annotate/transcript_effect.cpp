// Transcript consequences as Ensembl VEP computes them. The predicates below follow
// ensembl-variation's Utils/VariationEffect.pm, BaseTranscriptVariationAllele::_intron_effects,
// BaseVariationFeatureOverlapAllele::_pre_consequence_predicates and the consequence table in
// Utils/Constants.pm (the "include" conditions that decide which predicates run), written anew.
// Deliberate departures from VEP are marked "Departure from VEP".
#include "annotate/transcript_effect.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "annotate/transcript_effect_internal.h"
#include "core/reference.h"
#include "core/sequence.h"

namespace zenome {

using annotate_internal::CodingAllele;
using annotate_internal::EnsOverlap;
using annotate_internal::ExonView;
using annotate_internal::Has;
using annotate_internal::kNone;
using annotate_internal::Mapping;
using annotate_internal::ShiftedIndel;
using annotate_internal::TranscriptView;

namespace {

// One ALT allele after trimming to its minimal form.
struct CallAllele {
  std::string_view contig;
  int64_t pos0 = 0;            // 0-based first REF base; the insertion point for insertions
  int64_t start = 0, end = 0;  // Ensembl convention (insertion: start = end + 1)
  std::string_view ref, alt;   // forward strand, upper case, no shared bases
  std::string_view ref_rc, alt_rc;
  bool insertion = false, deletion = false, same_length = false;
  bool alt_acgt = false;  // only A/C/G/T (VEP's unambiguous DNA)
  // VEP's _get_differing_regions as 0-based [s, e] offsets from `start`.
  std::vector<std::pair<int64_t, int64_t>> regions;

  std::string_view RefFor(const TranscriptView& v) const { return v.strand > 0 ? ref : ref_rc; }
  std::string_view AltFor(const TranscriptView& v) const { return v.strand > 0 ? alt : alt_rc; }
};

// VEP's pre-consequence predicates: which groups of predicates run for this allele/transcript.
struct Pre {
  bool within = false;
  bool complete = false;
  bool intron = false;    // within 3 bases of an intron (VEP's intron interval tree)
  bool boundary = false;  // in an intron's splice boundary region
  bool exon = false;
  bool utr = false;
  bool coding = false;
};

struct IntronEffects {
  bool start_ss = false, end_ss = false;
  bool fifth = false, fifth_rev = false;
  bool donor_region = false, donor_region_rev = false;
  bool ppt = false, ppt_rev = false;
  bool splice_region = false;
  bool intronic = false;
  bool frameshift_intron = false;
};

bool IsFrameshiftIntron(const TranscriptView& v, int i) {
  return v.IntronEnd(i) - v.IntronStart(i) <= 12;
}

// VariationEffect::_intron_overlap: the splice region (1-3 exonic and 3-8 intronic bases), with
// insertions next to the essential splice sites counted in.
bool SpliceRegionOverlap(int64_t s, int64_t e, int64_t is, int64_t ie, bool insertion) {
  return EnsOverlap(s, e, is + 2, is + 7) || EnsOverlap(s, e, ie - 7, ie - 2) ||
         EnsOverlap(s, e, is - 3, is - 1) || EnsOverlap(s, e, ie + 1, ie + 3) ||
         (insertion && (s == is || e == ie || s == is + 2 || e == ie - 2));
}

IntronEffects ComputeIntronEffects(const TranscriptView& v, const CallAllele& a, const std::vector<int>& near,
                                   const std::vector<int>& boundary) {
  IntronEffects ie;
  for (const auto& [ds, de] : a.regions) {
    const int64_t rs = a.start + ds;
    const int64_t re = a.start + de;
    const bool insertion = rs == re + 1;
    const int64_t lo = std::min(rs, re);
    const int64_t hi = std::max(rs, re);
    for (int i : near) {
      const int64_t is = v.IntronStart(i);
      const int64_t iend = v.IntronEnd(i);
      if (IsFrameshiftIntron(v, i) && EnsOverlap(rs, re, is, iend)) {
        ie.frameshift_intron = true;
        continue;
      }
      if (EnsOverlap(rs, re, is + 2, iend - 2) || (insertion && (rs == is + 2 || re == iend - 2))) {
        ie.intronic = true;
      }
      if (EnsOverlap(lo, hi, iend - 16, iend - 2)) ie.ppt = true;
      if (EnsOverlap(lo, hi, is + 2, is + 16)) ie.ppt_rev = true;
    }
    for (int i : boundary) {
      const int64_t is = v.IntronStart(i);
      const int64_t iend = v.IntronEnd(i);
      if (IsFrameshiftIntron(v, i) && EnsOverlap(rs, re, is, iend)) {
        ie.frameshift_intron = true;
        continue;
      }
      if (EnsOverlap(rs, re, is, is + 1)) ie.start_ss = true;
      if (EnsOverlap(rs, re, iend - 1, iend)) ie.end_ss = true;
      if (EnsOverlap(rs, re, is + 4, is + 4)) ie.fifth = true;
      if (EnsOverlap(rs, re, is + 2, is + 5)) ie.donor_region = true;
      if (EnsOverlap(rs, re, iend - 16, iend - 2)) ie.ppt = true;
      if (EnsOverlap(rs, re, iend - 4, iend - 4)) ie.fifth_rev = true;
      if (EnsOverlap(rs, re, iend - 5, iend - 2)) ie.donor_region_rev = true;
      if (EnsOverlap(rs, re, is + 2, is + 16)) ie.ppt_rev = true;
      // VEP assigns (not accumulates) this per boundary intron, unless an essential site was hit.
      if (!ie.start_ss && !ie.end_ss) ie.splice_region = SpliceRegionOverlap(rs, re, is, iend, insertion);
    }
  }
  return ie;
}

bool Contains(std::string_view s, char c) {
  return s.find(c) != std::string_view::npos;
}

// VEP's coding predicates for one allele on one coding transcript, memoised as VEP's predicate
// cache does. Peptides/codons come from the unshifted allele (VEP's default --shift_3prime 0).
class CodingPredicates {
 public:
  CodingPredicates(const TranscriptView& v, const CallAllele& a, const Mapping& m, const CodingAllele& c,
                   bool complete_overlap, bool frameshift_intron)
      : v_(v),
        a_(a),
        m_(m),
        c_(c),
        complete_overlap_(complete_overlap),
        frameshift_intron_(frameshift_intron) {}

  bool PartialCodon() {
    return Memo(partial_codon_, [&] {
      if (!Has(m_.tl_start)) return false;
      const int64_t codon_start = m_.tl_start * 3 - 2;
      const int64_t last = v_.cds_length - (codon_start - 1);
      return last > 0 && last < 3;
    });
  }

  bool StartLost() {
    if (start_lost_ != kUnknown) return start_lost_ == kTrue;
    // VEP caches 0 before evaluating, so the inframe predicates it calls see "not start lost".
    start_lost_ = kFalse;
    bool result = [&] {
      if (DeletionRemovesStartCodon()) return true;
      if (!OverlapsStartCodon()) return false;
      if (a_.insertion || a_.deletion) {
        // Departure from VEP: an indel that leaves the start codon and the whole CDS in place
        // (it only edits the 5' UTR, e.g. c.1del after an A: ...A|ATG -> ...ATG) is
        // start_retained_variant alone; VEP also calls it start_lost (through its inversion
        // test) and frameshift. An indel that does change the start is start_lost even when it is
        // in frame (deleting ATG itself; VEP calls that inframe_deletion only), as bcftools csq
        // does: the annotated initiation codon is gone.
        return InsDelStartAltered();
      }
      if (InvStartAltered()) return true;
      std::string_view ref, alt;
      if (!Peptides(ref, alt) || ref.empty()) return false;
      if (alt.empty() || alt == "X") return false;
      return m_.tl_start == 1 && !alt.ends_with(ref) && !alt.starts_with(ref);
    }();
    start_lost_ = result ? kTrue : kFalse;
    return result;
  }

  bool StartRetained() {
    return Memo(start_retained_, [&] {
      if (!OverlapsStartCodon()) return false;
      if (a_.same_length) return !SnpStartAltered();
      return !InsDelStartAltered();
    });
  }

  bool StopLost() {
    return Memo(stop_lost_, [&] {
      if (DeletionRemovesStopCodon()) return true;
      std::string_view ref, alt;
      if (Peptides(ref, alt)) return !Contains(alt, '*') && Contains(ref, '*');
      return InsDelStopAltered();
    });
  }

  bool StopRetained() {
    if (PartialCodon() || StopLost()) return false;
    return Memo(stop_retained_, [&] {
      std::string_view ref, alt;
      if (Peptides(ref, alt) && !alt.empty()) return RefEqAltSequence(ref, alt);
      return (a_.insertion || a_.deletion) && OverlapsStopCodon() && !InsDelStopAltered();
    });
  }

  bool StopGained() {
    return Memo(stop_gained_, [&] {
      if (StopRetained() || IndelKeepsCds()) return false;
      std::string_view ref, alt;
      if (!Peptides(ref, alt)) return false;
      return Contains(alt, '*') && !Contains(ref, '*');
    });
  }

  bool Frameshift() {
    return Memo(frameshift_, [&] {
      // An indel that keeps the start codon and the CDS after it only edits the 5' UTR.
      if (PartialCodon() || StopRetained() || IndelKeepsCds()) return false;
      if (!m_.HasCds()) return false;
      const int64_t var_len = m_.cds_end - m_.cds_start + 1;
      const int64_t allele_len = static_cast<int64_t>(a_.alt.size());
      return std::abs(allele_len - var_len) % 3 != 0;
    });
  }

  bool InframeInsertion() {
    if (IndelKeepsCds()) return false;
    std::string_view ref_codon, alt_codon;
    const bool codons = CodonAlleles(ref_codon, alt_codon);
    if (StartLost() || !codons) return false;
    if (alt_codon.size() <= ref_codon.size()) return false;
    std::string_view ref, alt;
    if (!Peptides(ref, alt)) return false;
    // Not an inframe insertion when the inserted residues lie before a retained start.
    if (StartRetained() && alt.ends_with(ref)) return false;
    // Residues after a stop do not count: "K*E" is compared as "K*".
    const size_t stop = alt.find('*');
    if (stop != std::string_view::npos && stop + 1 < alt.size()) alt = alt.substr(0, stop + 1);
    return alt.starts_with(ref) || alt.ends_with(ref);
  }

  bool InframeDeletion() {
    return Memo(inframe_deletion_, [&] {
      if (PartialCodon() || IndelKeepsCds()) return false;
      std::string_view ref_codon, alt_codon;
      if (!CodonAlleles(ref_codon, alt_codon)) return false;
      if (alt_codon.size() >= ref_codon.size()) return false;
      if (ref_codon.starts_with(alt_codon) || ref_codon.ends_with(alt_codon)) return true;
      // Trim shared bases (left, then right); an inframe deletion leaves only deleted codons.
      while (!ref_codon.empty() && !alt_codon.empty() && ref_codon.front() == alt_codon.front()) {
        ref_codon.remove_prefix(1);
        alt_codon.remove_prefix(1);
      }
      while (!ref_codon.empty() && !alt_codon.empty() && ref_codon.back() == alt_codon.back()) {
        ref_codon.remove_suffix(1);
        alt_codon.remove_suffix(1);
      }
      return alt_codon.empty() && ref_codon.size() % 3 == 0;
    });
  }

  bool Missense() {
    std::string_view ref, alt;
    if (!Peptides(ref, alt)) return false;
    if (StartLost() || StopLost() || StopGained() || PartialCodon() || StopRetained() || IndelKeepsCds()) {
      return false;
    }
    return ref != alt && ref.size() == alt.size();
  }

  bool ProteinAltering() {
    return Memo(protein_altering_, [&] {
      if (IndelKeepsCds()) return false;
      std::string_view ref, alt;
      if (!Peptides(ref, alt)) return false;
      if (ref.size() == alt.size()) return false;
      if (ref.starts_with("*") || alt.starts_with("*")) return false;
      if (alt.starts_with(ref) || alt.ends_with(ref)) return false;
      if (InframeDeletion() || StartLost() || Frameshift()) return false;
      return true;
    });
  }

  bool Synonymous() {
    std::string_view ref, alt;
    if (!Peptides(ref, alt) || ref.empty()) return false;
    return alt == ref && !StopRetained() && !StartRetained() && !Contains(alt, 'X') && !Contains(ref, 'X');
  }

  bool CodingUnknown() {
    if (complete_overlap_) return false;
    std::string_view ref, alt;
    const bool peptides = Peptides(ref, alt);
    const bool unknown_protein =
        !c_.alt_pep_ok || !peptides || Contains(c_.alt_pep, 'X') || (peptides && Contains(ref, 'X'));
    return WithinCds() && unknown_protein && !IndelKeepsCds() &&
           !(Frameshift() || InframeDeletion() || ProteinAltering() || StartRetained() || StartLost() ||
             StopRetained() || StopLost());
  }

  bool WithinCds() const {
    return m_.any_cds || (frameshift_intron_ && EnsOverlap(a_.start, a_.end, v_.coding_start, v_.coding_end));
  }

 private:
  enum Tri : int8_t { kUnknown = -1, kFalse = 0, kTrue = 1 };
  template <typename F>
  static bool Memo(Tri& slot, F&& compute) {
    if (slot == kUnknown) slot = compute() ? kTrue : kFalse;
    return slot == kTrue;
  }

  // _get_peptide_alleles: both peptides known; VEP's "-" becomes "".
  bool Peptides(std::string_view& ref, std::string_view& alt) const {
    if (!c_.ref_pep_ok || !c_.alt_pep_ok) return false;
    ref = c_.ref_pep == "-" ? std::string_view() : std::string_view(c_.ref_pep);
    alt = c_.alt_pep == "-" ? std::string_view() : std::string_view(c_.alt_pep);
    return true;
  }

  // _get_codon_alleles: none for frameshifts.
  bool CodonAlleles(std::string_view& ref, std::string_view& alt) {
    if (Frameshift() || !c_.codons) return false;
    ref = c_.ref_codon;
    alt = c_.alt_codon;
    return true;
  }

  // Departure from VEP: start_lost/start_retained need an annotated start, i.e. a complete CDS
  // whose first codon is a start codon of the transcript's genetic code. VEP also tests CDSs that
  // begin with another codon (an excerpt, a non-AUG model) and calls AGG>ATG both start_lost and
  // start_retained; here codon 1 of such a CDS is an ordinary codon (missense AGG>ATG, as
  // bcftools csq says).
  bool OverlapsStartCodon() const {
    if (v_.transcript->cds_start_incomplete || v_.pad != 0) return false;
    if (!v_.sequence_loaded || !IsStartCodon(v_.Cds().substr(0, 3), v_.code)) return false;
    if (!Has(m_.cdna_start) || !Has(m_.cdna_end) || m_.cdna_start == 0 || m_.cdna_end == 0) return false;
    return EnsOverlap(m_.cdna_start, m_.cdna_end, v_.cdna_coding_start, v_.cdna_coding_start + 2);
  }

  bool OverlapsStopCodon() const {
    if (v_.transcript->cds_end_incomplete) return false;
    if (!Has(m_.cdna_start) || !Has(m_.cdna_end) || m_.cdna_start == 0 || m_.cdna_end == 0) return false;
    return EnsOverlap(m_.cdna_start, m_.cdna_end, v_.cdna_coding_end - 2, v_.cdna_coding_end);
  }

  // The 5' UTR + CDS with the allele applied at its cDNA position.
  std::string EditedStart() const {
    std::string seq(v_.Utr5());
    seq.append(v_.Cds());
    const int64_t off = std::clamp<int64_t>(m_.cdna_start - 1, 0, static_cast<int64_t>(seq.size()));
    const int64_t len =
        std::clamp<int64_t>(m_.cdna_end - m_.cdna_start + 1, 0, static_cast<int64_t>(seq.size()) - off);
    seq.replace(static_cast<size_t>(off), static_cast<size_t>(len), a_.AltFor(v_));
    return seq;
  }

  bool InsDelStartAltered() {
    return Memo(ins_del_start_altered_, [&] {
      if (!a_.alt_acgt || !OverlapsStartCodon()) return false;
      if (!a_.insertion && !a_.deletion) return false;
      const std::string seq = EditedStart();
      const std::string_view utr = v_.Utr5();
      const std::string_view cds = v_.Cds();
      if (!utr.empty() && std::string_view(seq).substr(0, utr.size()) == utr &&
          IsStartCodon(std::string_view(seq).substr(utr.size(), 3), v_.code)) {
        return false;
      }
      if (seq.size() < cds.size()) return true;
      return std::string_view(seq).substr(seq.size() - cds.size()) != cds;
    });
  }

  // Departure from VEP: a deletion that removes the whole annotated start (stop) codon and runs
  // out of the transcript has no cDNA end to map, so VEP's codon tests never run and it says
  // coding_sequence_variant with the UTR term (bcftools csq: 5_prime_utr / 3_prime_utr). The
  // codon is gone: start_lost (stop_lost).
  bool DeletionRemovesStartCodon() const {
    // Also a longer substitution that replaces the codon and runs out of the transcript: what it
    // writes there cannot be mapped, the annotated start is gone.
    if (!(a_.deletion || ReplacesBeyondTranscript()) || v_.transcript->cds_start_incomplete || v_.pad != 0 ||
        !v_.sequence_loaded) {
      return false;
    }
    if (!IsStartCodon(v_.Cds().substr(0, 3), v_.code)) return false;
    return DeletionCoversCodon(v_.strand > 0 ? v_.coding_start : v_.coding_end - 2);
  }
  bool DeletionRemovesStopCodon() const {
    if (!(a_.deletion || ReplacesBeyondTranscript()) || v_.transcript->cds_end_incomplete ||
        !v_.sequence_loaded || v_.cds_length < 3) {
      return false;
    }
    if (TranslateCodon(v_.Cds().substr(static_cast<size_t>(v_.cds_length - 3), 3), v_.code) != '*')
      return false;
    return DeletionCoversCodon(v_.strand > 0 ? v_.coding_end - 2 : v_.coding_start);
  }
  bool ReplacesBeyondTranscript() const {
    return a_.ref.size() >= 3 && (!Has(m_.cdna_start) || !Has(m_.cdna_end));
  }
  // The deletion covers genomic [first, first + 2], a codon lying in one exon.
  bool DeletionCoversCodon(int64_t first) const {
    const size_t exon = v_.LowerExon(first);
    if (exon == v_.exons.size() || v_.exons[exon].start > first || v_.exons[exon].end < first + 2)
      return false;
    return a_.start <= first && a_.end >= first + 2;
  }

 public:
  // An indel over the start codon after which the CDS is still there, whole, at the end of the
  // edited 5' UTR + CDS (c.1del after an A); its protein is unchanged.
  bool IndelKeepsCds() {
    return Memo(indel_keeps_cds_, [&] {
      if (a_.same_length || !a_.alt_acgt || !OverlapsStartCodon()) return false;
      const std::string seq = EditedStart();
      const std::string_view cds = v_.Cds();
      return seq.size() >= cds.size() && std::string_view(seq).substr(seq.size() - cds.size()) == cds;
    });
  }

 private:
  bool InvStartAltered() {
    return Memo(inv_start_altered_, [&] {
      if (!a_.alt_acgt || !OverlapsStartCodon()) return false;
      const std::string_view utr = v_.Utr5();
      if (utr.empty()) return false;
      if (m_.cdna_end > static_cast<int64_t>(utr.size() + v_.Cds().size())) return false;
      const std::string seq = EditedStart();
      return !IsStartCodon(std::string_view(seq).substr(utr.size(), 3), v_.code);
    });
  }

  bool SnpStartAltered() {
    return Memo(snp_start_altered_, [&] {
      if (!a_.alt_acgt || !Has(m_.cdna_start) || !Has(m_.cdna_end)) return true;
      const std::string seq = EditedStart();
      const std::string_view cds = v_.Cds();
      if (seq.size() < cds.size()) return true;
      return !IsStartCodon(std::string_view(seq).substr(seq.size() - cds.size(), 3), v_.code);
    });
  }

  bool InsDelStopAltered() {
    return Memo(ins_del_stop_altered_, [&] {
      if (!a_.alt_acgt || !OverlapsStopCodon()) return false;
      if (!a_.insertion && !a_.deletion) return false;
      if (!Has(m_.cds_start)) return false;
      std::string seq(v_.cds_ext);
      const int64_t off = std::clamp<int64_t>(m_.cds_start - 1, 0, static_cast<int64_t>(seq.size()));
      const int64_t len =
          std::clamp<int64_t>(m_.cdna_end - m_.cdna_start + 1, 0, static_cast<int64_t>(seq.size()) - off);
      seq.replace(static_cast<size_t>(off), static_cast<size_t>(len), a_.AltFor(v_));
      if (static_cast<int64_t>(seq.size()) < v_.cds_length) return true;
      const std::string_view codon = std::string_view(seq).substr(v_.cds_length - 3, 3);
      return TranslateCodon(codon, v_.code) != '*';
    });
  }

  // VariationEffect::ref_eq_alt_sequence: the stop stays where it was. VEP splices the alt
  // peptide into the reference protein; the pieces of that string are read in place here.
  bool RefEqAltSequence(std::string_view ref, std::string_view alt) const {
    const std::string_view ref_seq = v_.peptide;
    const int64_t length = static_cast<int64_t>(ref_seq.size());
    if (ref == "X" && alt == "X") return false;
    if (m_.tl_start > length && alt.starts_with("*")) return true;
    const int64_t off = m_.tl_start - 1;
    if (off > length) return false;
    const int64_t replaced = std::clamp<int64_t>(m_.tl_end - m_.tl_start + 1, 0, length - off);
    const int64_t alt_len = static_cast<int64_t>(alt.size());
    // Departure from VEP: VEP's first clause ("ref residue == first alt residue and the alt has
    // a stop") also fires for a premature stop inserted mid-protein (e.g. L -> LG*), calling a
    // truncation stop_retained (ensembl-vep#1710). A stop before the original one is a gain.
    const size_t alt_stop = alt.find('*');
    if (alt_stop != std::string_view::npos && off + static_cast<int64_t>(alt_stop) < length) return false;
    if (alt.substr(0, 1) == ref && alt_stop != std::string_view::npos) return true;
    if (Contains(ref, '*') && ref.find('*') == alt.find('*')) return true;
    // The edited protein keeps the reference's residues and gains fewer than 3 at its end.
    const int64_t mutated = length - replaced + alt_len;
    if (mutated <= length || mutated - length >= 3) return false;
    for (int64_t i = off; i < length; ++i) {
      const char c = i < off + alt_len ? alt[i - off] : ref_seq[i - alt_len + replaced];
      if (c != ref_seq[i]) return false;
    }
    return true;
  }

  const TranscriptView& v_;
  const CallAllele& a_;
  const Mapping& m_;
  const CodingAllele& c_;
  const bool complete_overlap_;
  const bool frameshift_intron_;
  Tri partial_codon_ = kUnknown, start_lost_ = kUnknown, start_retained_ = kUnknown;
  Tri stop_lost_ = kUnknown, stop_retained_ = kUnknown, stop_gained_ = kUnknown;
  Tri frameshift_ = kUnknown, inframe_deletion_ = kUnknown, protein_altering_ = kUnknown;
  Tri ins_del_start_altered_ = kUnknown, inv_start_altered_ = kUnknown;
  Tri snp_start_altered_ = kUnknown, ins_del_stop_altered_ = kUnknown, indel_keeps_cds_ = kUnknown;
};

// VEP's format_coords; "" where VEP writes "-".
void FormatCoords(int64_t s, int64_t e, std::string& out) {
  out.clear();
  if (Has(s) && Has(e)) {
    if (s > e) std::swap(s, e);
    out = std::to_string(s);
    if (s != e) {
      out.push_back('-');
      out += std::to_string(e);
    }
  } else if (Has(s)) {
    out = std::to_string(s) + "-?";
  } else if (Has(e)) {
    out = "?-" + std::to_string(e);
  }
}

void FormatNumbers(int first, int last, int total, std::string& out) {
  out = std::to_string(first);
  if (last != first) {
    out.push_back('-');
    out += std::to_string(last);
  }
  out.push_back('/');
  out += std::to_string(total);
}

// TranscriptVariationAllele::display_codon: lower case with the allele's bases in upper case.
void DisplayCodon(std::string_view codon, std::string_view allele, int64_t codon_position, std::string& out) {
  out.clear();
  for (char c : codon) out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (allele.empty() || codon_position <= 0) return;
  const size_t from = static_cast<size_t>(codon_position - 1);
  for (size_t i = from; i < out.size() && i < from + allele.size(); ++i) {
    out[i] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[i])));
  }
}

}  // namespace

struct TranscriptEffectPredictor::Impl {
  Impl(const GeneModel& g, ReferenceReader& r, TranscriptEffectOptions o)
      : genes(g), reference(r), options(o) {}

  const GeneModel& genes;
  ReferenceReader& reference;
  TranscriptEffectOptions options;

  // Transcript views, least recently used evicted; sorted input keeps hitting the same ones.
  struct CacheSlot {
    const Transcript* transcript = nullptr;
    uint64_t used = 0;
    std::unique_ptr<TranscriptView> view;
  };
  static constexpr size_t kCacheSlots = 64;
  std::vector<CacheSlot> cache;
  uint64_t clock = 0;

  // Per-call scratch, reused.
  std::vector<const Transcript*> overlapping;
  std::string last_contig;  // the contig of the last call (any spelling) and its gene-model index
  int last_contig_index = -1;
  std::string ref_upper, alt_upper, ref_rc, alt_rc;
  std::vector<int> near, boundary;
  CallAllele allele;
  // The reference under the allele (or around an insertion) is N or another non-ACGT code: the
  // genome is unknown there, so no HGVS is written (VEP writes none for non-ACGT alleles).
  bool unknown_reference = false;
  std::string reference_bases;
  CodingAllele coding;
  ShiftedIndel shifted_right, shifted_left;
  bool have_right = false, have_left = false;
  std::string scratch_ref_codon, scratch_alt_codon;

  TranscriptView& View(const Transcript& t) {
    ++clock;
    for (CacheSlot& slot : cache) {
      if (slot.transcript == &t) {
        slot.used = clock;
        return *slot.view;
      }
    }
    CacheSlot* slot = nullptr;
    if (cache.size() < kCacheSlots) {
      slot = &cache.emplace_back();
      slot->view = std::make_unique<TranscriptView>();
    } else {
      slot = &*std::min_element(cache.begin(), cache.end(),
                                [](const CacheSlot& a, const CacheSlot& b) { return a.used < b.used; });
    }
    slot->transcript = &t;
    slot->used = clock;
    slot->view->Build(t, genes.contigs()[t.contig]);
    return *slot->view;
  }

  Status Shifted(bool rightwards, const ShiftedIndel*& out) {
    bool& have = rightwards ? have_right : have_left;
    ShiftedIndel& s = rightwards ? shifted_right : shifted_left;
    if (!have) {
      ZENOME_RETURN_IF_ERROR(annotate_internal::ShiftIndel(reference, allele.contig, allele.pos0, allele.ref,
                                                           allele.alt, rightwards, s));
      have = true;
    }
    out = &s;
    return Status::Ok();
  }

  Status Prepare(const AlleleChange& change);
  Status Evaluate(const Transcript& t, std::vector<TranscriptEffect>& out);

  // Where the current allele lies on one transcript (see Locate).
  struct Location {
    Pre pre;
    Mapping m;
    IntronEffects ie;
    size_t first_exon = 0;
  };
  bool Locate(const Transcript& t, TranscriptView& v, std::vector<TranscriptEffect>& out, Location& loc);
  void AddEssentialSpliceTerms(const TranscriptView& v, const Location& loc, ConsequenceSet& cs) const;
  void AddSpliceRegionTerms(const TranscriptView& v, const Location& loc, ConsequenceSet& cs) const;
  void AddRegionTerms(const TranscriptView& v, const Location& loc, ConsequenceSet& cs) const;
  void FillExonIntron(const TranscriptView& v, const Location& loc, TranscriptEffect& effect) const;
  static void SetFlags(const Transcript& t, TranscriptEffect& effect);
  Status PrepareStructural(const StructuralChange& change);
  void EvaluateStructural(const Transcript& t, StructuralKind kind, std::vector<TranscriptEffect>& out);
};

Status TranscriptEffectPredictor::Impl::Prepare(const AlleleChange& change) {
  auto upper = [](std::string_view in, std::string& out) {
    out.assign(in);
    for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  };
  upper(change.ref, ref_upper);
  upper(change.alt, alt_upper);
  if (!IsAcgtn(ref_upper) || !IsAcgtn(alt_upper)) {
    return Status::BadInput("allele " + std::string(change.ref) + ">" + std::string(change.alt) + " at " +
                            std::string(change.contig) + ":" + std::to_string(change.pos0 + 1) +
                            " is not made of bases (A, C, G, T, N)");
  }
  auto [pos0, ref, alt] = annotate_internal::TrimShared(ref_upper, alt_upper, change.pos0);
  if (ref.empty() && alt.empty()) {
    return Status::BadInput("ALT equals REF at " + std::string(change.contig) + ":" +
                            std::to_string(change.pos0 + 1));
  }
  CallAllele& a = allele;
  a.contig = change.contig;
  a.pos0 = pos0;
  a.start = pos0 + 1;
  a.end = pos0 + static_cast<int64_t>(ref.size());
  a.ref = ref;
  a.alt = alt;
  ref_rc.assign(ref);
  ReverseComplementInPlace(ref_rc);
  alt_rc.assign(alt);
  ReverseComplementInPlace(alt_rc);
  a.ref_rc = ref_rc;
  a.alt_rc = alt_rc;
  a.insertion = ref.size() < alt.size();
  a.deletion = ref.size() > alt.size();
  a.same_length = ref.size() == alt.size();
  a.alt_acgt = alt.find('N') == std::string_view::npos;
  a.regions.clear();
  if (ref.size() > 1 && alt.size() > 1) {
    // Positions where REF and ALT differ, compared from the left, joined into runs.
    const size_t n = std::max(ref.size(), alt.size());
    int64_t run_start = -1;
    for (size_t i = 0; i <= n; ++i) {
      const bool differs = i < n && (i >= ref.size() || i >= alt.size() || ref[i] != alt[i]);
      if (differs && run_start < 0) run_start = static_cast<int64_t>(i);
      if (!differs && run_start >= 0) {
        a.regions.emplace_back(run_start, static_cast<int64_t>(i) - 1);
        run_start = -1;
      }
    }
  } else {
    a.regions.emplace_back(0, static_cast<int64_t>(ref.size()) - 1);
  }
  have_right = have_left = false;
  unknown_reference = false;
  reference_bases.clear();
  const int64_t flank = a.insertion && ref.empty() ? 1 : 0;
  if (reference
          .FetchInto(a.contig, pos0 - flank, pos0 + static_cast<int64_t>(ref.size()) + flank, reference_bases)
          .ok()) {
    for (char c : reference_bases) {
      if (c != 'A' && c != 'C' && c != 'G' && c != 'T') unknown_reference = true;
    }
  }
  return Status::Ok();
}

// Where the allele lies on one transcript: VEP's pre-consequence predicates, the introns near it
// and its cDNA/CDS mapping. Returns false when the transcript is out of reach; an upstream or
// downstream effect has then been added when it is within the distance.
bool TranscriptEffectPredictor::Impl::Locate(const Transcript& t, TranscriptView& v,
                                             std::vector<TranscriptEffect>& out, Location& loc) {
  const CallAllele& a = allele;
  const int64_t lo = std::min(a.start, a.end);
  const int64_t hi = std::max(a.start, a.end);
  const bool plus = v.strand > 0;
  Pre& pre = loc.pre;
  pre = Pre();
  pre.within = EnsOverlap(a.start, a.end, v.start, v.end);
  if (!pre.within) {
    const int64_t distance = options.upstream_downstream_distance;
    const bool before = a.end >= v.start - distance && a.end < v.start;
    const bool after = a.start <= v.end + distance && a.start > v.end;
    if (!before && !after) return false;
    TranscriptEffect& effect = out.emplace_back();
    effect.transcript = &t;
    effect.consequences.Add(before == plus ? Consequence::kUpstreamGene : Consequence::kDownstreamGene);
    effect.distance = std::min({std::abs(a.start - v.start), std::abs(a.start - v.end),
                                std::abs(a.end - v.start), std::abs(a.end - v.end)});
    SetFlags(t, effect);
    return false;
  }

  pre.complete = a.start <= v.start && a.end >= v.end;
  near.clear();
  boundary.clear();
  loc.first_exon = v.LowerExon(lo);
  for (int i = std::max<int>(0, static_cast<int>(loc.first_exon) - 2); i < v.IntronCount(); ++i) {
    const int64_t is = v.IntronStart(i);
    const int64_t ie = v.IntronEnd(i);
    if (is - 3 > hi) break;
    if (is > ie) continue;  // touching exons: no intron
    if (EnsOverlap(lo, hi, is - 3, ie + 3)) near.push_back(i);
    if (EnsOverlap(lo, hi, is - 3, is + 7) || EnsOverlap(lo, hi, ie - 7, ie + 3)) boundary.push_back(i);
  }
  pre.intron = !near.empty();
  pre.boundary = !boundary.empty();
  {
    // Transcripts with frameshift introns stretch their exons by 12 bases (VEP).
    const int64_t stretch = v.frameshift_introns ? 12 : 0;
    const size_t i = v.LowerExon(lo - stretch);
    pre.exon = i < v.exons.size() && v.exons[i].start - stretch <= hi;
  }
  loc.m = annotate_internal::MapAllele(v, a.start, a.end);
  if (v.coding) {
    if (!EnsOverlap(lo, hi, v.coding_start, v.coding_end)) {
      pre.utr = true;
    } else {
      if (lo < v.coding_start || hi > v.coding_end) pre.utr = true;
      // VEP's TranscriptMapper returns nothing for an insertion with no exonic flank.
      pre.coding = pre.exon && (!a.insertion || loc.m.any_cdna);
    }
  }
  loc.ie = IntronEffects();
  if (pre.intron || pre.boundary) loc.ie = ComputeIntronEffects(v, a, near, boundary);
  return true;
}

// splice_acceptor_variant / splice_donor_variant (they rank above the coding terms).
void TranscriptEffectPredictor::Impl::AddEssentialSpliceTerms(const TranscriptView& v, const Location& loc,
                                                              ConsequenceSet& cs) const {
  const IntronEffects& ie = loc.ie;
  const bool plus = v.strand > 0;
  if (loc.pre.boundary) {
    if (plus ? ie.end_ss : ie.start_ss) cs.Add(Consequence::kSpliceAcceptor);
    if (plus ? ie.start_ss : ie.end_ss) cs.Add(Consequence::kSpliceDonor);
  }
}

// The splice-region family: 5th base, region, donor region, polypyrimidine tract.
void TranscriptEffectPredictor::Impl::AddSpliceRegionTerms(const TranscriptView& v, const Location& loc,
                                                           ConsequenceSet& cs) const {
  const IntronEffects& ie = loc.ie;
  const Pre& pre = loc.pre;
  const bool plus = v.strand > 0;
  if (pre.boundary) {
    const bool donor = plus ? ie.start_ss : ie.end_ss;
    const bool acceptor = plus ? ie.end_ss : ie.start_ss;
    const bool fifth = plus ? ie.fifth : ie.fifth_rev;
    const bool donor_region = !fifth && (plus ? ie.donor_region : ie.donor_region_rev);
    if (fifth) cs.Add(Consequence::kSpliceDonor5thBase);
    if (!donor && !acceptor && !donor_region && !fifth && ie.splice_region) {
      cs.Add(Consequence::kSpliceRegion);
    }
    if (donor_region) cs.Add(Consequence::kSpliceDonorRegion);
  }
  if (pre.intron && !pre.exon && (plus ? ie.ppt : ie.ppt_rev)) {
    cs.Add(Consequence::kSplicePolypyrimidineTract);
  }
}

// UTR, non-coding exon, intron, NMD and non-coding transcript terms.
void TranscriptEffectPredictor::Impl::AddRegionTerms(const TranscriptView& v, const Location& loc,
                                                     ConsequenceSet& cs) const {
  const CallAllele& a = allele;
  const Pre& pre = loc.pre;
  const Mapping& m = loc.m;
  const IntronEffects& ie = loc.ie;
  const bool plus = v.strand > 0;
  const int64_t hi = std::max(a.start, a.end);
  const bool within_cdna = m.any_cdna || ie.frameshift_intron;
  if (pre.exon && pre.utr && within_cdna) {
    // _before_coding / _after_coding, with insertions right at the CDS edge counted as UTR.
    const bool insertion = a.start == a.end + 1;
    const bool before_coding =
        (insertion && a.start == v.coding_start) || EnsOverlap(a.start, a.end, v.start, v.coding_start - 1);
    const bool after_coding =
        (insertion && a.end == v.coding_end) || EnsOverlap(a.start, a.end, v.coding_end + 1, v.end);
    if (plus ? before_coding : after_coding) cs.Add(Consequence::kFivePrimeUtr);
    if (plus ? after_coding : before_coding) cs.Add(Consequence::kThreePrimeUtr);
  }
  bool nc_exon = false;
  if (pre.exon && !v.protein_coding_biotype && !v.coding && !pre.complete) {
    for (size_t i = loc.first_exon; i < v.exons.size() && v.exons[i].start <= hi; ++i) {
      if (EnsOverlap(a.start, a.end, v.exons[i].start, v.exons[i].end)) nc_exon = true;
    }
    if (nc_exon) cs.Add(Consequence::kNonCodingTranscriptExon);
  }
  if (pre.intron && ie.intronic) cs.Add(Consequence::kIntron);
  if (v.nmd_biotype) cs.Add(Consequence::kNmdTranscript);
  if (!v.protein_coding_biotype && !v.coding && !nc_exon) cs.Add(Consequence::kNonCodingTranscript);
}

// EXON / INTRON numbers and the cDNA position.
void TranscriptEffectPredictor::Impl::FillExonIntron(const TranscriptView& v, const Location& loc,
                                                     TranscriptEffect& effect) const {
  const CallAllele& a = allele;
  const Pre& pre = loc.pre;
  const int64_t hi = std::max(a.start, a.end);
  // EXON / INTRON numbers: features the allele overlaps (an insertion needs both flanks inside).
  if (pre.exon) {
    int first = 0, last = 0;
    for (size_t i = loc.first_exon; i < v.exons.size() && v.exons[i].start <= hi; ++i) {
      if (!EnsOverlap(a.start, a.end, v.exons[i].start, v.exons[i].end)) continue;
      const int n = v.exons[i].number;
      first = first == 0 ? n : std::min(first, n);
      last = std::max(last, n);
    }
    if (first != 0) FormatNumbers(first, last, static_cast<int>(v.exons.size()), effect.exon);
  }
  if (pre.intron) {
    int first = 0, last = 0;
    for (int i : near) {
      if (!EnsOverlap(a.start, a.end, v.IntronStart(i), v.IntronEnd(i))) continue;
      const int n = v.IntronNumber(i);
      first = first == 0 ? n : std::min(first, n);
      last = std::max(last, n);
    }
    if (first != 0) FormatNumbers(first, last, v.IntronCount(), effect.intron);
  }
  if (pre.exon) FormatCoords(loc.m.cdna_start, loc.m.cdna_end, effect.cdna_position);
}

void TranscriptEffectPredictor::Impl::SetFlags(const Transcript& t, TranscriptEffect& effect) {
  if (t.cds_start_incomplete) effect.flags = "cds_start_NF";
  if (t.cds_end_incomplete) effect.flags += effect.flags.empty() ? "cds_end_NF" : "&cds_end_NF";
}

Status TranscriptEffectPredictor::Impl::Evaluate(const Transcript& t, std::vector<TranscriptEffect>& out) {
  TranscriptView& v = View(t);
  const CallAllele& a = allele;
  const bool plus = v.strand > 0;
  Location loc;
  if (!Locate(t, v, out, loc)) return Status::Ok();
  const Pre& pre = loc.pre;
  const Mapping& m = loc.m;
  const IntronEffects& ie = loc.ie;

  TranscriptEffect& effect = out.emplace_back();
  effect.transcript = &t;
  SetFlags(t, effect);
  ConsequenceSet& cs = effect.consequences;

  if (pre.coding) ZENOME_RETURN_IF_ERROR(v.LoadSequence(reference));
  coding.codons = coding.ref_pep_ok = coding.alt_pep_ok = false;
  if (pre.coding) annotate_internal::ComputeCoding(v, m, a.RefFor(v), a.AltFor(v), coding);
  // An N under the allele makes the reference residue unknown: no missense, stop or synonymous
  // call (VEP would compare 'X' with the new residue); coding_sequence_variant says what is known.
  if (unknown_reference) coding.ref_pep_ok = false;

  CodingPredicates cp(v, a, m, coding, pre.complete, ie.frameshift_intron);

  if (pre.complete && a.deletion) {
    // transcript_ablation is VEP's only tier-1 transcript term; it suppresses all others.
    cs.Add(Consequence::kTranscriptAblation);
  } else {
    AddEssentialSpliceTerms(v, loc, cs);
    if (pre.coding) {
      if (cp.StopGained()) cs.Add(Consequence::kStopGained);
      if (!a.same_length && cp.Frameshift()) cs.Add(Consequence::kFrameshift);
      if (cp.StopLost()) cs.Add(Consequence::kStopLost);
      if (cp.StartLost()) cs.Add(Consequence::kStartLost);
      if (a.insertion && cp.InframeInsertion()) cs.Add(Consequence::kInframeInsertion);
      if (a.deletion && cp.InframeDeletion()) cs.Add(Consequence::kInframeDeletion);
      if (a.same_length && cp.Missense()) cs.Add(Consequence::kMissense);
      if (cp.ProteinAltering()) cs.Add(Consequence::kProteinAltering);
    }
    AddSpliceRegionTerms(v, loc, cs);
    if (pre.coding) {
      if (cp.PartialCodon()) cs.Add(Consequence::kIncompleteTerminalCodon);
      if (cp.StartRetained()) cs.Add(Consequence::kStartRetained);
      if (cp.StopRetained()) cs.Add(Consequence::kStopRetained);
      if (cp.Synonymous()) cs.Add(Consequence::kSynonymous);
      if (cp.CodingUnknown()) cs.Add(Consequence::kCodingSequence);
    }
    AddRegionTerms(v, loc, cs);
  }
  if (cs.empty()) cs.Add(Consequence::kIntergenic);  // VEP's default term when nothing matched

  FillExonIntron(v, loc, effect);
  if (pre.coding) {
    FormatCoords(m.cds_start, m.cds_end, effect.cds_position);
    FormatCoords(m.tl_start, m.tl_end, effect.protein_position);
    if (coding.alt_pep_ok && coding.ref_pep_ok) {
      effect.amino_acids = coding.ref_pep;
      if (coding.ref_pep != coding.alt_pep) {
        effect.amino_acids.push_back('/');
        effect.amino_acids += coding.alt_pep;
      }
    }
    if (coding.codons) {
      const int64_t codon_position =
          Has(m.cdna_start) ? (m.cdna_start - v.cdna_coding_start + v.pad + v.SlipShift(m.cdna_start)) % 3 + 1
                            : 0;
      std::string ref_codon = coding.ref_codon.empty() ? "-" : coding.ref_codon;
      std::string alt_codon = coding.alt_codon.empty() ? "-" : coding.alt_codon;
      DisplayCodon(ref_codon, a.RefFor(v), codon_position, scratch_ref_codon);
      DisplayCodon(alt_codon, a.AltFor(v), codon_position, scratch_alt_codon);
      effect.codons = scratch_ref_codon;
      effect.codons.push_back('/');
      effect.codons += scratch_alt_codon;
    }
  }

  if (options.hgvs && !unknown_reference) {
    annotate_internal::HgvsContext hc;
    hc.view = &v;
    hc.contig = a.contig;
    hc.start = a.start;
    hc.end = a.end;
    hc.ref_g = a.ref;
    hc.alt_g = a.alt;
    hc.exon_pred = pre.exon;
    hc.coding_pred = pre.coding;
    hc.mapping = &m;
    hc.shift_hgvs = options.shift_hgvs;
    if (options.shift_hgvs && (a.insertion || a.deletion) && (a.ref.empty() || a.alt.empty())) {
      ZENOME_RETURN_IF_ERROR(Shifted(plus, hc.shifted));
    }
    int64_t shift = 0;
    ZENOME_RETURN_IF_ERROR(annotate_internal::HgvsTranscript(hc, reference, effect.hgvsc, shift));
    if (pre.coding) {
      hc.frameshift = cp.Frameshift();
      hc.start_lost = cp.StartLost();
      hc.stop_lost = cp.StopLost();
      hc.protein_unchanged = cp.IndelKeepsCds();
      annotate_internal::HgvsProtein(hc, effect.hgvsp);
    }
    if (!effect.hgvsc.empty() || !effect.hgvsp.empty()) effect.hgvs_shift = shift;
  }
  return Status::Ok();
}

Status TranscriptEffectPredictor::Impl::PrepareStructural(const StructuralChange& change) {
  if (change.start < 0 || change.end < change.start) {
    return Status::BadInput("structural allele at " + std::string(change.contig) + ":" +
                            std::to_string(change.start) + " has an end (" + std::to_string(change.end) +
                            ") before its start");
  }
  CallAllele& a = allele;
  a = CallAllele();
  a.contig = change.contig;
  a.pos0 = change.start;
  a.start = change.start + 1;  // Ensembl convention: an empty span is an insertion point
  a.end = change.end;
  a.insertion = change.start == change.end;
  a.deletion = !a.insertion;
  a.regions.emplace_back(0, a.end - a.start);
  unknown_reference = false;
  return Status::Ok();
}

// VEP's structural-variant predicates (VariationEffect.pm: feature_ablation, feature_amplification,
// feature_elongation, feature_truncation, with ensembl-variation#1041: elongation and truncation
// only when the event touches the cDNA), plus the location terms of the span. A breakend inside
// the cDNA breaks the transcript: feature_truncation. An inversion or a CNV of unknown direction
// gets the location terms only, as in VEP.
void TranscriptEffectPredictor::Impl::EvaluateStructural(const Transcript& t, StructuralKind kind,
                                                         std::vector<TranscriptEffect>& out) {
  TranscriptView& v = View(t);
  Location loc;
  if (!Locate(t, v, out, loc)) return;
  const CallAllele& a = allele;
  const bool loss = kind == StructuralKind::kDeletion || kind == StructuralKind::kCopyNumberLoss;
  const bool gain = kind == StructuralKind::kDuplication || kind == StructuralKind::kCopyNumberGain;
  const bool elongating = gain || kind == StructuralKind::kInsertion;
  const bool truncating = loss || kind == StructuralKind::kBreakend;
  TranscriptEffect& effect = out.emplace_back();
  effect.transcript = &t;
  SetFlags(t, effect);
  ConsequenceSet& cs = effect.consequences;
  const bool complete = loc.pre.complete && !a.insertion;
  if (complete && loss) {
    cs.Add(Consequence::kTranscriptAblation);
  } else if (complete && gain) {
    cs.Add(Consequence::kTranscriptAmplification);
  } else {
    AddEssentialSpliceTerms(v, loc, cs);
    const bool within_cdna = loc.m.any_cdna || loc.ie.frameshift_intron;
    if (within_cdna && !complete) {
      if (elongating) cs.Add(Consequence::kFeatureElongation);
      if (truncating) cs.Add(Consequence::kFeatureTruncation);
    }
    AddSpliceRegionTerms(v, loc, cs);
    if (v.coding && loc.m.any_cds) cs.Add(Consequence::kCodingSequence);
    AddRegionTerms(v, loc, cs);
  }
  if (cs.empty()) cs.Add(Consequence::kIntergenic);
  FillExonIntron(v, loc, effect);
  if (v.coding && loc.m.any_cds) {
    FormatCoords(loc.m.cds_start, loc.m.cds_end, effect.cds_position);
    FormatCoords(loc.m.tl_start, loc.m.tl_end, effect.protein_position);
  }
}

std::string_view StructuralKindName(StructuralKind kind) {
  switch (kind) {
    case StructuralKind::kDeletion: return "deletion";
    case StructuralKind::kDuplication: return "duplication";
    case StructuralKind::kInsertion: return "insertion";
    case StructuralKind::kInversion: return "inversion";
    case StructuralKind::kCopyNumberGain: return "copy_number_gain";
    case StructuralKind::kCopyNumberLoss: return "copy_number_loss";
    case StructuralKind::kCopyNumberChange: return "copy_number_variation";
    case StructuralKind::kBreakend: return "chromosome_breakpoint";
  }
  return "structural_variant";
}

Status TranscriptEffectPredictor::PredictStructural(const StructuralChange& change,
                                                    std::vector<TranscriptEffect>& out) {
  Impl& impl = *impl_;
  ZENOME_RETURN_IF_ERROR(impl.PrepareStructural(change));
  const size_t first = out.size();
  const int contig = impl.genes.ContigIndex(change.contig);
  if (contig >= 0) {
    impl.overlapping.clear();
    impl.genes.Overlapping(contig, change.start, change.end, impl.options.upstream_downstream_distance,
                           impl.overlapping);
    for (const Transcript* t : impl.overlapping) impl.EvaluateStructural(*t, change.kind, out);
  }
  if (out.size() == first) out.emplace_back().consequences.Add(Consequence::kIntergenic);
  return Status::Ok();
}

TranscriptEffectPredictor::TranscriptEffectPredictor(const GeneModel& genes, ReferenceReader& reference,
                                                     TranscriptEffectOptions options)
    : impl_(std::make_unique<Impl>(genes, reference, options)) {}

TranscriptEffectPredictor::~TranscriptEffectPredictor() = default;

bool TranscriptEffectPredictor::LastAlleleOnUnknownReference() const {
  return impl_->unknown_reference;
}

Status TranscriptEffectPredictor::Predict(const AlleleChange& change, std::vector<TranscriptEffect>& out) {
  Impl& impl = *impl_;
  ZENOME_RETURN_IF_ERROR(impl.Prepare(change));
  const CallAllele& a = impl.allele;
  const size_t first = out.size();
  if (impl.last_contig.empty() || change.contig != impl.last_contig) {
    impl.last_contig.assign(change.contig);
    impl.last_contig_index = impl.genes.ContigIndex(change.contig);
  }
  const int contig = impl.last_contig_index;
  if (contig >= 0) {
    impl.overlapping.clear();
    const int64_t end0 = a.pos0 + static_cast<int64_t>(a.ref.size());
    impl.genes.Overlapping(contig, a.pos0, end0, impl.options.upstream_downstream_distance, impl.overlapping);
    for (const Transcript* t : impl.overlapping) {
      Status status = impl.Evaluate(*t, out);
      if (!status.ok()) {
        out.resize(first);
        return status;
      }
    }
  }
  if (out.size() == first) {
    TranscriptEffect& effect = out.emplace_back();
    effect.consequences.Add(Consequence::kIntergenic);
  }
  return Status::Ok();
}

}  // namespace zenome
