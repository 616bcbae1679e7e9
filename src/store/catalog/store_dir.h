#pragma once
// Creating and opening a store directory (see README.md for its layout).

#include <memory>
#include <string>

#include "core/genome_build.h"
#include "core/status.h"
#include "store/catalog/catalog.h"
#include "store/catalog/store_lock.h"

namespace zenome {

struct StoreInitOptions {
  GenomeBuild build = GenomeBuild::kGRCh38;
  // Optional reference FASTA: recorded so ingest can left-align indels and queries can normalise
  // the variants they are asked about. Without it, alleles are only trimmed and split.
  std::string reference_fasta;
};

// Creates DIR (which must not exist or be empty) with its catalog, schema and meta
// (format_version, schema_version, build, reference, contig lengths when a reference is given).
Status InitStore(const std::string& dir, const StoreInitOptions& options);

// What every part of the store needs to know about an opened store.
struct StoreHandle {
  std::string dir;
  GenomeBuild build = GenomeBuild::kUnknown;
  std::string reference_fasta;  // "" when none was recorded
  std::unique_ptr<Catalog> catalog;
  std::unique_ptr<StoreLock> lock;  // held by writers only
};

// Opens an existing store. Writers take the single-writer lock first and clean up what a crashed
// writer may have left (staging/, segment directories no catalog row refers to).
Result<StoreHandle> OpenStore(const std::string& dir, bool for_writing);

inline constexpr const char* kStoreFormatVersion = "1";

}  // namespace zenome
