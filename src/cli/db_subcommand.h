#pragma once
// `zenome db` subcommands, one file each (src/cli/db_<name>.cpp). Each file registers itself with
// RegisterDbSubcommand at static-initialisation time; db.cpp adds them to the `db` app in `order`.

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "cli/command.h"
#include "store/catalog/pseudonymizer.h"

namespace zenome::cli {

// Registers one subcommand's options on `db`; when the user chose it, its callback sets `action`.
using AddDbSubcommand = std::function<void(CLI::App& db, Action& action, const CommandContext& context)>;

// Returns true so that a file can write `const bool kRegistered = RegisterDbSubcommand(...)`.
bool RegisterDbSubcommand(int order, AddDbSubcommand add);

// --key-file: the pseudonymisation key (else $ZENOME_PSEUDONYM_KEY_FILE).
void AddKeyFileOption(CLI::App& app, std::string& key_file);

}  // namespace zenome::cli
