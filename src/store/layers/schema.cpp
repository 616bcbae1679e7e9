#include "store/layers/schema.h"

namespace zenome {

namespace {
// Every layer row is keyed by the participant's pseudonym (never the raw identifier). Keys are
// chosen so a re-import replaces rather than duplicates (see README.md for each layer's rule), and
// WITHOUT ROWID tables keep rows clustered by their key so range queries read one index range.
constexpr const char* kLayerSchema = R"sql(
CREATE TABLE IF NOT EXISTS diagnoses (
  pseudonym TEXT NOT NULL REFERENCES participants(pseudonym),
  code TEXT NOT NULL,                  -- ICD10:C50.9, MONDO:0007254, OMIM:114480, ORPHA:n, NCIT:Cn
  excluded INTEGER NOT NULL DEFAULT 0, -- 1: ruled out (Phenopacket diseases[].excluded)
  PRIMARY KEY (pseudonym, code)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS diagnoses_code ON diagnoses(code);
CREATE TABLE IF NOT EXISTS phenotypes (
  pseudonym TEXT NOT NULL REFERENCES participants(pseudonym),
  hpo_id TEXT NOT NULL,                -- HP:nnnnnnn, current id (alt and obsolete ids mapped on import)
  excluded INTEGER NOT NULL DEFAULT 0, -- 1: explicitly not observed
  PRIMARY KEY (pseudonym, hpo_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS phenotypes_term ON phenotypes(hpo_id, excluded);
CREATE TABLE IF NOT EXISTS treatments (
  pseudonym TEXT NOT NULL REFERENCES participants(pseudonym),
  code TEXT NOT NULL,                  -- ATC:L01XC03, DrugCentral:1610, NCIT:C15632, ...
  kind TEXT NOT NULL DEFAULT '',       -- drug, procedure, radiation, regimen ('' when not stated)
  PRIMARY KEY (pseudonym, code)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS treatments_code ON treatments(code);
CREATE TABLE IF NOT EXISTS outcomes (
  pseudonym TEXT NOT NULL REFERENCES participants(pseudonym),
  outcome TEXT NOT NULL,
  PRIMARY KEY (pseudonym, outcome)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS outcomes_outcome ON outcomes(outcome COLLATE NOCASE);
-- Omics in long form; (assay, feature, value) serves "feature X above a threshold" as a range scan.
CREATE TABLE IF NOT EXISTS omics (
  assay TEXT NOT NULL,
  pseudonym TEXT NOT NULL REFERENCES participants(pseudonym),
  feature TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (assay, pseudonym, feature)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS omics_feature_value ON omics(assay, feature, value);
-- Patient-reported outcomes; timestamp in seconds since the Unix epoch (UTC).
CREATE TABLE IF NOT EXISTS pro (
  pseudonym TEXT NOT NULL REFERENCES participants(pseudonym),
  instrument TEXT NOT NULL,
  item TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (pseudonym, instrument, item, timestamp)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pro_item ON pro(instrument, item, timestamp);
-- Specimen and study identifiers are pseudonymised like participants (they can identify too).
CREATE TABLE IF NOT EXISTS pathology (
  pseudonym TEXT NOT NULL REFERENCES participants(pseudonym),
  specimen TEXT NOT NULL,
  collected TEXT,                      -- ISO 8601 (date, or UTC date-time)
  body_site TEXT,
  diagnosis_code TEXT,                 -- ICDO3:8500/3 or a diagnosis code
  finding TEXT,
  grade TEXT,
  stage TEXT,
  PRIMARY KEY (pseudonym, specimen)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pathology_code ON pathology(diagnosis_code);
CREATE TABLE IF NOT EXISTS imaging (
  pseudonym TEXT NOT NULL REFERENCES participants(pseudonym),
  study TEXT NOT NULL,
  acquired TEXT,
  modality TEXT NOT NULL,              -- DICOM modality code
  body_site TEXT,
  finding_code TEXT,
  finding TEXT,
  PRIMARY KEY (pseudonym, study)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS imaging_modality ON imaging(modality);
CREATE INDEX IF NOT EXISTS imaging_finding ON imaging(finding_code);
-- Wearable time series: a (participant, metric, time window) query is one primary-key range scan.
CREATE TABLE IF NOT EXISTS wearable (
  pseudonym TEXT NOT NULL REFERENCES participants(pseudonym),
  metric TEXT NOT NULL,
  timestamp INTEGER NOT NULL,          -- seconds since the Unix epoch (UTC)
  value REAL NOT NULL,
  PRIMARY KEY (pseudonym, metric, timestamp)
) WITHOUT ROWID;
-- Imported OBO ontologies (HPO, MONDO, ...): terms, alternative ids and is_a edges.
CREATE TABLE IF NOT EXISTS ontologies (
  ontology TEXT PRIMARY KEY,
  data_version TEXT,
  n_terms INTEGER NOT NULL,
  imported TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ontology_terms (
  id TEXT PRIMARY KEY,
  ontology TEXT NOT NULL,
  name TEXT,
  obsolete INTEGER NOT NULL DEFAULT 0,
  replaced_by TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ontology_terms_ontology ON ontology_terms(ontology);
CREATE TABLE IF NOT EXISTS ontology_alt_ids (
  alt_id TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  ontology TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ontology_alt_ids_ontology ON ontology_alt_ids(ontology);
CREATE TABLE IF NOT EXISTS ontology_is_a (
  child TEXT NOT NULL,
  parent TEXT NOT NULL,
  ontology TEXT NOT NULL,
  PRIMARY KEY (child, parent)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ontology_is_a_parent ON ontology_is_a(parent, child);
CREATE INDEX IF NOT EXISTS ontology_is_a_ontology ON ontology_is_a(ontology);
-- One row per committed layer import: what, when, and a checksum of the file (never its name,
-- which may carry an identifier).
CREATE TABLE IF NOT EXISTS layer_imports (
  import_id INTEGER PRIMARY KEY,
  layer TEXT NOT NULL,
  checksum TEXT NOT NULL,              -- SHA-256 of the file's bytes
  n_records INTEGER NOT NULL,
  imported TEXT NOT NULL
);
)sql";
}  // namespace

Status CreateLayerSchema(Catalog& catalog) {
  return catalog.Exec(kLayerSchema);
}

Result<bool> LayerSchemaExists(Catalog& catalog) {
  ZENOME_ASSIGN_OR_RETURN(
      Statement statement,
      catalog.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'layer_imports'"));
  return statement.Step();
}

const std::vector<std::string_view>& LayerTables() {
  static const std::vector<std::string_view> kTables = {
      "diagnoses", "phenotypes", "treatments", "outcomes",   "omics",          "pro",
      "pathology", "imaging",    "wearable",   "ontologies", "ontology_terms", "layer_imports"};
  return kTables;
}

}  // namespace zenome
