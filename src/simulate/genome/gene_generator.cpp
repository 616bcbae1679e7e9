#include "simulate/genome/gene_generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include "core/sequence.h"
#include "simulate/common/common.h"

namespace zenome::simulate {

namespace {

constexpr char kBases[4] = {'A', 'C', 'G', 'T'};
constexpr int64_t kMinIntron = 80;

// Human codon usage, per thousand codons (Kazusa, Homo sapiens); sense codons only.
struct CodonWeight {
  const char* codon;
  double per_thousand;
};
constexpr std::array<CodonWeight, 61> kCodonUsage = {{
    {"TTT", 17.6}, {"TTC", 20.3}, {"TTA", 7.7},  {"TTG", 12.9}, {"CTT", 13.2}, {"CTC", 19.6}, {"CTA", 7.2},
    {"CTG", 39.6}, {"ATT", 16.0}, {"ATC", 20.8}, {"ATA", 7.5},  {"ATG", 22.0}, {"GTT", 11.0}, {"GTC", 14.5},
    {"GTA", 7.1},  {"GTG", 28.1}, {"TCT", 15.2}, {"TCC", 17.7}, {"TCA", 12.2}, {"TCG", 4.4},  {"CCT", 17.5},
    {"CCC", 19.8}, {"CCA", 16.9}, {"CCG", 6.9},  {"ACT", 13.1}, {"ACC", 18.9}, {"ACA", 15.1}, {"ACG", 6.1},
    {"GCT", 18.4}, {"GCC", 27.7}, {"GCA", 15.8}, {"GCG", 7.4},  {"TAT", 12.2}, {"TAC", 15.3}, {"CAT", 10.9},
    {"CAC", 15.1}, {"CAA", 12.3}, {"CAG", 34.2}, {"AAT", 17.0}, {"AAC", 19.1}, {"AAA", 24.4}, {"AAG", 31.9},
    {"GAT", 21.8}, {"GAC", 25.1}, {"GAA", 29.0}, {"GAG", 39.6}, {"TGT", 10.6}, {"TGC", 12.6}, {"TGG", 13.2},
    {"CGT", 4.5},  {"CGC", 10.4}, {"CGA", 6.2},  {"CGG", 11.4}, {"AGT", 12.1}, {"AGC", 19.5}, {"AGA", 12.2},
    {"AGG", 12.0}, {"GGT", 10.8}, {"GGC", 22.2}, {"GGA", 16.5}, {"GGG", 16.5},
}};

class CodonSampler {
 public:
  CodonSampler() {
    double total = 0;
    for (const CodonWeight& entry : kCodonUsage) {
      total += entry.per_thousand;
      cumulative_[&entry - kCodonUsage.data()] = total;
    }
  }
  const char* Draw(Rng& rng) const {
    double target = rng.Uniform() * cumulative_.back();
    size_t i = std::upper_bound(cumulative_.begin(), cumulative_.end(), target) - cumulative_.begin();
    return kCodonUsage[std::min(i, kCodonUsage.size() - 1)].codon;
  }

 private:
  std::array<double, 61> cumulative_{};
};

const CodonSampler& Codons() {
  static const CodonSampler sampler;
  return sampler;
}

bool IsStop(const char* codon) {
  return codon[0] == 'T' &&
         ((codon[1] == 'A' && (codon[2] == 'A' || codon[2] == 'G')) || (codon[1] == 'G' && codon[2] == 'A'));
}

char RandomBase(Rng& rng, double gc) {
  double u = rng.Uniform();
  if (u < gc) return u < gc / 2 ? 'C' : 'G';
  return u < gc + (1 - gc) / 2 ? 'A' : 'T';
}

std::string RandomSequence(Rng& rng, int64_t length, double gc) {
  std::string seq(static_cast<size_t>(std::max<int64_t>(0, length)), 'A');
  for (char& base : seq) base = RandomBase(rng, gc);
  return seq;
}

int64_t Clamp(double value, int64_t lo, int64_t hi) {
  return std::clamp<int64_t>(static_cast<int64_t>(std::llround(value)), lo, hi);
}

// ---- Layout ----------------------------------------------------------------------------------

enum class AltKind { kSkipInFrame, kSkipFrameshift, kShorter5, kShorter3 };

struct AltDesign {
  AltKind kind;
  int exon = -1;     // skipped exon (transcript order)
  int64_t trim = 0;  // bases removed from the 5' or 3' end
};

struct GeneDesign {
  GeneKind kind = GeneKind::kProteinCoding;
  std::vector<int64_t> exon_len;    // transcript order
  std::vector<int64_t> intron_len;  // transcript order
  int64_t l5 = -1;                  // canonical 5' UTR length (coding genes)
  int64_t l3 = -1;                  // canonical 3' UTR length
  std::vector<AltDesign> alts;

  int64_t Exonic() const { return std::accumulate(exon_len.begin(), exon_len.end(), int64_t{0}); }
  int64_t Intronic() const { return std::accumulate(intron_len.begin(), intron_len.end(), int64_t{0}); }
  int64_t Span() const { return Exonic() + Intronic(); }
};

struct IntronModel {
  double median = 1500;
  int64_t max = 100000;
};

std::vector<int64_t> DrawIntrons(size_t n, const IntronModel& model, double scale, Rng& rng) {
  std::vector<int64_t> introns(n);
  for (size_t i = 0; i < n; ++i) {
    double length = rng.LogNormal(std::log(model.median * scale), 1.1);
    if (i == 0) length *= 1.8;  // first introns are the longest
    introns[i] = Clamp(length, kMinIntron, std::max(kMinIntron, model.max));
  }
  return introns;
}

GeneDesign DesignProteinCoding(const IntronModel& introns, Rng& rng) {
  GeneDesign design;
  design.kind = GeneKind::kProteinCoding;
  for (int attempt = 0;; ++attempt) {
    int n = rng.Chance(0.06) ? 1 : 2 + static_cast<int>(std::min<int64_t>(rng.Geometric(1.0 / 7.5), 40));
    std::vector<int64_t>& e = design.exon_len;
    e.assign(n, 0);
    int64_t l5, l3;
    if (n == 1) {
      e[0] = Clamp(rng.LogNormal(std::log(1600.0), 0.5), 400, 5000);
      l5 = rng.Range(30, std::min<int64_t>(300, e[0] / 4));
      l3 = rng.Range(80, std::min<int64_t>(1500, e[0] / 3));
      int64_t r = (e[0] - l5 - l3) % 3;
      l3 += r;
    } else {
      e[0] = Clamp(rng.LogNormal(std::log(200.0), 0.5), 60, 800);
      e[n - 1] = Clamp(rng.LogNormal(std::log(900.0), 0.6), 150, 4000);
      for (int k = 1; k < n - 1; ++k) e[k] = Clamp(rng.LogNormal(std::log(125.0), 0.35), 40, 350);
      const int64_t total = std::accumulate(e.begin(), e.end(), int64_t{0});
      bool split_start = n >= 3 && rng.Chance(0.05);
      bool split_stop = n >= 3 && rng.Chance(0.05);
      bool start_in_second = !split_start && n >= 4 && e[1] >= 40 && rng.Chance(0.1);
      if (split_start) {
        l5 = e[0] - rng.Range(1, 2);  // the ATG spans the first intron
      } else if (start_in_second) {
        l5 = e[0] + rng.Range(10, e[1] - 20);
      } else {
        l5 = rng.Range(20, e[0] - 10);
      }
      if (split_stop) {
        l3 = e[n - 1] - rng.Range(1, 2);  // the stop codon spans the last intron
      } else {
        l3 = rng.Range(40, e[n - 1] - 10);
      }
      int64_t r = (total - l5 - l3) % 3;
      if (r != 0) {
        if (!split_stop) {
          l3 += r;
        } else if (!split_start) {
          l5 += r;
        } else {
          e[1] += 3 - r;  // both codons pinned to exon edges: lengthen an internal exon
        }
      }
    }
    const int64_t total = design.Exonic();
    if (total - l5 - l3 >= 90) {
      design.l5 = l5;
      design.l3 = l3;
      break;
    }
    if (attempt == 50) {  // practically unreachable; a single-exon gene always has room
      design.exon_len = {1500};
      design.l5 = 100;
      design.l3 = 500 + (1500 - 600) % 3;
      break;
    }
  }
  design.intron_len = DrawIntrons(design.exon_len.size() - 1, introns, 1.0, rng);
  return design;
}

GeneDesign DesignLncRna(const IntronModel& introns, Rng& rng) {
  GeneDesign design;
  design.kind = GeneKind::kLncRna;
  int n = rng.Chance(0.2) ? 1 : 2 + static_cast<int>(std::min<int64_t>(rng.Geometric(0.5), 5));
  for (int k = 0; k < n; ++k) design.exon_len.push_back(Clamp(rng.LogNormal(std::log(300.0), 0.7), 80, 3000));
  design.intron_len = DrawIntrons(n - 1, introns, 0.8, rng);
  return design;
}

GeneDesign DesignSingleExon(GeneKind kind, Rng& rng) {
  GeneDesign design;
  design.kind = kind;
  int64_t length = 0;
  switch (kind) {
    case GeneKind::kProcessedPseudogene: length = rng.Range(300, 1500); break;
    case GeneKind::kMiRna: length = rng.Range(60, 110); break;
    case GeneKind::kSnRna: length = rng.Range(100, 190); break;
    default: length = rng.Range(70, 250); break;
  }
  design.exon_len = {length};
  return design;
}

void ChooseAlternatives(GeneDesign& design, Rng& rng) {
  const int n = static_cast<int>(design.exon_len.size());
  if (n < 2) return;
  std::vector<AltDesign> candidates;
  if (design.kind == GeneKind::kProteinCoding) {
    const int64_t total = design.Exonic();
    const int64_t cds_start = design.l5;
    const int64_t cds_end = total - design.l3;
    int64_t offset = 0;
    for (int k = 0; k < n; ++k) {
      int64_t start = offset, end = offset + design.exon_len[k];
      offset = end;
      if (k == 0 || k == n - 1) continue;
      if (start < cds_start + 3 || end > cds_end - 3) continue;  // keep the start and stop codons
      candidates.push_back(
          {design.exon_len[k] % 3 == 0 ? AltKind::kSkipInFrame : AltKind::kSkipFrameshift, k, 0});
    }
    if (cds_start < design.exon_len[0] && design.l5 >= 40) {
      candidates.push_back({AltKind::kShorter5, -1, rng.Range(10, design.l5 - 20)});
    }
    bool stop_in_last_exon = design.l3 <= design.exon_len[n - 1] - 3;
    if (stop_in_last_exon && design.l3 >= 60) {
      candidates.push_back({AltKind::kShorter3, -1, rng.Range(20, design.l3 - 30)});
    }
  } else {
    for (int k = 1; k < n - 1; ++k) candidates.push_back({AltKind::kSkipInFrame, k, 0});
    if (design.exon_len[0] >= 120)
      candidates.push_back({AltKind::kShorter5, -1, rng.Range(20, design.exon_len[0] - 60)});
    if (design.exon_len[n - 1] >= 120) {
      candidates.push_back({AltKind::kShorter3, -1, rng.Range(20, design.exon_len[n - 1] - 60)});
    }
  }
  int64_t wanted = std::min<int64_t>(
      design.kind == GeneKind::kProteinCoding ? rng.Geometric(0.42) : rng.Geometric(0.6), 4);
  for (int64_t i = 0; i < wanted && !candidates.empty(); ++i) {
    size_t pick = rng.Below(candidates.size());
    design.alts.push_back(candidates[pick]);
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(pick));
  }
}

void ScaleIntrons(GeneDesign& design, double factor) {
  for (int64_t& intron : design.intron_len)
    intron = std::max(kMinIntron, static_cast<int64_t>(intron * factor));
}

// Transcript-space exon offsets of the canonical design, 5'→3' including introns.
std::vector<int64_t> ExonOffsets(const GeneDesign& design) {
  std::vector<int64_t> offsets;
  int64_t cursor = 0;
  for (size_t k = 0; k < design.exon_len.size(); ++k) {
    offsets.push_back(cursor);
    cursor += design.exon_len[k] + (k < design.intron_len.size() ? design.intron_len[k] : 0);
  }
  return offsets;
}

// A transcript-space piece [from, from + length) of a gene starting at `start` (span `span`).
Interval0 ToGenomic(int64_t start, int64_t span, bool reverse, int64_t from, int64_t length) {
  if (!reverse) return {start + from, start + from + length};
  return {start + span - from - length, start + span - from};
}

struct Counters {
  int gene = 0;
  int transcript = 0;
  int exon = 0;
  int protein = 0;
};

std::string Numbered(const char* prefix, int number, int width) {
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%s%0*d", prefix, width, number);
  return buffer;
}

SimGene BuildGene(const GeneDesign& design, int contig, int64_t start, bool reverse, Counters& counters,
                  uint64_t seed) {
  SimGene gene;
  gene.number = ++counters.gene;
  gene.id = Numbered("ZG", gene.number, 5);
  gene.kind = design.kind;
  gene.contig = contig;
  gene.reverse = reverse;
  const int64_t span = design.Span();
  gene.span = {start, start + span};
  gene.sequence_seed = StreamSeed(seed, {Label("gene-sequence"), static_cast<uint64_t>(gene.number)});
  const std::vector<int64_t> offsets = ExonOffsets(design);
  const int n = static_cast<int>(design.exon_len.size());
  const bool coding = design.kind == GeneKind::kProteinCoding;
  const int64_t total = design.Exonic();

  // Transcripts as lists of transcript-space pieces (offset, length), 5'→3'.
  struct Draft {
    std::vector<std::pair<int64_t, int64_t>> pieces;
    int64_t cds_start = -1, cds_end = -1;
    bool nmd_candidate = false;
  };
  std::vector<Draft> drafts;
  Draft canonical;
  for (int k = 0; k < n; ++k) canonical.pieces.push_back({offsets[k], design.exon_len[k]});
  if (coding) {
    canonical.cds_start = design.l5;
    canonical.cds_end = total - design.l3;
  }
  drafts.push_back(canonical);
  for (const AltDesign& alt : design.alts) {
    Draft draft = canonical;
    switch (alt.kind) {
      case AltKind::kSkipInFrame:
      case AltKind::kSkipFrameshift:
        draft.pieces.erase(draft.pieces.begin() + alt.exon);
        if (coding && alt.kind == AltKind::kSkipInFrame) draft.cds_end -= design.exon_len[alt.exon];
        if (coding && alt.kind == AltKind::kSkipFrameshift) {
          draft.nmd_candidate = true;
          draft.cds_end = -1;
        }
        break;
      case AltKind::kShorter5:
        draft.pieces.front().first += alt.trim;
        draft.pieces.front().second -= alt.trim;
        if (coding) {
          draft.cds_start -= alt.trim;
          draft.cds_end -= alt.trim;
        }
        break;
      case AltKind::kShorter3: draft.pieces.back().second -= alt.trim; break;
    }
    drafts.push_back(std::move(draft));
  }

  std::map<std::pair<int64_t, int64_t>, std::string> exon_ids;
  int name_number = 201;
  for (size_t t = 0; t < drafts.size(); ++t) {
    const Draft& draft = drafts[t];
    SimTranscript transcript;
    transcript.id = Numbered("ZT", ++counters.transcript, 5);
    transcript.name = gene.id + "-" + std::to_string(name_number++);
    for (const auto& [offset, length] : draft.pieces) {
      transcript.exons.push_back(ToGenomic(start, span, reverse, offset, length));
    }
    std::sort(transcript.exons.begin(), transcript.exons.end(),
              [](const Interval0& a, const Interval0& b) { return a.start < b.start; });
    for (const Interval0& exon : transcript.exons) {
      auto [it, inserted] = exon_ids.try_emplace({exon.start, exon.end}, "");
      if (inserted) it->second = Numbered("ZE", ++counters.exon, 6);
      transcript.exon_ids.push_back(it->second);
    }
    transcript.cds_start = draft.cds_start;
    transcript.cds_end = draft.cds_end;
    transcript.nmd_candidate = draft.nmd_candidate;
    if (coding) transcript.protein_id = Numbered("ZP", ++counters.protein, 5);
    transcript.canonical = t == 0;
    transcript.mane_select = t == 0 && coding;
    transcript.basic = !draft.nmd_candidate;
    transcript.tsl = t == 0 ? 1 : static_cast<int>(1 + (Mix64(gene.sequence_seed + t) % 4));
    transcript.biotype =
        draft.nmd_candidate ? "nonsense_mediated_decay" : std::string(GeneBiotypeName(design.kind));
    gene.transcripts.push_back(std::move(transcript));
  }
  return gene;
}

// ---- Sequence --------------------------------------------------------------------------------

void WriteOriented(std::string& bases, const Interval0& where, std::string piece, bool reverse) {
  if (reverse) ReverseComplementInPlace(piece);
  std::copy(piece.begin(), piece.end(), bases.begin() + where.start);
}

void WriteIntronSignals(std::string& bases, const SimTranscript& transcript, bool reverse, Rng& rng) {
  for (size_t a = 0; a + 1 < transcript.exons.size(); ++a) {
    const int64_t first = transcript.exons[a].end,
                  last = transcript.exons[a + 1].start;  // intron [first, last)
    const int64_t n = last - first;
    if (n < kMinIntron) continue;
    // Base k of the intron read 5'→3' on the transcript's strand.
    auto set = [&](int64_t k, char base) {
      if (reverse)
        bases[static_cast<size_t>(last - 1 - k)] = ComplementBase(base);
      else
        bases[static_cast<size_t>(first + k)] = base;
    };
    // Donor: GT followed by the RAGT consensus, acceptor: polypyrimidine tract then YAG.
    set(0, 'G');
    set(1, 'T');
    set(2, rng.Chance(0.6) ? 'A' : 'G');
    set(3, rng.Chance(0.7) ? 'A' : kBases[rng.Below(4)]);
    set(4, rng.Chance(0.8) ? 'G' : kBases[rng.Below(4)]);
    set(5, rng.Chance(0.5) ? 'T' : kBases[rng.Below(4)]);
    const char* branch = "CTGAC";
    for (int64_t k = 0; k < 5; ++k) set(n - 30 + k, branch[k]);
    for (int64_t k = n - 20; k < n - 3; ++k) {
      set(k, rng.Chance(0.85) ? (rng.Chance(0.5) ? 'C' : 'T') : kBases[rng.Below(4)]);
    }
    set(n - 3, rng.Chance(0.7) ? 'C' : 'T');
    set(n - 2, 'A');
    set(n - 1, 'G');
  }
}

void WriteExons(std::string& bases, const SimTranscript& transcript, bool reverse, const std::string& mrna) {
  TranscriptMap map(transcript, reverse);
  int64_t offset = 0;
  const size_t n = transcript.exons.size();
  for (size_t k = 0; k < n; ++k) {
    const Interval0& exon = reverse ? transcript.exons[n - 1 - k] : transcript.exons[k];
    WriteOriented(bases, exon, mrna.substr(static_cast<size_t>(offset), static_cast<size_t>(exon.length())),
                  reverse);
    offset += exon.length();
  }
}

std::string FivePrimeUtr(int64_t length, Rng& rng) {
  std::string utr = RandomSequence(rng, length, 0.58);
  // Upstream ATGs are depleted in real 5' UTRs; none here keeps the main ORF unambiguous.
  for (size_t i = 0; i + 2 < utr.size(); ++i) {
    if (utr[i] == 'A' && utr[i + 1] == 'T' && utr[i + 2] == 'G') utr[i + 2] = 'C';
  }
  return utr;
}

std::string ThreePrimeUtr(int64_t length, Rng& rng) {
  std::string utr = RandomSequence(rng, length, 0.40);
  if (length >= 40) {
    const char* signal = "AATAAA";  // polyadenylation signal ~20 bp before the cleavage site
    size_t at = static_cast<size_t>(length - 24);
    for (size_t k = 0; k < 6; ++k) utr[at + k] = signal[k];
  }
  return utr;
}

std::string CodingSequence(int64_t length, Rng& rng) {
  const int64_t codons = length / 3;
  std::string cds = "ATG";
  cds.reserve(static_cast<size_t>(length));
  // Some proteins carry a run of one amino acid (polyQ, polyA, polyE, polyK); in DNA these are
  // short tandem repeats inside exons, where indel representation matters most.
  int64_t run_at = -1, run_length = 0;
  const char* run_codons[2] = {nullptr, nullptr};
  if (codons > 40 && rng.Chance(0.08)) {
    static constexpr std::array<std::array<const char*, 2>, 5> kRuns = {
        {{"CAG", "CAG"}, {"GCG", "GCC"}, {"GAG", "GAA"}, {"AAG", "AAA"}, {"CCG", "CCC"}}};
    const auto& run = kRuns[rng.Below(kRuns.size())];
    run_codons[0] = run[0];
    run_codons[1] = run[1];
    run_length = rng.Range(5, 14);
    run_at = rng.Range(2, std::max<int64_t>(2, codons - run_length - 2));
  }
  for (int64_t c = 1; c < codons - 1; ++c) {
    if (run_at >= 0 && c >= run_at && c < run_at + run_length) {
      cds += run_codons[rng.Chance(0.8) ? 0 : 1];
    } else {
      cds += Codons().Draw(rng);
    }
  }
  double u = rng.Uniform();
  cds += u < 0.47 ? "TGA" : u < 0.75 ? "TAA" : "TAG";
  return cds;
}

// The first in-frame stop codon at or after `from`, or -1.
int64_t FirstStop(const std::string& spliced, int64_t from) {
  for (int64_t i = from; i + 3 <= static_cast<int64_t>(spliced.size()); i += 3) {
    if (IsStop(spliced.data() + i)) return i;
  }
  return -1;
}

bool OrfIsValid(const std::string& spliced, int64_t cds_start, int64_t cds_end) {
  if (cds_start < 0 || cds_end > static_cast<int64_t>(spliced.size()) || cds_end - cds_start < 6)
    return false;
  if ((cds_end - cds_start) % 3 != 0) return false;
  if (spliced.compare(static_cast<size_t>(cds_start), 3, "ATG") != 0) return false;
  return FirstStop(spliced, cds_start) == cds_end - 3;
}

void WriteCpgIsland(std::string& bases, const SimGene& gene, int64_t lower, int64_t upper, Rng& rng) {
  int64_t tss = gene.reverse ? gene.span.end - 1 : gene.span.start;
  int64_t start = gene.reverse ? tss - 299 : tss - 700;
  int64_t end = gene.reverse ? tss + 701 : tss + 300;
  start = std::max(start, lower);
  end = std::min(end, upper);
  for (int64_t i = start; i < end; ++i) {
    if (bases[i] != 'N') bases[i] = RandomBase(rng, 0.66);
  }
}

}  // namespace

Result<GeneLayout> LayOutGenes(const GenomePlan& genome, const GeneOptions& options, uint64_t seed) {
  // Usable stretches per contig, keeping clear of the gaps.
  std::vector<std::vector<Interval0>> segments(genome.contigs.size());
  int64_t usable_total = 0;
  for (const ContigPlan& contig : genome.contigs) {
    if (contig.kind == ContigKind::kMito) continue;
    for (Interval0 segment : contig.Usable()) {
      int64_t margin = std::min<int64_t>(1000, segment.length() / 20);
      segment.start += margin;
      segment.end -= margin;
      if (segment.length() < 3000) continue;
      segments[contig.index].push_back(segment);
      usable_total += segment.length();
    }
  }
  int64_t count = options.count;
  if (count == 0) {
    // ~60,000 genes per 3.1 Gb (Ensembl's count for GRCh38), chrM excluded.
    int64_t nuclear = genome.total_length - kMitoLength;
    int64_t density = std::llround(static_cast<double>(nuclear) * 60000.0 / 3.1e9);
    count = std::max(density, std::min<int64_t>(60, usable_total / 25000));
    count = std::max<int64_t>(count, 1);
  }
  if (count < 0 || count > usable_total / 2000) {
    return Status::Usage("--genes " + std::to_string(count) + " does not fit a genome with " +
                         std::to_string(usable_total) + " usable bases (at most " +
                         std::to_string(usable_total / 2000) + ")");
  }

  // Mean intron length that fills the genic fraction (see README: gene density).
  const double shares[4] = {
      options.protein_coding_share, options.lncrna_share, options.pseudogene_share,
      std::max(0.0, 1 - options.protein_coding_share - options.lncrna_share - options.pseudogene_share)};
  double per_gene = options.genic_fraction * static_cast<double>(usable_total) / static_cast<double>(count);
  double fixed = shares[0] * 2200 + shares[1] * 800 + shares[2] * 900 + shares[3] * 150;
  double per_intron = shares[0] * 8.5 * 1.07 + shares[1] * 1.5 * 0.8;
  double mean_intron = std::max(300.0, (per_gene - fixed) / per_intron);
  IntronModel introns;
  introns.median = mean_intron / std::exp(1.1 * 1.1 / 2);  // lognormal sigma 1.1

  // Kinds in exact proportions, shuffled across the genome.
  Rng kind_rng(seed, {Label("gene-kinds")});
  std::vector<GeneKind> kinds;
  int64_t pc = std::llround(count * shares[0]);
  int64_t lnc = std::llround(count * shares[1]);
  int64_t pseudo = std::llround(count * shares[2]);
  if (pc < 1) pc = 1;
  for (int64_t i = 0; i < count; ++i) {
    if (i < pc)
      kinds.push_back(GeneKind::kProteinCoding);
    else if (i < pc + lnc)
      kinds.push_back(GeneKind::kLncRna);
    else if (i < pc + lnc + pseudo)
      kinds.push_back(GeneKind::kProcessedPseudogene);
    else {
      static constexpr GeneKind kSmall[3] = {GeneKind::kMiRna, GeneKind::kSnRna, GeneKind::kSnoRna};
      kinds.push_back(kSmall[i % 3]);
    }
  }
  for (size_t i = kinds.size(); i > 1; --i) std::swap(kinds[i - 1], kinds[kind_rng.Below(i)]);

  // Genes per contig, proportional to usable length (largest remainder).
  std::vector<int64_t> per_contig(genome.contigs.size(), 0);
  {
    std::vector<std::pair<double, size_t>> remainders;
    int64_t assigned = 0;
    for (size_t c = 0; c < genome.contigs.size(); ++c) {
      int64_t usable = 0;
      for (const Interval0& s : segments[c]) usable += s.length();
      double exact =
          static_cast<double>(count) * static_cast<double>(usable) / static_cast<double>(usable_total);
      per_contig[c] = static_cast<int64_t>(exact);
      assigned += per_contig[c];
      if (usable > 0) remainders.push_back({exact - static_cast<double>(per_contig[c]), c});
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](auto& a, auto& b) { return a.first > b.first; });
    for (size_t i = 0; assigned < count && !remainders.empty(); ++i, ++assigned) {
      ++per_contig[remainders[i % remainders.size()].second];
    }
  }

  GeneLayout layout;
  layout.by_contig.resize(genome.contigs.size());
  Counters counters;
  size_t next_kind = 0;
  for (const ContigPlan& contig : genome.contigs) {
    const size_t c = static_cast<size_t>(contig.index);
    if (per_contig[c] == 0) continue;
    Rng rng(seed, {Label("gene-layout"), c});
    IntronModel model = introns;
    int64_t longest = 0;
    for (const Interval0& s : segments[c]) longest = std::max(longest, s.length());
    model.max = std::max<int64_t>(kMinIntron, std::min<int64_t>(200000, longest / 20));
    std::vector<GeneDesign> designs;
    for (int64_t g = 0; g < per_contig[c]; ++g) {
      GeneKind kind = kinds[next_kind++];
      GeneDesign design = kind == GeneKind::kProteinCoding ? DesignProteinCoding(model, rng)
                          : kind == GeneKind::kLncRna      ? DesignLncRna(model, rng)
                                                           : DesignSingleExon(kind, rng);
      ChooseAlternatives(design, rng);
      designs.push_back(std::move(design));
    }
    // Share the genes among the segments by length, then spread each segment's genes out.
    int64_t contig_usable = 0;
    for (const Interval0& s : segments[c]) contig_usable += s.length();
    size_t cursor = 0;
    int64_t seen = 0;
    for (size_t s = 0; s < segments[c].size(); ++s) {
      const Interval0& segment = segments[c][s];
      seen += segment.length();
      size_t upto = s + 1 == segments[c].size()
                        ? designs.size()
                        : static_cast<size_t>(
                              std::llround(static_cast<double>(designs.size()) * static_cast<double>(seen) /
                                           static_cast<double>(contig_usable)));
      std::vector<GeneDesign*> here;
      for (; cursor < upto && cursor < designs.size(); ++cursor) here.push_back(&designs[cursor]);
      // Shrink introns until the genes take at most 80 % of the segment; drop genes that still
      // cannot fit (only on tiny contigs).
      const double room = 0.8 * static_cast<double>(segment.length());
      for (int iteration = 0; !here.empty(); ++iteration) {
        int64_t exonic = 0, intronic = 0, intron_count = 0;
        for (const GeneDesign* d : here) {
          exonic += d->Exonic();
          intronic += d->Intronic();
          intron_count += static_cast<int64_t>(d->intron_len.size());
        }
        if (static_cast<double>(exonic + intronic) <= room) break;
        if (iteration > 30 || static_cast<double>(exonic + intron_count * kMinIntron) > room) {
          here.pop_back();
          continue;
        }
        double factor =
            (room - static_cast<double>(exonic)) / static_cast<double>(std::max<int64_t>(1, intronic));
        for (GeneDesign* d : here) ScaleIntrons(*d, factor * 0.98);
      }
      int64_t used = 0;
      for (const GeneDesign* d : here) used += d->Span();
      int64_t free = segment.length() - used;
      std::vector<double> weights(here.size() + 1);
      double weight_total = 0;
      for (double& w : weights) weight_total += (w = rng.Exponential(1.0));
      int64_t position = segment.start;
      for (size_t g = 0; g < here.size(); ++g) {
        position += static_cast<int64_t>(static_cast<double>(free) * weights[g] / weight_total);
        bool reverse = rng.Chance(0.5);
        layout.by_contig[c].push_back(BuildGene(*here[g], contig.index, position, reverse, counters, seed));
        position += here[g]->Span();
      }
    }
  }
  layout.gene_count = counters.gene;
  return layout;
}

Status WriteGeneSequences(std::string& bases, std::vector<SimGene>& genes) {
  std::string parent_mrna;  // a processed pseudogene copies the mRNA of a nearby coding gene
  const int64_t contig_length = static_cast<int64_t>(bases.size());
  for (size_t g = 0; g < genes.size(); ++g) {
    SimGene& gene = genes[g];
    Rng rng(gene.sequence_seed);
    const SimTranscript& canonical = gene.canonical();
    TranscriptMap map(canonical, gene.reverse);
    const int64_t lower = g == 0 ? 0 : genes[g - 1].span.end;
    const int64_t upper = g + 1 == genes.size() ? contig_length : genes[g + 1].span.start;
    std::string mrna;
    switch (gene.kind) {
      case GeneKind::kProteinCoding: {
        if (rng.Chance(0.7)) WriteCpgIsland(bases, gene, lower, upper, rng);
        mrna = FivePrimeUtr(canonical.cds_start, rng) +
               CodingSequence(canonical.cds_end - canonical.cds_start, rng) +
               ThreePrimeUtr(map.length() - canonical.cds_end, rng);
        parent_mrna = mrna;
        break;
      }
      case GeneKind::kLncRna:
        if (rng.Chance(0.3)) WriteCpgIsland(bases, gene, lower, upper, rng);
        mrna = ThreePrimeUtr(map.length(), rng);
        break;
      case GeneKind::kProcessedPseudogene: {
        // A retrocopy of a coding gene's mRNA, decayed by substitutions (length kept).
        mrna = RandomSequence(rng, map.length(), 0.45);
        if (!parent_mrna.empty()) {
          size_t take = std::min(parent_mrna.size(), mrna.size());
          std::copy(parent_mrna.end() - static_cast<std::ptrdiff_t>(take), parent_mrna.end(), mrna.begin());
          double divergence = rng.UniformIn(0.02, 0.12);
          for (char& base : mrna) {
            if (rng.Chance(divergence)) base = kBases[rng.Below(4)];
          }
        }
        for (size_t k = mrna.size() > 30 ? mrna.size() - 15 : mrna.size(); k < mrna.size(); ++k)
          mrna[k] = 'A';
        break;
      }
      default: mrna = RandomSequence(rng, map.length(), 0.5); break;
    }
    WriteIntronSignals(bases, canonical, gene.reverse, rng);
    WriteExons(bases, canonical, gene.reverse, mrna);

    if (gene.kind != GeneKind::kProteinCoding) continue;
    const std::string spliced = map.Spliced(bases);
    if (!OrfIsValid(spliced, canonical.cds_start, canonical.cds_end)) {
      return Status::Internal("simulated gene " + gene.id + ": canonical ORF is broken");
    }
    // Alternative transcripts: settle NMD CDSs, drop any whose ORF a new junction broke.
    std::vector<SimTranscript> kept;
    kept.push_back(std::move(gene.transcripts.front()));
    for (size_t t = 1; t < gene.transcripts.size(); ++t) {
      SimTranscript& transcript = gene.transcripts[t];
      TranscriptMap alt(transcript, gene.reverse);
      std::string alt_spliced = alt.Spliced(bases);
      if (transcript.nmd_candidate) {
        int64_t stop = FirstStop(alt_spliced, transcript.cds_start);
        int64_t last_junction =
            alt.length() - transcript.exons[gene.reverse ? 0 : transcript.exons.size() - 1].length();
        // NMD: the premature stop lies more than 50 nt upstream of the last exon junction.
        if (stop < 0 || stop + 3 + 50 > last_junction ||
            alt_spliced.compare(static_cast<size_t>(transcript.cds_start), 3, "ATG") != 0) {
          continue;
        }
        transcript.cds_end = stop + 3;
      } else if (!OrfIsValid(alt_spliced, transcript.cds_start, transcript.cds_end)) {
        continue;
      }
      kept.push_back(std::move(transcript));
    }
    gene.transcripts = std::move(kept);
  }
  return Status::Ok();
}

}  // namespace zenome::simulate
