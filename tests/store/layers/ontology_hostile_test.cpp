// Hostile OBO files: is_a cycles and self-parents (imported silently before, making every term of
// a cycle a descendant of every other), control bytes in names (a NUL cut the stored name short),
// duplicate stanzas, files with nothing in them. Each is a located problem; nothing is imported.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/text.h"
#include "store/layer_test_support.h"
#include "store/layers/import.h"

namespace zenome {
namespace {

using testing::LayerStore;
using namespace std::string_literals;

std::vector<std::string> Problems(LayerStore& store, const std::string& name, const std::string& content) {
  std::string before = store.Dump();
  auto stats = store.Import(LayerKind::kOntology, name, content);
  EXPECT_FALSE(stats.ok()) << name << " was accepted";
  if (stats.ok()) return {};
  EXPECT_EQ(stats.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(store.Dump(), before) << "a rejected file changed the catalog";
  std::vector<std::string> lines;
  const std::string& message = stats.status().message();
  for (size_t at = message.find("\n  "); at != std::string::npos;) {
    size_t next = message.find("\n  ", at + 3);
    lines.push_back(message.substr(at + 3, next == std::string::npos ? std::string::npos : next - at - 3));
    at = next;
  }
  return lines;
}

std::string Term(int id, const std::vector<int>& parents, const std::string& name = "t") {
  char text[32];
  std::snprintf(text, sizeof(text), "HP:%07d", id);
  std::string stanza = "[Term]\nid: " + std::string(text) + "\nname: " + name + "\n";
  for (int parent : parents) {
    std::snprintf(text, sizeof(text), "HP:%07d", parent);
    stanza += "is_a: " + std::string(text) + "\n";
  }
  return stanza + "\n";
}

TEST(OntologyHostile, IsACyclesAndSelfParentsAreRefused) {
  LayerStore store;
  // Lines: 1 header, 2 blank, 3 [Term] HP:1, 7 [Term] HP:2, 12 [Term] HP:3, 18 [Term] HP:4.
  std::string obo = "ontology: hp\n\n" + Term(1, {}) + Term(2, {3}) + Term(3, {1, 2}) + Term(4, {4});
  EXPECT_EQ(
      Problems(store, "cycle.obo", obo),
      (std::vector<std::string>{
          store.File("cycle.obo") +
              ":7: is_a: is_a cycle HP:0000002 → HP:0000003 → HP:0000002; expected a hierarchy (a term "
              "cannot be its own ancestor)",
          store.File("cycle.obo") + ":18: is_a: the term HP:0000004 is_a itself; expected a parent term"}));
  // A long cycle is abridged.
  std::string ring = "ontology: hp\n";
  for (int i = 0; i < 20; ++i) ring += Term(i, {(i + 1) % 20});
  EXPECT_EQ(
      Problems(store, "ring.obo", ring),
      (std::vector<std::string>{store.File("ring.obo") +
                                ":2: is_a: is_a cycle HP:0000000 → HP:0000001 → HP:0000002 → ... → "
                                "HP:0000017 → HP:0000018 → HP:0000019 → HP:0000000; expected a hierarchy (a "
                                "term cannot be its own ancestor)"}));
  // A diamond is a hierarchy.
  auto diamond = store.Import(LayerKind::kOntology, "diamond.obo",
                              "ontology: hp\n" + Term(1, {}) + Term(2, {1}) + Term(3, {1}) + Term(4, {2, 3}));
  ASSERT_TRUE(diamond.ok()) << diamond.status().message();
  EXPECT_EQ(diamond->records, 4);
}

TEST(OntologyHostile, ControlBytesAndBadUtf8AreProblems) {
  LayerStore store;
  EXPECT_EQ(Problems(store, "nul.obo", "ontology: hp\n[Term]\nid: HP:0000001\nname: Sei\0zure\n"s),
            (std::vector<std::string>{store.File("nul.obo") +
                                      ":4: control character U+0000 (NUL) at byte 10; expected text"}));
  EXPECT_EQ(Problems(store, "utf.obo", "ontology: hp\n[Term]\nid: HP:0000001\nname: Sei\xE9zure\n"),
            (std::vector<std::string>{store.File("utf.obo") +
                                      ":4: not valid UTF-8 at byte 10; expected UTF-8 text"}));
  // Tabs are text; CRLF line ends and a byte order mark are fine.
  auto ok = store.Import(LayerKind::kOntology, "ok.obo",
                         "\xEF\xBB\xBFontology: hp\r\n[Term]\r\nid: HP:0000001\r\nname: a\tb\r\n");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(store.One("SELECT name FROM ontology_terms WHERE id = 'HP:0000001'"), "a\tb");
}

TEST(OntologyHostile, DuplicateStanzasAndEmptyFiles) {
  LayerStore store;
  EXPECT_EQ(Problems(store, "dup.obo", "ontology: hp\n" + Term(1, {}) + Term(1, {})),
            (std::vector<std::string>{store.File("dup.obo") + ":6: id: term 'HP:0000001' is defined twice"}));
  const std::string none = ": no [Term] stanzas; expected an OBO ontology such as hp.obo";
  EXPECT_EQ(Problems(store, "empty.obo", ""), (std::vector<std::string>{store.File("empty.obo") + none}));
  EXPECT_EQ(Problems(store, "header.obo", "format-version: 1.2\nontology: hp\n"),
            (std::vector<std::string>{store.File("header.obo") + none}));
  EXPECT_EQ(Problems(store, "typedef.obo", "ontology: hp\n[Typedef]\nid: part_of\n"),
            (std::vector<std::string>{store.File("typedef.obo") + none}));
}

TEST(OntologyHostile, LineLongerThanTheBoundIsAProblem) {
  LayerStore store;
  const std::string obo = "format-version: 1.2\n\n" + Term(1, {}) +
                          "[Term]\nid: HP:0000002\nname: " + std::string(kMaxLineBytes + 1, 'n') + "\n";
  std::vector<std::string> problems = Problems(store, "long.obo", obo);
  ASSERT_GE(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            store.File("long.obo") +
                ":9: the line is longer than 64 MiB (not an OBO file?); the rest of the file is not "
                "read");
}

}  // namespace
}  // namespace zenome
