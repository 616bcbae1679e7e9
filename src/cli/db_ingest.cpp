// zenome db ingest DIR [--threads N] [--replace] [--key-file K] FILE...: one batch of VCF/BCF/gVCF
// files becomes one new segment of the store (src/store/ingest.h).
#include <iostream>
#include <memory>

#include "cli/db_subcommand.h"
#include "core/diagnostics.h"
#include "store/catalog/pseudonymizer.h"
#include "store/catalog/store_dir.h"
#include "store/ingest/ingest.h"

namespace zenome::cli {

namespace {

struct IngestCliOptions {
  std::string dir;
  std::vector<std::string> files;
  std::string key_file;
  int threads = 2;
  bool replace = false;
  bool quiet = false;
};

void AddIngest(CLI::App& db, Action& action, const CommandContext& context) {
  auto options = std::make_shared<IngestCliOptions>();
  CLI::App* ingest = db.add_subcommand(
      "ingest", "Add genomes: VCF/BCF/gVCF files (single- or multi-sample) become one new segment");
  ingest->add_option("dir", options->dir, "Store directory")->required();
  ingest->add_option("files", options->files, "VCF/BCF/gVCF files of this batch")->required();
  ingest->add_flag("--replace", options->replace,
                   "Replace genomes already stored (the old genome stays, marked replaced)");
  AddKeyFileOption(*ingest, options->key_file);
  AddThreadsOption(*ingest, options->threads);
  AddContigAliasOption(*ingest, context);
  AddQuietOption(*ingest, options->quiet);
  ingest->callback([options, &action] {
    action = [options]() -> Status {
      ZENOME_ASSIGN_OR_RETURN(Pseudonymizer pseudonymizer,
                              Pseudonymizer::FromOptionOrEnvironment(options->key_file));
      ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options->dir, /*for_writing=*/true));
      IngestOptions ingest_options;
      ingest_options.threads = options->threads;
      ingest_options.replace = options->replace;
      Diagnostics diagnostics(3, WarningsToStderr());
      diagnostics.set_quiet(options->quiet);
      ingest_options.diagnostics = &diagnostics;
      ZENOME_ASSIGN_OR_RETURN(IngestStats stats,
                              IngestFiles(store, pseudonymizer, options->files, ingest_options));
      if (!options->quiet) {
        std::cerr << "zenome db ingest: segment " << stats.segment << ": " << stats.samples << " genome"
                  << (stats.samples == 1 ? "" : "s") << " from " << stats.files << " file"
                  << (stats.files == 1 ? "" : "s") << ", " << stats.variants << " variants ("
                  << stats.records_read << " records read";
        if (stats.reference_blocks > 0) std::cerr << ", " << stats.reference_blocks << " reference blocks";
        if (stats.skipped_alleles > 0) std::cerr << ", " << stats.skipped_alleles << " symbolic ALTs skipped";
        if (stats.merged_duplicates > 0) std::cerr << ", " << stats.merged_duplicates << " duplicates merged";
        std::cerr << "), " << stats.bytes << " bytes";
        if (stats.replaced > 0) std::cerr << "; " << stats.replaced << " replaced";
        std::cerr << '\n';
      }
      return Status::Ok();
    };
  });
}

const bool kRegistered = RegisterDbSubcommand(20, AddIngest);

}  // namespace

}  // namespace zenome::cli
