// zenome db query DIR (--region CHR:START-END | --gene SYMBOL | --variant CHR-POS-REF-ALT)
//                     [--by DIMENSION] [--format tsv|json] [--carriers --allow-carriers]
// Allele counts and frequencies of stored variants, overall and per group (store/variants/
// frequency_query.h, rendered by store/render/render.h). Carrier pseudonyms only with an explicit
// permission flag.
#include <iostream>
#include <memory>

#include "cli/db_subcommand.h"
#include "store/catalog/store_dir.h"
#include "store/render/render.h"
#include "store/variants/frequency_query.h"

namespace zenome::cli {

namespace {

struct QueryOptions {
  std::string dir;
  FrequencyRequest request;
  std::string format = "tsv";
};

Status RunQuery(const QueryOptions& options) {
  ZENOME_ASSIGN_OR_RETURN(OutputFormat format,
                          ParseOutputFormat(options.format, {OutputFormat::kTsv, OutputFormat::kJson}));
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/false));
  ZENOME_ASSIGN_OR_RETURN(FrequencyTable table, QueryFrequencies(store, options.request));
  for (const auto& note : table.notes) std::cerr << "zenome db query: " << note << '\n';
  WriteFrequencyTable(table, format, std::cout);
  return Status::Ok();
}

void AddQuery(CLI::App& db, Action& action, const CommandContext& context) {
  auto options = std::make_shared<QueryOptions>();
  FrequencyRequest& request = options->request;
  CLI::App* query = db.add_subcommand("query", "Allele counts and frequencies of stored variants");
  query->add_option("dir", options->dir, "Store directory")->required();
  query->add_option("--region", request.region, "CHR:START-END (1-based, inclusive)");
  query->add_option("--variant", request.variant, "CHR-POS-REF-ALT (or CHR:POS:REF:ALT)");
  query->add_option("--gene", request.gene, "Gene symbol or ID (needs zenome db annotate)");
  query->add_option("--by", request.by, "Break counts down by population, diagnosis or sex");
  query->add_option("--format", options->format, "tsv or json")->capture_default_str();
  query->add_flag("--carriers", request.carriers, "List carrier pseudonyms (needs --allow-carriers)");
  query->add_flag("--allow-carriers", request.carriers_permitted,
                  "Confirm you may see which genomes carry a variant");
  AddContigAliasOption(*query, context);
  query->callback([options, &action] { action = [options]() -> Status { return RunQuery(*options); }; });
}

const bool kRegistered = RegisterDbSubcommand(40, AddQuery);

}  // namespace

}  // namespace zenome::cli
