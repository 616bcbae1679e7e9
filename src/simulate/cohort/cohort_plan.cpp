#include "simulate/cohort/cohort_plan.h"

#include <algorithm>
#include <map>

#include "simulate/common/common.h"

namespace zenome::simulate {

std::vector<CohortPatient> PlanCohortPatients(const CohortOptions& options,
                                              const std::vector<Disease>& diseases,
                                              const std::vector<Individual>& individuals, int samples,
                                              uint64_t seed) {
  std::vector<CohortPatient> patients;
  if (diseases.empty()) return patients;
  for (int i = 0; i < samples; ++i) {
    const Individual& person = individuals[static_cast<size_t>(i)];
    Rng rng(seed, {Label("cohort-patient"), person.key});
    if (!rng.Chance(options.patient_fraction)) continue;
    std::vector<int> compatible;
    for (size_t d = 0; d < diseases.size(); ++d) {
      if (diseases[d].inheritance != Inheritance::kXLinked || person.male)
        compatible.push_back(static_cast<int>(d));
    }
    if (compatible.empty()) continue;
    CohortPatient patient;
    patient.individual = i;
    patient.disease = compatible[rng.Below(compatible.size())];
    switch (diseases[static_cast<size_t>(patient.disease)].inheritance) {
      case Inheritance::kDominant: patient.zygosity = CaseZygosity::kHeterozygous; break;
      case Inheritance::kRecessive:
        patient.zygosity = rng.Chance(0.35) ? CaseZygosity::kHomozygous : CaseZygosity::kCompoundHeterozygous;
        break;
      case Inheritance::kXLinked: patient.zygosity = CaseZygosity::kHemizygous; break;
    }
    patients.push_back(patient);
  }
  return patients;
}

void PlantCohortVariants(const std::vector<CohortPatient>& patients, const std::vector<Disease>& diseases,
                         int contig, uint64_t seed, std::vector<DiseaseVariant>& variants) {
  for (const CohortPatient& patient : patients) {
    if (diseases[static_cast<size_t>(patient.disease)].contig != contig) continue;
    std::vector<size_t> known;
    for (size_t v = 0; v < variants.size(); ++v) {
      const DiseaseVariant& variant = variants[v];
      if (variant.disease == patient.disease && variant.pathogenic && variant.in_clinvar) known.push_back(v);
    }
    if (known.empty()) continue;
    Rng rng(seed, {Label("cohort-variants"), static_cast<uint64_t>(patient.individual)});
    const size_t first = known[rng.Below(known.size())];
    if (patient.zygosity == CaseZygosity::kCompoundHeterozygous && known.size() >= 2) {
      size_t second = first;
      while (second == first) second = known[rng.Below(known.size())];
      variants[first].forced.push_back({patient.individual, 1});
      variants[second].forced.push_back({patient.individual, 1});
      continue;
    }
    // Homozygous (also a compound heterozygote with one known allele), or one copy.
    const bool two_copies = patient.zygosity == CaseZygosity::kHomozygous ||
                            patient.zygosity == CaseZygosity::kCompoundHeterozygous;
    variants[first].forced.push_back({patient.individual, two_copies ? 2 : 1});
  }
}

std::vector<std::vector<DiseaseGenotype>> SummariseCarriers(const std::vector<CarrierCall>& calls,
                                                            const std::vector<Disease>& diseases,
                                                            const std::vector<Individual>& individuals,
                                                            int samples) {
  std::vector<std::map<int, DiseaseGenotype>> by_person(static_cast<size_t>(samples));
  for (const CarrierCall& call : calls) {
    if (call.individual < 0 || call.individual >= samples) continue;
    DiseaseGenotype& genotype = by_person[static_cast<size_t>(call.individual)][call.disease];
    genotype.disease = call.disease;
    genotype.alleles += call.copies;
    if (call.loss_of_function) genotype.lof_copies += call.copies;
  }
  std::vector<std::vector<DiseaseGenotype>> out(static_cast<size_t>(samples));
  for (int i = 0; i < samples; ++i) {
    const bool male = individuals[static_cast<size_t>(i)].male;
    for (auto& [disease, genotype] : by_person[static_cast<size_t>(i)]) {
      switch (diseases[static_cast<size_t>(disease)].inheritance) {
        case Inheritance::kDominant: genotype.qualifies = genotype.alleles >= 1; break;
        case Inheritance::kRecessive: genotype.qualifies = genotype.alleles >= 2; break;
        case Inheritance::kXLinked:
          genotype.qualifies = male ? genotype.alleles >= 1 : genotype.alleles >= 2;
          break;
      }
      out[static_cast<size_t>(i)].push_back(genotype);
    }
  }
  return out;
}

}  // namespace zenome::simulate
