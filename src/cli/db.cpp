// zenome db: the information platform's store. One CLI11 subcommand per operation; each parses
// its options and makes one library call into src/store.
#include <iostream>

#include "cli/commands.h"
#include "store/store_dir.h"

namespace zenome::cli {

namespace {

// Options of every subcommand, and the action of the one that was given.
struct DbOptions {
  std::string dir;
  std::string build = "GRCh38";
  std::string reference;
  Action action;
};

void AddInit(CLI::App& db, DbOptions& options) {
  CLI::App* init = db.add_subcommand("init", "Create a store for a reference build");
  init->add_option("dir", options.dir, "Store directory (new or empty)")->required();
  init->add_option("--build", options.build, "Reference build: GRCh38 or GRCh37 (or custom)")
      ->capture_default_str();
  init->add_option("-f,--reference", options.reference,
                   "Reference FASTA: lets ingest left-align indels and queries normalise variants");
  init->callback([&options] {
    options.action = [&options]() -> Status {
      StoreInitOptions init_options;
      ZENOME_ASSIGN_OR_RETURN(init_options.build, ParseGenomeBuild(options.build));
      init_options.reference_fasta = options.reference;
      ZENOME_RETURN_IF_ERROR(InitStore(options.dir, init_options));
      std::cerr << "zenome db: created " << options.dir << " (" << options.build << ")\n";
      return Status::Ok();
    };
  });
}

}  // namespace

Command DbCommand() {
  return {"db", "The genome store: init, ingest, import, query, cohort, export, stats, check",
          [](CLI::App& app, const CommandContext& context) -> Action {
            auto options = std::make_shared<DbOptions>();
            app.require_subcommand(1);
            AddInit(app, *options);
            return [options]() -> Status {
              if (!options->action) return Status::Usage("zenome db needs a subcommand (see zenome help db)");
              return options->action();
            };
          }};
}

}  // namespace zenome::cli
