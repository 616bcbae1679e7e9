// zenome db export DIR --sites -o SITES.vcf.gz [--by population,sex,diagnosis]
// zenome db export DIR --samples S1,S2,... -o OUT.bcf [--key-file K]
// zenome db export DIR --layer clinical|omics|pro|pathology|imaging|wearable|ontology -o TABLE.tsv
// A gnomAD-style sites VCF of the store's counts (read back by `zenome annotate --af`), or chosen
// genomes' genotypes with pseudonyms as sample names (src/store/variant_export.h), or one clinical
// layer as a TSV table keyed by pseudonym (src/store/layer_export.h).
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/db_subcommand.h"
#include "store/catalog/pseudonymizer.h"
#include "store/catalog/store_dir.h"
#include "store/layers/export.h"
#include "store/layers/import.h"
#include "store/variants/export.h"

namespace zenome::cli {

namespace {

struct ExportCliOptions {
  std::string dir;
  bool sites = false;
  std::string samples;
  std::string layer;
  std::string by;
  std::string key_file;
  OutputOptions output;
  bool quiet = false;
};

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, ',')) {
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

Status RunExport(const ExportCliOptions& options, const CommandContext& context) {
  if (options.sites + !options.samples.empty() + !options.layer.empty() != 1) {
    return Status::Usage("zenome db export needs one of --sites, --samples S1,S2,... or --layer LAYER");
  }
  if (!options.layer.empty()) {
    ZENOME_ASSIGN_OR_RETURN(LayerKind layer, ParseLayerKind(options.layer));
    ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/false));
    ZENOME_RETURN_IF_ERROR(ExportLayer(*store.catalog, layer, options.output.output));
    if (!options.quiet && options.output.output != "-") {
      std::cerr << "zenome db export: " << options.layer << " layer written to " << options.output.output
                << '\n';
    }
    return Status::Ok();
  }
  if (options.output.output == "-" && options.output.write_index) {
    return Status::Usage("-W (index) needs an output file (-o)");
  }
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/false));
  if (options.sites) {
    SitesExportOptions sites;
    sites.output = options.output.output;
    sites.dimensions = SplitList(options.by);
    ZENOME_RETURN_IF_ERROR(ConfigureVcfWriter(options.output, context, sites.writer));
    // bgzipped VCF and BCF files are always indexed, so `zenome annotate --af` can read them.
    bool compressed = sites.writer.type == VcfOutputType::kVcfGz || sites.writer.type == VcfOutputType::kBcf;
    if (sites.output != "-" && compressed) sites.writer.write_index = true;
    ZENOME_ASSIGN_OR_RETURN(ExportStats stats, ExportSites(store, sites));
    if (!options.quiet) {
      std::cerr << "zenome db export: " << stats.records << " sites over " << stats.samples << " genomes";
      if (stats.groups > 0) std::cerr << ", " << stats.groups << " groups";
      std::cerr << '\n';
    }
    return Status::Ok();
  }
  SamplesExportOptions samples;
  samples.output = options.output.output;
  samples.samples = SplitList(options.samples);
  ZENOME_RETURN_IF_ERROR(ConfigureVcfWriter(options.output, context, samples.writer));
  // The command line may hold raw sample names: it is not recorded in the output.
  samples.writer.command_line.clear();
  std::optional<Pseudonymizer> pseudonymizer;
  bool any_raw = false;
  for (const auto& name : samples.samples) any_raw = any_raw || !Pseudonymizer::LooksLikePseudonym(name);
  if (any_raw) {
    ZENOME_ASSIGN_OR_RETURN(pseudonymizer, Pseudonymizer::FromOptionOrEnvironment(options.key_file));
    samples.pseudonymizer = &*pseudonymizer;
  }
  ZENOME_ASSIGN_OR_RETURN(ExportStats stats, ExportSamples(store, samples));
  if (!options.quiet) {
    std::cerr << "zenome db export: " << stats.records << " records of " << stats.samples << " genome"
              << (stats.samples == 1 ? "" : "s") << '\n';
  }
  return Status::Ok();
}

void AddExport(CLI::App& db, Action& action, const CommandContext& context) {
  auto options = std::make_shared<ExportCliOptions>();
  CLI::App* command = db.add_subcommand(
      "export", "Export a sites VCF with counts per group, genomes' genotypes, or a clinical layer");
  command->add_option("dir", options->dir, "Store directory")->required();
  command->add_flag("--sites", options->sites, "Sites VCF: INFO AC, AN, AF, nhomalt (and per group)");
  command->add_option("--by", options->by,
                      "With --sites: groups by population, sex and/or diagnosis (comma-separated)");
  command->add_option("--samples", options->samples,
                      "Genotypes of these genomes (comma-separated pseudonyms, or raw names with the key)");
  command->add_option(
      "--layer", options->layer,
      "A clinical layer as TSV: clinical, omics, pro, pathology, imaging, wearable or ontology");
  AddKeyFileOption(*command, options->key_file);
  AddOutputOptions(*command, options->output);
  AddQuietOption(*command, options->quiet);
  command->callback([options, &action, context] {
    action = [options, context]() -> Status { return RunExport(*options, context); };
  });
}

const bool kRegistered = RegisterDbSubcommand(60, AddExport);

}  // namespace

}  // namespace zenome::cli
