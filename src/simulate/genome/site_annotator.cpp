#include "simulate/genome/site_annotator.h"

#include <algorithm>

#include "core/sequence.h"

namespace zenome::simulate {

namespace {

// Higher is more severe (VEP's order, restricted to the effects classified here).
int Severity(SiteEffect effect) {
  switch (effect) {
    case SiteEffect::kSpliceAcceptor: return 14;
    case SiteEffect::kSpliceDonor: return 13;
    case SiteEffect::kStopGained: return 12;
    case SiteEffect::kFrameshift: return 11;
    case SiteEffect::kStopLost: return 10;
    case SiteEffect::kStartLost: return 9;
    case SiteEffect::kInframeIndel: return 8;
    case SiteEffect::kMissense: return 7;
    case SiteEffect::kSpliceRegion: return 6;
    case SiteEffect::kSynonymous: return 5;
    case SiteEffect::kUtr5: return 4;
    case SiteEffect::kUtr3: return 3;
    case SiteEffect::kNoncodingExon: return 2;
    case SiteEffect::kIntron: return 1;
    case SiteEffect::kIntergenic: return 0;
  }
  return 0;
}

SiteEffect Worse(SiteEffect a, SiteEffect b) {
  return Severity(a) >= Severity(b) ? a : b;
}

bool Overlaps(int64_t a, int64_t b, int64_t lo, int64_t hi) {
  if (a == b) return a > lo && a < hi;  // an insertion point between a-1 and a
  return a < hi && lo < b;
}

}  // namespace

std::string_view SiteEffectTerm(SiteEffect effect) {
  switch (effect) {
    case SiteEffect::kIntergenic: return "intergenic_variant";
    case SiteEffect::kIntron: return "intron_variant";
    case SiteEffect::kSpliceRegion: return "splice_region_variant";
    case SiteEffect::kSpliceDonor: return "splice_donor_variant";
    case SiteEffect::kSpliceAcceptor: return "splice_acceptor_variant";
    case SiteEffect::kUtr5: return "5_prime_UTR_variant";
    case SiteEffect::kUtr3: return "3_prime_UTR_variant";
    case SiteEffect::kSynonymous: return "synonymous_variant";
    case SiteEffect::kMissense: return "missense_variant";
    case SiteEffect::kStopGained: return "stop_gained";
    case SiteEffect::kStopLost: return "stop_lost";
    case SiteEffect::kStartLost: return "start_lost";
    case SiteEffect::kFrameshift: return "frameshift_variant";
    case SiteEffect::kInframeIndel: return "inframe_indel";
    case SiteEffect::kNoncodingExon: return "non_coding_transcript_exon_variant";
  }
  return "intergenic_variant";
}

std::string_view SiteEffectAccession(SiteEffect effect) {
  switch (effect) {
    case SiteEffect::kIntergenic: return "SO:0001628";
    case SiteEffect::kIntron: return "SO:0001627";
    case SiteEffect::kSpliceRegion: return "SO:0001630";
    case SiteEffect::kSpliceDonor: return "SO:0001575";
    case SiteEffect::kSpliceAcceptor: return "SO:0001574";
    case SiteEffect::kUtr5: return "SO:0001623";
    case SiteEffect::kUtr3: return "SO:0001624";
    case SiteEffect::kSynonymous: return "SO:0001819";
    case SiteEffect::kMissense: return "SO:0001583";
    case SiteEffect::kStopGained: return "SO:0001587";
    case SiteEffect::kStopLost: return "SO:0001578";
    case SiteEffect::kStartLost: return "SO:0002012";
    case SiteEffect::kFrameshift: return "SO:0001589";
    case SiteEffect::kInframeIndel: return "SO:0001820";
    case SiteEffect::kNoncodingExon: return "SO:0001792";
  }
  return "SO:0001628";
}

std::string ClinvarMolecularConsequence(SiteEffect effect) {
  std::string term = effect == SiteEffect::kStopGained ? "nonsense" : std::string(SiteEffectTerm(effect));
  return std::string(SiteEffectAccession(effect)) + "|" + term;
}

bool IsLossOfFunction(SiteEffect effect) {
  switch (effect) {
    case SiteEffect::kSpliceAcceptor:
    case SiteEffect::kSpliceDonor:
    case SiteEffect::kStopGained:
    case SiteEffect::kFrameshift:
    case SiteEffect::kStopLost:
    case SiteEffect::kStartLost: return true;
    default: return false;
  }
}

SiteAnnotator::SiteAnnotator(const std::string& bases, const std::vector<SimGene>& genes) {
  entries_.reserve(genes.size());
  for (const SimGene& gene : genes) {
    const SimTranscript& canonical = gene.canonical();
    Entry entry{&gene, TranscriptMap(canonical, gene.reverse), {}};
    if (canonical.is_coding()) entry.spliced = entry.map.Spliced(bases);
    entries_.push_back(std::move(entry));
    max_span_ = std::max(max_span_, gene.span.length());
  }
}

SiteAnnotation SiteAnnotator::Annotate(int64_t pos0, std::string_view ref, std::string_view alt) {
  SiteAnnotation best;
  if (entries_.empty()) return best;
  const int64_t end = pos0 + static_cast<int64_t>(ref.size());
  // Genes do not overlap: step the cursor to the first gene ending after pos0 (with padding for
  // splice-region reach), moving back when queried out of order.
  while (cursor_ > 0 && entries_[cursor_ - 1].gene->span.end + 8 > pos0) --cursor_;
  while (cursor_ < entries_.size() && entries_[cursor_].gene->span.end + 8 <= pos0) ++cursor_;
  for (size_t i = cursor_; i < entries_.size() && entries_[i].gene->span.start - 8 < end; ++i) {
    SiteEffect effect = EffectOn(entries_[i], pos0, ref, alt);
    if (best.gene == nullptr || Severity(effect) > Severity(best.effect)) {
      best.effect = effect;
      best.gene = entries_[i].gene;
    }
  }
  if (best.gene != nullptr && best.effect == SiteEffect::kIntergenic) best.gene = nullptr;
  return best;
}

SiteEffect SiteAnnotator::EffectOn(const Entry& entry, int64_t pos0, std::string_view ref,
                                   std::string_view alt) const {
  const SimGene& gene = *entry.gene;
  const SimTranscript& t = gene.canonical();
  // The changed stretch [a, b) after dropping shared leading and trailing bases; a == b is an
  // insertion between a-1 and a.
  size_t prefix = 0;
  while (prefix < ref.size() && prefix < alt.size() && ref[prefix] == alt[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < ref.size() - prefix && suffix < alt.size() - prefix &&
         ref[ref.size() - 1 - suffix] == alt[alt.size() - 1 - suffix]) {
    ++suffix;
  }
  const int64_t a = pos0 + static_cast<int64_t>(prefix);
  const int64_t b = pos0 + static_cast<int64_t>(ref.size() - suffix);
  const bool substitution = ref.size() == alt.size();
  SiteEffect effect = SiteEffect::kIntergenic;
  if (b < gene.span.start - 8 || a > gene.span.end + 8) return effect;
  const std::vector<Interval0>& exons = t.exons;
  bool exonic = false;
  for (size_t e = 0; e < exons.size(); ++e) {
    const Interval0& exon = exons[e];
    if (Overlaps(a, b, exon.start, exon.end)) exonic = true;
    if (e + 1 < exons.size()) {
      const int64_t A = exon.end, B = exons[e + 1].start;  // intron [A, B)
      bool left_site = Overlaps(a, b, A, A + 2);
      bool right_site = Overlaps(a, b, B - 2, B);
      if (left_site)
        effect = Worse(effect, gene.reverse ? SiteEffect::kSpliceAcceptor : SiteEffect::kSpliceDonor);
      if (right_site)
        effect = Worse(effect, gene.reverse ? SiteEffect::kSpliceDonor : SiteEffect::kSpliceAcceptor);
      if (Overlaps(a, b, A + 2, A + 8) || Overlaps(a, b, B - 8, B - 2) || Overlaps(a, b, A - 3, A) ||
          Overlaps(a, b, B, B + 3)) {
        effect = Worse(effect, SiteEffect::kSpliceRegion);
      }
      if (Overlaps(a, b, A, B)) effect = Worse(effect, SiteEffect::kIntron);
    }
  }
  if (!exonic) {
    if (Overlaps(a, b, gene.span.start, gene.span.end)) effect = Worse(effect, SiteEffect::kIntron);
    return effect;
  }
  if (!t.is_coding()) return Worse(effect, SiteEffect::kNoncodingExon);

  const TranscriptMap& map = entry.map;
  const std::string& spliced = entry.spliced;
  // Transcript span of the change.
  int64_t t_lo = INT64_MAX, t_hi = -1;
  for (int64_t p = a; p < std::max(b, a + 1); ++p) {
    int64_t tx = map.ToTranscript(p);
    if (tx < 0) continue;
    t_lo = std::min(t_lo, tx);
    t_hi = std::max(t_hi, tx);
  }
  if (t_hi < 0) return Worse(effect, SiteEffect::kIntron);
  if (t_hi < t.cds_start) return Worse(effect, SiteEffect::kUtr5);
  if (t_lo >= t.cds_end) return Worse(effect, SiteEffect::kUtr3);
  if (!substitution) {
    int64_t diff = static_cast<int64_t>(alt.size()) - static_cast<int64_t>(ref.size());
    return Worse(effect, diff % 3 != 0 ? SiteEffect::kFrameshift : SiteEffect::kInframeIndel);
  }
  // Substitution (SNV or MNV) in the CDS: compare the codons it touches.
  std::string mutated = spliced;
  for (size_t k = prefix; k < ref.size() - suffix; ++k) {
    int64_t tx = map.ToTranscript(pos0 + static_cast<int64_t>(k));
    if (tx < 0) continue;
    mutated[static_cast<size_t>(tx)] = gene.reverse ? ComplementBase(alt[k]) : alt[k];
  }
  SiteEffect coding = SiteEffect::kSynonymous;
  int64_t first_codon = (std::max(t_lo, t.cds_start) - t.cds_start) / 3;
  int64_t last_codon = (std::min(t_hi, t.cds_end - 1) - t.cds_start) / 3;
  for (int64_t c = first_codon; c <= last_codon; ++c) {
    size_t at = static_cast<size_t>(t.cds_start + 3 * c);
    char before = TranslateCodon(std::string_view(spliced).substr(at, 3));
    char after = TranslateCodon(std::string_view(mutated).substr(at, 3));
    SiteEffect here = SiteEffect::kSynonymous;
    if (c == 0 && after != 'M')
      here = SiteEffect::kStartLost;
    else if (before != '*' && after == '*')
      here = SiteEffect::kStopGained;
    else if (before == '*' && after != '*')
      here = SiteEffect::kStopLost;
    else if (before != after)
      here = SiteEffect::kMissense;
    coding = Worse(coding, here);
  }
  return Worse(effect, coding);
}

}  // namespace zenome::simulate
