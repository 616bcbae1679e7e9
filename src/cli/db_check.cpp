// zenome db check DIR [--full]: exit 0 only when the store is consistent; otherwise every problem
// is listed on stdout (src/store/store_check.h).
#include <iostream>
#include <memory>

#include "cli/db_subcommand.h"
#include "store/admin/check.h"
#include "store/catalog/store_dir.h"

namespace zenome::cli {

namespace {

struct CheckCliOptions {
  std::string dir;
  bool full = false;
  bool quiet = false;
};

Status RunCheck(const CheckCliOptions& options) {
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/false));
  CheckOptions check;
  check.full = options.full;
  ZENOME_ASSIGN_OR_RETURN(CheckReport report, CheckStore(store, check));
  for (const auto& problem : report.problems) std::cout << "problem: " << problem << '\n';
  if (!options.quiet) {
    for (const auto& note : report.notes) std::cerr << "zenome db check: note: " << note << '\n';
    std::cerr << "zenome db check: " << report.segments << " segments, " << report.files << " files, "
              << report.samples << " sample rows, " << report.sites_checked << " variant counts recounted"
              << (options.full ? " (all)" : " (sampled; --full for all)") << ": "
              << (report.ok() ? "consistent" : std::to_string(report.problems.size()) + " problems") << '\n';
  }
  if (!report.ok()) {
    return Status::Conflict(options.dir + " is not consistent: " + std::to_string(report.problems.size()) +
                            " problem" + (report.problems.size() == 1 ? "" : "s") + " (listed above)");
  }
  return Status::Ok();
}

void AddCheck(CLI::App& db, Action& action, const CommandContext& /*context*/) {
  auto options = std::make_shared<CheckCliOptions>();
  CLI::App* command =
      db.add_subcommand("check", "Verify the store: segments, checksums, samples, counts, layers");
  command->add_option("dir", options->dir, "Store directory")->required();
  command->add_flag("--full", options->full, "Recount every variant (default: a sample of each contig)");
  AddQuietOption(*command, options->quiet);
  command->callback([options, &action] { action = [options]() -> Status { return RunCheck(*options); }; });
}

const bool kRegistered = RegisterDbSubcommand(80, AddCheck);

}  // namespace

}  // namespace zenome::cli
