// HGVS descriptions as VEP writes them with --hgvs (which follows the HGVS recommendations):
// g. from VariationFeature::hgvs_genomic, c./n. from TranscriptVariationAllele::hgvs_transcript
// and p. from TranscriptVariationAllele::hgvs_protein and its helpers, written anew.
#include <algorithm>
#include <charconv>
#include <optional>

#include "annotate/transcript_effect.h"
#include "annotate/transcript_effect_internal.h"
#include "core/contig_names.h"
#include "core/reference.h"
#include "core/sequence.h"

namespace zenome {
namespace annotate_internal {
namespace {

bool Acgt(std::string_view s) {
  for (char c : s) {
    if (c != 'A' && c != 'C' && c != 'G' && c != 'T') return false;
  }
  return true;
}

std::string Oriented(std::string_view forward, int strand) {
  return strand > 0 ? std::string(forward) : ReverseComplement(forward);
}

enum class NucType { kSub, kDel, kIns, kDup, kDelins, kInv };

// hgvs_variant_notation's classification of one REF/ALT pair at its (3'-shifted) place.
// `before` returns the `n` bases ending just before the insertion point and `after` the `n`
// bases starting right after it, or fewer when the reference ends; lookup order as VEP's.
template <typename Before, typename After>
NucType Classify(std::string_view ref, std::string_view alt, bool forward_first, Before before, After after,
                 bool& dup_forward) {
  dup_forward = false;
  if (alt.empty()) return NucType::kDel;
  if (ref.size() == alt.size()) {
    if (ref.size() == 1) return NucType::kSub;
    return alt == ReverseComplement(ref) ? NucType::kInv : NucType::kDelins;
  }
  if (ref.empty()) {
    const int64_t n = static_cast<int64_t>(alt.size());
    for (int pass = 0; pass < 2; ++pass) {
      const bool forward = (pass == 0) == forward_first;
      if ((forward ? after(n) : before(n)) == alt) {
        dup_forward = forward;
        return NucType::kDup;
      }
    }
    return NucType::kIns;
  }
  return NucType::kDelins;
}

void AppendNucDescription(NucType type, std::string_view from, std::string_view to, std::string_view ref,
                          std::string_view alt, std::string& out) {
  if (type == NucType::kSub) {
    out += from;
    out += ref;
    out.push_back('>');
    out += alt;
    return;
  }
  out += from;
  if (from != to) {
    out.push_back('_');
    out += to;
  }
  switch (type) {
    case NucType::kDel: out += "del"; break;
    case NucType::kInv: out += "inv"; break;
    case NucType::kDup: out += "dup"; break;
    case NucType::kDelins:
      out += "delins";
      out += alt;
      break;
    case NucType::kIns:
      out += "ins";
      out += alt;
      break;
    case NucType::kSub: break;
  }
}

}  // namespace

Status HgvsTranscript(const HgvsContext& c, ReferenceReader& reference, std::string& out,
                      int64_t& shift_out) {
  out.clear();
  shift_out = 0;
  if (!Acgt(c.alt_g)) return Status::Ok();
  const TranscriptView& v = *c.view;
  const bool plus = v.strand > 0;
  const int64_t length = v.end - v.start + 1;
  // Positions on the unspliced transcript, 5' to 3' (VEP's transcript feature slice).
  int64_t ss = plus ? c.start - v.start + 1 : v.end - c.end + 1;
  int64_t se = plus ? c.end - v.start + 1 : v.end - c.start + 1;
  if (ss < 1 || se < 1 || ss > length || se > length) return Status::Ok();
  const int64_t shift = c.shifted != nullptr ? c.shifted->shift : 0;
  if (se + shift > length) return Status::Ok();  // shifted off the transcript's 3' end
  ss += shift;
  se += shift;
  const int64_t delta = plus ? shift : -shift;
  // Scratch reused across calls on this thread (one call per allele and transcript).
  thread_local std::string alt_t, ref_t, from_text, to_text;
  alt_t.assign(c.shifted != nullptr ? std::string_view(c.shifted->alt) : c.alt_g);
  if (!plus) ReverseComplementInPlace(alt_t);
  // HGVS shows reference bases only for substitutions and inversions; a deletion's (possibly
  // long) sequence is never read.
  ref_t.clear();
  if (!alt_t.empty()) {
    ZENOME_RETURN_IF_ERROR(reference.FetchInto(c.contig, c.start - 1 + delta, c.end + delta, ref_t));
    if (!plus) ReverseComplementInPlace(ref_t);
    if (ref_t == alt_t || !Acgt(ref_t)) return Status::Ok();  // no N described as a base
  } else {
    ref_t.assign(static_cast<size_t>(c.end - c.start + 1), 'N');  // only its length matters
  }

  // Slice positions [p1, p2] in transcript orientation, read from the genome.
  Status fetch_status;
  auto slice = [&](int64_t p1, int64_t p2) {
    p1 = std::max<int64_t>(p1, 1);
    p2 = std::min(p2, length);
    std::string bases;
    if (p2 < p1) return bases;
    const int64_t g1 = plus ? v.start - 1 + p1 - 1 : v.end - p2;
    const int64_t g2 = plus ? v.start - 1 + p2 : v.end - p1 + 1;
    Status s = reference.FetchInto(c.contig, g1, g2, bases);
    if (!s.ok()) fetch_status = s;
    if (!plus) ReverseComplementInPlace(bases);
    return bases;
  };
  bool dup_forward = false;
  // VEP looks for the duplicated copy 3' first unless it is not shifting on a - strand.
  const bool forward_first = c.shift_hgvs || plus;
  const NucType type = Classify(
      ref_t, alt_t, forward_first, [&](int64_t n) { return slice(se - n + 1, se); },
      [&](int64_t n) { return slice(se + 1, se + n); }, dup_forward);
  ZENOME_RETURN_IF_ERROR(fetch_status);
  int64_t from = ss, to = se;
  const int64_t n = static_cast<int64_t>(alt_t.size());
  if (type == NucType::kDup) {
    from = dup_forward ? ss : se - n + 1;
    to = dup_forward ? ss + n - 1 : se;
  } else if (type == NucType::kIns) {
    from = se;
    to = ss;
  }

  from_text.clear();
  to_text.clear();
  if (c.ref_g.size() == 1 && c.alt_g.size() == 1 && c.exon_pred && c.mapping->HasCds()) {
    // VEP numbers an exonic SNV by its CDS position directly.
    char digits[24];
    from_text.assign(digits, std::to_chars(digits, digits + sizeof(digits), c.mapping->cds_start).ptr);
    to_text = from_text;
  } else {
    auto genomic = [&](int64_t p) { return plus ? v.start + p - 1 : v.end - p + 1; };
    v.AppendHgvsPosition(genomic(from), from_text);
    if (from == to) {
      to_text = from_text;
    } else {
      v.AppendHgvsPosition(genomic(to), to_text);
    }
  }
  out = v.transcript->id;
  if (!v.transcript->version.empty()) {
    out.push_back('.');
    out += v.transcript->version;
  }
  out += v.coding ? ":c." : ":n.";
  AppendNucDescription(type, from_text, to_text, ref_t, alt_t, out);
  shift_out = shift;
  return Status::Ok();
}

namespace {

enum class ProtType { kNone, kSame, kSub, kIns, kDel, kDelins, kDup, kFs };

struct ProtNotation {
  std::string ref, alt;
  int64_t start = 0, end = 0;
  ProtType type = ProtType::kNone;
  bool has_original_ref = false;
  std::string original_ref;
  std::string preseq;
};

// TranscriptVariationAllele::_clip_alleles for protein numbering.
void ClipProtein(ProtNotation& n) {
  n.original_ref = n.ref;
  n.has_original_ref = true;
  std::string_view r = n.ref;
  std::string_view a = n.alt;
  int64_t start = n.start;
  int64_t end = n.end;
  std::string preseq;
  for (size_t p = 0, rounds = n.ref.size(); p < rounds; ++p) {
    const std::string_view r0 = r.substr(0, 1);
    const std::string_view a0 = a.substr(0, 1);
    if (r0 == "*" && a0 == "*") {
      n.type = ProtType::kSame;  // stop recreated: VEP stops clipping here
      return;
    }
    if (r0 != a0) break;
    ++start;
    preseq += r0;
    r.remove_prefix(r0.size());
    a.remove_prefix(a0.size());
  }
  for (size_t q = 0, rounds = r.size(); q < rounds; ++q) {
    if (r.empty() || a.empty() || r.back() != a.back()) break;
    r.remove_suffix(1);
    a.remove_suffix(1);
    --end;
  }
  n.ref = std::string(r);
  n.alt = std::string(a);
  n.start = start;
  n.end = end;
  n.preseq = std::move(preseq);
}

class ProteinHgvs {
 public:
  ProteinHgvs(const HgvsContext& c, const Mapping& m, std::string_view alt_t)
      : c_(c), v_(*c.view), m_(m), alt_t_(alt_t) {}

  void Describe(const CodingAllele& coding, std::string& out);

 private:
  AltCds Alternate() const { return AltCds{&v_, m_.cds_start - 1, alt_t_, m_.cds_end}; }

  char AltResidue(const AltCds& alt, int64_t codon) const {
    const char bases[3] = {alt(3 * codon), alt(3 * codon + 1), alt(3 * codon + 2)};
    return TranslateCodon(std::string_view(bases, 3), v_.code);
  }

  // _get_surrounding_peptides: residues from 1-based `pos`, `count` of them (-1: all).
  bool Surrounding(int64_t pos, int64_t count, std::string& out) const {
    std::string trans = v_.peptide;
    if (n_.has_original_ref && !n_.original_ref.empty() && n_.original_ref[0] == '*') {
      trans += n_.original_ref;
    }
    if (pos < 1 || static_cast<int64_t>(trans.size()) <= pos) return false;
    out = count < 0 ? trans.substr(static_cast<size_t>(pos - 1))
                    : trans.substr(static_cast<size_t>(pos - 1), static_cast<size_t>(count));
    return true;
  }

  // _check_peptides_post_var + _shift_3prime: move an inserted/deleted run 3' at protein level.
  void ShiftPostVar() {
    std::string post;
    if (!Surrounding(n_.end + 1, -1, post)) return;
    std::string& seq = n_.type == ProtType::kIns ? n_.alt : n_.ref;
    for (size_t i = 0; !seq.empty() && i + seq.size() <= post.size(); ++i) {
      if (seq[0] != post[i]) break;
      ++n_.start;
      ++n_.end;
      std::rotate(seq.begin(), seq.begin() + 1, seq.end());
    }
  }

  // _check_for_peptide_duplication: the inserted residues repeat those just before.
  bool DuplicationOf() {
    std::string upstream = v_.peptide;
    if (static_cast<int64_t>(v_.peptide.size()) < v_.cds_length / 3) upstream.push_back('*');
    upstream.resize(static_cast<size_t>(std::clamp<int64_t>(n_.start - 1, 0, upstream.size())));
    upstream += n_.preseq;
    const int64_t length = static_cast<int64_t>(n_.alt.size());
    const int64_t test_start = n_.start - length - 1;
    if (test_start < 0 || static_cast<int64_t>(upstream.size()) < test_start + length) return false;
    if (upstream.compare(static_cast<size_t>(test_start), static_cast<size_t>(length), n_.alt) != 0)
      return false;
    n_.type = ProtType::kDup;
    n_.end = n_.start - 1;
    n_.start -= length;
    n_.alt = ToThreeLetter(n_.alt);
    return true;
  }

  // _get_fs_peptides: the first residue the frameshift changes.
  void FrameshiftPeptides() {
    const AltCds alt = Alternate();
    const int64_t codons = alt.length() / 3;
    const std::string ref_trans = v_.peptide + "*";
    int64_t start = m_.tl_start;
    if (start > codons) {
      n_.alt = "del";
      n_.type = ProtType::kDel;
      return;
    }
    while (start <= codons) {
      n_.ref = start - 1 < static_cast<int64_t>(ref_trans.size())
                   ? std::string(1, ref_trans[static_cast<size_t>(start - 1)])
                   : std::string();
      n_.alt = std::string(1, AltResidue(alt, start - 1));
      if (n_.ref == "*" && n_.alt == "*") {
        n_.type = ProtType::kSame;
        break;
      }
      if (n_.ref != n_.alt) break;
      ++start;
    }
    n_.start = start;
  }

  // _stop_loss_extra_AA: residues to the new stop (counted from `ref_var_pos` + 1 for
  // frameshifts, from the old stop otherwise); 0 when there is none.
  int64_t ExtraResidues(int64_t ref_var_pos, bool frameshift) const {
    if (ref_var_pos <= 0) return 0;
    const AltCds alt = Alternate();
    const int64_t unchanged_codons = alt.up / 3;
    int64_t stop = -1;
    if (v_.first_stop >= 0 && v_.first_stop < unchanged_codons) {
      stop = v_.first_stop;
    } else {
      stop = FirstStopFrom(unchanged_codons, alt.length(), v_.code, alt);
    }
    if (stop < 0) return 0;
    const int64_t position = stop + 1;
    const int64_t extra =
        frameshift ? position - ref_var_pos : position - 1 - static_cast<int64_t>(v_.peptide.size());
    return extra > 0 ? extra : 0;
  }

  void Format(std::string& out);

  const HgvsContext& c_;
  const TranscriptView& v_;
  const Mapping& m_;
  std::string_view alt_t_;
  ProtNotation n_;
};

void ReplaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
}

void ProteinHgvs::Describe(const CodingAllele& coding, std::string& out) {
  n_.ref = coding.ref_pep;
  n_.alt = coding.alt_pep_ok ? coding.alt_pep : std::string();
  n_.start = m_.tl_start;
  n_.end = m_.tl_end;
  if (n_.alt != n_.ref) ClipProtein(n_);

  // _get_hgvs_protein_type
  if (c_.frameshift) {
    n_.type = ProtType::kFs;
  } else {
    for (std::string* s : {&n_.ref, &n_.alt}) {
      const size_t stop = s->find('*');
      if (stop != std::string::npos) (*s)[stop] = 'X';
    }
    if (n_.ref == "-" || n_.ref.empty()) {
      n_.type = ProtType::kIns;
    } else if (n_.alt.empty() || n_.alt == "-") {
      n_.type = ProtType::kDel;
    } else if (n_.ref.size() == 1 && n_.alt.size() == 1) {
      n_.type = ProtType::kSub;
    } else if (n_.alt.size() != n_.ref.size() || (n_.alt.size() > 1 && n_.ref.size() > 1)) {
      n_.type = ProtType::kDelins;
    } else {
      n_.type = ProtType::kSub;
    }
  }

  // _get_hgvs_peptides
  if (n_.type == ProtType::kFs) {
    FrameshiftPeptides();
  } else if (n_.type == ProtType::kIns) {
    ShiftPostVar();
    if (n_.alt.find('*') == std::string::npos && DuplicationOf()) {
      Format(out);
      return;
    }
    std::string around;
    if (!Surrounding(std::min(n_.start, n_.end), 2, around)) return;
    n_.ref = std::move(around);
  } else if (n_.type == ProtType::kDel) {
    ShiftPostVar();
  }
  if (n_.ref != "-") n_.ref = ToThreeLetter(n_.ref);
  if (n_.alt != "-") n_.alt = ToThreeLetter(n_.alt);
  if (n_.alt == "-") n_.alt = "del";
  if (c_.start_lost) {
    n_.alt = "?";
    n_.type = ProtType::kNone;
  } else if (n_.type == ProtType::kDel) {
    n_.alt = "del";
  } else if (n_.type == ProtType::kFs) {
    n_.ref = n_.ref.substr(0, 3);
  }
  ReplaceAll(n_.ref, "Xaa", "Ter");
  ReplaceAll(n_.alt, "Xaa", "Ter");
  Format(out);
}

// _get_hgvs_protein_format.
void ProteinHgvs::Format(std::string& out) {
  out = v_.transcript->protein_id;
  out += ":p.";
  const std::string start = std::to_string(n_.start);
  const std::string end = std::to_string(n_.end);
  auto first3 = [](const std::string& s) { return s.substr(0, 3); };
  auto last3 = [](const std::string& s) { return s.size() > 3 ? s.substr(s.size() - 3) : s; };
  if (n_.ref == n_.alt && n_.type != ProtType::kFs && n_.type != ProtType::kIns) {
    out += n_.ref + start + "=";
  } else if (c_.stop_lost && (n_.type == ProtType::kDel || n_.type == ProtType::kSub)) {
    const int64_t extra = ExtraResidues(n_.start - 1, false);
    const std::string alt =
        first3(n_.alt) + "extTer" + (extra > 0 ? std::to_string(extra) : std::string("?"));
    if (n_.ref.size() > 3 && n_.type == ProtType::kDel) {
      out += first3(n_.ref) + start + "_" + last3(n_.ref) + end + alt;
    } else {
      out += n_.ref + start + alt;
    }
  } else if (n_.type == ProtType::kDup) {
    if (n_.start < n_.end) {
      out += first3(n_.alt) + start + "_" + last3(n_.alt) + end + "dup";
    } else {
      out += n_.alt + start + "dup";
    }
  } else if (n_.type == ProtType::kSub) {
    out += n_.ref + start + n_.alt;
  } else if (n_.type == ProtType::kDelins || n_.type == ProtType::kIns) {
    std::string alt = n_.alt;
    // Nothing after a new stop is reported.
    const size_t ter = alt.find("Ter");
    if (ter != std::string::npos && ter + 3 < alt.size()) alt.resize(ter + 3);
    const char* kind = n_.type == ProtType::kIns ? "ins" : "delins";
    if (n_.start == n_.end && n_.type == ProtType::kDelins) {
      out += first3(n_.ref) + start + kind + alt;
    } else {
      const int64_t lo = std::min(n_.start, n_.end);
      const int64_t hi = std::max(n_.start, n_.end);
      out += first3(n_.ref) + std::to_string(lo) + "_" + last3(n_.ref) + std::to_string(hi) + kind + alt;
    }
  } else if (n_.type == ProtType::kFs) {
    if (n_.alt == "Ter") {
      out += n_.ref + start + n_.alt;
    } else {
      const int64_t extra = ExtraResidues(n_.start - 1, true);
      out += n_.ref + start + n_.alt + "fsTer" + (extra > 0 ? std::to_string(extra) : std::string("?"));
    }
  } else if (n_.type == ProtType::kDel) {
    if (n_.ref.size() > 3) {
      out += first3(n_.ref) + start + "_" + last3(n_.ref) + end + "del";
    } else {
      out += n_.ref + start + "del";
    }
  } else if (n_.start != n_.end) {
    out += n_.ref + start + "_" + n_.alt + end;
  } else {
    out += n_.ref + start + n_.alt;
  }
}

}  // namespace

void HgvsProtein(const HgvsContext& c, std::string& out) {
  out.clear();
  const TranscriptView& v = *c.view;
  if (!c.coding_pred || !v.coding || !v.sequence_loaded) return;
  // Departure from VEP only in naming: without a protein ID there is no reference to cite.
  if (v.transcript->protein_id.empty() || !Acgt(c.alt_g)) return;
  if (c.protein_unchanged) {
    out = v.transcript->protein_id + ":p.=";
    return;
  }
  int64_t start = c.start, end = c.end;
  std::string ref_t, alt_t;
  if (c.shifted != nullptr) {
    const int64_t delta = v.strand > 0 ? c.shifted->shift : -c.shifted->shift;
    start += delta;
    end += delta;
    ref_t = Oriented(c.shifted->ref, v.strand);
    alt_t = Oriented(c.shifted->alt, v.strand);
  } else {
    ref_t = Oriented(c.ref_g, v.strand);
    alt_t = Oriented(c.alt_g, v.strand);
  }
  const Mapping m = MapAllele(v, start, end);
  if (!Has(m.tl_start) || !Has(m.tl_end)) return;
  CodingAllele coding;
  ComputeCoding(v, m, ref_t, alt_t, coding);
  if (!coding.ref_pep_ok) return;
  // A codon with N has no residue to name (Describe would even call its 'X' Ter); a frameshift
  // reads on through the reference downstream.
  if (coding.ref_codon.find('N') != std::string::npos || coding.alt_codon.find('N') != std::string::npos)
    return;
  if (c.frameshift && Has(m.cds_start) &&
      v.cds_ext.find('N', static_cast<size_t>(std::max<int64_t>(m.cds_start - 1, v.pad))) !=
          std::string::npos) {
    return;
  }
  ProteinHgvs(c, m, alt_t).Describe(coding, out);
}

}  // namespace annotate_internal

Result<std::string> HgvsGenomic(const AlleleChange& change, ReferenceReader& reference) {
  // Scratch reused across calls on this thread (one call per ALT allele of a genome).
  thread_local std::string ref_upper, alt_upper, under, shifted_alt, genome_ref;
  auto upper = [](std::string_view in, std::string& out) {
    out.assign(in);
    for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - ('a' - 'A')) : c;
  };
  upper(change.ref, ref_upper);
  upper(change.alt, alt_upper);
  auto [pos0, ref, alt] = annotate_internal::TrimShared(ref_upper, alt_upper, change.pos0);
  if (!annotate_internal::Acgt(alt) || !annotate_internal::Acgt(ref)) {
    return Status::BadInput("no HGVS for allele " + std::string(change.ref) + ">" + std::string(change.alt) +
                            ": not made of A, C, G, T");
  }
  if (ref.empty() && alt.empty()) {
    return Status::BadInput("no HGVS for an ALT equal to REF at " + std::string(change.contig) + ":" +
                            std::to_string(change.pos0 + 1));
  }
  {
    under.clear();  // the reference bases the allele replaces (or the two around an insertion)
    const int64_t flank = ref.empty() ? 1 : 0;
    ZENOME_RETURN_IF_ERROR(reference.FetchInto(change.contig, pos0 - flank,
                                               pos0 + static_cast<int64_t>(ref.size()) + flank, under));
    if (!annotate_internal::Acgt(under)) {
      return Status::BadInput("no HGVS at " + std::string(change.contig) + ":" +
                              std::to_string(change.pos0 + 1) + ": the reference there is '" + under +
                              "' (unknown bases)");
    }
  }
  annotate_internal::ShiftedIndel shifted;
  shifted_alt.assign(alt);
  if (ref.empty() || alt.empty()) {
    ZENOME_RETURN_IF_ERROR(
        annotate_internal::ShiftIndel(reference, change.contig, pos0, ref, alt, true, shifted));
    pos0 = shifted.pos0;
    shifted_alt = shifted.alt;
  }
  genome_ref.clear();
  if (shifted_alt.empty()) {
    // A deletion's bases are not written; check only that the contig holds them.
    const std::optional<int64_t> length = reference.genome().Length(change.contig);
    if (!length)
      return Status::NotFound("contig '" + std::string(change.contig) + "' is not in the reference");
    if (pos0 + static_cast<int64_t>(ref.size()) > *length)
      genome_ref.clear();
    else
      genome_ref.assign(ref.size(), 'N');
  } else {
    ZENOME_RETURN_IF_ERROR(
        reference.FetchInto(change.contig, pos0, pos0 + static_cast<int64_t>(ref.size()), genome_ref));
  }
  if (genome_ref.size() != ref.size()) {
    return Status::BadInput("allele at " + std::string(change.contig) + ":" +
                            std::to_string(change.pos0 + 1) + " runs past the end of the contig");
  }
  if (genome_ref == shifted_alt) {
    return Status::BadInput("no HGVS at " + std::string(change.contig) + ":" +
                            std::to_string(change.pos0 + 1) + ": ALT equals the reference sequence");
  }
  Status fetch_status;
  auto fetch = [&](int64_t from0, int64_t to0) {
    std::string bases;
    if (from0 < 0 || to0 <= from0) return bases;
    Status s = reference.FetchInto(change.contig, from0, to0, bases);
    if (!s.ok()) fetch_status = s;
    return bases;
  };
  bool dup_forward = false;
  const annotate_internal::NucType type = annotate_internal::Classify(
      genome_ref, shifted_alt, true, [&, at0 = pos0](int64_t n) { return fetch(at0 - n, at0); },
      [&, at0 = pos0](int64_t n) { return fetch(at0, at0 + n); }, dup_forward);
  ZENOME_RETURN_IF_ERROR(fetch_status);
  // 1-based positions.
  int64_t from = pos0 + 1;
  int64_t to = pos0 + static_cast<int64_t>(ref.size());
  const int64_t n = static_cast<int64_t>(shifted_alt.size());
  if (type == annotate_internal::NucType::kDup) {
    from = dup_forward ? pos0 + 1 : pos0 - n + 1;
    to = dup_forward ? pos0 + n : pos0;
  } else if (type == annotate_internal::NucType::kIns) {
    from = pos0;
    to = pos0 + 1;
  }
  std::string out(change.contig);
  out += CanonicalContigName(change.contig) == "MT" ? ":m." : ":g.";
  char from_text[24];
  char to_text[24];
  const std::string_view from_view(
      from_text, std::to_chars(from_text, from_text + sizeof(from_text), from).ptr - from_text);
  const std::string_view to_view(to_text,
                                 std::to_chars(to_text, to_text + sizeof(to_text), to).ptr - to_text);
  annotate_internal::AppendNucDescription(type, from_view, to_view, genome_ref, shifted_alt, out);
  return out;
}

}  // namespace zenome
