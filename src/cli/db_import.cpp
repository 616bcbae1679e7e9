// zenome db import DIR --layer clinical|omics|pro|pathology|imaging|wearable|ontology [--assay NAME]
//                  [--key-file K] FILE...
#include <iostream>
#include <memory>
#include <optional>
#include <vector>

#include "cli/db_subcommand.h"
#include "store/catalog/store_dir.h"
#include "store/layers/import.h"

namespace zenome::cli {

namespace {

struct ImportCliOptions {
  std::string dir;
  std::string layer;
  std::string assay;
  std::string key_file;
  std::vector<std::string> files;
};

// One line per file: counts only (never identifiers).
std::string Summary(const std::string& file, const ImportStats& stats) {
  std::string line = file + ": " + std::string(LayerKindName(stats.layer)) + ", " +
                     std::to_string(stats.records) +
                     (stats.layer == LayerKind::kOntology ? " terms" : " records");
  if (stats.layer != LayerKind::kOntology) {
    line += ", " + std::to_string(stats.participants) + " participants (" +
            std::to_string(stats.new_participants) + " new)";
  }
  line += ", " + std::to_string(stats.rows_written) + " rows written";
  if (stats.rows_removed > 0) line += ", " + std::to_string(stats.rows_removed) + " replaced";
  if (stats.terms_remapped > 0)
    line += ", " + std::to_string(stats.terms_remapped) + " ontology ids remapped";
  for (const auto& note : stats.notes) line += "; " + note;
  return line;
}

Status RunImport(const ImportCliOptions& options) {
  ZENOME_ASSIGN_OR_RETURN(LayerKind kind, ParseLayerKind(options.layer));
  if (!options.assay.empty() && kind != LayerKind::kOmics) {
    return Status::Usage("--assay applies to --layer omics only");
  }
  // The ontology layer holds no participant data, so it needs no key.
  std::optional<Pseudonymizer> pseudonymizer;
  if (kind != LayerKind::kOntology) {
    ZENOME_ASSIGN_OR_RETURN(pseudonymizer, Pseudonymizer::FromOptionOrEnvironment(options.key_file));
  }
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, true));
  ImportOptions import_options;
  import_options.assay = options.assay;
  for (size_t i = 0; i < options.files.size(); ++i) {
    const std::string& file = options.files[i];
    Result<ImportStats> stats = kind == LayerKind::kOntology
                                    ? ImportOntology(*store.catalog, file, import_options)
                                    : ImportLayer(*store.catalog, *pseudonymizer, kind, file, import_options);
    if (!stats.ok()) {
      std::string message = stats.status().message();
      if (i > 0) {
        message += "\n(" + std::to_string(i) + (i == 1 ? " file before it was" : " files before it were") +
                   " imported; the rest were not tried)";
      }
      return Status(stats.status().code(), message);
    }
    std::cerr << "zenome db import: " << Summary(file, *stats) << '\n';
  }
  return Status::Ok();
}

void AddImport(CLI::App& db, Action& action, const CommandContext& /*context*/) {
  auto options = std::make_shared<ImportCliOptions>();
  CLI::App* import = db.add_subcommand(
      "import", "Import clinical layer files (each file is one transaction: all of it or nothing)");
  import->add_option("dir", options->dir, "Store directory")->required();
  import->add_option("files", options->files, "Layer files (CSV/TSV; Phenopacket JSON; OBO)")->required();
  import
      ->add_option("--layer", options->layer,
                   "clinical, omics, pro, pathology, imaging, wearable or ontology")
      ->required();
  import->add_option("--assay", options->assay,
                     "omics: the assay the matrix measures (default: file name stem)");
  AddKeyFileOption(*import, options->key_file);
  import->callback([options, &action] {
    action = [options]() -> Status { return RunImport(*options);
};
}  // namespace
);
}  // namespace zenome::cli

const bool kRegistered = RegisterDbSubcommand(30, AddImport);

}  // namespace

}  // namespace zenome::cli
