#pragma once
// zenome db upgrade: rewrites every segment written in an older segment format (4: no block
// checksums) in the current one (README.md "Segment format versions"). Readers answer from old
// segments too; upgrading gives them the checksums that make damage an error instead of a wrong
// answer. Each old segment is rewritten alone by compaction's code, with its commit protocol
// (staged, fsynced, renamed, one catalog transaction per segment, then the old directory
// removed), so a crash at any moment leaves each segment either old or upgraded, and the store
// consistent. An upgraded segment gets a new number (as a compacted one does); its genomes, counts
// and genotypes are unchanged.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/catalog/store_dir.h"

namespace zenome {

struct UpgradeOptions {
  int threads = 1;  // contigs of a segment are rewritten on this many threads
};

struct UpgradeStats {
  int64_t segments = 0;                 // in the store before
  int64_t upgraded = 0;                 // rewritten
  std::map<int, int64_t> from_version;  // rewritten segments by their old format version
  uint64_t bytes_before = 0;            // of the segments rewritten
  uint64_t bytes_after = 0;             // of the segments written
  std::vector<std::string> created;     // new segment directories
};

// `store` must be opened for writing. An old segment whose files do not match the SHA-256 sums of
// its manifest is refused (it would be sealed, damage and all, under new checksums): run
// `zenome db check`. Segments already in the current format are left alone.
Result<UpgradeStats> UpgradeStore(StoreHandle& store, const UpgradeOptions& options);

}  // namespace zenome
