#pragma once
// Writes OUTDIR/cohort/: clinical.csv, omics.tsv, pro.csv, pathology.csv, imaging.csv,
// wearable.csv and hp.obo (cohort_clinical.h, cohort_layers.h, cohort_ontology.h), every file
// through a temporary name and a rename.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "simulate/cohort/cohort_plan.h"
#include "simulate/genome/genome.h"

namespace zenome::simulate {

struct CohortSummary {
  int participants = 0;
  int rare_disease_diagnoses = 0;  // participants diagnosed with a catalogue disease
  int omics_features = 0;
  std::vector<std::string> files;  // relative to the output directory ("cohort/clinical.csv", ...)
};

struct CohortInputs {
  const CohortOptions* options = nullptr;
  const GenomePlan* genome = nullptr;
  const GeneLayout* layout = nullptr;
  const std::vector<Disease>* diseases = nullptr;
  const std::vector<Individual>* individuals = nullptr;
  int samples = 0;  // individuals [0, samples) are the participants
  const std::vector<std::string>* populations = nullptr;
  const std::vector<CarrierCall>* carriers = nullptr;
  uint64_t seed = 0;
};

Result<CohortSummary> WriteCohort(const CohortInputs& inputs, const std::string& output_dir);

}  // namespace zenome::simulate
