// The layout of src/simulate (README.md): code outside a room includes only the room's public
// header <room>/<room>.h, rooms never include the top level (simulate.h, contig_worker.h), the
// rooms' arrows point one way (no cycle), and every source is listed in CMakeLists.txt.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace zenome::simulate {
namespace {

namespace fs = std::filesystem;

fs::path SimulateSourceDir() {
  return fs::path(ZENOME_TEST_DATA_DIR).parent_path().parent_path() / "src" / "simulate";
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Source {
  std::string relative;  // "genome/gene_model.h", "simulate.cpp"
  std::string room;      // "" at the top level
};

std::vector<Source> Sources() {
  std::vector<Source> sources;
  const fs::path root = SimulateSourceDir();
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
    const fs::path relative = fs::relative(entry.path(), root);
    const std::string first = relative.begin()->string();
    sources.push_back({relative.generic_string(), relative.has_parent_path() ? first : ""});
  }
  return sources;
}

// Rooms reachable from `room` (depth-first); true when the walk comes back to `start`.
bool Reaches(const std::map<std::string, std::set<std::string>>& edges, const std::string& start,
             const std::string& room, std::set<std::string>& seen) {
  auto found = edges.find(room);
  if (found == edges.end()) return false;
  for (const std::string& next : found->second) {
    if (next == start) return true;
    if (seen.insert(next).second && Reaches(edges, start, next, seen)) return true;
  }
  return false;
}

TEST(SimulateLayout, RoomsAreReachedOnlyThroughTheirPublicHeaderAndArrowsPointOneWay) {
  ASSERT_TRUE(fs::is_directory(SimulateSourceDir())) << SimulateSourceDir();
  const std::regex include_line(R"(#include "simulate/([a-z_]+/)?([a-z_]+\.h)\")");
  std::vector<std::string> problems;
  std::map<std::string, std::set<std::string>> edges;
  std::set<std::string> rooms;
  for (const Source& source : Sources()) {
    if (!source.room.empty()) rooms.insert(source.room);
    std::istringstream lines(Slurp(SimulateSourceDir() / source.relative));
    std::string line;
    while (std::getline(lines, line)) {
      std::smatch match;
      if (!std::regex_match(line, match, include_line)) continue;
      const std::string target_room =
          match[1].length() > 0 ? match[1].str().substr(0, match[1].length() - 1) : "";
      const std::string header = match[2].str();
      if (target_room.empty()) {
        if (!source.room.empty()) problems.push_back(source.relative + " includes the top level: " + line);
        continue;
      }
      if (target_room == source.room) continue;
      if (header != target_room + ".h") {
        problems.push_back(source.relative + " reaches into room " + target_room + ": " + line);
      }
      if (!source.room.empty()) edges[source.room].insert(target_room);
    }
  }
  for (const std::string& room : rooms) {
    if (!fs::exists(SimulateSourceDir() / room / (room + ".h"))) {
      problems.push_back(room + "/ has no public header " + room + "/" + room + ".h");
    }
    std::set<std::string> seen;
    if (Reaches(edges, room, room, seen))
      problems.push_back("room " + room + " depends on itself through others");
  }
  EXPECT_GE(rooms.size(), 5u);
  std::string all;
  for (const std::string& problem : problems) all += problem + "\n";
  EXPECT_TRUE(problems.empty()) << all;
}

TEST(SimulateLayout, EverySourceIsListedInCMake) {
  const std::string cmake = Slurp(SimulateSourceDir() / "CMakeLists.txt");
  int listed = 0;
  for (const Source& source : Sources()) {
    if (source.relative.size() < 4 || source.relative.substr(source.relative.size() - 4) != ".cpp") continue;
    ++listed;
    const std::regex line("(^|\\n)\\s*" + std::regex_replace(source.relative, std::regex(R"([.])"), R"(\.)") +
                          "\\s*(\\n|\\))");
    EXPECT_TRUE(std::regex_search(cmake, line))
        << source.relative << " is not listed in src/simulate/CMakeLists.txt";
  }
  EXPECT_GE(listed, 20);
}

}  // namespace
}  // namespace zenome::simulate
