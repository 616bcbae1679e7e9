#pragma once
// A small table of real, common Human Phenotype Ontology terms (IDs and labels as in HPO),
// grouped by organ system so a simulated disease gets a coherent set of features.

#include <span>
#include <string_view>

namespace zenome::simulate {

enum class PhenotypeSystem {
  kNeurological,
  kEyeEar,
  kCardiac,
  kSkeletal,
  kCraniofacial,
  kMetabolic,
  kRenal,
  kBloodImmune,
  kMuscle,
  kCancer,
};
inline constexpr int kPhenotypeSystemCount = 10;

struct HpoTerm {
  std::string_view id;     // "HP:0001250"
  std::string_view label;  // "Seizure"
  PhenotypeSystem system;
};

std::span<const HpoTerm> HpoTerms();
// A disease-name fragment for a system: "neurodevelopmental disorder", "cardiomyopathy", ...
std::string_view SystemDiseaseNoun(PhenotypeSystem system);

}  // namespace zenome::simulate
