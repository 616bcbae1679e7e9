#pragma once
// Importing clinical layer files into a store's catalog (`zenome db import DIR --layer LAYER FILE`).
// One file is one SQLite transaction: every row is validated, and one bad row rejects the whole
// file with every problem listed as FILE:LINE: column: problem, leaving the catalog as it was.
// Participant identifiers are pseudonymised before they reach SQL. Formats, validation rules and
// what a re-import replaces: README.md, "Clinical layers and cohort filters".

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/catalog/catalog.h"
#include "store/catalog/pseudonymizer.h"
#include "store/layers/layer_kind.h"

namespace zenome {

struct ImportOptions {
  // omics: the assay the matrix measures (default: the file name without its extension).
  std::string assay;
  // How many problems a rejected file lists with their location (the rest are counted).
  int max_reported_problems = 50;
};

struct ImportStats {
  LayerKind layer = LayerKind::kClinical;
  int64_t records = 0;           // data lines, phenopackets or ontology terms read
  int64_t participants = 0;      // distinct participants the file names
  int64_t new_participants = 0;  // of those, not known to the store before
  int64_t rows_written = 0;      // layer rows inserted (or rewritten)
  int64_t rows_removed =
      0;  // stored rows the file replaced (pro and wearable rows are upserted: not counted)
  int64_t terms_remapped = 0;        // alternative or obsolete ontology ids mapped to current ones
  bool previously_imported = false;  // the same bytes were imported into this layer before
  std::vector<std::string> notes;    // things worth telling the user (never raw identifiers)
};

// Validates and imports one file in one transaction of its own (the caller holds the store's
// writer lock and no open transaction). Creates the layer tables when missing.
Result<ImportStats> ImportLayer(Catalog& catalog, const Pseudonymizer& pseudonymizer, LayerKind kind,
                                const std::string& path, const ImportOptions& options);
// The ontology layer needs no pseudonymisation key: ImportLayer(kOntology) without one.
Result<ImportStats> ImportOntology(Catalog& catalog, const std::string& path, const ImportOptions& options);

// `zenome db import`: several files of one layer, each in its own transaction, in order.
struct ImportRequest {
  LayerKind layer = LayerKind::kClinical;
  std::vector<std::string> files;
  ImportOptions options;
  // The pseudonymisation key ("" → $ZENOME_PSEUDONYM_KEY_FILE); the ontology layer needs none.
  std::string key_file;
  // Called after each file is committed (progress; a failing later file does not undo it).
  std::function<void(const std::string& file, const ImportStats& stats)> on_imported;
};

// Stops at the first file that fails; its error says how many files before it were imported.
Result<std::vector<ImportStats>> ImportFiles(Catalog& catalog, const ImportRequest& request);

}  // namespace zenome
