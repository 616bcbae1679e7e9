#pragma once
// Every subcommand's table entry; each is defined in src/cli/<name>.cpp.

#include "cli/command.h"

namespace zenome::cli {

Command AnnotateCommand();
Command DbCommand();
Command NormCommand();
Command SimulateCommand();

}  // namespace zenome::cli
