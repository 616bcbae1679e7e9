// zenome norm: left-align, trim and split variants (bcftools norm's job, with zenome's errors).
#include <iostream>

#include "cli/commands.h"
#include "core/diagnostics.h"
#include "core/normalize_vcf.h"

namespace zenome::cli {

namespace {
struct NormOptions {
  std::string input;
  std::string reference;
  std::string multiallelic;
  std::string check_ref = "e";
  int64_t site_window = 1000;
  int threads = 0;
  bool strict = false;
  bool allow_contig_length_mismatch = false;
  bool quiet = false;
  OutputOptions output;
};

Result<RefCheck> ParseRefCheck(const std::string& letter) {
  if (letter == "e") return RefCheck::kError;
  if (letter == "w") return RefCheck::kWarn;
  if (letter == "x") return RefCheck::kExclude;
  if (letter == "s") return RefCheck::kSet;
  return Status::Usage("--check-ref must be e, w, x or s");
}
}  // namespace

Command NormCommand() {
  return {"norm", "Left-align and trim indels, split multi-allelic records (as bcftools norm)",
          [](CLI::App& app, const CommandContext& context) -> Action {
            auto options = std::make_shared<NormOptions>();
            app.add_option("input", options->input, "Input VCF/BCF ('-' for stdin)")->required();
            app.add_option("-f,--fasta-ref", options->reference, "Reference FASTA (indexed or indexable)");
            app.add_option("-m,--multiallelics", options->multiallelic, "'-' splits multi-allelic records")
                ->check(CLI::IsMember({"-"}));
            app.add_option("-c,--check-ref", options->check_ref,
                           "REF mismatch: e error, w warn, x exclude record, s set REF from reference")
                ->check(CLI::IsMember({"e", "w", "x", "s"}))
                ->capture_default_str();
            app.add_option("--site-win", options->site_window, "Re-sorting window in bases")
                ->capture_default_str();
            app.add_flag("--strict", options->strict,
                         "Malformed records are errors (default: counted, skipped)");
            app.add_flag("--allow-contig-length-mismatch", options->allow_contig_length_mismatch,
                         "VCF header contig lengths that differ from the reference's are a warning "
                         "(excerpts, custom references)");
            AddOutputOptions(app, options->output);
            AddThreadsOption(app, options->threads);
            AddContigAliasOption(app, context);
            AddQuietOption(app, options->quiet);
            return [options, context]() -> Status {
              NormalizeVcfOptions run;
              run.input = options->input;
              run.reference_fasta = options->reference;
              run.output = options->output.output;
              ZENOME_ASSIGN_OR_RETURN(run.normalizer.ref_check, ParseRefCheck(options->check_ref));
              run.normalizer.split_multiallelic = options->multiallelic == "-";
              run.sort_window = options->site_window;
              run.threads = options->threads;
              run.strict = options->strict;
              run.allow_contig_length_mismatch = options->allow_contig_length_mismatch;
              ZENOME_RETURN_IF_ERROR(ConfigureVcfWriter(options->output, context, run.writer));
              Diagnostics diagnostics(5, WarningsToStderr());
              diagnostics.set_quiet(options->quiet);
              ZENOME_ASSIGN_OR_RETURN(NormalizeVcfStats stats, NormalizeVcf(run, diagnostics));
              if (!options->quiet) {
                std::cerr << "zenome norm: " << stats.records_in << " records in, " << stats.records_out
                          << " out, " << stats.split << " split, " << stats.realigned << " realigned, "
                          << stats.skipped << " skipped";
                std::string problems = diagnostics.Summary();
                if (!problems.empty()) std::cerr << " (" << problems << ")";
                std::cerr << '\n';
              }
              return Status::Ok();
            };
          }};
}

}  // namespace zenome::cli
