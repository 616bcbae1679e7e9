#pragma once
// Catalog tables of the clinical layers (see README.md, "Clinical layers and cohort filters"):
// diagnoses, phenotypes, treatments, outcomes, omics, PRO, pathology, imaging, wearables, imported
// ontologies, and a log of layer imports. participants and consent are in the base schema.

#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/catalog/catalog.h"

namespace zenome {

// Creates the layer tables and their indexes; idempotent, so importers call it too.
Status CreateLayerSchema(Catalog& catalog);
// Whether the layer tables exist (a store nobody imported a layer into has none; readers, which open
// the catalog read-only, treat that as "no layer data").
Result<bool> LayerSchemaExists(Catalog& catalog);
// The layer tables, in the order `db stats` lists them (participants and consent are base tables).
const std::vector<std::string_view>& LayerTables();

}  // namespace zenome
