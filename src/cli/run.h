#pragma once
// The whole `zenome` command line as one call, so that the binary's main() and test harnesses
// (tests/faults/fault_runner.cpp) run exactly the same thing.

namespace zenome::cli {

// Parses argv (argv[0] is the program name), runs the subcommand and returns the exit status;
// errors are printed on stderr.
int RunZenome(int argc, char** argv);

}  // namespace zenome::cli
