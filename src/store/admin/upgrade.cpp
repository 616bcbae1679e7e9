#include "store/admin/upgrade.h"

#include "store/admin/compact_internal.h"
#include "store/segment/format.h"
#include "store/segment/io.h"
#include "store/segment/reader.h"

namespace zenome {

Result<UpgradeStats> UpgradeStore(StoreHandle& store, const UpgradeOptions& options) {
  if (!store.lock) return Status::Internal("UpgradeStore: the store was not opened for writing");
  ZENOME_ASSIGN_OR_RETURN(StoreContigs contigs, StoreContigs::Load(*store.catalog));
  ZENOME_ASSIGN_OR_RETURN(std::vector<SegmentColumns> segments, LoadSegmentColumns(*store.catalog, false));
  UpgradeStats stats;
  stats.segments = static_cast<int64_t>(segments.size());
  CompactOptions rewrite;
  rewrite.threads = options.threads;
  for (const auto& segment : segments) {
    std::string path = store.dir + "/segments/" + segment.directory;
    std::string manifest_path = path + "/" + segment::kManifestName;
    ZENOME_ASSIGN_OR_RETURN(auto manifest_file, MappedFile::Open(manifest_path));
    ZENOME_ASSIGN_OR_RETURN(
        SegmentManifest manifest,
        ParseSegmentManifest(
            std::string_view(reinterpret_cast<const char*>(manifest_file->data()), manifest_file->size()),
            manifest_path));
    if (manifest.version >= segment::kFormatVersion) continue;
    CompactStats rewritten;
    ZENOME_RETURN_IF_ERROR(RewriteSegments(store, contigs, {&segment}, rewrite, rewritten));
    ++stats.upgraded;
    ++stats.from_version[manifest.version];
    stats.bytes_before += rewritten.bytes_before;
    stats.bytes_after += rewritten.bytes_after;
    for (auto& directory : rewritten.created) stats.created.push_back(std::move(directory));
  }
  return stats;
}

}  // namespace zenome
