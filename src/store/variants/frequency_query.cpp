#include "store/variants/frequency_query.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/region.h"
#include "store/variants/sample_groups.h"

namespace zenome {

namespace {

int ImpactRank(const std::string& impact) {
  return impact == "HIGH" ? 0 : impact == "MODERATE" ? 1 : impact == "LOW" ? 2 : 3;
}

// The effect shown for each row: on `gene_id` when given, else the most severe by impact.
Status AttachEffects(Catalog& catalog, std::vector<FrequencyRow>& rows, const std::string& gene_id) {
  if (rows.empty()) return Status::Ok();
  std::map<std::tuple<int64_t, std::string, std::string>, size_t> index;
  for (size_t i = 0; i < rows.size(); ++i) {
    const VariantKey& key = rows[i].site.key;
    index[{key.pos0, key.ref, key.alt}] = i;
  }
  const VariantKey& first = rows.front().site.key;
  int64_t end0 = rows.back().site.key.pos0 + 1;
  ZENOME_ASSIGN_OR_RETURN(auto effects, EffectsInRegion(catalog, first.contig, first.pos0, end0));
  for (auto& effect : effects) {
    auto found = index.find({effect.key.pos0, effect.key.ref, effect.key.alt});
    if (found == index.end()) continue;
    if (!gene_id.empty() && effect.gene_id != gene_id) continue;
    VariantGeneEffect& current = rows[found->second].effect;
    if (current.gene_id.empty() || ImpactRank(effect.impact) < ImpactRank(current.impact)) {
      current = std::move(effect);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<FrequencyTable> QueryFrequencies(const StoreHandle& store, const FrequencyRequest& request) {
  int selectors = !request.region.empty() + !request.variant.empty() + !request.gene.empty();
  if (selectors != 1) {
    return Status::Usage(
        "a frequency query needs exactly one of a region (CHR:START-END), a gene (SYMBOL) or a variant "
        "(CHR-POS-REF-ALT)");
  }
  if (request.carriers && !request.carriers_permitted) {
    return Status::Usage(
        "carriers say which genomes carry a variant: confirm that you are permitted to see carrier "
        "pseudonyms (--allow-carriers)");
  }
  FrequencyTable table;
  table.with_carriers = request.carriers;
  std::optional<SampleGroups> groups;
  if (!request.by.empty()) {
    ZENOME_ASSIGN_OR_RETURN(groups, LoadSampleGroups(*store.catalog, request.by));
    table.dimension = groups->dimension;
    table.group_names = groups->names;
  }
  const SampleGroups* group_pointer = groups ? &*groups : nullptr;
  ZENOME_ASSIGN_OR_RETURN(auto variants, VariantStore::Open(store));
  std::vector<SiteSummary> sites;
  std::optional<GeneRecord> gene;
  if (!request.variant.empty()) {
    ZENOME_ASSIGN_OR_RETURN(VariantKey key, ParseVariantKey(store, request.variant));
    ZENOME_ASSIGN_OR_RETURN(auto site, variants->Variant(key, group_pointer));
    if (site) {
      sites.push_back(std::move(*site));
    } else {
      table.notes.push_back(key.ToString() + " is not in the store");
    }
  } else if (!request.gene.empty()) {
    ZENOME_ASSIGN_OR_RETURN(gene, FindGene(*store.catalog, request.gene));
    ZENOME_ASSIGN_OR_RETURN(sites,
                            variants->Region(gene->contig, std::max<int64_t>(0, gene->start0 - kGeneFlank),
                                             gene->end0 + kGeneFlank, group_pointer));
  } else {
    ZENOME_ASSIGN_OR_RETURN(GenomicRegion region, ParseRegion(request.region));
    ZENOME_ASSIGN_OR_RETURN(
        sites, variants->Region(region.contig, region.span.start, region.span.end, group_pointer));
  }
  table.rows.reserve(sites.size());
  for (auto& site : sites) table.rows.push_back({std::move(site), {}, {}});

  // Gene annotations, when the store has them; a gene query keeps only the variants with an effect
  // on that gene.
  ZENOME_ASSIGN_OR_RETURN(auto provenance, GetAnnotationProvenance(*store.catalog));
  table.annotated = provenance.has_value();
  if (table.annotated) {
    ZENOME_RETURN_IF_ERROR(AttachEffects(*store.catalog, table.rows, gene ? gene->gene_id : ""));
  }
  if (gene) {
    std::erase_if(table.rows, [](const FrequencyRow& row) { return row.effect.gene_id.empty(); });
  }
  if (request.carriers) {
    for (auto& row : table.rows) {
      ZENOME_ASSIGN_OR_RETURN(row.carriers, variants->Carriers(row.site.key));
    }
  }
  return table;
}

}  // namespace zenome
