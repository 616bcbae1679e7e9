#pragma once
// Background sequence of one contig: GC isochores, CpG depletion (a first-order Markov chain),
// interspersed repeats (mutated copies of a few hundred-bp to kb consensus elements, Alu/L1/MIR/
// LTR/DNA-like), microsatellites (1-6 bp units), homopolymer runs, low-complexity stretches and the
// plan's N gaps. Genes are written over it afterwards (gene_generator.h). Deterministic from the
// seed and the contig's index alone, so contigs can be made in parallel.

#include <cstdint>
#include <string>
#include <vector>

#include "simulate/genome/genome_plan.h"

namespace zenome::simulate {

struct ReferenceOptions {
  double mean_gc = 0.41;
  double interspersed_repeats_per_kb = 0.9;  // element insertions (fragments of a family)
  double microsatellites_per_kb = 0.35;
  double homopolymers_per_kb = 0.6;  // runs of 8-25 identical bases
  double low_complexity_per_kb = 0.04;
  double cpg_depletion = 0.22;  // P(G | C) relative to P(G)
};

// A family of interspersed repeats shared by all contigs (seeded by the run's seed only).
struct RepeatFamily {
  std::string name;  // "AluSim", "L1Sim", ...
  std::string consensus;
  double weight = 1;  // relative insertion frequency
  double min_divergence = 0.02;
  double max_divergence = 0.2;
  bool poly_a_tail = false;           // retrotransposons end in an A-rich tail
  bool five_prime_truncated = false;  // L1-like: copies are mostly 3' fragments
};

std::vector<RepeatFamily> MakeRepeatLibrary(uint64_t seed);

// The contig's bases (upper case ACGTN), genes not yet written.
std::string GenerateContigBackground(const ContigPlan& contig, const std::vector<RepeatFamily>& repeats,
                                     const ReferenceOptions& options, uint64_t seed);

}  // namespace zenome::simulate
