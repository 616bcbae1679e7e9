// zenome db: the information platform's store. Each subcommand lives in db_<name>.cpp, parses its
// options and makes one library call into src/store; this file only assembles them.
#include <algorithm>
#include <memory>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "cli/db_subcommand.h"

namespace zenome::cli {

namespace {

std::vector<std::pair<int, AddDbSubcommand>>& Registry() {
  static std::vector<std::pair<int, AddDbSubcommand>> registry;
  return registry;
}

}  // namespace

bool RegisterDbSubcommand(int order, AddDbSubcommand add) {
  Registry().emplace_back(order, std::move(add));
  return true;
}

void AddKeyFileOption(CLI::App& app, std::string& key_file) {
  app.add_option("--key-file", key_file,
                 "File holding the pseudonymisation key (default: $ZENOME_PSEUDONYM_KEY_FILE); "
                 "the key never enters the store");
}

Command DbCommand() {
  return {"db",
          "The genome store: init, ingest, import, query, cohort, export, compact, upgrade, stats, check",
          [](CLI::App& app, const CommandContext& context) -> Action {
            auto action = std::make_shared<Action>();
            app.require_subcommand(1);
            auto subcommands = Registry();
            std::stable_sort(subcommands.begin(), subcommands.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            for (const auto& [order, add] : subcommands) add(app, *action, context);
            return [action]() -> Status {
              if (!*action) return Status::Usage("zenome db needs a subcommand (see zenome help db)");
              return (*action)();
            };
          }};
}

}  // namespace zenome::cli
