// zenome db stats DIR [--format text|json]: segments, genomes, variants per contig, bytes on disk
// and per genome, and the row counts of the clinical layers (store/admin/stats.h, rendered by
// store/render/render.h).
#include <iostream>
#include <memory>

#include "cli/db_subcommand.h"
#include "store/admin/stats.h"
#include "store/catalog/store_dir.h"
#include "store/render/render.h"

namespace zenome::cli {

namespace {

struct StatsCliOptions {
  std::string dir;
  std::string format = "text";
};

Status RunStats(const StatsCliOptions& options) {
  ZENOME_ASSIGN_OR_RETURN(OutputFormat format,
                          ParseOutputFormat(options.format, {OutputFormat::kText, OutputFormat::kJson}));
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/false));
  ZENOME_ASSIGN_OR_RETURN(StoreStats stats, ComputeStoreStats(store));
  WriteStoreStats(stats, format, std::cout);
  return Status::Ok();
}

void AddStats(CLI::App& db, Action& action, const CommandContext& /*context*/) {
  auto options = std::make_shared<StatsCliOptions>();
  CLI::App* command = db.add_subcommand("stats", "What the store holds: genomes, variants, bytes on disk");
  command->add_option("dir", options->dir, "Store directory")->required();
  command->add_option("--format", options->format, "text or json")->capture_default_str();
  command->callback([options, &action] { action = [options]() -> Status { return RunStats(*options); }; });
}

const bool kRegistered = RegisterDbSubcommand(70, AddStats);

}  // namespace

}  // namespace zenome::cli
