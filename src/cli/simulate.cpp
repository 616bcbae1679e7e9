// zenome simulate: a deterministic synthetic genome, genes, population, ClinVar, cases, tumours, a
// cohort with clinical layers, and gVCFs.
#include <algorithm>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "core/text.h"
#include "simulate/simulate.h"

namespace zenome::cli {

namespace {
struct SimulateCliOptions {
  simulate::SimulateOptions run;
  std::string genome_size = "2m";
  std::string genes;  // empty: automatic
  std::string populations = "eas,eur,afr";
  bool no_population_vcf = false;
  bool no_sample_vcfs = false;
  bool no_cohort = false;
  bool quiet = false;
};

}  // namespace

Command SimulateCommand() {
  return {
      "simulate",
      "Make a deterministic synthetic genome, genes, population, ClinVar, cases, tumours and a cohort",
      [](CLI::App& app, const CommandContext&) -> Action {
        auto options = std::make_shared<SimulateCliOptions>();
        simulate::SimulateOptions& run = options->run;
        run.threads = static_cast<int>(std::min(4u, std::max(1u, std::thread::hardware_concurrency())));
        app.add_option("-o,--output", run.output_dir, "Output directory (created if missing)")->required();
        app.add_option("--seed", run.seed, "Random seed: the same seed and options give identical files")
            ->capture_default_str();
        app.add_option("--genome-size", options->genome_size, "Genome size without chrM (k/m/g suffixes)")
            ->capture_default_str();
        app.add_option("--contigs", run.genome.autosomes,
                       "Autosomes chr1..chrN besides chrX, chrY, chrM (0: 22 from 500m, else 5)")
            ->capture_default_str();
        app.add_option("--genes", options->genes, "Number of genes (default: ~60,000 per 3.1g, at least 60)");
        app.add_option("--samples", run.population.samples, "Population samples")->capture_default_str();
        app.add_option("--populations", options->populations, "Comma-separated population names")
            ->capture_default_str();
        app.add_option("--variants-per-kb", run.population.variants_per_kb,
                       "Variants per kb in each sample's genome (SNVs and indels)")
            ->capture_default_str();
        app.add_option("--cases", run.cases.count, "Rare-disease cases")->capture_default_str();
        app.add_option("--tumours", run.tumours.count, "Tumour/normal pairs")->capture_default_str();
        app.add_option("--somatic-per-mb", run.tumours.somatic_per_mb, "Somatic mutation burden per Mb")
            ->capture_default_str();
        app.add_flag("--no-population-vcf", options->no_population_vcf, "Skip population.vcf.gz");
        app.add_flag("--no-sample-vcfs", options->no_sample_vcfs, "Skip samples/<SAMPLE>.vcf.gz");
        app.add_flag("--gvcf", run.gvcf.write,
                     "Also write samples/<SAMPLE>.g.vcf.gz (GATK-style gVCF with reference blocks)");
        app.add_flag("--no-cohort", options->no_cohort,
                     "Skip cohort/ (clinical, omics, PRO, pathology, imaging, wearable layers and hp.obo)");
        app.add_option("--wearable-days", run.cohort.wearable_days,
                       "Days of hourly wearable data per participant who has a wearable")
            ->capture_default_str();
        AddThreadsOption(app, run.threads);
        AddQuietOption(app, options->quiet);
        return [options]() -> Status {
          simulate::SimulateOptions run = options->run;
          ZENOME_ASSIGN_OR_RETURN(run.genome.genome_size, simulate::ParseSize(options->genome_size));
          if (!options->genes.empty()) {
            ZENOME_ASSIGN_OR_RETURN(run.genes.count, simulate::ParseSize(options->genes));
            if (run.genes.count == 0) return Status::Usage("--genes must be at least 1");
          }
          run.population.populations = SplitList(options->populations, ',');
          run.population.population_vcf = !options->no_population_vcf;
          run.population.sample_vcfs = !options->no_sample_vcfs;
          run.cohort.write = !options->no_cohort;
          if (!options->quiet) {
            run.progress = [](const std::string& message) {
              std::cerr << "zenome simulate: " << message << '\n';
            };
          }
          ZENOME_ASSIGN_OR_RETURN(simulate::SimulationSummary summary, simulate::Simulate(run));
          if (!options->quiet) std::cerr << simulate::FormatSummary(summary) << '\n';
          return Status::Ok();
        };
      }};
}

}  // namespace zenome::cli
