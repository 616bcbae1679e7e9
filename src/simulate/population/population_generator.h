#pragma once
// Population model: variant sites drawn per window of a contig with a realistic site-frequency
// spectrum (density proportional to 1/p: mostly rare sites, while most of one genome's variants are
// common), CpG transitions enriched, ~15 % indels concentrated in homopolymers and short tandem
// repeats (unit expansions and contractions, left-aligned), a few multi-allelic sites and MNVs,
// and purifying selection in coding sequence. Each named population gets its own frequencies
// (Balding-Nichols with a per-population Fst); genotypes are Hardy-Weinberg draws within the
// individual's population, haploid for males on chrX outside the PARs, on chrY and on chrM.
// A large reference panel per population gives the gnomAD-style counts (AC ~ Binomial, no panel
// genotypes materialised), and each individual also carries a few private variants that no panel
// has seen.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "simulate/common/common.h"
#include "simulate/genome/genome.h"

namespace zenome::simulate {

inline constexpr int kMaxAlts = 2;
inline constexpr int kMaxPopulations = 12;

struct PopulationOptions {
  int samples = 20;
  std::vector<std::string> populations = {"eas", "eur", "afr"};
  double variants_per_kb = 1.6;  // per individual, SNVs and indels together
  double indel_fraction = 0.15;
  double multiallelic_fraction = 0.03;
  double mnv_fraction = 0.005;
  double private_fraction = 0.015;  // share of an individual's variants that are its own
  double min_frequency = 1e-4;      // lower end of the site-frequency spectrum
  int panel_individuals = 8000;     // reference panel size of the first population
  bool population_vcf = true;
  bool sample_vcfs = true;
};

// A person whose genome is drawn from the model: a listed sample, a case proband or the germline
// of a tumour/normal pair.
struct Individual {
  std::string id;
  int population = 0;
  bool male = false;
  uint64_t key = 0;   // random-stream key, from the id
  double depth = 32;  // mean sequencing depth
};

Individual MakeIndividual(std::string id, int population, bool male, uint64_t seed);

// Reference-panel size and Fst of the k-th population (fixed per position in the list).
int32_t PanelIndividuals(const PopulationOptions& options, int population);
double PopulationFst(int population);

enum class SiteOrigin : uint8_t { kShared, kPrivate, kSpecial };

// One variant site in VCF representation (left-aligned, parsimonious per allele).
struct Site {
  int64_t pos0 = 0;
  std::string ref;
  std::array<std::string, kMaxAlts> alts;
  int n_alts = 1;
  // ALT frequency per population and allele.
  std::array<std::array<float, kMaxAlts>, kMaxPopulations> freq{};
  SiteOrigin origin = SiteOrigin::kShared;
  int owner = -1;    // kPrivate: the individual carrying it
  int special = -1;  // kSpecial: index into the contig's special sites
  bool in_panel = true;
  int64_t end() const { return pos0 + static_cast<int64_t>(ref.size()); }
};

// A variant placed on purpose (a ClinVar pathogenic variant, a case's causal variant), with
// genotypes forced for some individuals; everyone else draws from `panel_frequency`.
struct SpecialSite {
  int64_t pos0 = 0;
  std::string ref;
  std::string alt;
  double panel_frequency = 0;  // 0: absent from the reference panel and from other people
  struct Forced {
    int individual;
    int alt_copies;  // 1 (het, or hemizygous where haploid) or 2 (hom)
  };
  std::vector<Forced> forced;
  int64_t end() const { return pos0 + static_cast<int64_t>(ref.size()); }
};

struct Genotype {
  int8_t a = 0;  // allele indices; b is unused when haploid
  int8_t b = 0;
  uint8_t ploidy = 2;  // 0: no call (chrY in a female)
  uint8_t gq = 99;
  uint16_t dp = 30;
  bool carries() const { return ploidy > 0 && (a > 0 || (ploidy == 2 && b > 0)); }
};

struct PanelCounts {
  std::array<std::array<int32_t, kMaxAlts>, kMaxPopulations> ac{};
  std::array<std::array<int32_t, kMaxAlts>, kMaxPopulations> nhomalt{};
  std::array<int32_t, kMaxPopulations> an{};
};

// Left-aligns and trims one REF/ALT pair against the contig's bases (anchor base kept).
void NormalizeOnBases(const std::string& bases, int64_t& pos0, std::string& ref, std::string& alt);

class SiteGenerator {
 public:
  // `bases`, `individuals` and `annotator` must outlive the generator; `annotator` may be null.
  SiteGenerator(const PopulationOptions& options, const ContigPlan& contig, const std::string& bases,
                const std::vector<Individual>& individuals, SiteAnnotator* annotator, uint64_t seed);

  // Sites of the window [start, end), sorted and non-overlapping: the special sites whose
  // position falls in the window, shared population sites and every individual's private
  // variants. Windows must be generated in increasing order.
  void Generate(int64_t window_index, int64_t start, int64_t end, const std::vector<SpecialSite>& specials,
                std::vector<Site>& out);
  // Genotypes of every individual at every site: out[site * individuals + i].
  void Genotypes(int64_t window_index, const std::vector<Site>& sites,
                 const std::vector<SpecialSite>& specials, std::vector<Genotype>& out) const;
  // Reference-panel counts for a site (Binomial draws from the population frequencies).
  void Panel(const Site& site, Rng& rng, PanelCounts& out) const;
  int32_t panel_individuals(int population) const { return panel_sizes_[population]; }

  // Expected share of sites an individual carries, used to calibrate site density.
  static double ExpectedCarrierShare(double min_frequency, double fst);

 private:
  struct Repeat {
    int unit = 0;       // 0: not in a tandem repeat
    int64_t start = 0;  // tract [start, end)
    int64_t end = 0;
  };
  Repeat RepeatAt(int64_t pos) const;
  bool MakeAlleles(int64_t pos, bool cpg_transition, bool allow_multi, Rng& rng, Site& site) const;
  bool MakeIndel(int64_t pos, const Repeat& repeat, int units, Rng& rng, std::string& ref, std::string& alt,
                 int64_t& site_pos) const;
  void AssignFrequencies(Site& site, Rng& rng) const;

  const PopulationOptions& options_;
  const ContigPlan& contig_;
  const std::string& bases_;
  const std::vector<Individual>& individuals_;
  SiteAnnotator* annotator_;
  uint64_t seed_;
  int n_populations_;
  std::array<double, kMaxPopulations> fst_{};
  std::array<int32_t, kMaxPopulations> panel_sizes_{};
  double shared_rate_ = 0;   // uniform site candidates per base
  double cpg_rate_ = 0;      // CpG transition candidates per CpG base
  double private_rate_ = 0;  // private variants per base per individual
  double indel_rate_ = 0;    // P(indel) outside tandem repeats
  int64_t last_end_ = 0;     // end of the last site kept (across windows)
  std::vector<int64_t> cpg_positions_;
};

}  // namespace zenome::simulate
