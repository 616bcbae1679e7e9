#pragma once
// Everything the simulator makes for one contig, by one worker: the sequence (background, then
// genes) and, through the writers, its FASTA record (written in place) and GFF3/GTF text; the
// ClinVar and case variants placed in its disease genes; then window by window the population
// sites, everyone's genotypes and every VCF's records, written as compressed parts that
// simulate.cpp stitches together in contig order.

#include <cstdint>
#include <string>
#include <vector>

#include "simulate/common/common.h"
#include "simulate/simulate.h"
#include "simulate/writers/writers.h"

namespace zenome::simulate {

enum class VcfOutputKind {
  kPopulation,
  kSites,
  kSample,
  kSampleGvcf,
  kClinvar,
  kCase,
  kTumour,
  kTumourTruth
};

struct VcfOutputSpec {
  VcfOutputKind kind = VcfOutputKind::kSites;
  int index = 0;              // individual (samples, cases) or tumour plan
  std::string relative_path;  // under the output directory
};

// Shared, read-only state of one run (each worker writes only its own contig's genes).
struct RunContext {
  const SimulateOptions* options = nullptr;
  const GenomePlan* genome = nullptr;
  GeneLayout* layout = nullptr;
  const std::vector<RepeatFamily>* repeats = nullptr;
  const std::vector<Disease>* diseases = nullptr;
  const std::vector<CasePlan>* cases = nullptr;
  const std::vector<TumourPlan>* tumours = nullptr;
  const std::vector<Individual>* individuals = nullptr;
  const std::vector<CohortPatient>* cohort_patients = nullptr;
  int samples = 0;  // individuals [0, samples) are the listed samples
  std::vector<VcfOutputSpec> outputs;
  std::string scratch_dir;
  const FastaWriter* fasta = nullptr;  // each worker writes its contig's record in place
};

struct ContigResult {
  int contig = 0;
  std::string gff3;
  std::string gtf;
  std::vector<VcfPart> parts;  // parallel to RunContext::outputs
  std::vector<CaseTruth> truth;
  std::vector<CarrierCall> carriers;  // listed samples carrying ClinVar P/LP alleles
  int64_t sample_variants = 0;
  int64_t somatic = 0;
};

Result<ContigResult> RunContig(const RunContext& context, int contig);

// Header text of one VCF output ("#CHROM" line included).
std::string VcfHeader(const RunContext& context, const VcfOutputSpec& spec);

}  // namespace zenome::simulate
