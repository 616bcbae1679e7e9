// zenome db export DIR --sites -o SITES.vcf.gz [--by population,sex,diagnosis]
// zenome db export DIR --samples S1,S2,... -o OUT.bcf [--key-file K]
// zenome db export DIR --layer clinical|omics|pro|pathology|imaging|wearable|ontology -o TABLE.tsv
// A gnomAD-style sites VCF of the store's counts (read back by `zenome annotate --af`), or chosen
// genomes' genotypes with pseudonyms as sample names (store/variants/export.h), or one clinical
// layer as a TSV table keyed by pseudonym (store/layers/export.h).
#include <iostream>
#include <memory>

#include "cli/db_subcommand.h"
#include "store/catalog/store_dir.h"
#include "store/layers/export.h"
#include "store/variants/export.h"

namespace zenome::cli {

namespace {

struct ExportCliOptions {
  std::string dir;
  bool sites = false;
  std::string layer;
  SitesExportOptions sites_options;
  SamplesExportOptions samples_options;
  OutputOptions output;
  bool quiet = false;
};

Status RunExport(ExportCliOptions& options, const CommandContext& context) {
  if (options.sites + !options.samples_options.samples.empty() + !options.layer.empty() != 1) {
    return Status::Usage("zenome db export needs one of --sites, --samples S1,S2,... or --layer LAYER");
  }
  if (options.output.output == "-" && options.output.write_index) {
    return Status::Usage("-W (index) needs an output file (-o)");
  }
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/false));
  const std::string& output = options.output.output;
  std::string done;
  if (!options.layer.empty()) {
    ZENOME_ASSIGN_OR_RETURN(LayerKind layer, ParseLayerKind(options.layer));
    ZENOME_RETURN_IF_ERROR(ExportLayer(*store.catalog, layer, output));
    if (output != "-") done = options.layer + " layer written to " + output;
  } else if (options.sites) {
    options.sites_options.output = output;
    ZENOME_RETURN_IF_ERROR(ConfigureVcfWriter(options.output, context, options.sites_options.writer));
    ZENOME_ASSIGN_OR_RETURN(ExportStats stats, ExportSites(store, options.sites_options));
    done = std::to_string(stats.records) + " sites over " + std::to_string(stats.samples) + " genomes" +
           (stats.groups > 0 ? ", " + std::to_string(stats.groups) + " groups" : "");
  } else {
    options.samples_options.output = output;
    ZENOME_RETURN_IF_ERROR(ConfigureVcfWriter(options.output, context, options.samples_options.writer));
    ZENOME_ASSIGN_OR_RETURN(ExportStats stats, ExportSamples(store, options.samples_options));
    done = std::to_string(stats.records) + " records of " + std::to_string(stats.samples) + " genome" +
           (stats.samples == 1 ? "" : "s");
  }
  if (!options.quiet && !done.empty()) std::cerr << "zenome db export: " << done << '\n';
  return Status::Ok();
}

void AddExport(CLI::App& db, Action& action, const CommandContext& context) {
  auto options = std::make_shared<ExportCliOptions>();
  CLI::App* command = db.add_subcommand(
      "export", "Export a sites VCF with counts per group, genomes' genotypes, or a clinical layer");
  command->add_option("dir", options->dir, "Store directory")->required();
  command->add_flag("--sites", options->sites, "Sites VCF: INFO AC, AN, AF, nhomalt (and per group)");
  command
      ->add_option("--by", options->sites_options.dimensions,
                   "With --sites: groups by population, sex and/or diagnosis (comma-separated)")
      ->delimiter(',');
  command
      ->add_option("--samples", options->samples_options.samples,
                   "Genotypes of these genomes (comma-separated pseudonyms, or raw names with the key)")
      ->delimiter(',');
  command->add_option(
      "--layer", options->layer,
      "A clinical layer as TSV: clinical, omics, pro, pathology, imaging, wearable or ontology");
  AddKeyFileOption(*command, options->samples_options.key_file);
  AddOutputOptions(*command, options->output);
  AddQuietOption(*command, options->quiet);
  command->callback([options, &action, context] {
    action = [options, context]() -> Status { return RunExport(*options, context); };
  });
}

const bool kRegistered = RegisterDbSubcommand(60, AddExport);

}  // namespace

}  // namespace zenome::cli
