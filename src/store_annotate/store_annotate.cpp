#include "store_annotate/store_annotate.h"

#include <filesystem>
#include <map>
#include <vector>

#include "annotate/pick.h"
#include "annotate/transcript_effect.h"
#include "core/contig_names.h"
#include "core/diagnostics.h"
#include "core/fault_point.h"
#include "core/reference.h"
#include "kb/gene_model.h"
#include "store/segment/publish.h"
#include "store/variants/annotations.h"
#include "store/variants/variant_store.h"

namespace zenome {

namespace {

Result<int64_t> LastSegmentId(Catalog& catalog) {
  ZENOME_ASSIGN_OR_RETURN(auto statement,
                          catalog.Prepare("SELECT COALESCE(MAX(segment_id), 0) FROM segments"));
  ZENOME_ASSIGN_OR_RETURN(bool has_row, statement.Step());
  return has_row ? statement.ColumnInt(0) : 0;
}

// The per-gene summary of one allele: the most severe consequence over the gene's transcripts,
// and the transcript VEP's --pick order would choose within the gene.
void SummariseByGene(const VariantKey& key, const std::vector<TranscriptEffect>& effects,
                     std::vector<VariantGeneEffect>& out) {
  std::map<std::string, std::vector<TranscriptEffect>> by_gene;
  for (const auto& effect : effects) {
    if (effect.transcript != nullptr) by_gene[effect.transcript->gene_id].push_back(effect);
  }
  for (auto& [gene_id, gene_effects] : by_gene) {
    ConsequenceSet all;
    for (const auto& effect : gene_effects) {
      for (int c = 0; c < static_cast<int>(Consequence::kCount); ++c) {
        if (effect.consequences.Has(static_cast<Consequence>(c))) all.Add(static_cast<Consequence>(c));
      }
    }
    const TranscriptEffect& picked = gene_effects[PickEffect(gene_effects)];
    VariantGeneEffect summary;
    summary.key = key;
    summary.gene_id = gene_id;
    summary.consequence = std::string(SoTerm(all.MostSevere()));
    summary.impact = std::string(ImpactName(all.HighestImpact()));
    summary.consequences = picked.consequences.Join();
    summary.transcript = picked.transcript->versioned_id();
    summary.hgvsc = picked.hgvsc;
    summary.hgvsp = picked.hgvsp;
    out.push_back(std::move(summary));
  }
}

}  // namespace

Result<StoreAnnotateStats> AnnotateStore(StoreHandle& store, const StoreAnnotateOptions& options,
                                         Diagnostics& diagnostics) {
  if (store.catalog == nullptr || store.lock == nullptr) {
    return Status::Internal(store.dir + ": AnnotateStore needs the store opened for writing");
  }
  std::string reference_path = options.reference.empty() ? store.reference_fasta : options.reference;
  if (reference_path.empty()) {
    return Status::Usage(store.dir + " records no reference FASTA: give one with -f");
  }
  ZENOME_ASSIGN_OR_RETURN(auto genome, ReferenceGenome::Open(reference_path));
  ZENOME_ASSIGN_OR_RETURN(auto reference, ReferenceReader::Open(genome));
  ZENOME_ASSIGN_OR_RETURN(GeneModel genes, LoadGeneModel(options.gene_model, {}, &diagnostics));
  ZENOME_ASSIGN_OR_RETURN(auto variants, VariantStore::Open(store));

  // Genes are stored under the store's contig spelling, so gene and variant queries line up.
  ContigNameMap store_contigs(variants->contigs());
  for (const auto& contig : genome->contigs()) {
    if (!store_contigs.Contains(contig.name)) store_contigs.Add(contig.name);
  }
  ZENOME_ASSIGN_OR_RETURN(auto transaction, store.catalog->Begin());
  ZENOME_ASSIGN_OR_RETURN(auto writer, VariantAnnotationWriter::Replace(*store.catalog));
  FaultPoint("annotate.cleared");
  StoreAnnotateStats stats;
  for (const auto& gene : genes.genes()) {
    const std::string& model_contig = genes.contigs()[gene.contig];
    GeneRecord record{
        gene.id,         gene.name,     store_contigs.NativeName(model_contig).value_or(model_contig),
        gene.span.start, gene.span.end, gene.biotype};
    ZENOME_RETURN_IF_ERROR(writer.AddGene(record));
    ++stats.genes;
  }
  FaultPoint("annotate.genes-written");
  TranscriptEffectPredictor predictor(genes, *reference, TranscriptEffectOptions{});
  std::vector<TranscriptEffect> effects;
  std::vector<VariantGeneEffect> summaries;
  ZENOME_RETURN_IF_ERROR(variants->ForEachSite(
      [&](const SiteSummary& site) -> Status {
        ++stats.sites;
        effects.clear();
        AlleleChange change{site.key.contig, site.key.pos0, site.key.ref, site.key.alt};
        Status predicted = predictor.Predict(change, effects);
        if (!predicted.ok()) {
          ++stats.failed;
          diagnostics.Warn("not annotated", site.key.ToString() + ": " + predicted.message());
          return Status::Ok();
        }
        summaries.clear();
        SummariseByGene(site.key, effects, summaries);
        for (const auto& summary : summaries) {
          ZENOME_RETURN_IF_ERROR(writer.AddEffect(summary));
          ++stats.effects;
        }
        return Status::Ok();
      },
      nullptr));
  AnnotationProvenance provenance;
  provenance.gene_model = std::filesystem::path(options.gene_model).filename().string() +
                          (genes.source().version.empty() ? "" : " (" + genes.source().version + ")");
  provenance.annotated = UtcTimestamp();
  ZENOME_ASSIGN_OR_RETURN(provenance.last_segment_id, LastSegmentId(*store.catalog));
  FaultPoint("annotate.effects-written");
  ZENOME_RETURN_IF_ERROR(writer.Finish(provenance));
  ZENOME_RETURN_IF_ERROR(transaction->Commit());
  stats.last_segment_id = provenance.last_segment_id;
  return stats;
}

}  // namespace zenome
