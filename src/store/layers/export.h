#pragma once
// Reading the clinical layers back out: per-layer TSV export (`db export --layer`), integrity checks
// of the layer tables (`db check`), and row counts (`db stats`).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/catalog/catalog.h"
#include "store/layers/import.h"

namespace zenome {

// Writes one layer as TSV with a header line, participants by pseudonym only; "-" is stdout, a file
// is written under a temporary name and renamed when complete. The clinical, pro, pathology,
// imaging and wearable exports re-import unchanged (pseudonyms are kept on import); omics is
// written long (assay, feature, participant_id, value) and ontology as one term per line.
// Tabs and line breaks inside values are written as spaces.
Status ExportLayer(Catalog& catalog, LayerKind kind, const std::string& path);

// Appends one line per inconsistency to `problems`: layer rows whose participant is unknown,
// identifiers that are not pseudonyms, stored codes that are malformed or (with an imported
// ontology covering their prefix) not current terms, consent codes that are not DUO ids, is_a edges
// to missing terms. Returns an error only when the catalog cannot be read.
Status CheckLayers(Catalog& catalog, std::vector<std::string>& problems);

// (table, rows) for participants, consent and every layer table present, in a fixed order.
Result<std::vector<std::pair<std::string, int64_t>>> LayerRowCounts(Catalog& catalog);

}  // namespace zenome
