// zenome: one binary, subcommands from the table in command.cpp; RunZenome does the work.
#include "cli/run.h"

int main(int argc, char** argv) {
  return zenome::cli::RunZenome(argc, argv);
}
