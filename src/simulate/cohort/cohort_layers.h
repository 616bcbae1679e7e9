#pragma once
// The cohort's other clinical layers, in the formats of src/store/README.md ("Clinical layers"),
// each drawn from the participants of clinical.csv so the layers agree with each other:
//   omics.tsv       gene × participant TPM-like values (log-normal per gene), for ~90 % of the
//                   participants; loss-of-function carriers of a disease gene's ClinVar P/LP
//                   alleles express it less (half per allele, almost none without a working copy)
//   pro.csv         EQ-5D-5L and PHQ-9 items at 2-4 visits; depression raises PHQ-9 scores
//   pathology.csv   specimens of participants with cancer (ICD-O-3 morphology, grade, stage) and
//                   a few benign colon polyps
//   imaging.csv     studies that follow diagnoses and features (mammography, staging CT, brain MR,
//                   echocardiography, ...) plus routine chest radiographs; findings coded with
//                   ICD-10 or HPO
//   wearable.csv    hourly heart rate and steps and nightly sleep minutes for some participants
// Specimen and study ids are serial numbers that never contain a participant id.

#include <cstdint>
#include <string>
#include <vector>

#include "simulate/cohort/cohort_clinical.h"
#include "simulate/cohort/cohort_plan.h"
#include "simulate/genome/genome.h"

namespace zenome::simulate {

struct CohortLayerInputs {
  const CohortOptions* options = nullptr;
  const GenomePlan* genome = nullptr;
  const GeneLayout* layout = nullptr;
  const std::vector<Disease>* diseases = nullptr;
  const std::vector<CohortParticipant>* participants = nullptr;
  const std::vector<std::vector<DiseaseGenotype>>* genotypes = nullptr;  // per participant
  uint64_t seed = 0;
};

// Genes of omics.tsv: every disease gene, then evenly spaced other protein-coding genes, up to
// options.omics_features, in genome order.
std::vector<const SimGene*> OmicsFeatures(const CohortLayerInputs& inputs);

std::string OmicsTsv(const CohortLayerInputs& inputs);
std::string ProCsv(const CohortLayerInputs& inputs);
std::string PathologyCsv(const CohortLayerInputs& inputs);
std::string ImagingCsv(const CohortLayerInputs& inputs);
std::string WearableCsv(const CohortLayerInputs& inputs);

}  // namespace zenome::simulate
