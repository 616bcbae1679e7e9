#pragma once
// The CLI is a table of subcommands, one file each (bcftools' habit): src/cli/<name>.cpp defines an
// options struct, registers its flags on a CLI11 app and calls into the library. Nothing else.

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/vcf_writer.h"

namespace zenome::cli {

struct CommandContext {
  std::string command_line;  // the whole invocation, recorded in output headers
  // --contig-alias FILE of the commands that take it (AddContigAliasOption); RunZenome loads it and
  // installs it for the command's run, before the command does any work.
  std::shared_ptr<std::string> contig_alias = std::make_shared<std::string>();
};

using Action = std::function<Status()>;

struct Command {
  std::string name;
  std::string summary;
  // Adds the command's options to `app`; returns what to run once they are parsed.
  std::function<Action(CLI::App& app, const CommandContext& context)> configure;
};

// Options most commands share, registered the same way everywhere (-o, -O, -W, --threads, ...).
struct OutputOptions {
  std::string output = "-";
  std::string output_type;  // v|z|b|u; empty: from the file name
  bool write_index = false;
  bool no_version = false;
};
void AddOutputOptions(CLI::App& app, OutputOptions& options);
// Fills a VCF/BCF writer's options from -O (or the file name), -W and --no-version.
Status ConfigureVcfWriter(const OutputOptions& options, const CommandContext& context,
                          VcfWriterOptions& writer);
void AddThreadsOption(CLI::App& app, int& threads);
// --contig-alias FILE, for every command that reads a reference or meets the contig names of
// different sources (core/contig_alias.h): its names are one contig for the whole run.
void AddContigAliasOption(CLI::App& app, const CommandContext& context);
// The sink for a command's Diagnostics: each reported problem as "zenome: warning: ..." on stderr.
std::function<void(const std::string&)> WarningsToStderr();
void AddQuietOption(CLI::App& app, bool& quiet);

// One entry per subcommand, in the order `zenome help` lists them.
const std::vector<Command>& AllCommands();

}  // namespace zenome::cli
