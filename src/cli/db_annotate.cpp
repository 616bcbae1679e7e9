// zenome db annotate DIR -g GENES.gff3 [-f REF.fa]: stores every stored variant's effect on the
// genes it touches (src/store_annotate/store_annotate.h), for `db query --gene` and the
// gene-burden criterion of cohort queries. Re-running replaces the annotations atomically.
#include <chrono>
#include <iostream>
#include <memory>

#include "cli/db_subcommand.h"
#include "core/diagnostics.h"
#include "store/catalog/store_dir.h"
#include "store_annotate/store_annotate.h"

namespace zenome::cli {

namespace {

struct DbAnnotateOptions {
  std::string dir;
  StoreAnnotateOptions annotate;
  bool quiet = false;
};

void AddAnnotate(CLI::App& db, Action& action, const CommandContext& context) {
  auto options = std::make_shared<DbAnnotateOptions>();
  CLI::App* annotate = db.add_subcommand(
      "annotate", "Annotate the stored variants with genes and consequences (for --gene, burden)");
  annotate->add_option("dir", options->dir, "Store directory")->required();
  annotate->add_option("-g,--genes", options->annotate.gene_model, "Gene models (GFF3 or GTF)")->required();
  annotate->add_option("-f,--reference", options->annotate.reference,
                       "Reference FASTA (default: the one recorded by db init)");
  AddContigAliasOption(*annotate, context);
  AddQuietOption(*annotate, options->quiet);
  annotate->callback([options, &action] {
    action = [options]() -> Status {
      auto start = std::chrono::steady_clock::now();
      ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options->dir, /*for_writing=*/true));
      Diagnostics diagnostics(5, WarningsToStderr());
      diagnostics.set_quiet(options->quiet);
      ZENOME_ASSIGN_OR_RETURN(StoreAnnotateStats stats, AnnotateStore(store, options->annotate, diagnostics));
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (!options->quiet) {
        std::cerr << "zenome db annotate: " << stats.sites << " variants, " << stats.effects
                  << " gene effects, " << stats.genes << " genes";
        if (stats.failed > 0) std::cerr << ", " << stats.failed << " not annotated";
        std::cerr << " in " << seconds << " s\n";
      }
      return Status::Ok();
    };
  });
}

const bool kRegistered = RegisterDbSubcommand(50, AddAnnotate);

}  // namespace

}  // namespace zenome::cli
