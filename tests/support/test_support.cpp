#include "support/test_support.h"

#include <htslib/faidx.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace zenome::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device device;
  auto base = std::filesystem::temp_directory_path() / "zenome-tests";
  std::filesystem::create_directories(base);
  path_ = base / (std::to_string(getpid()) + "-" + std::to_string(counter++) + "-" +
                  std::to_string(device() % 100000));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << content;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

void WriteFasta(const std::string& path, const std::vector<std::pair<std::string, std::string>>& contigs) {
  std::string text;
  for (const auto& [name, sequence] : contigs) {
    text += ">" + name + "\n";
    for (size_t i = 0; i < sequence.size(); i += 60) text += sequence.substr(i, 60) + "\n";
  }
  WriteFile(path, text);
  if (fai_build(path.c_str()) != 0) throw std::runtime_error("fai_build failed for " + path);
}

CommandResult RunShell(const std::string& command_line) {
  static std::atomic<int> counter{0};
  TempDir scratch;
  std::string out_path = scratch.File("stdout");
  std::string err_path = scratch.File("stderr");
  std::string full = "( " + command_line + " ) >" + out_path + " 2>" + err_path;
  int status = std::system(full.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  ++counter;
  return result;
}

std::string ZenomeBinary() {
  return ZENOME_BINARY;
}

CommandResult RunZenome(const std::string& args) {
  return RunShell(ZenomeBinary() + " " + args);
}

std::string TestDataDir() {
  return ZENOME_TEST_DATA_DIR;
}

bool HaveTool(const std::string& tool) {
  return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

int ExhaustiveStride() {
  const char* text = std::getenv("ZENOME_TEST_STRIDE");
  if (text == nullptr) return 1;
  const int stride = std::atoi(text);
  return stride > 1 ? stride : 1;
}

}  // namespace zenome::testing
