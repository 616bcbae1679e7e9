#pragma once
// Rare-disease cases: a proband whose background genome is drawn like any population sample, plus
// a causal genotype in a disease gene consistent with the inheritance (heterozygous for AD,
// homozygous or compound heterozygous for AR, hemizygous in a male for XL), usually a ClinVar
// pathogenic variant and sometimes a novel damaging one. The phenotype is a GA4GH Phenopacket v2
// with most of the disease's HPO terms plus a little noise, naming the disease by its MONDO-shaped
// id (diseases.tsv maps it to the ZD id); cases/truth.tsv records the answer.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "simulate/clinical/clinvar_generator.h"

namespace zenome::simulate {

struct CaseOptions {
  int count = 2;
  double novel_fraction = 0.2;  // causal variant absent from ClinVar
};

enum class CaseZygosity { kHeterozygous, kHomozygous, kCompoundHeterozygous, kHemizygous };

struct CasePlan {
  std::string id;  // CASE001, also the proband's sample name
  int disease = 0;
  int population = 0;
  bool male = false;
  int individual = -1;  // index into the run's individuals
  CaseZygosity zygosity = CaseZygosity::kHeterozygous;
  bool novel = false;
  int age_months = 0;
  std::vector<int> observed_hpo;  // indices into HpoTerms()
  std::vector<int> excluded_hpo;
};

std::vector<CasePlan> PlanCases(const CaseOptions& options, const std::vector<Disease>& diseases,
                                int populations, uint64_t seed);

// One planted causal allele: a row of truth.tsv.
struct CaseTruth {
  int case_index = 0;
  std::string chrom;
  int64_t pos0 = 0;
  std::string ref;
  std::string alt;
  std::string genotype;  // "0/1", "1/1" or "1"
  SiteEffect effect = SiteEffect::kIntergenic;
};

// Chooses the causal variants of the cases whose disease gene lies on `contig`: a pathogenic
// entry of `variants` (the contig's ClinVar variants) or a new damaging variant appended to
// `variants` with in_clinvar false. Forces the probands' genotypes on them and returns the rows.
std::vector<CaseTruth> PlantCaseVariants(const std::vector<CasePlan>& cases,
                                         const std::vector<Disease>& diseases, const ContigPlan& contig,
                                         const std::string& bases, const std::vector<SimGene>& genes,
                                         SiteAnnotator& annotator, uint64_t seed,
                                         std::vector<Interval0>& occupied,
                                         std::vector<DiseaseVariant>& variants);

std::string PhenopacketJson(const CasePlan& plan, const Disease& disease);
std::string TruthTsv(const std::vector<CasePlan>& cases, const std::vector<Disease>& diseases,
                     const std::vector<CaseTruth>& rows);

}  // namespace zenome::simulate
