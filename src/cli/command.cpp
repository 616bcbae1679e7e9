#include "cli/command.h"

#include <iostream>

#include "cli/commands.h"

namespace zenome::cli {

void AddOutputOptions(CLI::App& app, OutputOptions& options) {
  app.add_option("-o,--output", options.output, "Output file ('-' for stdout)")->capture_default_str();
  app.add_option("-O,--output-type", options.output_type,
                 "v: VCF, z: bgzipped VCF, b: BCF, u: uncompressed BCF, optionally with a compression "
                 "level (b4, z9; default 1); default type: from the file name")
      ->check([](const std::string& text) {
        Result<VcfOutputSpec> spec = ParseVcfOutputType(text);
        return spec.ok() ? std::string() : spec.status().message();
      });
  app.add_flag("-W,--write-index", options.write_index, "Write an index (.csi for BCF, .tbi for VCF.gz)");
  app.add_flag("--no-version", options.no_version,
               "Do not add ##zenome_version/##zenome_command header lines");
}

Status ConfigureVcfWriter(const OutputOptions& options, const CommandContext& context,
                          VcfWriterOptions& writer) {
  if (options.output_type.empty()) {
    writer.type = InferVcfOutputType(options.output);
  } else {
    ZENOME_ASSIGN_OR_RETURN(VcfOutputSpec spec, ParseVcfOutputType(options.output_type));
    writer.type = spec.type;
    writer.compression_level = spec.compression_level;
  }
  writer.write_index = options.write_index;
  writer.record_version = !options.no_version;
  writer.command_line = context.command_line;
  return Status::Ok();
}

std::function<void(const std::string&)> WarningsToStderr() {
  return [](const std::string& message) { std::cerr << "zenome: warning: " << message << '\n'; };
}

void AddThreadsOption(CLI::App& app, int& threads) {
  app.add_option("--threads", threads, "Worker threads (0: single-threaded)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
}

void AddContigAliasOption(CLI::App& app, const CommandContext& context) {
  app.add_option("--contig-alias", *context.contig_alias,
                 "Contig names that are one contig, a contig per line, plain or gzipped: two columns: a "
                 "contig name and its alias (e.g. NC_000001.11 chr1), '#' comments")
      ->type_name("FILE");
}

void AddQuietOption(CLI::App& app, bool& quiet) {
  app.add_flag("-q,--quiet", quiet, "No progress or summary on stderr");
}

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> kCommands = {
      AnnotateCommand(),
      DbCommand(),
      NormCommand(),
      SimulateCommand(),
  };
  return kCommands;
}

}  // namespace zenome::cli
