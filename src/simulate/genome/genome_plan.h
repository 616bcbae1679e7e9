#pragma once
// The simulated genome's contigs: chr1..chrK, chrX, chrY, chrM with lengths proportional to
// GRCh38's, N gaps (telomeres, centromeres, chrY heterochromatin and PARs as in GRCh38 analysis
// sets) and the pseudo-autosomal regions of chrX. Cheap to compute, so every stage can consult it.

#include <cstdint>
#include <string>
#include <vector>

#include "core/interval.h"
#include "core/status.h"

namespace zenome::simulate {

enum class ContigKind { kAutosome, kX, kY, kMito };

struct ContigPlan {
  int index = 0;  // position in the FASTA and in every VCF header
  std::string name;
  int64_t length = 0;
  ContigKind kind = ContigKind::kAutosome;
  std::vector<Interval0> gaps;  // N runs, sorted and disjoint
  std::vector<Interval0> pars;  // pseudo-autosomal regions (chrX only): diploid in males
  int64_t gap_bases() const;
  // Stretches between gaps, sorted.
  std::vector<Interval0> Usable() const;
  bool InPar(int64_t pos0) const;
};

struct GenomePlanOptions {
  int64_t genome_size = 2'000'000;  // chr1..chrK + X + Y; chrM comes on top
  int autosomes = 0;                // K; 0 picks 22 for genomes of 500 Mb or more, 5 below
};

struct GenomePlan {
  std::vector<ContigPlan> contigs;
  int64_t total_length = 0;  // including chrM
};

inline constexpr int64_t kMitoLength = 16569;

// Usage error when the genome is too small for the requested contigs.
Result<GenomePlan> PlanGenome(const GenomePlanOptions& options);

// Ploidy of a contig position for one sex: 2, 1 or 0 (female chrY).
int Ploidy(const ContigPlan& contig, int64_t pos0, bool male);

}  // namespace zenome::simulate
