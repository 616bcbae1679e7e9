// zenome db compact DIR [--max-samples N] [--drop-replaced] [--threads N]: merges the store's
// segments (one per ingest batch) into fewer, larger ones (src/store/compact.h).
#include <iostream>
#include <memory>

#include "cli/db_subcommand.h"
#include "store/admin/compact.h"
#include "store/catalog/store_dir.h"

namespace zenome::cli {

namespace {

struct CompactCliOptions {
  std::string dir;
  CompactOptions compact{.threads = 2};
  bool quiet = false;
};

std::string HumanBytes(uint64_t bytes) {
  char text[32];
  double value = static_cast<double>(bytes);
  if (value < 1e6) {
    std::snprintf(text, sizeof(text), "%.0f kB", value / 1e3);
  } else if (value < 1e9) {
    std::snprintf(text, sizeof(text), "%.1f MB", value / 1e6);
  } else {
    std::snprintf(text, sizeof(text), "%.2f GB", value / 1e9);
  }
  return text;
}

Status RunCompact(const CompactCliOptions& options) {
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/true));
  ZENOME_ASSIGN_OR_RETURN(CompactStats stats, CompactStore(store, options.compact));
  if (options.quiet) return Status::Ok();
  if (stats.segments_merged == 0) {
    std::cerr << "zenome db compact: nothing to do (" << stats.segments_before << " segment"
              << (stats.segments_before == 1 ? "" : "s") << ")\n";
    return Status::Ok();
  }
  std::cerr << "zenome db compact: " << stats.segments_merged << " segments ("
            << HumanBytes(stats.bytes_before) << ") rewritten as " << stats.created.size() << " ("
            << HumanBytes(stats.bytes_after) << "): " << stats.samples << " genomes, " << stats.variants
            << " variants";
  if (options.compact.drop_replaced) std::cerr << ", " << stats.dropped << " replaced genomes dropped";
  std::cerr << "; the store now has " << stats.segments_after << " segment"
            << (stats.segments_after == 1 ? "" : "s") << '\n';
  return Status::Ok();
}

void AddCompact(CLI::App& db, Action& action, const CommandContext& /*context*/) {
  auto options = std::make_shared<CompactCliOptions>();
  CLI::App* command =
      db.add_subcommand("compact", "Merge segments (one per ingest batch) into fewer, larger ones");
  command->add_option("dir", options->dir, "Store directory")->required();
  command
      ->add_option("--max-samples", options->compact.max_samples,
                   "Merge consecutive segments into segments of at most N genomes (default 0: all into one)")
      ->check(CLI::NonNegativeNumber);
  command->add_flag("--drop-replaced", options->compact.drop_replaced,
                    "Drop genomes a later ingest replaced, with their sample rows (default: keep them)");
  AddThreadsOption(*command, options->compact.threads);
  AddQuietOption(*command, options->quiet);
  command->callback([options, &action] { action = [options]() -> Status { return RunCompact(*options); }; });
}

const bool kRegistered = RegisterDbSubcommand(75, AddCompact);

}  // namespace

}  // namespace zenome::cli
