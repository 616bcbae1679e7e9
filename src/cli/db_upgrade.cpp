// zenome db upgrade DIR [--threads N]: rewrites the segments written in an older segment format in
// the current one, which has block checksums (src/store/admin/upgrade.h).
#include <iostream>
#include <memory>

#include "cli/db_subcommand.h"
#include "store/admin/upgrade.h"
#include "store/catalog/store_dir.h"
#include "store/segment/format.h"

namespace zenome::cli {

namespace {

struct UpgradeCliOptions {
  std::string dir;
  UpgradeOptions upgrade{.threads = 2};
  bool quiet = false;
};

Status RunUpgrade(const UpgradeCliOptions& options) {
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/true));
  ZENOME_ASSIGN_OR_RETURN(UpgradeStats stats, UpgradeStore(store, options.upgrade));
  if (options.quiet) return Status::Ok();
  std::cerr << "zenome db upgrade: ";
  if (stats.upgraded == 0) {
    std::cerr << "nothing to do (" << stats.segments << " segment" << (stats.segments == 1 ? "" : "s")
              << ", all in format " << segment::kFormatVersion << ")\n";
    return Status::Ok();
  }
  std::cerr << stats.upgraded << " of " << stats.segments << " segments rewritten in format "
            << segment::kFormatVersion << " (from";
  for (const auto& [version, count] : stats.from_version) std::cerr << " format " << version << ": " << count;
  std::cerr << "; " << stats.bytes_before << " bytes before, " << stats.bytes_after << " after)\n";
  return Status::Ok();
}

void AddUpgrade(CLI::App& db, Action& action, const CommandContext& /*context*/) {
  auto options = std::make_shared<UpgradeCliOptions>();
  CLI::App* command = db.add_subcommand(
      "upgrade", "Rewrite segments of an older segment format in the current one (with block checksums)");
  command->add_option("dir", options->dir, "Store directory")->required();
  AddThreadsOption(*command, options->upgrade.threads);
  AddQuietOption(*command, options->quiet);
  command->callback([options, &action] { action = [options]() -> Status { return RunUpgrade(*options); }; });
}

const bool kRegistered = RegisterDbSubcommand(77, AddUpgrade);

}  // namespace

}  // namespace zenome::cli
