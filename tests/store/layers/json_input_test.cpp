// ParseJson, the reader of every JSON document the store takes from users: nesting capped while
// parsing, and each malformed shape a located problem instead of a nlohmann exception.
#include "store/layers/json_input.h"

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.h"

namespace zenome {
namespace {

using nlohmann::json;

JsonProblem ExpectProblem(const std::string& text, int max_depth = kMaxJsonDepth) {
  json out;
  auto problem = ParseJson(text, max_depth, out);
  EXPECT_TRUE(problem.has_value()) << "accepted: " << text.substr(0, 80);
  return problem.value_or(JsonProblem{});
}

std::string Nested(const std::string& open, const std::string& inner, const std::string& close, int levels) {
  std::string text;
  for (int i = 0; i < levels; ++i) text += open;
  text += inner;
  for (int i = 0; i < levels; ++i) text += close;
  return text;
}

TEST(JsonInput, ParsesDocumentsLikeNlohmann) {
  const std::string text = R"({"all": [{"sex": "female"}, {"age": {"min": 18, "max": 6.5e1}}],
                               "n": -3, "u": 18446744073709551615, "b": true, "z": null, "s": "\u00e9"})";
  json out;
  ASSERT_FALSE(ParseJson(text, kMaxJsonDepth, out).has_value());
  EXPECT_EQ(out, json::parse(text));
  // A UTF-8 byte order mark is skipped.
  ASSERT_FALSE(ParseJson("\xEF\xBB\xBF{\"sex\": \"male\"}", kMaxJsonDepth, out).has_value());
  EXPECT_EQ(out, json({{"sex", "male"}}));
  // Scalars at the top are documents too; callers decide what they accept.
  ASSERT_FALSE(ParseJson(" 42 ", kMaxJsonDepth, out).has_value());
  EXPECT_EQ(out, json(42));
}

TEST(JsonInput, NestingIsCappedWhileParsing) {
  json out;
  // Exactly the limit is fine.
  EXPECT_FALSE(ParseJson(Nested("[", "", "]", 100), 100, out).has_value());
  EXPECT_FALSE(ParseJson(Nested("{\"not\":", "{}", "}", 99), 100, out).has_value());
  // One more is refused at the bracket that goes too deep, with its path.
  JsonProblem one_more = ExpectProblem(Nested("[", "", "]", 101), 100);
  EXPECT_FALSE(one_more.syntax);
  EXPECT_EQ(one_more.line, 1);
  EXPECT_EQ(one_more.column, 101);
  EXPECT_EQ(one_more.message,
            "arrays and objects nested deeper than 100 levels (the limit; real documents are "
            "a few levels deep)");
  // 20,000 and 100,000 levels (the crash was at ~10,700): the same answer, no stack overflow.
  for (int levels : {20000, 100000}) {
    JsonProblem deep = ExpectProblem(Nested("{\"not\":", "{\"sex\": \"female\"}", "}", levels));
    EXPECT_EQ(deep.line, 1);
    EXPECT_EQ(deep.column, 7 * 100 + 1);
    EXPECT_EQ(deep.pointer,
              "/not/not/not/not/not/not/not/not/not/not/not/not/not/not/not.../not/not/not/not/not/"
              "not/not/not/not/not");
    JsonProblem arrays = ExpectProblem("{\"x\": " + Nested("[", "1", "]", levels) + "}");
    EXPECT_EQ(arrays.column, 7 + 99);
    EXPECT_EQ(arrays.message.substr(0, 42), "arrays and objects nested deeper than 100 ");
  }
}

TEST(JsonInput, MalformedShapesAreLocatedProblems) {
  struct Case {
    std::string text;
    int64_t line;
    int64_t column;
    std::string pointer;
    std::string dotted;
    std::string message;
  };
  const Case cases[] = {
      {"{\"age\":\n  {\"min\": 1e999}}", 2, 15, "/age/min", "age.min",
       "the number 1e999 is out of range (beyond ±1.8e308)"},
      {"[1, -1e400]", 1, 10, "/1", "[1]", "the number -1e400 is out of range (beyond ±1.8e308)"},
      {"{\"max_af\": NaN}", 1, 12, "/max_af", "max_af",
       "syntax error while parsing value - invalid literal; last read: '\"max_af\": N'"},
      {"{\"max_af\": Infinity}", 1, 12, "/max_af", "max_af",
       "syntax error while parsing value - invalid literal; last read: '\"max_af\": I'"},
      {"{\"sex\": \"fe\xFFmale\"}", 1, 12, "/sex", "sex",
       "syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"fe%FF'"},
      {"{\"all\": [{\"sex\": \"fem", 1, 22, "/all/0/sex", "all[0].sex",
       "syntax error while parsing value - invalid string: missing closing quote; last read: '\"fem'"},
      {"{\"all\": [{\"sex\": \"female\"}", 1, 27, "/all/1", "all[1]",
       "syntax error while parsing array - unexpected end of input; expected ']'"},
      {"", 1, 1, "", "",
       "syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal"},
      {"{\"sex\": \"male\"} trailing", 1, 19, "", "",
       "syntax error while parsing value - invalid literal; last read: '\"male\"} tra'; expected end of "
       "input"},
      {"{\"a\": \"x\ty\"}", 1, 9, "/a", "a",
       "syntax error while parsing value - invalid string: control character U+0009 (HT) must be escaped to "
       "\\u0009 or \\t; last read: '\"x<U+0009>'"},
      {"\xEF\xBB{}", 1, 3, "", "",
       "syntax error while parsing value - invalid BOM; must be 0xEF 0xBB 0xBF if given; last read: "
       "'%EF%BB{'"},
  };
  for (const auto& c : cases) {
    JsonProblem problem = ExpectProblem(c.text);
    EXPECT_TRUE(problem.syntax) << c.text;
    EXPECT_EQ(problem.line, c.line) << c.text;
    EXPECT_EQ(problem.column, c.column) << c.text;
    EXPECT_EQ(problem.pointer, c.pointer) << c.text;
    EXPECT_EQ(problem.dotted, c.dotted) << c.text;
    EXPECT_EQ(problem.message, c.message) << c.text;
  }
}

TEST(JsonInput, DuplicateMembersAreRefused) {
  // nlohmann's DOM keeps the last of two equal names; a query {"sex": "male", "sex": "female"}
  // would silently lose a criterion.
  JsonProblem problem = ExpectProblem("{\"age\": {\"min\": 1},\n \"sex\": \"male\", \"sex\": \"female\"}");
  EXPECT_FALSE(problem.syntax);
  EXPECT_EQ(problem.line, 2);
  EXPECT_EQ(problem.column, 21);
  EXPECT_EQ(problem.pointer, "/sex");
  EXPECT_EQ(problem.message, "the member \"sex\" appears twice in one object; expected unique names");
  // Equal names in different objects are fine.
  json out;
  EXPECT_FALSE(ParseJson(R"([{"sex": "male"}, {"sex": "female"}])", kMaxJsonDepth, out).has_value());
}

TEST(JsonInput, ProblemStatusNamesFileLineColumnAndPointer) {
  JsonProblem problem = ExpectProblem("{\"age\":\n  {\"min\": 1e999}}");
  Status status = JsonProblemStatus("q.json", problem);
  EXPECT_EQ(status.code(), ErrorCode::kBadInput);
  EXPECT_EQ(status.message(),
            "q.json:2:15: at /age/min: not valid JSON: the number 1e999 is out of range (beyond ±1.8e308)");
}

TEST(JsonInput, FindNestedDeeperThanWalksBuiltDocuments) {
  json built = {{"sex", "female"}};
  for (int i = 0; i < 150; ++i) built = json{{"any", json::array({built})}};
  auto deep = FindNestedDeeperThan(built, 100);
  ASSERT_TRUE(deep.has_value());
  std::string expected;
  for (int i = 0; i < 50; ++i) expected += "/any/0";
  EXPECT_EQ(*deep, expected);
  EXPECT_FALSE(FindNestedDeeperThan(built, 301).has_value());
  EXPECT_EQ(*FindNestedDeeperThan(built, 300), expected + expected + expected);
  EXPECT_FALSE(FindNestedDeeperThan(json(5), 0).has_value());
}

TEST(JsonInput, ReadWholeInputRefusesDirectoriesAndEndlessFiles) {
  testing::TempDir dir;
  auto directory = ReadWholeInput(dir.path().string(), "a cohort query (JSON)", 1 << 20);
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(directory.status().message(),
            dir.path().string() + ": is a directory; expected a cohort query (JSON)");
  auto zero = ReadWholeInput("/dev/zero", "a cohort query (JSON)", 1 << 20);
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().message(), "/dev/zero: longer than 1048576 bytes; expected a cohort query (JSON)");
  auto missing = ReadWholeInput(dir.File("nope.json"), "a cohort query (JSON)", 1 << 20);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  testing::WriteFile(dir.File("q.json"), "{}");
  auto ok = ReadWholeInput(dir.File("q.json"), "a cohort query (JSON)", 1 << 20);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, "{}");
}

}  // namespace
}  // namespace zenome
