// Hostile Phenopacket JSON: nesting far beyond any real packet, numbers out of range, malformed
// JSON, duplicate members. Each is one located problem (no nlohmann exception escaping as an
// "internal error"), and nothing is imported.
#include <gtest/gtest.h>

#include <string>

#include "store/layer_test_support.h"
#include "store/layers/import.h"

namespace zenome {
namespace {

using testing::LayerStore;

// Imports `content` as `name` and returns the single problem line of the rejection.
std::string OnlyProblem(LayerStore& store, const std::string& name, const std::string& content) {
  std::string before = store.Dump();
  auto stats = store.Import(LayerKind::kClinical, name, content);
  EXPECT_FALSE(stats.ok()) << name << " was accepted";
  if (stats.ok()) return "";
  EXPECT_EQ(stats.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(store.Dump(), before) << "a rejected file changed the catalog";
  const std::string& message = stats.status().message();
  std::string header = store.File(name) + ": 1 problem; nothing was imported\n  ";
  EXPECT_TRUE(message.starts_with(header)) << message;
  return message.starts_with(header) ? message.substr(header.size()) : message;
}

TEST(PhenopacketHostile, DeepNestingIsOneProblem) {
  LayerStore store;
  for (int levels : {20000, 100000}) {
    std::string content = "{\"subject\": {\"id\": \"P1\"},\n \"extra\": " + std::string(levels, '[') +
                          std::string(levels, ']') + "}";
    std::string path = store.File("deep.json");
    EXPECT_EQ(OnlyProblem(store, "deep.json", content),
              path +
                  ":2: extra[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]...[0][0][0][0][0][0][0]"
                  "[0][0][0][0][0][0]: at column 110: arrays and objects nested deeper than 100 levels (the "
                  "limit; real documents are a few levels deep)");
  }
}

TEST(PhenopacketHostile, MalformedJsonIsLocated) {
  LayerStore store;
  const std::string suffix = "); expected a GA4GH Phenopacket v2 or an array of them";
  struct Case {
    std::string content;
    std::string problem;  // after "FILE"
  };
  const Case cases[] = {
      {"[{\"subject\": {\"id\": \"P1\"}},\n {\"subject\": {\"id\": \"P2\", \"x\": -1e999}}]",
       ":2: [1].subject.x: not valid JSON at column 37 (the number -1e999 is out of range (beyond ±1.8e308)" +
           suffix},
      {"{\"subject\": {\"id\": NaN}}",
       ":1: subject.id: not valid JSON at column 20 (syntax error while parsing value - invalid literal; "
       "last "
       "read: '\"id\": N'" +
           suffix},
      {"{\"subject\": {\"id\": \"P\xC3\"}}",
       ":1: subject.id: not valid JSON at column 23 (syntax error while parsing value - invalid string: "
       "ill-formed UTF-8 byte; last read: '\"P%C3\"'" +
           suffix},
      {"[{\"subject\": {\"id\": \"P1\"}",
       ":1: [0]: not valid JSON at column 26 (syntax error while parsing object - unexpected end of input; "
       "expected '}'" +
           suffix},
      {"",
       ":1: not valid JSON at column 1 (syntax error while parsing value - unexpected end of input; "
       "expected '[', '{', or a literal" +
           suffix},
      {"{\"subject\": {\"id\": \"P1\"}, \"subject\": {\"id\": \"P2\"}}",
       ":1: subject: at column 35: the member \"subject\" appears twice in one object; expected unique "
       "names"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(OnlyProblem(store, "bad.json", c.content), store.File("bad.json") + c.problem) << c.content;
  }
}

TEST(PhenopacketHostile, WrongShapesAreOneProblemEach) {
  LayerStore store;
  EXPECT_EQ(OnlyProblem(store, "s.json", "\"P1\""),
            store.File("s.json") + ": expected a phenopacket (a JSON object)");
  EXPECT_EQ(OnlyProblem(store, "n.json", "[7]"),
            store.File("n.json") + ": [0]: expected a phenopacket (a JSON object)");
  // A subject id of the wrong type is reported once (it used to be "expected a string" and "missing").
  EXPECT_EQ(OnlyProblem(store, "t.json", "{\"subject\": {\"id\": 5}}"),
            store.File("t.json") + ": subject.id: expected a string");
  EXPECT_EQ(OnlyProblem(store, "e.json", "[]"),
            store.File("e.json") + ": an empty array; expected at least one phenopacket");
}

TEST(PhenopacketHostile, EscapedControlCharactersInCodesAreProblems) {
  LayerStore store;
  // JSON escapes reach the importer as raw bytes; codes with them are not codes.
  EXPECT_EQ(
      OnlyProblem(
          store, "c.json",
          R"({"subject": {"id": "P1"}, "medicalActions": [{"treatment": {"agent": {"id": "DrugCentral:16\u007f"}}}]})"),
      store.File("c.json") +
          ": medicalActions[0].treatment.agent.id: expected a treatment code as PREFIX:ID (ATC:L01XC03, "
          "DrugCentral:1610, NCIT:C15632), found 'DrugCentral:16%7F'");
  EXPECT_EQ(
      OnlyProblem(
          store, "h.json",
          R"({"subject": {"id": "P1"}, "phenotypicFeatures": [{"type": {"id": "HP:000125\u0000"}}]})"),
      store.File("h.json") +
          ": phenotypicFeatures[0].type.id: expected an HPO id (HP: and 7 digits, e.g. HP:0001250), found "
          "'HP:000125?'");
}

TEST(PhenopacketHostile, ByteOrderMarkIsAccepted) {
  LayerStore store;
  auto stats = store.Import(LayerKind::kClinical, "bom.json",
                            "\xEF\xBB\xBF{\"subject\": {\"id\": \"P1\", \"sex\": \"MALE\"}}");
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(store.One("SELECT sex FROM participants WHERE pseudonym = '" + store.Pseudonym("P1") + "'"),
            "male");
}

}  // namespace
}  // namespace zenome
