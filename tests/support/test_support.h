#pragma once
// Helpers shared by the unit tests: scratch directories, writing small fixtures, running the
// zenome binary.

#include <filesystem>
#include <string>
#include <vector>

namespace zenome::testing {

// A fresh directory under the build tree's temp area, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

void WriteFile(const std::string& path, const std::string& content);
std::string ReadFile(const std::string& path);
std::vector<std::string> ReadLines(const std::string& path);

// Writes FASTA + builds .fai via htslib. `contigs` are (name, sequence) pairs.
void WriteFasta(const std::string& path, const std::vector<std::pair<std::string, std::string>>& contigs);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs a shell command line, capturing stdout and stderr.
CommandResult RunShell(const std::string& command_line);
// Path of the zenome binary under test.
std::string ZenomeBinary();

// Exhaustive tests (a fault at every point, a flipped bit at every byte) try every k-th case,
// k = ZENOME_TEST_STRIDE (default 1: all of them). The sanitizer phase of scripts/test.sh sets
// it: the plain build has tried every case, and the sanitized one looks for memory errors on the
// same paths at a fraction of the cost.
int ExhaustiveStride();
// Runs "zenome ARGS" (ARGS is a shell-quoted string).
CommandResult RunZenome(const std::string& args);
// Directory of checked-in fixtures (tests/data).
std::string TestDataDir();
// True when `tool` (e.g. "bcftools") is on PATH.
bool HaveTool(const std::string& tool);

}  // namespace zenome::testing
