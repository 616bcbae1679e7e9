// zenome db stats DIR [--format text|json]: segments, genomes, variants per contig, bytes on disk
// and per genome (src/store/store_stats.h), and the row counts of the clinical layers.
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/db_subcommand.h"
#include "store/admin/stats.h"
#include "store/catalog/store_dir.h"
#include "store/layers/export.h"

namespace zenome::cli {

namespace {

struct StatsCliOptions {
  std::string dir;
  std::string format = "text";
};

Status RunStats(const StatsCliOptions& options) {
  if (options.format != "text" && options.format != "json")
    return Status::Usage("--format must be text or json");
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/false));
  ZENOME_ASSIGN_OR_RETURN(StoreStats stats, ComputeStoreStats(store));
  ZENOME_ASSIGN_OR_RETURN(auto layers, LayerRowCounts(*store.catalog));
  if (options.format == "json") {
    nlohmann::json json = {{"build", stats.build},
                           {"segments", stats.segments},
                           {"genomes", stats.genomes},
                           {"replaced_genomes", stats.replaced},
                           {"variants", stats.variants},
                           {"segment_bytes", stats.segment_bytes},
                           {"catalog_bytes", stats.catalog_bytes},
                           {"total_bytes", stats.total_bytes},
                           {"bytes_per_genome", stats.bytes_per_genome}};
    nlohmann::json contigs = nlohmann::json::array();
    for (const auto& [contig, variants] : stats.variants_per_contig) {
      contigs.push_back({{"contig", contig}, {"variants", variants}});
    }
    json["variants_per_contig"] = contigs;
    nlohmann::json segments = nlohmann::json::array();
    for (const auto& segment : stats.per_segment) {
      segments.push_back({{"segment", segment.directory},
                          {"created", segment.created},
                          {"coverage", segment.coverage},
                          {"samples", segment.samples},
                          {"variants", segment.variants},
                          {"bytes", segment.bytes}});
    }
    json["per_segment"] = segments;
    nlohmann::json tables = nlohmann::json::object();
    for (const auto& [table, rows] : layers) tables[table] = rows;
    json["layers"] = tables;
    std::cout << json.dump(1) << '\n';
    return Status::Ok();
  }
  char per_genome[32];
  std::snprintf(per_genome, sizeof(per_genome), "%.0f", stats.bytes_per_genome);
  std::cout << "build\t" << stats.build << "\nsegments\t" << stats.segments << "\ngenomes\t" << stats.genomes
            << "\nreplaced genomes\t" << stats.replaced << "\nvariants\t" << stats.variants
            << "\nsegment bytes\t" << stats.segment_bytes << "\ncatalog bytes\t" << stats.catalog_bytes
            << "\ntotal bytes\t" << stats.total_bytes << "\nbytes per genome\t" << per_genome << '\n';
  for (const auto& [contig, variants] : stats.variants_per_contig) {
    std::cout << "variants on " << contig << '\t' << variants << '\n';
  }
  for (const auto& segment : stats.per_segment) {
    std::cout << "segment " << segment.directory << '\t' << segment.samples << " genomes, "
              << segment.variants << " variants, " << segment.bytes << " bytes, " << segment.coverage << ", "
              << segment.created << '\n';
  }
  for (const auto& [table, rows] : layers) std::cout << "rows in " << table << '\t' << rows << '\n';
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
