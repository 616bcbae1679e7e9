// zenome db cohort DIR QUERY.json [--count | --list] [--format tsv|json] [--explain] [-o FILE]:
// participants matching a cross-layer cohort query (store/cohort/cohort.h; the JSON grammar is in
// src/store/README.md). Prints how many, or their pseudonyms (store/render/render.h).
#include <memory>
#include <sstream>

#include "cli/db_subcommand.h"
#include "core/text_writer.h"
#include "store/catalog/store_dir.h"
#include "store/cohort/cohort.h"
#include "store/render/render.h"

namespace zenome::cli {

namespace {

struct CohortOptions {
  std::string dir;
  std::string query;
  bool count = false;
  CohortView view;
  std::string format = "tsv";
  std::string output = "-";
};

Status RunCohort(const CohortOptions& options) {
  ZENOME_ASSIGN_OR_RETURN(OutputFormat format,
                          ParseOutputFormat(options.format, {OutputFormat::kTsv, OutputFormat::kJson}));
  ZENOME_ASSIGN_OR_RETURN(auto query, ReadCohortQuery(options.query));
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/false));
  CohortEvaluator evaluator(store);
  ZENOME_ASSIGN_OR_RETURN(CohortResult result, evaluator.Evaluate(query, options.query));
  std::ostringstream text;
  WriteCohortResult(result, options.view, format, text);
  ZENOME_ASSIGN_OR_RETURN(auto writer, TextWriter::Open(options.output, false, nullptr));
  ZENOME_RETURN_IF_ERROR(writer->Write(text.str()));
  return writer->Close();
}

void AddCohort(CLI::App& db, Action& action, const CommandContext& context) {
  auto options = std::make_shared<CohortOptions>();
  CLI::App* cohort = db.add_subcommand("cohort", "Participants matching a cross-layer cohort query (JSON)");
  cohort->add_option("dir", options->dir, "Store directory")->required();
  cohort->add_option("query", options->query, "Cohort query JSON file ('-' for stdin)")->required();
  auto* count = cohort->add_flag("--count", options->count, "Print how many participants match (default)");
  cohort->add_flag("--list", options->view.list, "Print the matching participants' pseudonyms")
      ->excludes(count);
  cohort->add_flag("--explain", options->view.explain,
                   "Also print how many each criterion matched on its own");
  cohort->add_option("--format", options->format, "tsv or json")->capture_default_str();
  cohort->add_option("-o,--output", options->output, "Output file (default: stdout)");
  AddContigAliasOption(*cohort, context);
  cohort->callback([options, &action] { action = [options]() -> Status { return RunCohort(*options); }; });
}

const bool kRegistered = RegisterDbSubcommand(45, AddCohort);

}  // namespace

}  // namespace zenome::cli
