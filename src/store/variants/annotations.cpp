#include "store/variants/annotations.h"

#include <utility>

namespace zenome {

namespace {

constexpr const char* kAnnotationSchema = R"sql(
CREATE TABLE IF NOT EXISTS genes (
  gene_id TEXT PRIMARY KEY,
  symbol TEXT NOT NULL,
  contig TEXT NOT NULL,
  start0 INTEGER NOT NULL,
  end0 INTEGER NOT NULL,
  biotype TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS genes_symbol ON genes(symbol COLLATE NOCASE);
-- Keyed by gene first: a gene's variants are one primary-key range (gene queries, burden).
CREATE TABLE IF NOT EXISTS variant_effects (
  gene_id TEXT NOT NULL,
  contig TEXT NOT NULL,
  pos0 INTEGER NOT NULL,
  ref TEXT NOT NULL,
  alt TEXT NOT NULL,
  consequence TEXT NOT NULL,
  impact TEXT NOT NULL,
  consequences TEXT NOT NULL,
  transcript TEXT NOT NULL,
  hgvsc TEXT NOT NULL,
  hgvsp TEXT NOT NULL,
  PRIMARY KEY (gene_id, contig, pos0, ref, alt)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS variant_effects_position ON variant_effects(contig, pos0);
)sql";

constexpr const char* kEffectColumns =
    "gene_id, contig, pos0, ref, alt, consequence, impact, consequences, transcript, hgvsc, hgvsp";

VariantGeneEffect ReadEffect(const Statement& row) {
  VariantGeneEffect effect;
  effect.gene_id = row.ColumnText(0);
  effect.key.contig = row.ColumnText(1);
  effect.key.pos0 = row.ColumnInt(2);
  effect.key.ref = row.ColumnText(3);
  effect.key.alt = row.ColumnText(4);
  effect.consequence = row.ColumnText(5);
  effect.impact = row.ColumnText(6);
  effect.consequences = row.ColumnText(7);
  effect.transcript = row.ColumnText(8);
  effect.hgvsc = row.ColumnText(9);
  effect.hgvsp = row.ColumnText(10);
  return effect;
}

Result<std::vector<VariantGeneEffect>> ReadEffects(Statement& statement) {
  std::vector<VariantGeneEffect> effects;
  while (true) {
    ZENOME_ASSIGN_OR_RETURN(bool has_row, statement.Step());
    if (!has_row) break;
    effects.push_back(ReadEffect(statement));
  }
  return effects;
}

}  // namespace

Status CreateVariantAnnotationSchema(Catalog& catalog) {
  return catalog.Exec(kAnnotationSchema);
}

Result<VariantAnnotationWriter> VariantAnnotationWriter::Replace(Catalog& catalog) {
  ZENOME_RETURN_IF_ERROR(CreateVariantAnnotationSchema(catalog));
  ZENOME_RETURN_IF_ERROR(catalog.Exec("DELETE FROM variant_effects; DELETE FROM genes;"));
  ZENOME_ASSIGN_OR_RETURN(auto gene, catalog.Prepare("INSERT OR REPLACE INTO genes "
                                                     "(gene_id, symbol, contig, start0, end0, biotype) "
                                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  ZENOME_ASSIGN_OR_RETURN(
      auto effect, catalog.Prepare(std::string("INSERT OR REPLACE INTO variant_effects (") + kEffectColumns +
                                   ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"));
  return VariantAnnotationWriter(catalog, std::move(gene), std::move(effect));
}

Status VariantAnnotationWriter::AddGene(const GeneRecord& gene) {
  insert_gene_.Reset();
  insert_gene_.Bind(1, gene.gene_id)
      .Bind(2, gene.symbol)
      .Bind(3, gene.contig)
      .Bind(4, gene.start0)
      .Bind(5, gene.end0)
      .Bind(6, gene.biotype);
  return insert_gene_.Run();
}

Status VariantAnnotationWriter::AddEffect(const VariantGeneEffect& effect) {
  insert_effect_.Reset();
  insert_effect_.Bind(1, effect.gene_id)
      .Bind(2, effect.key.contig)
      .Bind(3, effect.key.pos0)
      .Bind(4, effect.key.ref)
      .Bind(5, effect.key.alt)
      .Bind(6, effect.consequence)
      .Bind(7, effect.impact)
      .Bind(8, effect.consequences)
      .Bind(9, effect.transcript)
      .Bind(10, effect.hgvsc)
      .Bind(11, effect.hgvsp);
  return insert_effect_.Run();
}

Status VariantAnnotationWriter::Finish(const AnnotationProvenance& provenance) {
  ZENOME_RETURN_IF_ERROR(catalog_->SetMeta("annotation_gene_model", provenance.gene_model));
  ZENOME_RETURN_IF_ERROR(catalog_->SetMeta("annotation_time", provenance.annotated));
  return catalog_->SetMeta("annotation_last_segment", std::to_string(provenance.last_segment_id));
}

Result<std::optional<AnnotationProvenance>> GetAnnotationProvenance(Catalog& catalog) {
  ZENOME_ASSIGN_OR_RETURN(auto gene_model, catalog.GetMeta("annotation_gene_model"));
  if (!gene_model) return std::optional<AnnotationProvenance>();
  AnnotationProvenance provenance;
  provenance.gene_model = *gene_model;
  ZENOME_ASSIGN_OR_RETURN(auto annotated, catalog.GetMeta("annotation_time"));
  ZENOME_ASSIGN_OR_RETURN(auto last_segment, catalog.GetMeta("annotation_last_segment"));
  provenance.annotated = annotated.value_or("");
  provenance.last_segment_id = last_segment ? std::stoll(*last_segment) : 0;
  return std::optional<AnnotationProvenance>(std::move(provenance));
}

Result<GeneRecord> FindGene(Catalog& catalog, std::string_view symbol_or_id) {
  ZENOME_ASSIGN_OR_RETURN(auto provenance, GetAnnotationProvenance(catalog));
  if (!provenance) {
    return Status::NotFound(
        "the store has no gene annotations yet: run zenome db annotate DIR -g GENES.gff3");
  }
  ZENOME_ASSIGN_OR_RETURN(auto statement,
                          catalog.Prepare("SELECT gene_id, symbol, contig, start0, end0, biotype FROM genes "
                                          "WHERE gene_id = ?1 OR symbol = ?1 COLLATE NOCASE "
                                          "ORDER BY gene_id = ?1 DESC, gene_id LIMIT 1"));
  statement.Bind(1, symbol_or_id);
  ZENOME_ASSIGN_OR_RETURN(bool found, statement.Step());
  if (!found) {
    return Status::NotFound("gene " + std::string(symbol_or_id) +
                            " is not in the store's gene annotations (" + provenance->gene_model + ")");
  }
  GeneRecord gene;
  gene.gene_id = statement.ColumnText(0);
  gene.symbol = statement.ColumnText(1);
  gene.contig = statement.ColumnText(2);
  gene.start0 = statement.ColumnInt(3);
  gene.end0 = statement.ColumnInt(4);
  gene.biotype = statement.ColumnText(5);
  return gene;
}

Result<std::vector<VariantGeneEffect>> EffectsOnGene(Catalog& catalog, std::string_view gene_id) {
  ZENOME_ASSIGN_OR_RETURN(
      auto statement,
      catalog.Prepare(std::string("SELECT ") + kEffectColumns +
                      " FROM variant_effects WHERE gene_id = ?1 ORDER BY contig, pos0, ref, alt"));
  statement.Bind(1, gene_id);
  return ReadEffects(statement);
}

Result<std::vector<VariantGeneEffect>> EffectsInRegion(Catalog& catalog, std::string_view contig,
                                                       int64_t start0, int64_t end0) {
  ZENOME_ASSIGN_OR_RETURN(auto provenance, GetAnnotationProvenance(catalog));
  if (!provenance) return std::vector<VariantGeneEffect>();
  ZENOME_ASSIGN_OR_RETURN(
      auto statement, catalog.Prepare(std::string("SELECT ") + kEffectColumns +
                                      " FROM variant_effects WHERE contig = ?1 AND pos0 >= ?2 AND pos0 < ?3 "
                                      "ORDER BY pos0, ref, alt, gene_id"));
  statement.Bind(1, contig).Bind(2, start0).Bind(3, end0);
  return ReadEffects(statement);
}

}  // namespace zenome
