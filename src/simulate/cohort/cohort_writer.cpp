#include "simulate/cohort/cohort_writer.h"

#include <filesystem>

#include "simulate/cohort/cohort_layers.h"
#include "simulate/cohort/cohort_ontology.h"
#include "simulate/common/common.h"

namespace zenome::simulate {

Result<CohortSummary> WriteCohort(const CohortInputs& inputs, const std::string& output_dir) {
  const auto directory = std::filesystem::path(output_dir) / "cohort";
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error) return Status::Io(directory.string() + ": cannot create directory: " + error.message());

  const std::vector<std::vector<DiseaseGenotype>> genotypes =
      SummariseCarriers(*inputs.carriers, *inputs.diseases, *inputs.individuals, inputs.samples);
  const std::vector<CohortParticipant> participants = DrawParticipants(
      *inputs.individuals, inputs.samples, *inputs.populations, *inputs.diseases, genotypes, inputs.seed);
  CohortLayerInputs layers;
  layers.options = inputs.options;
  layers.genome = inputs.genome;
  layers.layout = inputs.layout;
  layers.diseases = inputs.diseases;
  layers.participants = &participants;
  layers.genotypes = &genotypes;
  layers.seed = inputs.seed;

  CohortSummary summary;
  summary.participants = static_cast<int>(participants.size());
  for (const CohortParticipant& p : participants) summary.rare_disease_diagnoses += !p.rare_diseases.empty();
  summary.omics_features = static_cast<int>(OmicsFeatures(layers).size());
  const std::pair<const char*, std::string> files[] = {
      {"clinical.csv", ClinicalCsv(participants)},
      {"omics.tsv", OmicsTsv(layers)},
      {"pro.csv", ProCsv(layers)},
      {"pathology.csv", PathologyCsv(layers)},
      {"imaging.csv", ImagingCsv(layers)},
      {"wearable.csv", WearableCsv(layers)},
      {"hp.obo", HpoOboText()},
  };
  for (const auto& [name, content] : files) {
    ZENOME_RETURN_IF_ERROR(WriteFileAtomically((directory / name).string(), content));
    summary.files.push_back(std::string("cohort/") + name);
  }
  return summary;
}

}  // namespace zenome::simulate
