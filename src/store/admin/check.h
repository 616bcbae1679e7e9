#pragma once
// zenome db check: is the store consistent? Every referenced segment exists and its files match the
// checksums of its manifest (whose own checksum the catalog holds); every sample row points at a
// segment column holding the same pseudonym, every column is claimed once, no genome is current
// twice and replacements point at a successor with the same pseudonym; sites are sorted, unique and
// normalised variants (ALT != REF, ACGTN, trimmed; REF and left-alignment against the reference);
// per-variant counts equal a recount from the genotypes and coverage (a spread sample of sites per
// contig, or all with `full`); clinical layer rows are consistent (layer_export.h CheckLayers).

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/catalog/store_dir.h"

namespace zenome {

struct CheckOptions {
  bool full = false;             // recount every site (default: up to kSampledSites per contig)
  int64_t sampled_sites = 2000;  // per segment contig when not full
};

struct CheckReport {
  std::vector<std::string> problems;  // empty: consistent
  std::vector<std::string> notes;     // harmless leftovers (an interrupted ingest's directory)
  int64_t segments = 0;
  int64_t files = 0;
  int64_t samples = 0;
  int64_t sites_checked = 0;  // sites whose counts were recounted
  bool ok() const { return problems.empty(); }
};

// Fails only when the catalog itself cannot be read; everything else is a problem in the report.
Result<CheckReport> CheckStore(const StoreHandle& store, const CheckOptions& options);

}  // namespace zenome
