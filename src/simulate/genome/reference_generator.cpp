#include "simulate/genome/reference_generator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>

#include "core/sequence.h"
#include "simulate/common/common.h"

namespace zenome::simulate {

namespace {

constexpr char kBases[4] = {'A', 'C', 'G', 'T'};

// A base drawn with GC content `gc` (no context).
char RandomBase(Rng& rng, double gc) {
  double u = rng.Uniform();
  if (u < gc) return u < gc / 2 ? 'C' : 'G';
  return u < gc + (1 - gc) / 2 ? 'A' : 'T';
}

std::string RandomSequence(Rng& rng, int64_t length, double gc) {
  std::string seq(static_cast<size_t>(length), 'A');
  for (char& base : seq) base = RandomBase(rng, gc);
  return seq;
}

// First-order Markov chain quantised to 1/256: next base = table[previous][random byte].
struct MarkovTable {
  std::array<std::array<uint8_t, 256>, 4> next{};
};

MarkovTable MakeMarkovTable(double gc, double cpg_depletion) {
  MarkovTable table;
  for (int previous = 0; previous < 4; ++previous) {
    std::array<double, 4> p = {(1 - gc) / 2, gc / 2, gc / 2, (1 - gc) / 2};
    if (previous == 1) p[2] *= cpg_depletion;  // C followed by G
    double total = p[0] + p[1] + p[2] + p[3];
    double cumulative = 0;
    int slot = 0;
    for (int base = 0; base < 4; ++base) {
      cumulative += p[base] / total;
      int limit = base == 3 ? 256 : static_cast<int>(std::lround(cumulative * 256));
      for (; slot < limit && slot < 256; ++slot) table.next[previous][slot] = static_cast<uint8_t>(base);
    }
  }
  return table;
}

void FillMarkov(std::string& seq, int64_t start, int64_t end, const MarkovTable& table, Rng& rng) {
  uint64_t bits = 0;
  int left = 0;
  int previous = 0;
  char* out = seq.data();
  for (int64_t i = start; i < end; ++i) {
    if (left == 0) {
      bits = rng.Next();
      left = 8;
    }
    int base = table.next[previous][bits & 0xff];
    bits >>= 8;
    --left;
    out[i] = kBases[base];
    previous = base;
  }
}

// Copy of `source` with substitutions at rate `divergence` and small indels at a tenth of it.
std::string MutateCopy(const std::string& source, double divergence, Rng& rng) {
  std::string copy;
  copy.reserve(source.size() + 16);
  double indel_rate = divergence / 10;
  double event_rate = std::min(0.9, divergence + indel_rate);
  size_t i = 0;
  while (i < source.size()) {
    int64_t skip = rng.Geometric(event_rate);
    size_t stop = std::min(source.size(), i + static_cast<size_t>(std::min<int64_t>(skip, source.size())));
    copy.append(source, i, stop - i);
    i = stop;
    if (i >= source.size()) break;
    if (rng.Uniform() * event_rate < divergence) {
      // Substitution, transitions twice as likely as each transversion.
      char base = source[i];
      char alt;
      if (rng.Chance(0.5)) {
        alt = base == 'A' ? 'G' : base == 'G' ? 'A' : base == 'C' ? 'T' : 'C';
      } else {
        do alt = kBases[rng.Below(4)];
        while (alt == base);
      }
      copy.push_back(alt);
      ++i;
    } else if (rng.Chance(0.5)) {
      i += 1 + rng.Below(3);  // deletion
    } else {
      int64_t n = 1 + static_cast<int64_t>(rng.Below(3));
      for (int64_t k = 0; k < n; ++k) copy.push_back(kBases[rng.Below(4)]);
    }
  }
  // Methylated CpGs deaminate about ten times faster than other sites, so old copies have lost
  // most of their CpGs (as real Alu and L1 copies have).
  const double cpg_loss = std::min(0.95, 8 * divergence);
  for (size_t k = 0; k + 1 < copy.size(); ++k) {
    if (copy[k] == 'C' && copy[k + 1] == 'G' && rng.Chance(cpg_loss)) {
      if (rng.Chance(0.5))
        copy[k] = 'T';
      else
        copy[k + 1] = 'A';
    }
  }
  return copy;
}

// Writes `piece` at `pos`, clipped to the contig.
void Overwrite(std::string& seq, int64_t pos, const std::string& piece) {
  if (pos >= static_cast<int64_t>(seq.size())) return;
  size_t n = std::min(piece.size(), seq.size() - static_cast<size_t>(pos));
  std::memcpy(seq.data() + pos, piece.data(), n);
}

void InsertInterspersedRepeats(std::string& seq, const std::vector<RepeatFamily>& families,
                               const ReferenceOptions& options, Rng& rng) {
  if (families.empty()) return;
  std::vector<double> weights;
  for (const RepeatFamily& family : families) weights.push_back(family.weight);
  const int64_t length = static_cast<int64_t>(seq.size());
  const double mean_gap = 1000.0 / options.interspersed_repeats_per_kb;
  int64_t pos = static_cast<int64_t>(rng.Exponential(mean_gap));
  while (pos < length) {
    const RepeatFamily& family = families[rng.Weighted(weights)];
    const std::string& consensus = family.consensus;
    int64_t cons_len = static_cast<int64_t>(consensus.size());
    int64_t from = 0;
    int64_t to = cons_len;
    if (family.five_prime_truncated) {
      // Most retrotransposed copies are 3' fragments of a few hundred bp to a few kb.
      int64_t fragment =
          std::clamp<int64_t>(static_cast<int64_t>(rng.LogNormal(std::log(700.0), 0.9)), 60, cons_len);
      from = cons_len - fragment;
    } else if (cons_len > 400 || rng.Chance(0.3)) {
      int64_t fragment =
          std::clamp<int64_t>(static_cast<int64_t>(rng.LogNormal(std::log(250.0), 0.7)), 40, cons_len);
      from = rng.Range(0, cons_len - fragment);
      to = from + fragment;
    }
    std::string copy = MutateCopy(consensus.substr(from, to - from),
                                  rng.UniformIn(family.min_divergence, family.max_divergence), rng);
    if (family.poly_a_tail && to == cons_len) {
      int64_t tail = rng.Range(8, 35);
      for (int64_t k = 0; k < tail; ++k) copy.push_back(rng.Chance(0.93) ? 'A' : kBases[rng.Below(4)]);
    }
    if (rng.Chance(0.5)) ReverseComplementInPlace(copy);
    Overwrite(seq, pos, copy);
    pos += static_cast<int64_t>(copy.size()) + static_cast<int64_t>(rng.Exponential(mean_gap));
  }
}

void InsertMicrosatellites(std::string& seq, const ReferenceOptions& options, Rng& rng) {
  static constexpr std::array<double, 6> kUnitWeights = {0.30, 0.30, 0.10, 0.17, 0.07, 0.06};
  static constexpr std::array<const char*, 7> kDinucleotides = {"AC", "CA", "TG", "GT", "AT", "TA", "AG"};
  const int64_t length = static_cast<int64_t>(seq.size());
  const double mean_gap = 1000.0 / options.microsatellites_per_kb;
  int64_t pos = static_cast<int64_t>(rng.Exponential(mean_gap));
  std::string tract;
  while (pos < length) {
    size_t unit_length = 1 + rng.Weighted(kUnitWeights);
    std::string unit;
    if (unit_length == 1) {
      unit = rng.Chance(0.85) ? (rng.Chance(0.5) ? "A" : "T") : (rng.Chance(0.5) ? "C" : "G");
    } else if (unit_length == 2) {
      unit = kDinucleotides[rng.Below(kDinucleotides.size())];
    } else {
      do unit = RandomSequence(rng, static_cast<int64_t>(unit_length), 0.4);
      while (std::all_of(unit.begin(), unit.end(), [&](char c) { return c == unit[0]; }));
    }
    int64_t copies = unit_length == 1 ? rng.Range(10, 30) : 4 + rng.Geometric(unit_length <= 2 ? 0.12 : 0.25);
    copies = std::min<int64_t>(copies, 80 / static_cast<int64_t>(unit_length) + 4);
    tract.clear();
    for (int64_t k = 0; k < copies; ++k) tract += unit;
    if (tract.size() > 12 && rng.Chance(0.3)) {
      // An interruption: real microsatellites are often imperfect.
      size_t at = 4 + rng.Below(tract.size() - 8);
      tract[at] = kBases[rng.Below(4)];
    }
    Overwrite(seq, pos, tract);
    pos += static_cast<int64_t>(tract.size()) + static_cast<int64_t>(rng.Exponential(mean_gap));
  }
}

void InsertHomopolymers(std::string& seq, const ReferenceOptions& options, Rng& rng) {
  const int64_t length = static_cast<int64_t>(seq.size());
  const double mean_gap = 1000.0 / options.homopolymers_per_kb;
  int64_t pos = static_cast<int64_t>(rng.Exponential(mean_gap));
  while (pos < length) {
    char base = rng.Chance(0.85) ? (rng.Chance(0.5) ? 'A' : 'T') : (rng.Chance(0.5) ? 'C' : 'G');
    int64_t run = std::min<int64_t>(8 + rng.Geometric(0.2), 25);
    Overwrite(seq, pos, std::string(static_cast<size_t>(run), base));
    pos += run + static_cast<int64_t>(rng.Exponential(mean_gap));
  }
}

void InsertLowComplexity(std::string& seq, const ReferenceOptions& options, Rng& rng) {
  const int64_t length = static_cast<int64_t>(seq.size());
  const double mean_gap = 1000.0 / options.low_complexity_per_kb;
  int64_t pos = static_cast<int64_t>(rng.Exponential(mean_gap));
  std::string stretch;
  while (pos < length) {
    int64_t n = rng.Range(50, 400);
    stretch.assign(static_cast<size_t>(n), 'A');
    switch (rng.Below(4)) {
      case 0:  // purine-rich
        for (char& c : stretch) c = rng.Chance(0.5) ? 'A' : 'G';
        break;
      case 1:  // pyrimidine-rich
        for (char& c : stretch) c = rng.Chance(0.5) ? 'C' : 'T';
        break;
      case 2:  // AT-rich
        for (char& c : stretch) c = RandomBase(rng, 0.08);
        break;
      default:  // GC-rich
        for (char& c : stretch) c = RandomBase(rng, 0.85);
        break;
    }
    Overwrite(seq, pos, stretch);
    pos += n + static_cast<int64_t>(rng.Exponential(mean_gap));
  }
}

}  // namespace

std::vector<RepeatFamily> MakeRepeatLibrary(uint64_t seed) {
  Rng rng(seed, {Label("repeat-library")});
  std::vector<RepeatFamily> families;
  auto add = [&](std::string name, int64_t length, double gc, double weight, double min_div, double max_div,
                 bool poly_a, bool truncated) {
    RepeatFamily family;
    family.name = std::move(name);
    family.consensus = RandomSequence(rng, length, gc);
    family.weight = weight;
    family.min_divergence = min_div;
    family.max_divergence = max_div;
    family.poly_a_tail = poly_a;
    family.five_prime_truncated = truncated;
    families.push_back(std::move(family));
  };
  add("AluSimJ", 282, 0.56, 4, 0.10, 0.18, true, false);
  add("L1SimA", 6000, 0.40, 3, 0.02, 0.12, true, true);
  add("MIRSim", 262, 0.46, 3, 0.20, 0.32, false, false);
  add("L2Sim", 3300, 0.42, 2, 0.20, 0.34, false, true);
  add("LTRSim", 460, 0.45, 3, 0.05, 0.20, false, false);
  add("DNASim", 1800, 0.42, 1.5, 0.15, 0.28, false, false);
  // Younger subfamilies: close relatives of the elements above, so repeats also differ a little
  // between subfamilies as Alu S/Y and L1PA/L1HS do.
  RepeatFamily alu_young = families[0];
  alu_young.name = "AluSimY";
  alu_young.consensus = MutateCopy(families[0].consensus, 0.05, rng);
  alu_young.weight = 6;
  alu_young.min_divergence = 0.01;
  alu_young.max_divergence = 0.06;
  families.push_back(std::move(alu_young));
  RepeatFamily l1_young = families[1];
  l1_young.name = "L1SimH";
  l1_young.consensus = MutateCopy(families[1].consensus, 0.03, rng);
  l1_young.weight = 2;
  l1_young.min_divergence = 0.005;
  l1_young.max_divergence = 0.03;
  families.push_back(std::move(l1_young));
  return families;
}

std::string GenerateContigBackground(const ContigPlan& contig, const std::vector<RepeatFamily>& repeats,
                                     const ReferenceOptions& options, uint64_t seed) {
  const int64_t length = contig.length;
  std::string seq(static_cast<size_t>(length), 'N');
  Rng rng(seed, {Label("reference"), static_cast<uint64_t>(contig.index)});
  // Isochores: long stretches of fairly homogeneous GC content.
  const double mean_isochore = std::clamp<double>(static_cast<double>(length) / 12, 20'000, 400'000);
  int64_t pos = 0;
  while (pos < length) {
    int64_t segment = std::max<int64_t>(5000, static_cast<int64_t>(rng.Exponential(mean_isochore)));
    int64_t end = std::min(length, pos + segment);
    double gc = std::clamp(rng.Normal(options.mean_gc, 0.045), 0.32, 0.60);
    if (contig.kind == ContigKind::kMito) gc = 0.44;
    FillMarkov(seq, pos, end, MakeMarkovTable(gc, options.cpg_depletion), rng);
    pos = end;
  }
  if (contig.kind != ContigKind::kMito) {
    Rng repeat_rng(seed, {Label("interspersed"), static_cast<uint64_t>(contig.index)});
    InsertInterspersedRepeats(seq, repeats, options, repeat_rng);
    Rng str_rng(seed, {Label("microsatellites"), static_cast<uint64_t>(contig.index)});
    InsertMicrosatellites(seq, options, str_rng);
    InsertHomopolymers(seq, options, str_rng);
    InsertLowComplexity(seq, options, str_rng);
  }
  for (const Interval0& gap : contig.gaps) {
    std::fill(seq.begin() + gap.start, seq.begin() + gap.end, 'N');
  }
  return seq;
}

}  // namespace zenome::simulate
