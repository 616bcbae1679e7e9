#pragma once
// Gene annotations of the stored variants: which gene each site falls in and what it does there
// (most severe SO consequence, VEP IMPACT, HGVS of the picked transcript). `zenome db annotate`
// computes them with src/annotate and stores them here; `db query --gene` and the gene-burden
// criterion of cohort queries read them. The store itself only keeps the results (it may not use
// src/annotate), so any annotator can fill these tables.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/catalog/catalog.h"
#include "store/catalog/store_types.h"

namespace zenome {

// Effects reach this far beyond a gene (VEP's upstream/downstream distance): a gene's variants are
// looked up in its span widened by it.
inline constexpr int64_t kGeneFlank = 5000;

struct GeneRecord {
  std::string gene_id;
  std::string symbol;  // "" when the gene model gives none
  std::string contig;  // the store's spelling
  int64_t start0 = 0;  // 0-based half-open span of the gene
  int64_t end0 = 0;
  std::string biotype;
};

// One variant's effect on one gene (intergenic variants have none).
struct VariantGeneEffect {
  VariantKey key;
  std::string gene_id;
  std::string consequence;   // the most severe SO term over the gene's transcripts
  std::string impact;        // HIGH, MODERATE, LOW, MODIFIER
  std::string consequences;  // every term of the picked transcript, '&'-joined as in CSQ
  std::string transcript;    // the picked transcript (VEP --pick order), versioned
  std::string hgvsc;
  std::string hgvsp;
};

// Where the annotations came from, and which ingest batches they cover.
struct AnnotationProvenance {
  std::string gene_model;  // file name and version of the gene model
  std::string annotated;   // UTC time, ISO 8601
  int64_t last_segment_id = 0;
};

// Creates the tables (idempotent).
Status CreateVariantAnnotationSchema(Catalog& catalog);

// Replaces every stored annotation. Use inside one transaction: Begin, Replace, Add..., Finish,
// Commit — readers see the old annotations or the new ones, never a mixture.
class VariantAnnotationWriter {
 public:
  // Deletes what was stored and prepares the inserts (the caller holds the transaction).
  static Result<VariantAnnotationWriter> Replace(Catalog& catalog);
  Status AddGene(const GeneRecord& gene);
  Status AddEffect(const VariantGeneEffect& effect);
  Status Finish(const AnnotationProvenance& provenance);

 private:
  VariantAnnotationWriter(Catalog& catalog, Statement gene, Statement effect)
      : catalog_(&catalog), insert_gene_(std::move(gene)), insert_effect_(std::move(effect)) {}
  Catalog* catalog_;
  Statement insert_gene_;
  Statement insert_effect_;
};

// nullopt when the store has never been annotated.
Result<std::optional<AnnotationProvenance>> GetAnnotationProvenance(Catalog& catalog);

// A gene by symbol or gene id (symbols compared case-insensitively). NotFound names the gene and
// says whether the store has annotations at all.
Result<GeneRecord> FindGene(Catalog& catalog, std::string_view symbol_or_id);

// Effects on one gene, in position order.
Result<std::vector<VariantGeneEffect>> EffectsOnGene(Catalog& catalog, std::string_view gene_id);

// Effects of the variants starting in [start0, end0) of a contig, in position order.
Result<std::vector<VariantGeneEffect>> EffectsInRegion(Catalog& catalog, std::string_view contig,
                                                       int64_t start0, int64_t end0);

}  // namespace zenome
