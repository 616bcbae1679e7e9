#pragma once
// zenome simulate: a deterministic synthetic genome with gene models, a population, ClinVar-style
// knowledge, rare-disease cases and tumour/normal pairs, at any size (see README.md for the data
// model and the output layout). Same seed and options give byte-identical files whatever the
// number of threads. Each generator has its own options struct; this header gathers them.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "simulate/clinical/clinical.h"
#include "simulate/cohort/cohort.h"
#include "simulate/genome/genome.h"
#include "simulate/population/population.h"

namespace zenome::simulate {

inline constexpr std::string_view kBuildName = "zenome-sim";

struct SimulateOptions {
  std::string output_dir;
  uint64_t seed = 1;
  int threads = 0;  // contig-level workers; 0 or 1: one
  GenomePlanOptions genome;
  ReferenceOptions reference;
  GeneOptions genes;
  PopulationOptions population;
  ClinvarOptions clinvar;
  CaseOptions cases;
  TumourOptions tumours;
  CohortOptions cohort;
  GvcfOptions gvcf;
  // Optional progress messages (one per finished contig); never called concurrently.
  std::function<void(const std::string&)> progress;
};

struct SimulationSummary {
  std::string output_dir;
  uint64_t seed = 0;
  int64_t genome_size = 0;  // bases including chrM
  int contigs = 0;
  int64_t genes = 0;
  int64_t protein_coding_genes = 0;
  int64_t transcripts = 0;
  int samples = 0;
  int populations = 0;
  int64_t population_sites = 0;        // records of population_sites.vcf.gz
  int64_t population_vcf_records = 0;  // records of population.vcf.gz
  int64_t sample_variants = 0;         // summed over the sample VCFs (or the population VCF calls)
  int64_t clinvar_records = 0;
  int64_t diseases = 0;
  int cases = 0;
  int tumours = 0;
  int64_t somatic_mutations = 0;
  int cohort_participants = 0;     // rows of cohort/clinical.csv (0 with --no-cohort)
  int cohort_patients = 0;         // listed samples planted with a catalogue disease's genotype
  int cohort_rare_diagnoses = 0;   // participants diagnosed with a catalogue disease
  std::vector<std::string> files;  // relative to output_dir
  double seconds = 0;
};

// "2m" → 2000000, "3.1g" → 3100000000, "500k", "250000" (decimal units; a trailing "b" is allowed).
Result<int64_t> ParseSize(std::string_view text);

// Usage errors for options that make no sense (naming the option).
Status ValidateOptions(const SimulateOptions& options);

Result<SimulationSummary> Simulate(const SimulateOptions& options);

// One paragraph for stderr.
std::string FormatSummary(const SimulationSummary& summary);

}  // namespace zenome::simulate
