// zenome db import DIR --layer clinical|omics|pro|pathology|imaging|wearable|ontology [--assay NAME]
//                  [--key-file K] FILE...
// Each file is one transaction (store/layers/import.h ImportFiles); a line of counts per file.
#include <iostream>
#include <memory>
#include <vector>

#include "cli/db_subcommand.h"
#include "store/catalog/store_dir.h"
#include "store/layers/import.h"
#include "store/render/render.h"

namespace zenome::cli {

namespace {

struct ImportCliOptions {
  std::string dir;
  std::string layer;
  ImportRequest request;
};

Status RunImport(ImportCliOptions& options) {
  ZENOME_ASSIGN_OR_RETURN(options.request.layer, ParseLayerKind(options.layer));
  options.request.on_imported = [](const std::string& file, const ImportStats& stats) {
    std::cerr << "zenome db import: " << ImportSummaryLine(file, stats) << '\n';
  };
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/true));
  return ImportFiles(*store.catalog, options.request).status();
}

void AddImport(CLI::App& db, Action& action, const CommandContext& /*context*/) {
  auto options = std::make_shared<ImportCliOptions>();
  ImportRequest& request = options->request;
  CLI::App* import = db.add_subcommand(
      "import", "Import clinical layer files (each file is one transaction: all of it or nothing)");
  import->add_option("dir", options->dir, "Store directory")->required();
  import->add_option("files", request.files, "Layer files (CSV/TSV; Phenopacket JSON; OBO)")->required();
  import
      ->add_option("--layer", options->layer,
                   "clinical, omics, pro, pathology, imaging, wearable or ontology")
      ->required();
  import->add_option("--assay", request.options.assay,
                     "omics: the assay the matrix measures (default: file name stem)");
  AddKeyFileOption(*import, request.key_file);
  import->callback([options, &action] { action = [options]() -> Status { return RunImport(*options);
};
}  // namespace
);
}  // namespace zenome::cli

const bool kRegistered = RegisterDbSubcommand(30, AddImport);

}  // namespace

}  // namespace zenome::cli
