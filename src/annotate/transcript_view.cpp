// The coordinate model of one transcript as Ensembl's TranscriptMapper sees it, the codons and
// peptides VEP derives from it, and the genomic 3' shift VEP applies before writing HGVS.
#include <algorithm>

#include "annotate/transcript_effect_internal.h"
#include "core/reference.h"

namespace zenome::annotate_internal {

void TranscriptView::Build(const Transcript& t, std::string_view contig_name) {
  transcript = &t;
  contig.assign(contig_name);
  strand = t.strand == Strand::kForward ? 1 : -1;
  start = t.span.start + 1;
  end = t.span.end;
  const size_t n = t.exons.size();
  exons.resize(n);
  for (size_t i = 0; i < n; ++i) {
    exons[i].start = t.exons[i].start + 1;
    exons[i].end = t.exons[i].end;
  }
  int64_t next_cdna = 1;
  for (size_t k = 0; k < n; ++k) {
    ExonView& exon = exons[strand > 0 ? k : n - 1 - k];
    exon.cdna_start = next_cdna;
    exon.number = static_cast<int>(k) + 1;
    next_cdna += exon.end - exon.start + 1;
  }
  cdna_length = next_cdna - 1;
  frameshift_introns = false;
  for (int i = 0; i + 1 < static_cast<int>(n); ++i) {
    // Ensembl models genome errors as introns of a few bases and treats them as exonic.
    if (IntronStart(i) <= IntronEnd(i) && IntronEnd(i) - IntronStart(i) <= 12) frameshift_introns = true;
  }
  coding = !t.cds.empty();
  pad = 0;
  slips.clear();
  sec_codons.clear();
  if (coding) {
    coding_start = t.cds.front().start + 1;
    coding_end = t.cds.back().end;
    cdna_coding_start = CdnaOf(strand > 0 ? coding_start : coding_end);
    cdna_coding_end = CdnaOf(strand > 0 ? coding_end : coding_start);
    // GFF3's phase counts bases to skip; Ensembl's start-exon phase counts the codon bases that
    // lie before the transcript and pads the CDS with that many N's.
    if (t.cds_start_phase > 0) pad = (3 - t.cds_start_phase) % 3;
    if (t.ribosomal_slippage) {
      // Consecutive segments (in transcript order) that overlap: the ribosome reads the overlap
      // twice. The slip comes after the earlier segment's last base.
      for (size_t k = 0; k + 1 < t.cds.size(); ++k) {
        const Interval0& lo = t.cds[k];
        const Interval0& hi = t.cds[k + 1];
        const int64_t overlap = lo.end - hi.start;
        if (overlap <= 0) continue;
        if (strand > 0) {
          slips.emplace_back(CdnaOf(lo.end), overlap);
        } else {
          slips.emplace_back(CdnaOf(hi.start + 1), overlap);
        }
      }
      std::sort(slips.begin(), slips.end());
    }
    for (const Interval0& codon : t.selenocysteine_codons) {
      const int64_t c = CdnaOf(strand > 0 ? codon.start + 1 : codon.end);
      if (c >= cdna_coding_start && c <= cdna_coding_end) sec_codons.push_back((CdsOfCdna(c) - 1) / 3);
    }
    std::sort(sec_codons.begin(), sec_codons.end());
  } else {
    coding_start = coding_end = cdna_coding_start = cdna_coding_end = 0;
  }
  code = GeneticCodeForContig(contig_name);
  protein_coding_biotype = t.biotype == "protein_coding";
  nmd_biotype = t.biotype == "nonsense_mediated_decay";
  sequence_loaded = false;
  cdna.clear();
  cds_ext.clear();
  peptide.clear();
  cds_length = 0;
  first_stop = -1;
}

size_t TranscriptView::LowerExon(int64_t pos) const {
  return static_cast<size_t>(
      std::partition_point(exons.begin(), exons.end(), [pos](const ExonView& e) { return e.end < pos; }) -
      exons.begin());
}

int64_t TranscriptView::CdnaOf(int64_t pos) const {
  size_t i = LowerExon(pos);
  if (i == exons.size() || exons[i].start > pos) return 0;
  const ExonView& e = exons[i];
  return e.cdna_start + (strand > 0 ? pos - e.start : e.end - pos);
}

Status TranscriptView::LoadSequence(ReferenceReader& reference) {
  if (sequence_loaded) return Status::Ok();
  cdna.clear();
  cdna.reserve(static_cast<size_t>(cdna_length));
  for (const ExonView& exon : exons) {
    ZENOME_RETURN_IF_ERROR(reference.FetchInto(contig, exon.start - 1, exon.end, cdna));
  }
  if (static_cast<int64_t>(cdna.size()) != cdna_length) {
    return Status::BadInput("transcript " + transcript->id + " extends beyond the end of " + contig +
                            " in the reference (wrong build or FASTA?)");
  }
  if (strand < 0) ReverseComplementInPlace(cdna);
  if (coding) {
    cds_ext.assign(static_cast<size_t>(pad), 'N');
    int64_t from = cdna_coding_start;  // 1-based cDNA position to copy next
    int64_t extra = 0;
    for (const auto& [after, overlap] : slips) {
      cds_ext.append(cdna, static_cast<size_t>(from - 1), static_cast<size_t>(after - from + 1));
      from = after - overlap + 1;  // read the overlap again
      extra += overlap;
    }
    cds_ext.append(cdna, static_cast<size_t>(from - 1), std::string::npos);
    cds_length = pad + cdna_coding_end - cdna_coding_start + 1 + extra;
    peptide = Translate(Cds(), code);
    for (int64_t codon : sec_codons) {
      if (codon < static_cast<int64_t>(peptide.size()) &&
          Cds().substr(static_cast<size_t>(3 * codon), 3) == "TGA") {
        peptide[static_cast<size_t>(codon)] = 'U';
      }
    }
    size_t stop = peptide.find('*');
    first_stop = stop == std::string::npos ? -1 : static_cast<int64_t>(stop);
    if (!peptide.empty() && peptide.back() == '*') peptide.pop_back();
  }
  sequence_loaded = true;
  return Status::Ok();
}

void TranscriptView::AppendHgvsPosition(int64_t pos, std::string& out) const {
  size_t i = LowerExon(pos);
  if (i == exons.size()) i = exons.size() - 1;  // callers stay inside the span
  const ExonView& e = exons[i];
  int64_t coord = 0;
  int64_t offset = 0;
  char sign = 0;
  auto cdna_end_of = [](const ExonView& x) { return x.cdna_start + (x.end - x.start); };
  if (pos >= e.start || i == 0) {
    coord = e.cdna_start + (strand > 0 ? pos - e.start : e.end - pos);
  } else {
    const ExonView& prev = exons[i - 1];
    const int64_t up = std::abs(pos - prev.end);
    const int64_t down = std::abs(e.start - pos);
    // Nearest exon; a tie goes to the genomically upstream exon on + strands and to the
    // downstream one on - strands, i.e. to the transcript's 5' exon ("+" offset) either way.
    if (up < down || (up == down && strand > 0)) {
      coord = strand > 0 ? cdna_end_of(prev) : prev.cdna_start;
      sign = strand > 0 ? '+' : '-';
      offset = up;
    } else {
      coord = strand > 0 ? e.cdna_start : cdna_end_of(e);
      sign = strand > 0 ? '-' : '+';
      offset = down;
    }
  }
  auto append_offset = [&] {
    if (sign != 0) {
      out.push_back(sign);
      out += std::to_string(offset);
    }
  };
  if (coding && coord > cdna_coding_end) {
    out.push_back('*');
    out += std::to_string(coord - cdna_coding_end);
    append_offset();
  } else if (coding && coord == cdna_coding_end && sign != 0) {
    // VEP writes an intronic position next to the last CDS base as "*N" (it drops the '+').
    out.push_back('*');
    if (sign == '-') out.push_back('-');
    out += std::to_string(offset);
  } else if (coding) {
    out += std::to_string(coord >= cdna_coding_start ? coord - cdna_coding_start + 1 + SlipShift(coord)
                                                     : coord - cdna_coding_start);
    append_offset();
  } else {
    out += std::to_string(coord);
    append_offset();
  }
}

Mapping MapAllele(const TranscriptView& v, int64_t start, int64_t end) {
  Mapping m;
  const bool plus = v.strand > 0;
  const int64_t ccs = v.cdna_coding_start;
  const int64_t cce = v.cdna_coding_end;
  if (start == end + 1) {
    // Ensembl maps an insertion through the two flanking bases (Mapper::map_insert): it sits
    // after the 5' flank's cDNA position, or before the 3' flank's when only that is exonic.
    const int64_t x = v.CdnaOf(plus ? end : start);
    const int64_t y = v.CdnaOf(plus ? start : end);
    if (x != 0) {
      m.cdna_start = x + 1;
      m.cdna_end = x;
    } else if (y != 0) {
      m.cdna_start = y;
      m.cdna_end = y - 1;
    }
    m.any_cdna = x != 0 || y != 0;
    if (m.any_cdna && v.coding && m.cdna_end >= ccs && m.cdna_start <= cce) {
      m.any_cds = true;
      m.cds_start = v.CdsOfCdna(m.cdna_start);
      m.cds_end = v.CdsOfCdna(m.cdna_end);
    }
  } else {
    const int64_t c5 = v.CdnaOf(plus ? start : end);
    const int64_t c3 = v.CdnaOf(plus ? end : start);
    if (c5 != 0) m.cdna_start = c5;
    if (c3 != 0) m.cdna_end = c3;
    for (size_t i = v.LowerExon(start); i < v.exons.size() && v.exons[i].start <= end; ++i) {
      const ExonView& e = v.exons[i];
      m.any_cdna = true;
      if (!v.coding) break;
      int64_t a = v.CdnaOf(std::max(start, e.start));
      int64_t b = v.CdnaOf(std::min(end, e.end));
      if (a > b) std::swap(a, b);
      if (a <= cce && b >= ccs) {
        m.any_cds = true;
        break;
      }
    }
    if (v.coding) {
      if (c5 != 0 && c5 >= ccs && c5 <= cce) m.cds_start = v.CdsOfCdna(c5);
      if (c3 != 0 && c3 >= ccs && c3 <= cce) m.cds_end = v.CdsOfCdna(c3);
    }
  }
  if (Has(m.cds_start)) m.tl_start = (m.cds_start + 2) / 3;
  if (Has(m.cds_end)) m.tl_end = (m.cds_end + 2) / 3;
  return m;
}

namespace {

bool Unambiguous(std::string_view allele) {
  for (char c : allele) {
    if (c != 'A' && c != 'C' && c != 'G' && c != 'T') return false;
  }
  return true;
}

// TranscriptVariationAllele::peptide: whole codons translated, an 'X' for a trailing partial
// codon unless the peptide is a lone stop, "-" for nothing.
void Peptide(std::string_view codon, GeneticCode code, std::string& out) {
  out.clear();
  const size_t whole = codon.size() / 3 * 3;
  for (size_t i = 0; i < whole; i += 3) out.push_back(TranslateCodon(codon.substr(i, 3), code));
  if (whole != codon.size() && out != "*") out.push_back('X');
  if (out.empty()) out = "-";
}

}  // namespace

void ComputeCoding(const TranscriptView& v, const Mapping& m, std::string_view ref_t, std::string_view alt_t,
                   CodingAllele& out) {
  out.codons = out.ref_pep_ok = out.alt_pep_ok = false;
  out.ref_codon.clear();
  out.alt_codon.clear();
  out.ref_pep.clear();
  out.alt_pep.clear();
  if (!m.HasCds() || !v.sequence_loaded) return;
  const int64_t codon_start = m.tl_start * 3 - 2;  // 1-based in the padded CDS
  const int64_t codon_end = m.tl_end * 3;
  const std::string_view cds = v.Cds();
  const std::string_view ext = v.cds_ext;
  auto clip = [](std::string_view s, int64_t from, int64_t to) {
    from = std::clamp<int64_t>(from, 0, static_cast<int64_t>(s.size()));
    to = std::clamp<int64_t>(to, from, static_cast<int64_t>(s.size()));
    return s.substr(static_cast<size_t>(from), static_cast<size_t>(to - from));
  };
  out.ref_codon.assign(clip(cds, codon_start - 1, codon_end));
  // The alternate CDS carries the 3' UTR behind it, so a codon may read into the UTR.
  out.alt_codon.assign(clip(ext, codon_start - 1, m.cds_start - 1));
  out.alt_codon.append(alt_t);
  out.alt_codon.append(clip(ext, m.cds_end, codon_end));
  out.codons = true;
  // Codons the model marks as selenocysteine read UGA as Sec.
  auto selenocysteine = [&](const std::string& codons, std::string& peptide) {
    if (v.sec_codons.empty()) return;
    for (size_t k = 0; k < peptide.size() && 3 * k + 3 <= codons.size(); ++k) {
      if (peptide[k] == '*' && v.IsSelenocysteine(m.tl_start - 1 + static_cast<int64_t>(k)) &&
          codons.compare(3 * k, 3, "TGA") == 0) {
        peptide[k] = 'U';
      }
    }
  };
  if (Unambiguous(ref_t)) {
    Peptide(out.ref_codon, v.code, out.ref_pep);
    selenocysteine(out.ref_codon, out.ref_pep);
    out.ref_pep_ok = true;
  }
  if (Unambiguous(alt_t)) {
    Peptide(out.alt_codon, v.code, out.alt_pep);
    selenocysteine(out.alt_codon, out.alt_pep);
    out.alt_pep_ok = true;
  }
}

Status ShiftIndel(ReferenceReader& reference, std::string_view contig, int64_t pos0, std::string_view ref,
                  std::string_view alt, bool rightwards, ShiftedIndel& out) {
  const std::string_view seq = ref.empty() ? alt : ref;
  const int64_t length = static_cast<int64_t>(seq.size());
  // VEP looks 1000 bases either side of the allele (TranscriptVariationAllele::_genomic_shift).
  constexpr int64_t kWindow = 1000;
  const int64_t max_shift = length <= kWindow ? kWindow - length + 1 : kWindow;
  out.shift = 0;
  out.pos0 = pos0;
  thread_local std::string flank;
  constexpr int64_t kStep = 128;
  int64_t k = 0;
  if (rightwards) {
    const int64_t after = pos0 + static_cast<int64_t>(ref.size());
    while (k < max_shift) {
      flank.clear();
      const int64_t want = std::min(kStep, max_shift - k);
      ZENOME_RETURN_IF_ERROR(reference.FetchInto(contig, after + k, after + k + want, flank));
      int64_t j = 0;
      while (j < static_cast<int64_t>(flank.size()) && flank[j] == seq[(k + j) % length]) ++j;
      k += j;
      if (j < want) break;
    }
  } else {
    while (k < max_shift && pos0 - k > 0) {
      flank.clear();
      const int64_t want = std::min({kStep, max_shift - k, pos0 - k});
      ZENOME_RETURN_IF_ERROR(reference.FetchInto(contig, pos0 - k - want, pos0 - k, flank));
      int64_t j = 0;
      while (j < static_cast<int64_t>(flank.size()) &&
             flank[flank.size() - 1 - j] == seq[(((length - 1 - k - j) % length) + length) % length]) {
        ++j;
      }
      k += j;
      if (j < want) break;
    }
  }
  out.shift = k;
  out.pos0 = rightwards ? pos0 + k : pos0 - k;
  // The allele rotates as it moves: left by k going right, right by k going left.
  std::string rotated(seq);
  const int64_t r = k % length;
  if (r != 0) {
    if (rightwards) {
      std::rotate(rotated.begin(), rotated.begin() + r, rotated.end());
    } else {
      std::rotate(rotated.begin(), rotated.end() - r, rotated.end());
    }
  }
  if (ref.empty()) {
    out.ref.clear();
    out.alt = std::move(rotated);
  } else {
    out.alt.clear();
    out.ref = std::move(rotated);
  }
  return Status::Ok();
}

}  // namespace zenome::annotate_internal
