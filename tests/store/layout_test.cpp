// The layout of src/store (README.md "Rooms"): each room includes only the rooms the table allows,
// never another room's *_internal.h, nothing at the store's top level, and every source is listed in
// CMakeLists.txt.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace zenome {
namespace {

namespace fs = std::filesystem;

fs::path StoreSourceDir() {
  return fs::path(ZENOME_TEST_DATA_DIR).parent_path().parent_path() / "src" / "store";
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Room → the rooms it may include (README.md's table; arrows point one way).
const std::map<std::string, std::set<std::string>>& Allowed() {
  static const std::map<std::string, std::set<std::string>> allowed = {
      {"catalog", {}},
      {"segment", {"catalog"}},
      {"ingest", {"catalog", "segment"}},
      {"layers", {"catalog"}},
      {"variants", {"catalog", "segment", "layers"}},
      {"cohort", {"catalog", "variants", "layers"}},
      {"admin", {"catalog", "segment", "variants", "layers"}},
      {"render", {"variants", "cohort", "layers", "admin"}},
  };
  return allowed;
}

TEST(StoreLayout, RoomsIncludeOnlyWhatTheTableAllows) {
  ASSERT_TRUE(fs::is_directory(StoreSourceDir())) << StoreSourceDir();
  const std::regex include_line(R"(#include "store/(([a-z_]+)/)?([a-z_0-9]+\.h)\")");
  std::string problems;
  int sources = 0;
  for (const auto& entry : fs::recursive_directory_iterator(StoreSourceDir())) {
    std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
    fs::path relative = fs::relative(entry.path(), StoreSourceDir());
    if (!relative.has_parent_path()) {
      problems += relative.string() + ": sources live in a room, not at the store's top level\n";
      continue;
    }
    ++sources;
    std::string room = relative.begin()->string();
    auto allowed = Allowed().find(room);
    if (allowed == Allowed().end()) {
      problems += room + "/ is not a room of the README's table\n";
      continue;
    }
    std::istringstream lines(Slurp(entry.path()));
    std::string line;
    while (std::getline(lines, line)) {
      std::smatch match;
      if (!std::regex_match(line, match, include_line)) continue;
      std::string target = match[2].str();
      std::string header = match[3].str();
      if (target.empty()) {
        problems += relative.string() + " includes the store's top level: " + line + "\n";
      } else if (target != room && !allowed->second.count(target)) {
        problems +=
            relative.string() + " (room " + room + ") may not include room " + target + ": " + line + "\n";
      } else if (target != room && header.ends_with("_internal.h")) {
        problems += relative.string() + " includes another room's internal header: " + line + "\n";
      }
    }
  }
  EXPECT_GE(sources, 60);
  EXPECT_EQ(problems, "");
}

TEST(StoreLayout, EverySourceIsListedInCMake) {
  const std::string cmake = Slurp(StoreSourceDir() / "CMakeLists.txt");
  int listed = 0;
  for (const auto& entry : fs::recursive_directory_iterator(StoreSourceDir())) {
    if (!entry.is_regular_file() || entry.path().extension() != ".cpp") continue;
    ++listed;
    std::string relative = fs::relative(entry.path(), StoreSourceDir()).generic_string();
    std::regex line("(^|\\n)\\s*" + std::regex_replace(relative, std::regex(R"([.])"), R"(\.)") +
                    "\\s*(\\n|\\))");
    EXPECT_TRUE(std::regex_search(cmake, line)) << relative << " is not listed in src/store/CMakeLists.txt";
  }
  EXPECT_GE(listed, 30);
}

}  // namespace
}  // namespace zenome
