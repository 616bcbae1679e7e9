#include "store/admin/stats.h"

#include <filesystem>

#include "store/layers/export.h"
#include "store/segment/io.h"
#include "store/segment/reader.h"
#include "store/variants/variant_store.h"

namespace zenome {

namespace fs = std::filesystem;

Result<StoreStats> ComputeStoreStats(const StoreHandle& store) {
  StoreStats stats;
  stats.build = std::string(GenomeBuildName(store.build));
  ZENOME_ASSIGN_OR_RETURN(auto variants, VariantStore::Open(store));
  stats.segments = static_cast<int64_t>(variants->segments().size());
  stats.genomes = static_cast<int64_t>(variants->samples().size());
  int64_t columns = 0;
  for (const auto& segment : variants->segments()) {
    columns += static_cast<int64_t>(segment.sample_ids.size());
    stats.replaced += static_cast<int64_t>(segment.replaced_columns.size());
  }
  // Distinct variants: the merged walk counts a variant several segments hold once.
  ZENOME_RETURN_IF_ERROR(variants->ForEachSite(
      [&](const SiteSummary& site) -> Status {
        if (stats.variants_per_contig.empty() || stats.variants_per_contig.back().first != site.key.contig) {
          stats.variants_per_contig.emplace_back(site.key.contig, 0);
        }
        ++stats.variants_per_contig.back().second;
        ++stats.variants;
        return Status::Ok();
      },
      nullptr));

  // The snapshot's own segment rows, so the figures describe one committed state.
  for (const auto& held : variants->segments()) {
    const SegmentRow& row = held.row;
    SegmentStats segment{
        row.segment_id, row.directory, row.created, row.coverage, row.n_samples, row.n_variants, 0};
    segment.bytes = DirectoryBytes((fs::path(store.dir) / "segments" / row.directory).string());
    stats.segment_bytes += segment.bytes;
    stats.per_segment.push_back(std::move(segment));
  }
  std::error_code error;
  for (const char* name : {"catalog.sqlite", "catalog.sqlite-wal"}) {
    fs::path path = fs::path(store.dir) / name;
    if (fs::exists(path, error)) stats.catalog_bytes += fs::file_size(path, error);
  }
  stats.total_bytes = stats.segment_bytes + stats.catalog_bytes;
  stats.bytes_per_genome =
      columns > 0 ? static_cast<double>(stats.segment_bytes) / static_cast<double>(columns) : 0;
  ZENOME_ASSIGN_OR_RETURN(stats.layer_rows, LayerRowCounts(*store.catalog));
  return stats;
}

}  // namespace zenome
