// zenome annotate: consequences, HGVS, frequencies and ClinVar for every allele of a VCF/BCF.
#include <iostream>

#include "annotate/annotator.h"
#include "cli/commands.h"
#include "core/diagnostics.h"

namespace zenome::cli {

namespace {
struct AnnotateCliOptions {
  AnnotateOptions run;
  OutputOptions output;
  bool tsv = false;
  bool json = false;
  bool no_hgvs = false;
  bool quiet = false;
};
}  // namespace

Command AnnotateCommand() {
  return {"annotate", "Consequences (VEP-compatible CSQ), HGVS, population frequencies and ClinVar",
          [](CLI::App& app, const CommandContext& context) -> Action {
            auto options = std::make_shared<AnnotateCliOptions>();
            AnnotateOptions& run = options->run;
            app.add_option("input", run.input, "Input VCF/BCF ('-' for stdin)")->required();
            app.add_option("-f,--fasta-ref", run.reference_fasta, "Reference FASTA (with or without .fai)")
                ->required();
            app.add_option("-g,--genes", run.gene_model,
                           "Gene models: GFF3 (Ensembl/GENCODE) or GTF, plain or gzipped")
                ->required();
            app.add_option("--af", run.frequency_sources,
                           "Population frequencies: [NAME=]SITES.vcf.gz:FIELD,FIELD,... (repeatable); "
                           "values go into CSQ as NAME_FIELD")
                ->take_all();
            app.add_option("--clinvar", run.clinvar, "ClinVar VCF (bgzipped + indexed)");
            app.add_flag("--pick", run.pick, "One consequence per allele, in VEP's --pick order");
            app.add_flag("--no-hgvs", options->no_hgvs, "Skip HGVS g./c./p. notation");
            app.add_option("--distance", run.upstream_downstream_distance,
                           "Upstream/downstream distance in bases")
                ->capture_default_str();
            auto* tsv = app.add_flag("--tsv", options->tsv, "Write TSV (one row per allele and transcript)");
            auto* json =
                app.add_flag("--json", options->json, "Write JSON Lines (one object per record, VEP-like)");
            tsv->excludes(json);
            app.add_flag("--strict", run.strict,
                         "Per-record problems are errors (default: counted and reported)");
            app.add_flag("--allow-contig-length-mismatch", run.allow_contig_length_mismatch,
                         "VCF header contig lengths that differ from the reference's are a warning "
                         "(excerpts, custom references)");
            AddOutputOptions(app, options->output);
            AddThreadsOption(app, run.threads);
            AddContigAliasOption(app, context);
            AddQuietOption(app, options->quiet);
            return [options, context]() -> Status {
              AnnotateOptions run = options->run;
              run.output = options->output.output;
              run.hgvs = !options->no_hgvs;
              // -O, -W and --no-version; for TSV/JSON only z (BGZF) and its level apply.
              ZENOME_RETURN_IF_ERROR(ConfigureVcfWriter(options->output, context, run.writer));
              if (options->tsv || options->json) {
                run.format = options->tsv ? AnnotationFormat::kTsv : AnnotationFormat::kJson;
                if (run.writer.type == VcfOutputType::kBcf ||
                    run.writer.type == VcfOutputType::kBcfUncompressed) {
                  return Status::Usage("-O b/u (BCF) cannot be combined with --tsv or --json");
                }
                run.bgzip_text = run.writer.type == VcfOutputType::kVcfGz;
              }
              Diagnostics diagnostics(5, WarningsToStderr());
              diagnostics.set_quiet(options->quiet);
              ZENOME_ASSIGN_OR_RETURN(AnnotateStats stats, AnnotateVcf(run, diagnostics));
              if (!options->quiet) {
                std::cerr << "zenome annotate: " << FormatAnnotateSummary(stats);
                std::string problems = diagnostics.Summary();
                if (!problems.empty()) std::cerr << "  warnings: " << problems << '\n';
              }
              return Status::Ok();
            };
          }};
}

}  // namespace zenome::cli
