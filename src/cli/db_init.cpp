// zenome db init DIR --build GRCh38 [-f REF.fa]
#include <iostream>
#include <memory>

#include "cli/db_subcommand.h"
#include "store/catalog/store_dir.h"

namespace zenome::cli {

namespace {

struct InitOptions {
  std::string dir;
  std::string build = "GRCh38";
  std::string reference;
};

void AddInit(CLI::App& db, Action& action, const CommandContext& context) {
  auto options = std::make_shared<InitOptions>();
  CLI::App* init = db.add_subcommand("init", "Create a store for a reference build");
  init->add_option("dir", options->dir, "Store directory (new or empty)")->required();
  init->add_option("--build", options->build, "Reference build: GRCh38 or GRCh37 (or custom)")
      ->capture_default_str();
  init->add_option("-f,--reference", options->reference,
                   "Reference FASTA: lets ingest left-align indels and queries normalise variants");
  AddContigAliasOption(*init, context);
  init->callback([options, &action] {
    action = [options]() -> Status {
      StoreInitOptions init_options;
      ZENOME_ASSIGN_OR_RETURN(init_options.build, ParseGenomeBuild(options->build));
      init_options.reference_fasta = options->reference;
      ZENOME_RETURN_IF_ERROR(InitStore(options->dir, init_options));
      std::cerr << "zenome db: created " << options->dir << " (" << options->build << ")\n";
      return Status::Ok();
    };
  });
}

const bool kRegistered = RegisterDbSubcommand(10, AddInit);

}  // namespace

}  // namespace zenome::cli
