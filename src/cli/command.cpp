#include "cli/command.h"

#include "cli/commands.h"

namespace zenome::cli {

void AddOutputOptions(CLI::App& app, OutputOptions& options) {
  app.add_option("-o,--output", options.output, "Output file ('-' for stdout)")->capture_default_str();
  app.add_option("-O,--output-type", options.output_type,
                 "v: VCF, z: bgzipped VCF, b: BCF, u: uncompressed BCF (default: from the file name)")
      ->check(CLI::IsMember({"v", "z", "b", "u"}));
  app.add_flag("-W,--write-index", options.write_index, "Write an index (.csi for BCF, .tbi for VCF.gz)");
  app.add_flag("--no-version", options.no_version,
               "Do not add ##zenome_version/##zenome_command header lines");
}

void AddThreadsOption(CLI::App& app, int& threads) {
  app.add_option("--threads", threads, "Worker threads (0: single-threaded)")
      ->check(CLI::Range(0, 256))
      ->capture_default_str();
}

void AddQuietOption(CLI::App& app, bool& quiet) {
  app.add_flag("-q,--quiet", quiet, "No progress or summary on stderr");
}

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> kCommands = {
      AnnotateCommand(),
      NormCommand(),
      SimulateCommand(),
  };
  return kCommands;
}

}  // namespace zenome::cli
