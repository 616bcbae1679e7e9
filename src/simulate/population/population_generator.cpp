#include "simulate/population/population_generator.h"

#include <algorithm>
#include <cmath>

#include "simulate/genome/genome.h"

namespace zenome::simulate {

namespace {

constexpr double kCpgShare = 0.11;             // share of sites that are CpG transitions
constexpr double kStrIndelProbability = 0.45;  // P(indel) for a site inside a tandem repeat
constexpr double kMaxFrequency = 0.999;
constexpr double kVeryRareShare = 0.3;   // sites from the excess of very rare variants
constexpr double kRareThreshold = 0.01;  // below: population-specific (young) variants
constexpr int kRepeatScanLimit = 300;
constexpr char kBases[4] = {'A', 'C', 'G', 'T'};

constexpr std::array<double, kMaxPopulations> kFst = {0.05, 0.10, 0.13, 0.08, 0.11, 0.06,
                                                      0.12, 0.09, 0.07, 0.14, 0.10, 0.08};
constexpr std::array<double, kMaxPopulations> kPanelScale = {1.0, 1.6, 0.7, 1.2, 0.9, 1.4,
                                                             0.8, 1.1, 0.6, 1.3, 1.0, 0.75};

char Transition(char base) {
  switch (base) {
    case 'A': return 'G';
    case 'G': return 'A';
    case 'C': return 'T';
    default: return 'C';
  }
}

char Transversion(char base, Rng& rng) {
  bool first = rng.Chance(0.5);
  switch (base) {
    case 'A':
    case 'G': return first ? 'C' : 'T';
    default: return first ? 'A' : 'G';
  }
}

bool HasN(const std::string& allele) {
  return allele.find('N') != std::string::npos;
}

// Appends the positions of both bases of every CpG starting in [start, end).
void CollectCpgs(const std::string& bases, int64_t start, int64_t end, std::vector<int64_t>& out) {
  const char* s = bases.data();
  const int64_t last = std::min<int64_t>(end, static_cast<int64_t>(bases.size()) - 1);
  for (int64_t i = start; i < last; ++i) {
    if (s[i] == 'C' && s[i + 1] == 'G') {
      out.push_back(i);
      out.push_back(i + 1);
    }
  }
}

}  // namespace

int32_t PanelIndividuals(const PopulationOptions& options, int population) {
  return static_cast<int32_t>(std::lround(options.panel_individuals *
                                          kPanelScale[static_cast<size_t>(population) % kMaxPopulations]));
}

double PopulationFst(int population) {
  return kFst[static_cast<size_t>(population) % kMaxPopulations];
}

Individual MakeIndividual(std::string id, int population, bool male, uint64_t seed) {
  Individual individual;
  individual.key = Label(id);
  Rng rng(seed, {Label("individual"), individual.key});
  individual.id = std::move(id);
  individual.population = population;
  individual.male = male;
  individual.depth = rng.UniformIn(28, 40);
  return individual;
}

void NormalizeOnBases(const std::string& bases, int64_t& pos0, std::string& ref, std::string& alt) {
  if (ref.empty() || alt.empty() || ref == alt) return;
  // Drop a shared last base; when that empties an allele, extend both one base to the left.
  while (ref.back() == alt.back()) {
    if ((ref.size() == 1 || alt.size() == 1) && pos0 == 0) break;  // nothing left to anchor on
    ref.pop_back();
    alt.pop_back();
    if (ref.empty() || alt.empty()) {
      --pos0;
      char anchor = bases[static_cast<size_t>(pos0)];
      ref.insert(ref.begin(), anchor);
      alt.insert(alt.begin(), anchor);
    }
  }
  while (ref.size() >= 2 && alt.size() >= 2 && ref[0] == alt[0]) {
    ref.erase(0, 1);
    alt.erase(0, 1);
    ++pos0;
  }
}

double SiteGenerator::ExpectedCarrierShare(double min_frequency, double fst) {
  auto moments = [](double lo, double hi) {
    const double log_range = std::log(hi / lo);
    return std::pair<double, double>{(hi - lo) / log_range, (hi * hi - lo * lo) / (2 * log_range)};
  };
  // E[1 - (1 - p_k)^2] with p_k ~ Beta around p: E[p_k^2] = p^2 + F p (1 - p). The very rare
  // component contributes about 2p.
  auto [mean_p, mean_p2] = moments(min_frequency, kMaxFrequency);
  const double main = (2 - fst) * mean_p - (1 - fst) * mean_p2;
  const double very_rare = 2 * moments(min_frequency / 5, 2e-3).first;
  return (1 - kVeryRareShare) * main + kVeryRareShare * very_rare;
}

SiteGenerator::SiteGenerator(const PopulationOptions& options, const ContigPlan& contig,
                             const std::string& bases, const std::vector<Individual>& individuals,
                             SiteAnnotator* annotator, uint64_t seed)
    : options_(options),
      contig_(contig),
      bases_(bases),
      individuals_(individuals),
      annotator_(annotator),
      seed_(seed),
      n_populations_(static_cast<int>(std::min<size_t>(options.populations.size(), kMaxPopulations))) {
  double carrier = 0;
  for (int k = 0; k < n_populations_; ++k) {
    fst_[k] = PopulationFst(k);
    panel_sizes_[k] = PanelIndividuals(options, k);
    carrier += ExpectedCarrierShare(options.min_frequency, fst_[k]);
  }
  carrier /= std::max(1, n_populations_);
  const double per_base = options.variants_per_kb / 1000.0;
  const double shared_total = per_base * (1 - options.private_fraction) / carrier;
  shared_rate_ = shared_total * (1 - kCpgShare);
  private_rate_ = per_base * options.private_fraction;
  // CpG transitions: spread the CpG share over the contig's CpG bases.
  const char* s = bases.data();
  int64_t cpg = 0, usable = 0;
  for (int64_t i = 0; i < contig.length; ++i) {
    usable += s[i] != 'N';
    cpg += i + 1 < contig.length && s[i] == 'C' && s[i + 1] == 'G' ? 2 : 0;
  }
  cpg_rate_ = cpg > 0 ? shared_total * kCpgShare * static_cast<double>(usable) / static_cast<double>(cpg) : 0;
  // Indel probability outside repeats, so that indels are `indel_fraction` of all sites given how
  // much of this contig is tandem repeat (estimated from a fixed sample of positions).
  Rng probe(seed, {Label("repeat-probe"), static_cast<uint64_t>(contig.index)});
  int in_repeat = 0, probed = 0;
  for (int i = 0; i < 4000 && usable > 0; ++i) {
    int64_t pos = static_cast<int64_t>(probe.Below(static_cast<uint64_t>(contig.length)));
    if (bases[static_cast<size_t>(pos)] == 'N') continue;
    ++probed;
    if (RepeatAt(pos).unit > 0) ++in_repeat;
  }
  double repeat_share = probed > 0 ? static_cast<double>(in_repeat) / probed : 0;
  double uniform_indel = options.indel_fraction / (1 - kCpgShare);
  indel_rate_ = std::clamp(
      (uniform_indel - repeat_share * kStrIndelProbability) / std::max(0.05, 1 - repeat_share), 0.0, 0.5);
}

SiteGenerator::Repeat SiteGenerator::RepeatAt(int64_t pos) const {
  const int64_t length = static_cast<int64_t>(bases_.size());
  const char* s = bases_.data();
  if (s[pos] == 'N') return {};
  for (int k = 1; k <= 6; ++k) {
    if (pos + k > length) break;
    int64_t start = pos;
    while (start > 0 && pos - start < kRepeatScanLimit && s[start - 1] != 'N' &&
           s[start - 1] == s[start - 1 + k]) {
      --start;
    }
    int64_t end = pos + k;
    while (end < length && end - pos < kRepeatScanLimit && s[end] != 'N' && s[end] == s[end - k]) ++end;
    bool has_n = false;
    for (int64_t i = pos; i < pos + k; ++i) has_n |= s[i] == 'N';
    if (has_n) continue;
    int64_t span = end - start;
    if ((k == 1 && span >= 6) || (k > 1 && span >= 3 * k)) return {k, start, end};
  }
  return {};
}

bool SiteGenerator::MakeIndel(int64_t pos, const Repeat& repeat, int units, Rng& rng, std::string& ref,
                              std::string& alt, int64_t& site_pos) const {
  const int64_t length = static_cast<int64_t>(bases_.size());
  if (repeat.unit > 0) {
    const int64_t k = repeat.unit;
    const int64_t copies = (repeat.end - repeat.start) / k;
    const int64_t anchor = repeat.start - 1;
    if (anchor < 0) return false;
    int64_t n = std::abs(units);
    if (units < 0) {
      n = std::min<int64_t>(n, copies - 1);
      if (n <= 0) return false;
      ref = bases_.substr(static_cast<size_t>(anchor), static_cast<size_t>(1 + n * k));
      alt = bases_.substr(static_cast<size_t>(anchor), 1);
    } else {
      std::string unit = bases_.substr(static_cast<size_t>(repeat.start), static_cast<size_t>(k));
      ref = bases_.substr(static_cast<size_t>(anchor), 1);
      alt = ref;
      for (int64_t i = 0; i < n; ++i) alt += unit;
    }
    site_pos = anchor;
  } else {
    int64_t size = 1 + std::min<int64_t>(rng.Geometric(0.45), 24);
    if (pos + size + 1 >= length) return false;
    if (rng.Chance(0.55)) {
      ref = bases_.substr(static_cast<size_t>(pos), static_cast<size_t>(size + 1));
      alt = bases_.substr(static_cast<size_t>(pos), 1);
    } else {
      ref = bases_.substr(static_cast<size_t>(pos), 1);
      alt = ref;
      if (rng.Chance(0.5)) {
        alt += bases_.substr(static_cast<size_t>(pos + 1), static_cast<size_t>(size));  // tandem duplication
      } else {
        for (int64_t i = 0; i < size; ++i) alt += kBases[rng.Below(4)];
      }
    }
    site_pos = pos;
  }
  NormalizeOnBases(bases_, site_pos, ref, alt);
  return !HasN(ref) && !HasN(alt) && ref != alt;
}

bool SiteGenerator::MakeAlleles(int64_t pos, bool cpg_transition, bool allow_multi, Rng& rng,
                                Site& site) const {
  const int64_t length = static_cast<int64_t>(bases_.size());
  const char base = bases_[static_cast<size_t>(pos)];
  if (base == 'N') return false;
  site.n_alts = 1;
  if (cpg_transition) {
    site.pos0 = pos;
    site.ref.assign(1, base);
    site.alts[0].assign(1, Transition(base));
    return true;
  }
  const Repeat repeat = RepeatAt(pos);
  const double indel_probability = repeat.unit > 0 ? kStrIndelProbability : indel_rate_;
  const double u = rng.Uniform();
  if (u < indel_probability) {
    auto draw_units = [&rng]() {
      double v = rng.Uniform();
      int n = v < 0.8 ? 1 : v < 0.95 ? 2 : 3;
      return rng.Chance(0.5) ? n : -n;
    };
    int units = draw_units();
    if (!MakeIndel(pos, repeat, units, rng, site.ref, site.alts[0], site.pos0)) return false;
    if (allow_multi && repeat.unit > 0 && rng.Chance(options_.multiallelic_fraction * 4)) {
      // A second length at the same repeat (multi-allelic STR), sharing the anchor.
      int other = draw_units();
      std::string ref2, alt2;
      int64_t pos2 = 0;
      if (other != units && MakeIndel(pos, repeat, other, rng, ref2, alt2, pos2) && pos2 == site.pos0 &&
          alt2 != site.alts[0]) {
        std::string& ref1 = site.ref;
        std::string& alt1 = site.alts[0];
        // Pad both alleles to the longer REF.
        if (ref2.size() > ref1.size()) {
          alt1 += ref2.substr(ref1.size());
          ref1 = ref2;
        } else if (ref1.size() > ref2.size()) {
          alt2 += ref1.substr(ref2.size());
        }
        if (alt2 != alt1 && alt2 != ref1) {
          site.alts[1] = alt2;
          site.n_alts = 2;
        }
      }
    }
    return true;
  }
  site.pos0 = pos;
  if (u < indel_probability + options_.mnv_fraction) {
    int64_t size = rng.Chance(0.7) ? 2 : 3;
    if (pos + size > length) return false;
    site.ref = bases_.substr(static_cast<size_t>(pos), static_cast<size_t>(size));
    if (HasN(site.ref)) return false;
    site.alts[0] = site.ref;
    site.alts[0].front() = Transition(site.ref.front());
    site.alts[0].back() = rng.Chance(0.6) ? Transition(site.ref.back()) : Transversion(site.ref.back(), rng);
    return true;
  }
  site.ref.assign(1, base);
  site.alts[0].assign(1, rng.Chance(0.66) ? Transition(base) : Transversion(base, rng));  // Ts/Tv ~2 with CpG
  if (allow_multi && rng.Chance(options_.multiallelic_fraction)) {
    char second;
    do second = kBases[rng.Below(4)];
    while (second == base || second == site.alts[0][0]);
    site.alts[1].assign(1, second);
    site.n_alts = 2;
  }
  return true;
}

void SiteGenerator::AssignFrequencies(Site& site, Rng& rng) const {
  const double lo = options_.min_frequency;
  // A 1/p spectrum, plus an excess of very rare sites (recent population growth): most panel
  // sites are rare while most of one genome's variants are common.
  double p = rng.Chance(kVeryRareShare) ? rng.LogUniform(lo / 5, 2e-3) : rng.LogUniform(lo, kMaxFrequency);
  if (annotator_ != nullptr) {
    SiteEffect effect = annotator_->Annotate(site.pos0, site.ref, site.alts[0]).effect;
    // Purifying selection: damaging alleles stay rare.
    if (IsLossOfFunction(effect)) {
      p = rng.LogUniform(lo / 3, 3e-4);
    } else if (effect == SiteEffect::kMissense || effect == SiteEffect::kInframeIndel) {
      p = std::max(lo / 3, p * 0.3);
    }
  }
  double p2 = site.n_alts > 1 ? rng.LogUniform(lo, std::max(lo * 1.01, std::min(0.3, 0.98 - p))) : 0;
  for (int a = 0; a < site.n_alts; ++a) {
    const double ancestral = a == 0 ? p : p2;
    if (ancestral < kRareThreshold) {
      // A young variant: it arose in one population and reached the others only by migration.
      const int origin = static_cast<int>(rng.Below(static_cast<uint64_t>(n_populations_)));
      double elsewhere = 0;
      for (int k = 0; k < n_populations_; ++k) {
        if (k == origin) continue;
        double q = ancestral * 0.2 * rng.Uniform();
        site.freq[k][a] = static_cast<float>(q);
        elsewhere += q;
      }
      site.freq[origin][a] = static_cast<float>(std::min(0.5, ancestral * n_populations_ - elsewhere));
      continue;
    }
    for (int k = 0; k < n_populations_; ++k) {
      // Balding-Nichols: population frequencies scatter around the ancestral one by Fst.
      const double f = fst_[k];
      site.freq[k][a] = static_cast<float>(rng.Beta(ancestral * (1 - f) / f, (1 - ancestral) * (1 - f) / f));
    }
  }
  if (site.n_alts > 1) {
    for (int k = 0; k < n_populations_; ++k) {
      float total = site.freq[k][0] + site.freq[k][1];
      if (total > 0.99f) {
        site.freq[k][0] *= 0.99f / total;
        site.freq[k][1] *= 0.99f / total;
      }
    }
  }
}

void SiteGenerator::Generate(int64_t window_index, int64_t start, int64_t end,
                             const std::vector<SpecialSite>& specials, std::vector<Site>& out) {
  out.clear();
  std::vector<Site> candidates;
  candidates.reserve(static_cast<size_t>((end - start) * (shared_rate_ + 0.002)) + 16);
  Rng rng(seed_, {Label("sites"), static_cast<uint64_t>(contig_.index), static_cast<uint64_t>(window_index)});

  auto lower = std::lower_bound(specials.begin(), specials.end(), start,
                                [](const SpecialSite& s, int64_t pos) { return s.pos0 < pos; });
  for (auto it = lower; it != specials.end() && it->pos0 < end; ++it) {
    Site site;
    site.pos0 = it->pos0;
    site.ref = it->ref;
    site.alts[0] = it->alt;
    site.origin = SiteOrigin::kSpecial;
    site.special = static_cast<int>(it - specials.begin());
    site.in_panel = it->panel_frequency > 0;
    for (int k = 0; k < n_populations_; ++k) site.freq[k][0] = static_cast<float>(it->panel_frequency);
    candidates.push_back(std::move(site));
  }

  Site site;
  auto add_shared = [&](int64_t pos, bool cpg) {
    site.freq = {};
    site.origin = SiteOrigin::kShared;
    site.owner = -1;
    site.special = -1;
    site.in_panel = true;
    if (!MakeAlleles(pos, cpg, true, rng, site)) return;
    AssignFrequencies(site, rng);
    candidates.push_back(site);
  };
  if (shared_rate_ > 0) {
    for (int64_t pos = start + rng.Geometric(shared_rate_); pos < end;
         pos += 1 + rng.Geometric(shared_rate_)) {
      add_shared(pos, false);
    }
  }
  if (cpg_rate_ > 0) {
    cpg_positions_.clear();
    CollectCpgs(bases_, start, end, cpg_positions_);
    if (!cpg_positions_.empty()) {
      int64_t n = rng.Poisson(cpg_rate_ * static_cast<double>(cpg_positions_.size()));
      for (int64_t i = 0; i < n; ++i) add_shared(cpg_positions_[rng.Below(cpg_positions_.size())], true);
    }
  }
  for (size_t i = 0; i < individuals_.size(); ++i) {
    const Individual& person = individuals_[i];
    if (contig_.kind == ContigKind::kY && !person.male) continue;
    Rng private_rng(seed_, {Label("private"), static_cast<uint64_t>(contig_.index),
                            static_cast<uint64_t>(window_index), person.key});
    int64_t n = private_rng.Poisson(private_rate_ * static_cast<double>(end - start));
    for (int64_t k = 0; k < n; ++k) {
      int64_t pos = start + static_cast<int64_t>(private_rng.Below(static_cast<uint64_t>(end - start)));
      site.freq = {};
      site.origin = SiteOrigin::kPrivate;
      site.owner = static_cast<int>(i);
      site.special = -1;
      site.in_panel = false;
      if (MakeAlleles(pos, false, false, private_rng, site)) candidates.push_back(site);
    }
  }

  std::stable_sort(candidates.begin(), candidates.end(), [](const Site& a, const Site& b) {
    if (a.pos0 != b.pos0) return a.pos0 < b.pos0;
    return (a.origin == SiteOrigin::kSpecial) > (b.origin == SiteOrigin::kSpecial);
  });
  int64_t kept_end = std::max(last_end_, start);
  for (Site& candidate : candidates) {
    if (candidate.origin == SiteOrigin::kSpecial) {
      while (!out.empty() && out.back().origin != SiteOrigin::kSpecial && out.back().end() > candidate.pos0) {
        out.pop_back();
      }
      if (!out.empty() && out.back().end() > candidate.pos0) continue;  // specials never overlap; be safe
      kept_end = std::max(kept_end, candidate.end());
      out.push_back(std::move(candidate));
      continue;
    }
    if (candidate.pos0 < kept_end || candidate.end() > end) continue;
    kept_end = candidate.end();
    out.push_back(std::move(candidate));
  }
  if (!out.empty()) last_end_ = std::max(last_end_, out.back().end());
}

void SiteGenerator::Genotypes(int64_t window_index, const std::vector<Site>& sites,
                              const std::vector<SpecialSite>& specials, std::vector<Genotype>& out) const {
  const size_t n = individuals_.size();
  out.assign(sites.size() * n, Genotype{});
  for (size_t i = 0; i < n; ++i) {
    const Individual& person = individuals_[i];
    Rng rng(seed_, {Label("genotype"), static_cast<uint64_t>(contig_.index),
                    static_cast<uint64_t>(window_index), person.key});
    const int pop = person.population;
    for (size_t s = 0; s < sites.size(); ++s) {
      const Site& site = sites[s];
      Genotype& g = out[s * n + i];
      g.ploidy = static_cast<uint8_t>(Ploidy(contig_, site.pos0, person.male));
      if (g.ploidy == 0) continue;
      int forced = -1;
      if (site.origin == SiteOrigin::kPrivate) {
        forced = site.owner == static_cast<int>(i) ? (rng.Chance(0.05) ? 2 : 1) : 0;
      } else if (site.origin == SiteOrigin::kSpecial) {
        for (const SpecialSite::Forced& f : specials[static_cast<size_t>(site.special)].forced) {
          if (f.individual == static_cast<int>(i)) forced = f.alt_copies;
        }
      }
      if (forced >= 0) {
        if (g.ploidy == 1) {
          g.a = forced > 0 ? 1 : 0;
        } else {
          g.a = forced == 2 ? 1 : 0;
          g.b = forced > 0 ? 1 : 0;
        }
      } else if (site.n_alts == 1) {
        const double p = site.freq[pop][0];
        const double u = rng.Uniform();
        if (g.ploidy == 1) {
          g.a = u < p ? 1 : 0;
        } else if (u < p * p) {
          g.a = g.b = 1;
        } else if (u < 2 * p - p * p) {
          g.b = 1;
        }
      } else {
        const double p1 = site.freq[pop][0], p2 = site.freq[pop][1];
        auto draw = [&]() -> int8_t {
          double u = rng.Uniform();
          return u < p1 ? 1 : u < p1 + p2 ? 2 : 0;
        };
        g.a = draw();
        if (g.ploidy == 2) {
          g.b = draw();
          if (g.a > g.b) std::swap(g.a, g.b);
        }
      }
      // Sequencing depth and genotype quality (overdispersed around the person's mean depth).
      double dp = person.depth * (1 + 0.22 * rng.FastNormal());
      g.dp = static_cast<uint16_t>(std::clamp(std::lround(dp), 2L, 400L));
      bool het = g.ploidy == 2 && g.a != g.b;
      double gq = (het ? 2.6 : 3.0) * g.dp + 5 * rng.FastNormal();
      g.gq = static_cast<uint8_t>(std::clamp(std::lround(gq), 1L, 99L));
    }
  }
}

void SiteGenerator::Panel(const Site& site, Rng& rng, PanelCounts& out) const {
  out = PanelCounts{};
  for (int k = 0; k < n_populations_; ++k) {
    const int64_t size = panel_sizes_[k];
    int64_t diploid = size, haploid = 0;
    switch (contig_.kind) {
      case ContigKind::kAutosome: break;
      case ContigKind::kX:
        if (!contig_.InPar(site.pos0)) {
          diploid = size / 2;
          haploid = size - size / 2;
        }
        break;
      case ContigKind::kY:
        diploid = 0;
        haploid = size / 2;
        break;
      case ContigKind::kMito:
        diploid = 0;
        haploid = size;
        break;
    }
    out.an[k] = static_cast<int32_t>(2 * diploid + haploid);
    int64_t remaining = out.an[k];
    for (int a = 0; a < site.n_alts; ++a) {
      const double p = site.freq[k][a];
      int64_t hom = rng.Binomial(diploid, p * p);
      int64_t het = p < 1 ? rng.Binomial(diploid - hom, 2 * p * (1 - p) / (1 - p * p)) : 0;
      int64_t hap = rng.Binomial(haploid, p);
      int64_t ac = std::min(remaining, het + 2 * hom + hap);
      remaining -= ac;
      out.ac[k][a] = static_cast<int32_t>(ac);
      out.nhomalt[k][a] = static_cast<int32_t>(std::min(hom + hap, ac));
    }
  }
}

}  // namespace zenome::simulate
