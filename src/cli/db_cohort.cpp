// zenome db cohort DIR QUERY.json [--count | --list] [--format tsv|json] [--explain] [-o FILE]:
// participants matching a cross-layer cohort query (src/store/cohort.h; the JSON grammar is in
// src/store/README.md). Prints how many, or their pseudonyms.
#include <memory>
#include <sstream>

#include "cli/db_subcommand.h"
#include "core/text_writer.h"
#include "store/catalog/store_dir.h"
#include "store/cohort/cohort.h"

namespace zenome::cli {

namespace {

struct CohortOptions {
  std::string dir;
  std::string query;
  bool count = false;
  bool list = false;
  bool explain = false;
  std::string format = "tsv";
  std::string output = "-";
};

std::string Render(const CohortOptions& options, const CohortResult& result) {
  if (options.format == "json") {
    nlohmann::json out;
    out["count"] = result.participants.size();
    if (options.list) out["participants"] = result.participants;
    if (options.explain) {
      out["steps"] = nlohmann::json::array();
      for (const auto& step : result.steps) {
        out["steps"].push_back({{"path", step.path}, {"criterion", step.key}, {"matched", step.matched}});
      }
    }
    return out.dump(2) + "\n";
  }
  std::ostringstream out;
  if (options.explain) {
    out << "#criterion\tpath\tmatched\n";
    for (const auto& step : result.steps)
      out << '#' << step.key << '\t' << step.path << '\t' << step.matched << '\n';
  }
  if (options.list) {
    out << "participant\n";
    for (const auto& pseudonym : result.participants) out << pseudonym << '\n';
  } else {
    out << "count\n" << result.participants.size() << '\n';
  }
  return out.str();
}

void AddCohort(CLI::App& db, Action& action, const CommandContext& /*context*/) {
  auto options = std::make_shared<CohortOptions>();
  CLI::App* cohort = db.add_subcommand("cohort", "Participants matching a cross-layer cohort query (JSON)");
  cohort->add_option("dir", options->dir, "Store directory")->required();
  cohort->add_option("query", options->query, "Cohort query JSON file ('-' for stdin)")->required();
  auto* count = cohort->add_flag("--count", options->count, "Print how many participants match (default)");
  cohort->add_flag("--list", options->list, "Print the matching participants' pseudonyms")->excludes(count);
  cohort->add_flag("--explain", options->explain, "Also print how many each criterion matched on its own");
  cohort->add_option("--format", options->format, "tsv or json")
      ->check(CLI::IsMember({"tsv", "json"}))
      ->capture_default_str();
  cohort->add_option("-o,--output", options->output, "Output file (default: stdout)");
  cohort->callback([options, &action] {
    action = [options]() -> Status {
      ZENOME_ASSIGN_OR_RETURN(auto query, ReadCohortQuery(options->query));
      ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options->dir, /*for_writing=*/false));
      CohortEvaluator evaluator(store);
      ZENOME_ASSIGN_OR_RETURN(CohortResult result, evaluator.Evaluate(query));
      ZENOME_ASSIGN_OR_RETURN(auto writer, TextWriter::Open(options->output, false, nullptr));
      ZENOME_RETURN_IF_ERROR(writer->Write(Render(*options, result)));
      return writer->Close();
    };
  });
}

const bool kRegistered = RegisterDbSubcommand(45, AddCohort);

}  // namespace

}  // namespace zenome::cli
