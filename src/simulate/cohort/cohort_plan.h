#pragma once
// The cohort's genetics: which listed samples are patients of a catalogue disease, planned before
// the genomes are drawn so their genotypes carry the disease's ClinVar pathogenic allele(s) (like a
// case proband: heterozygous for AD, homozygous or compound heterozygous for AR, hemizygous males
// for XL), and the carrier calls the contig workers report back (every listed sample carrying a
// ClinVar P/LP allele, planted or drawn from the population), from which the cohort's diagnoses
// follow. Planting is part of the population model: it happens whether or not cohort/ is written,
// so --no-cohort changes no other file.

#include <cstdint>
#include <vector>

#include "simulate/clinical/clinical.h"
#include "simulate/population/population.h"

namespace zenome::simulate {

struct CohortOptions {
  bool write = true;               // OUTDIR/cohort/ (--no-cohort)
  double patient_fraction = 0.15;  // listed samples planted with a catalogue disease's genotype
  int wearable_days = 2;           // days of wearable series per participant who has one
  double wearable_fraction = 0.3;  // participants with a wearable
  int omics_features = 120;        // genes in omics.tsv (every disease gene, then others)
};

// A listed sample planned as a patient of a catalogue disease.
struct CohortPatient {
  int individual = 0;
  int disease = 0;
  CaseZygosity zygosity = CaseZygosity::kHeterozygous;
};

// Patients among individuals [0, samples): each with probability patient_fraction, a disease
// compatible with the sample's sex (X-linked ones for males only).
std::vector<CohortPatient> PlanCohortPatients(const CohortOptions& options,
                                              const std::vector<Disease>& diseases,
                                              const std::vector<Individual>& individuals, int samples,
                                              uint64_t seed);

// Forces the patients whose disease gene lies on `contig` onto ClinVar P/LP entries of their
// disease in `variants` (the contig's disease variants).
void PlantCohortVariants(const std::vector<CohortPatient>& patients, const std::vector<Disease>& diseases,
                         int contig, uint64_t seed, std::vector<DiseaseVariant>& variants);

// A listed sample carrying a ClinVar P/LP allele of a catalogue disease, as its genotype has it.
struct CarrierCall {
  int individual = 0;
  int disease = 0;
  int contig = 0;
  int64_t pos0 = 0;
  int copies = 1;  // ALT copies (hemizygous: 1)
  bool loss_of_function = false;
};

// Per sample and disease: the carried alleles and whether the genotype explains the disease
// (AD: any allele; AR: two alleles; XL: hemizygous male or two alleles in a female).
struct DiseaseGenotype {
  int disease = 0;
  int alleles = 0;     // ALT copies over distinct P/LP variants
  int lof_copies = 0;  // of those, loss-of-function
  bool qualifies = false;
};
// Grouped by individual (index into the listed samples), diseases ascending.
std::vector<std::vector<DiseaseGenotype>> SummariseCarriers(const std::vector<CarrierCall>& calls,
                                                            const std::vector<Disease>& diseases,
                                                            const std::vector<Individual>& individuals,
                                                            int samples);

}  // namespace zenome::simulate
