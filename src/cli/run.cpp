#include "cli/run.h"

#include <htslib/hts_log.h>

#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/contig_alias.h"
#include "core/status.h"
#include "zenome/version.h"

namespace zenome::cli {

namespace {

void PrintUsage(std::ostream& out) {
  out << "zenome " << zenome::kVersion << " — clinical whole-genome analysis\n\n"
      << "Usage: zenome <command> [options]\n\nCommands:\n";
  for (const Command& command : AllCommands()) {
    out << "  " << command.name << std::string(12 - std::min<size_t>(command.name.size(), 11), ' ')
        << command.summary << '\n';
  }
  out << "\n'zenome help <command>' or 'zenome <command> --help' describes a command.\n"
      << "Exit status: 0 ok, 1 bad input or failure, 2 usage error.\n";
}

const Command* FindCommand(const std::string& name) {
  for (const Command& command : AllCommands()) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

int RunCommand(const Command& command, std::vector<std::string> args, const std::string& command_line) {
  CLI::App app(command.summary, "zenome " + command.name);
  app.set_help_flag("-h,--help", "Print this help and exit");
  CommandContext context{command_line};
  Action action = command.configure(app, context);
  try {
    std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::ParseError& error) {
    std::cerr << "zenome " << command.name << ": " << error.what() << "\n"
              << "Run 'zenome help " << command.name << "' for usage.\n";
    return 2;
  }
  try {
    // The alias table is in place before the command opens anything or starts a thread, and is
    // removed after it (RunZenome may run again in the same process).
    std::optional<ScopedContigAliases> aliases;
    if (!context.contig_alias->empty()) {
      Result<ContigAliases> loaded = LoadContigAliases(*context.contig_alias);
      if (!loaded.ok()) {
        std::cerr << "zenome " << command.name << ": error: " << loaded.status().message() << '\n';
        return zenome::ExitCodeFor(loaded.status().code());
      }
      aliases.emplace(std::move(*loaded));
    }
    zenome::Status status = action();
    if (!status.ok()) {
      std::cerr << "zenome " << command.name << ": error: " << status.message() << '\n';
      return zenome::ExitCodeFor(status.code());
    }
    return 0;
  } catch (const zenome::ZenomeError& error) {
    std::cerr << "zenome " << command.name << ": error: " << error.status().message() << '\n';
    return zenome::ExitCodeFor(error.status().code());
  } catch (const std::exception& error) {
    std::cerr << "zenome " << command.name << ": internal error: " << error.what() << '\n';
    return 1;
  }
}

}  // namespace

int RunZenome(int argc, char** argv) {
  hts_set_log_level(HTS_LOG_ERROR);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    PrintUsage(std::cerr);
    return 2;
  }
  const std::string& first = args[0];
  if (first == "--version" || first == "version") {
    std::cout << "zenome " << zenome::kVersion << '\n';
    return 0;
  }
  if (first == "help" || first == "--help" || first == "-h") {
    if (args.size() < 2) {
      PrintUsage(std::cout);
      return 0;
    }
    const Command* command = FindCommand(args[1]);
    if (command == nullptr) {
      std::cerr << "zenome: unknown command '" << args[1] << "'\n";
      return 2;
    }
    return RunCommand(*command, {"--help"}, "");
  }
  const Command* command = FindCommand(first);
  if (command == nullptr) {
    std::cerr << "zenome: unknown command '" << first << "'\n\n";
    PrintUsage(std::cerr);
    return 2;
  }
  std::string command_line = "zenome";
  for (const std::string& arg : args) command_line += " " + arg;
  return RunCommand(*command, std::vector<std::string>(args.begin() + 1, args.end()), command_line);
}

}  // namespace zenome::cli
