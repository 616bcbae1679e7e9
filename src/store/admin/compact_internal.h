#pragma once
// Inside the admin room: the steps of compaction that `db upgrade` shares (upgrade.cpp rewrites
// each old-format segment alone, with the same commit protocol).

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/admin/compact.h"
#include "store/catalog/catalog.h"
#include "store/catalog/segment_rows.h"
#include "store/catalog/store_contigs.h"
#include "store/catalog/store_dir.h"

namespace zenome {

// A segment's catalog row with the sample rows of its columns.
struct SegmentColumns : SegmentRow {
  // Per column: the catalog row holding it and whether that genome was replaced.
  std::vector<int64_t> sample_ids;
  std::vector<uint8_t> replaced;
  int64_t n_kept = 0;  // columns the rewritten segment keeps
};

// Every segment in id order; refuses a catalog whose sample rows do not match the segments.
Result<std::vector<SegmentColumns>> LoadSegmentColumns(Catalog& catalog, bool drop_replaced);

// Rewrites `members` (segments in id order) as one new segment in the current format, with the
// commit protocol of README.md "Compaction" (staged, fsynced, renamed, one catalog transaction,
// then the old directories removed); adds to `stats`.
Status RewriteSegments(StoreHandle& store, const StoreContigs& contigs,
                       const std::vector<const SegmentColumns*>& members, const CompactOptions& options,
                       CompactStats& stats);

}  // namespace zenome
