#include "simulate/population/tumour_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/sequence.h"
#include "simulate/common/common.h"

namespace zenome::simulate {

namespace {

bool IsPurine(char base) {
  return base == 'A' || base == 'G';
}

// Mutation of a pyrimidine-context base: `pyrimidine_alt` is the ALT for a C or T reference; on
// the other strand (G or A reference) the complement is used.
char Oriented(char ref, char pyrimidine_alt) {
  return IsPurine(ref) ? ComplementBase(pyrimidine_alt) : pyrimidine_alt;
}

int64_t RunStart(const std::string& bases, int64_t pos) {
  while (pos > 0 && bases[static_cast<size_t>(pos - 1)] == bases[static_cast<size_t>(pos)]) --pos;
  return pos;
}

int64_t RunEnd(const std::string& bases, int64_t pos) {
  const int64_t n = static_cast<int64_t>(bases.size());
  while (pos + 1 < n && bases[static_cast<size_t>(pos + 1)] == bases[static_cast<size_t>(pos)]) ++pos;
  return pos + 1;
}

// One mutation of the signature near a random position of [start, end), or false.
bool DrawMutation(Signature signature, const std::string& bases, int64_t start, int64_t end, Rng& rng,
                  SomaticMutation& m) {
  const int64_t n = static_cast<int64_t>(bases.size());
  for (int attempt = 0; attempt < 400; ++attempt) {
    int64_t pos = start + static_cast<int64_t>(rng.Below(static_cast<uint64_t>(end - start)));
    if (pos < 1 || pos + 1 >= n) continue;
    const char base = bases[static_cast<size_t>(pos)];
    const char before = bases[static_cast<size_t>(pos - 1)];
    const char after = bases[static_cast<size_t>(pos + 1)];
    if (base == 'N' || before == 'N' || after == 'N') continue;
    m.pos0 = pos;
    m.ref.assign(1, base);
    switch (signature) {
      case Signature::kSbs1:  // C>T at CpG
        if (!((base == 'C' && after == 'G') || (base == 'G' && before == 'C'))) continue;
        m.alt.assign(1, Oriented(base, 'T'));
        return true;
      case Signature::kSbs4: {  // C>A, smoking-like
        if (base != 'C' && base != 'G') continue;
        m.alt.assign(1, Oriented(base, rng.Chance(0.85) ? 'A' : 'T'));
        return true;
      }
      case Signature::kSbs2:
      case Signature::kSbs13: {  // APOBEC: TCW on either strand
        bool forward = base == 'C' && before == 'T' && (after == 'A' || after == 'T');
        bool backward = base == 'G' && after == 'A' && (before == 'A' || before == 'T');
        if (!forward && !backward) continue;
        m.alt.assign(1, Oriented(base, signature == Signature::kSbs2 ? 'T' : 'G'));
        return true;
      }
      case Signature::kSbs5: {                                               // flat: all six classes
        static constexpr std::array<double, 3> kFromC = {0.12, 0.10, 0.28};  // C>A, C>G, C>T
        static constexpr std::array<double, 3> kFromT = {0.12, 0.25, 0.13};  // T>A, T>C, T>G
        bool c_class = base == 'C' || base == 'G';
        size_t k = rng.Weighted(c_class ? kFromC : kFromT);
        const char* alts = c_class ? "AGT" : "ACG";
        m.alt.assign(1, Oriented(base, alts[k]));
        return true;
      }
      case Signature::kId1:
      case Signature::kId2: {  // +1 / -1 in an A/T homopolymer of 5 or more
        if (base != 'A' && base != 'T') continue;
        int64_t run_start = RunStart(bases, pos), run_end = RunEnd(bases, pos);
        if (run_end - run_start < 5 || run_start < 1 || bases[static_cast<size_t>(run_start - 1)] == 'N')
          continue;
        m.pos0 = run_start - 1;  // left-aligned: anchored on the base before the run
        if (signature == Signature::kId2) {
          m.ref = bases.substr(static_cast<size_t>(m.pos0), 2);
          m.alt = bases.substr(static_cast<size_t>(m.pos0), 1);
        } else {
          m.ref = bases.substr(static_cast<size_t>(m.pos0), 1);
          m.alt = m.ref + std::string(1, base);
        }
        return true;
      }
    }
  }
  return false;
}

}  // namespace

std::string_view SignatureName(Signature signature) {
  switch (signature) {
    case Signature::kSbs1: return "SBS1";
    case Signature::kSbs5: return "SBS5";
    case Signature::kSbs4: return "SBS4";
    case Signature::kSbs2: return "SBS2";
    case Signature::kSbs13: return "SBS13";
    case Signature::kId1: return "ID1";
    case Signature::kId2: return "ID2";
  }
  return "SBS5";
}

std::vector<TumourPlan> PlanTumours(const TumourOptions& options, int populations, uint64_t seed) {
  std::vector<TumourPlan> plans;
  Rng rng(seed, {Label("tumours")});
  for (int i = 0; i < options.count; ++i) {
    TumourPlan plan;
    char id[32];
    std::snprintf(id, sizeof(id), "PAIR%03d", i + 1);
    plan.id = id;
    plan.key = Label(plan.id);
    plan.population = static_cast<int>(rng.Below(static_cast<uint64_t>(std::max(1, populations))));
    plan.male = rng.Chance(0.5);
    plan.purity = std::round(rng.UniformIn(0.35, 0.9) * 100) / 100;
    plan.ploidy =
        std::round((rng.Chance(0.6) ? rng.UniformIn(1.8, 2.3) : rng.UniformIn(2.8, 3.8)) * 100) / 100;
    // Clock-like and flat processes everywhere; the exposure differs by pair.
    auto& w = plan.weights;
    w[static_cast<int>(Signature::kSbs1)] = rng.UniformIn(0.15, 0.3);
    w[static_cast<int>(Signature::kSbs5)] = rng.UniformIn(0.2, 0.35);
    switch (i % 3) {
      case 0: w[static_cast<int>(Signature::kSbs4)] = rng.UniformIn(0.3, 0.5); break;
      case 1:
        w[static_cast<int>(Signature::kSbs2)] = rng.UniformIn(0.15, 0.25);
        w[static_cast<int>(Signature::kSbs13)] = rng.UniformIn(0.1, 0.2);
        break;
      default: w[static_cast<int>(Signature::kSbs5)] += 0.2; break;
    }
    w[static_cast<int>(Signature::kId1)] = 0.04;
    w[static_cast<int>(Signature::kId2)] = 0.05;
    double total = 0;
    for (double x : w) total += x;
    for (double& x : w) x /= total;
    plans.push_back(std::move(plan));
  }
  return plans;
}

void GenerateSomatic(const TumourPlan& plan, const TumourOptions& options, const ContigPlan& contig,
                     const std::string& bases, int64_t window_index, int64_t start, int64_t end,
                     const std::vector<Site>& sites, uint64_t seed, std::vector<SomaticMutation>& out) {
  out.clear();
  if (contig.kind == ContigKind::kY && !plan.male) return;
  Rng rng(seed, {Label("somatic"), plan.key, static_cast<uint64_t>(contig.index),
                 static_cast<uint64_t>(window_index)});
  int64_t count = rng.Poisson(options.somatic_per_mb * static_cast<double>(end - start) / 1e6);
  std::vector<SomaticMutation> drawn;
  for (int64_t i = 0; i < count; ++i) {
    SomaticMutation m;
    m.signature = static_cast<Signature>(rng.Weighted(plan.weights));
    if (!DrawMutation(m.signature, bases, start, end, rng, m)) continue;
    // Allele fraction: purity x cancer-cell fraction x multiplicity over the local copy number.
    const int normal_copies = Ploidy(contig, m.pos0, plan.male);
    double mean_cn = plan.ploidy * normal_copies / 2.0;
    double u = rng.Uniform();
    int copy_number = std::max(1, static_cast<int>(std::lround(mean_cn)) + (u < 0.2 ? -1 : u < 0.8 ? 0 : 1));
    int multiplicity = copy_number > 1 && rng.Chance(0.15) ? static_cast<int>(rng.Range(2, copy_number)) : 1;
    double ccf = rng.Chance(0.8) ? 1.0 : rng.UniformIn(0.15, 0.6);
    m.vaf =
        plan.purity * ccf * multiplicity / (plan.purity * copy_number + normal_copies * (1 - plan.purity));
    m.vaf = std::round(std::min(1.0, m.vaf) * 1000) / 1000;
    m.tumour_depth =
        static_cast<int>(std::max(5L, std::lround(options.tumour_depth * (1 + 0.25 * rng.FastNormal()))));
    m.alt_reads = static_cast<int>(rng.Binomial(m.tumour_depth, m.vaf));
    m.normal_depth = static_cast<int>(std::max(5L, std::lround(35 * (1 + 0.2 * rng.FastNormal()))));
    m.called = m.alt_reads >= options.min_alt_reads;
    drawn.push_back(std::move(m));
  }
  std::sort(drawn.begin(), drawn.end(),
            [](const SomaticMutation& a, const SomaticMutation& b) { return a.pos0 < b.pos0; });
  // Keep mutations clear of each other and of every germline site in the window.
  int64_t kept_end = start;
  for (SomaticMutation& m : drawn) {
    if (m.pos0 < kept_end || m.end() > end) continue;
    auto it = std::lower_bound(sites.begin(), sites.end(), m.pos0,
                               [](const Site& site, int64_t pos) { return site.end() <= pos; });
    if (it != sites.end() && it->pos0 < m.end() + 1) continue;
    if (it != sites.begin() && std::prev(it)->end() > m.pos0 - 1) continue;
    kept_end = m.end() + 1;
    out.push_back(std::move(m));
  }
}

}  // namespace zenome::simulate
