#pragma once
// The synthetic disease catalogue (diseases.tsv) and the ClinVar-style VCF. About one disease per
// 20 protein-coding genes, each with AD/AR/XL inheritance (XL only for chrX genes outside the
// PARs) and 3-8 HPO terms from one organ system. Pathogenic and likely pathogenic entries really
// damage their disease gene (stop-gained, frameshift, canonical splice site, missense), checked
// against the written sequence; benign, likely benign, uncertain and conflicting entries sit on
// population sites in coding genes, classified by their panel frequency. Review statuses cover
// every star level. Contigs are named as ClinVar names them (1..22, X, Y, MT).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "simulate/clinical/hpo_terms.h"
#include "simulate/common/common.h"
#include "simulate/genome/genome.h"

namespace zenome::simulate {

enum class Inheritance { kDominant, kRecessive, kXLinked };
std::string_view InheritanceCode(Inheritance inheritance);  // "AD", "AR", "XL"

struct Disease {
  std::string id;        // "ZD:000001"
  std::string mondo_id;  // "MONDO:0900001": MONDO-shaped (synthetic, like every id here) for clinical data
  std::string name;      // "ZG00012-related autosomal dominant cardiomyopathy"
  int contig = 0;
  size_t gene = 0;  // index into GeneLayout::by_contig[contig]
  std::string gene_id;
  int gene_number = 0;
  Inheritance inheritance = Inheritance::kDominant;
  PhenotypeSystem system = PhenotypeSystem::kNeurological;
  std::vector<int> hpo;  // indices into HpoTerms()
};

struct ClinvarOptions {
  double genes_per_disease = 20;
  int min_diseases = 5;    // when enough protein-coding genes exist
  int min_pathogenic = 4;  // P/LP entries per disease gene
  int max_pathogenic = 12;
};

std::vector<Disease> PlanDiseases(const GenomePlan& genome, const GeneLayout& layout,
                                  const ClinvarOptions& options, int min_count, uint64_t seed);

// A damaging variant in a disease gene: a ClinVar P/LP (or VUS/conflicting) entry, or a novel one
// made for a case.
struct DiseaseVariant {
  int64_t pos0 = 0;
  std::string ref;
  std::string alt;
  SiteEffect effect = SiteEffect::kIntergenic;
  int disease = -1;
  bool in_clinvar = true;
  bool pathogenic = true;  // P/LP (false: VUS or conflicting entries)
  std::string clnsig;
  std::string revstat;
  double panel_frequency = 0;
  // Genotypes forced on case probands: (individual, ALT copies).
  std::vector<std::pair<int, int>> forced;
  int64_t end() const { return pos0 + static_cast<int64_t>(ref.size()); }
};

// Makes damaging variants of one gene against the contig's written sequence, never overlapping
// (or touching) anything in `occupied`, which it extends.
class DamagingVariantMaker {
 public:
  DamagingVariantMaker(const std::string& bases, const SimGene& gene, SiteAnnotator& annotator);
  // A variant with the given effect (stop-gained, frameshift, splice donor/acceptor, missense).
  std::optional<DiseaseVariant> Make(SiteEffect effect, Rng& rng, std::vector<Interval0>& occupied);
  // A loss-of-function effect the gene can have (splice sites only with introns).
  SiteEffect RandomLossOfFunction(Rng& rng) const;

 private:
  std::optional<DiseaseVariant> Candidate(SiteEffect effect, Rng& rng) const;
  const std::string& bases_;
  const SimGene& gene_;
  SiteAnnotator& annotator_;
  TranscriptMap map_;
  std::string spliced_;
};

// ClinVar entries of the contig's disease genes (sorted by position).
std::vector<DiseaseVariant> MakeDiseaseVariants(const std::string& bases, const std::vector<SimGene>& genes,
                                                const std::vector<Disease>& diseases, int contig,
                                                SiteAnnotator& annotator, const ClinvarOptions& options,
                                                uint64_t seed, std::vector<Interval0>& occupied);

struct ClinvarRecord {
  int64_t pos0 = 0;
  std::string ref;
  std::string alt;
  int64_t variation_id = 0;
  std::string clnsig;
  std::string revstat;
  std::string disease_names;  // CLNDN value (underscored, '|'-separated)
  std::string disease_ids;    // CLNDISDB value; empty when not specified
  std::string variant_type;   // CLNVC
  const SimGene* gene = nullptr;
  SiteEffect effect = SiteEffect::kIntergenic;
};

// ClinVar's CLNVC for an allele: single_nucleotide_variant, Deletion, Insertion, Duplication or
// Indel (a duplication when the inserted bases repeat those just before the insertion point).
std::string ClinvarVariantType(const std::string& bases, int64_t pos0, const std::string& ref,
                               const std::string& alt);

ClinvarRecord RecordFor(const DiseaseVariant& variant, const Disease& disease, const SimGene& gene);
// A classification for a population site in a coding gene, or nothing (most sites are not in
// ClinVar). `af` is the panel allele frequency.
std::optional<ClinvarRecord> ClassifyPopulationSite(int64_t pos0, const std::string& ref,
                                                    const std::string& alt, const SiteAnnotation& annotation,
                                                    double af, const Disease* disease, Rng& rng);

// ClinVar's contig spelling: "chr1" → "1", "chrM" → "MT".
std::string ClinvarContigName(const std::string& name);
std::string ClinvarHeader(const GenomePlan& genome);
void AppendClinvarLine(const ClinvarRecord& record, const std::string& contig, std::string& out);

std::string DiseasesTsv(const std::vector<Disease>& diseases);
std::string ClinvarDiseaseName(const std::string& name);  // spaces as underscores, as ClinVar writes them

}  // namespace zenome::simulate
