#pragma once
// Tumour/normal pairs. The normal is a germline genome drawn like any sample; the tumour carries
// the same germline variants plus somatic SNVs and indels from a mix of mutational processes
// (SBS1 clock-like C>T at CpG, SBS5 flat, SBS4 smoking-like C>A, SBS2/SBS13 APOBEC at TCW, ID1/ID2
// homopolymer ±1), at a configurable burden. Allele fractions follow purity, ploidy, local copy
// number, multiplicity and clonality; reads are drawn binomially from them.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "simulate/genome/genome.h"
#include "simulate/population/population_generator.h"

namespace zenome::simulate {

struct TumourOptions {
  int count = 1;
  double somatic_per_mb = 10;  // mutation burden
  double tumour_depth = 80;
  int min_alt_reads = 3;  // somatic mutations with fewer ALT reads are not called
};

enum class Signature { kSbs1, kSbs5, kSbs4, kSbs2, kSbs13, kId1, kId2 };
inline constexpr int kSignatureCount = 7;
std::string_view SignatureName(Signature signature);

struct TumourPlan {
  std::string id;  // PAIR001: samples PAIR001_T and PAIR001_N
  int population = 0;
  bool male = false;
  int individual = -1;  // the germline individual (index into the run's individuals)
  double purity = 0.7;
  double ploidy = 2.0;
  std::array<double, kSignatureCount> weights{};
  uint64_t key = 0;
};

std::vector<TumourPlan> PlanTumours(const TumourOptions& options, int populations, uint64_t seed);

struct SomaticMutation {
  int64_t pos0 = 0;
  std::string ref;
  std::string alt;
  Signature signature = Signature::kSbs5;
  double vaf = 0;  // expected allele fraction in the tumour sample
  int tumour_depth = 0;
  int alt_reads = 0;
  int normal_depth = 0;
  bool called = false;  // enough ALT reads to appear in the tumour/normal VCF
  int64_t end() const { return pos0 + static_cast<int64_t>(ref.size()); }
};

// Somatic mutations of one window, sorted, overlapping none of the window's germline sites.
void GenerateSomatic(const TumourPlan& plan, const TumourOptions& options, const ContigPlan& contig,
                     const std::string& bases, int64_t window_index, int64_t start, int64_t end,
                     const std::vector<Site>& sites, uint64_t seed, std::vector<SomaticMutation>& out);

}  // namespace zenome::simulate
