// Hostile cohort query files: nesting far beyond any real query (the evaluator used to recurse until
// SIGSEGV at ~10,700 levels), numbers out of range, malformed JSON and documents that are not
// objects. Each is a located BadInput error (exit 1), through the library and through the CLI.
#include <gtest/gtest.h>

#include <string>

#include "store/cohort/cohort.h"
#include "store/layer_test_support.h"
#include "store/layers/json_input.h"

namespace zenome {
namespace {

using nlohmann::json;
using testing::LayerStore;
using testing::RunZenome;
using testing::WriteFile;

std::string NestedNot(int levels) {
  std::string text;
  for (int i = 0; i < levels; ++i) text += "{\"not\": ";
  text += "{\"sex\": \"female\"}";
  text += std::string(static_cast<size_t>(levels), '}');
  return text;
}

// The pointer of the 101st nested object of NestedNot() (at column 801), as messages abridge it.
const std::string kDeepPointer =
    "/not/not/not/not/not/not/not/not/not/not/not/not/not/not/not.../not/not/not/not/not/not/not/not/not/not";

class CohortInputTest : public ::testing::Test {
 protected:
  // Writes `content` as a query file and returns its path.
  std::string Query(const std::string& name, const std::string& content) {
    std::string path = store_.File(name);
    WriteFile(path, content);
    return path;
  }
  // ReadCohortQuery's error for `content`.
  Status ReadError(const std::string& name, const std::string& content) {
    auto query = ReadCohortQuery(Query(name, content));
    EXPECT_FALSE(query.ok()) << name << " was accepted";
    return query.ok() ? Status::Ok() : query.status();
  }
  // `zenome db cohort` on `content`: exit status and stderr.
  testing::CommandResult Cli(const std::string& name, const std::string& content) {
    return RunZenome("db cohort " + store_.store_dir() + " " + Query(name, content));
  }

  LayerStore store_;
};

TEST_F(CohortInputTest, DeeplyNestedQueriesAreRefusedWhileParsing) {
  for (int levels : {20000, 100000}) {
    std::string name = "deep" + std::to_string(levels) + ".json";
    Status status = ReadError(name, NestedNot(levels));
    EXPECT_EQ(status.code(), ErrorCode::kBadInput);
    EXPECT_EQ(status.message(), store_.File(name) + ":1:801: at " + kDeepPointer +
                                    ": arrays and objects nested deeper than 100 levels (the limit; real "
                                    "documents are a few levels deep)");
    auto cli = Cli(name, NestedNot(levels));
    EXPECT_EQ(cli.exit_code, 1) << cli.err;
    EXPECT_EQ(cli.err, "zenome db: error: " + status.message() + "\n");
    EXPECT_EQ(cli.out, "");
  }
  // From stdin.
  auto piped = RunZenome("db cohort " + store_.store_dir() + " - < " + Query("stdin.json", NestedNot(20000)));
  EXPECT_EQ(piped.exit_code, 1);
  EXPECT_EQ(piped.err,
            "zenome db: error: <stdin>:1:801: at " + kDeepPointer +
                ": arrays and objects nested deeper than 100 levels (the limit; real documents are a "
                "few levels deep)\n");
  // Arrays count as well as objects.
  std::string arrays = "{\"sex\": " + std::string(20000, '[') + std::string(20000, ']') + "}";
  Status status = ReadError("arrays.json", arrays);
  EXPECT_NE(status.message().find(":1:108: at /sex/0/0/0/"), std::string::npos) << status.message();
}

TEST_F(CohortInputTest, NestingUpToTheLimitIsEvaluated) {
  // 100 objects: 99 "not" around a leaf. An odd number of complements of "female" in a store
  // without participants is still nobody, but the query runs to the end.
  auto query = ReadCohortQuery(Query("deep99.json", NestedNot(99)));
  ASSERT_TRUE(query.ok()) << query.status().message();
  CohortEvaluator evaluator(store_.handle());
  auto result = evaluator.Evaluate(*query);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->participants.size(), 0U);
  EXPECT_EQ(result->steps.size(), 100U);
}

TEST_F(CohortInputTest, EvaluatorRefusesDeepDocumentsBuiltInMemory) {
  // The server hands the evaluator a document it parsed itself; the evaluator checks the depth
  // before recursing. Built by moving, so no copy recurses either.
  json query = {{"sex", "female"}};
  for (int i = 0; i < 20000; ++i) {
    json outer = json::object();
    outer["not"] = std::move(query);
    query = std::move(outer);
  }
  CohortEvaluator evaluator(store_.handle());
  auto result = evaluator.Evaluate(query);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kBadInput);
  std::string pointer;
  for (int i = 0; i < 100; ++i) pointer += "/not";
  EXPECT_EQ(result.status().message(),
            "cohort query " + pointer + ": arrays and objects nested deeper than 100 levels (the limit)");
}

TEST_F(CohortInputTest, NumbersOutOfRangeNameFileLineAndField) {
  const std::string content = "{\"all\": [{\"sex\": \"female\"},\n  {\"age\": {\"min\": 1e999}}]}";
  Status status = ReadError("huge.json", content);
  EXPECT_EQ(status.code(), ErrorCode::kBadInput);
  EXPECT_EQ(status.message(),
            store_.File("huge.json") +
                ":2:23: at /all/1/age/min: not valid JSON: the number 1e999 is out of range "
                "(beyond ±1.8e308)");
  auto cli = Cli("huge.json", content);
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_EQ(cli.err, "zenome db: error: " + status.message() + "\n");
  EXPECT_EQ(cli.err.find("internal error"), std::string::npos);
  EXPECT_EQ(cli.err.find("json.exception"), std::string::npos);
}

TEST_F(CohortInputTest, MalformedQueriesAreLocated) {
  struct Case {
    std::string content;
    std::string message;  // after "FILE"
  };
  const Case cases[] = {
      {"{\"age\": {\"max\": NaN}}",
       ":1:17: at /age/max: not valid JSON: syntax error while parsing value - invalid literal; last read: "
       "'\"max\": N'"},
      {"{\"sex\": \"fe\xC3\"}",
       ":1:13: at /sex: not valid JSON: syntax error while parsing value - invalid string: ill-formed UTF-8 "
       "byte; last read: '\"fe%C3\"'"},
      {"{\"any\": [{\"sex\": \"male\"}, ",
       ":1:27: at /any/1: not valid JSON: syntax error while parsing value - unexpected end of input; "
       "expected "
       "'[', '{', or a literal"},
      {"{\"sex\": \"male\", \"sex\": \"female\"}",
       ":1:21: at /sex: the member \"sex\" appears twice in one object; expected unique names"},
      {"[{\"sex\": \"male\"}]",
       ": a cohort query is a JSON object of criteria such as {\"sex\": \"female\"}; found array"},
      {"\"female\"",
       ": a cohort query is a JSON object of criteria such as {\"sex\": \"female\"}; found string"},
      {"7", ": a cohort query is a JSON object of criteria such as {\"sex\": \"female\"}; found number"},
      {"null", ": a cohort query is a JSON object of criteria such as {\"sex\": \"female\"}; found null"},
  };
  int n = 0;
  for (const auto& c : cases) {
    std::string name = "bad" + std::to_string(n++) + ".json";
    Status status = ReadError(name, c.content);
    EXPECT_EQ(status.code(), ErrorCode::kBadInput) << c.content;
    EXPECT_EQ(status.message(), store_.File(name) + c.message) << c.content;
    auto cli = Cli(name, c.content);
    EXPECT_EQ(cli.exit_code, 1) << c.content;
    EXPECT_EQ(cli.err, "zenome db: error: " + store_.File(name) + c.message + "\n");
  }
}

TEST_F(CohortInputTest, ByteOrderMarkIsAccepted) {
  auto cli = Cli("bom.json", "\xEF\xBB\xBF{\"sex\": \"female\"}\n");
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_EQ(cli.out, "count\n0\n");
}

TEST_F(CohortInputTest, DirectoriesAndEndlessFilesAreRefused) {
  auto directory = RunZenome("db cohort " + store_.store_dir() + " " + store_.store_dir());
  EXPECT_EQ(directory.exit_code, 1);
  EXPECT_EQ(directory.err,
            "zenome db: error: " + store_.store_dir() + ": is a directory; expected a cohort query (JSON)\n");
  auto zero = RunZenome("db cohort " + store_.store_dir() + " /dev/zero");
  EXPECT_EQ(zero.exit_code, 1);
  EXPECT_EQ(zero.err,
            "zenome db: error: /dev/zero: longer than 16777216 bytes; expected a cohort query (JSON)\n");
}

TEST_F(CohortInputTest, UnknownKeysAndWrongTypesNameTheirPointer) {
  CohortEvaluator evaluator(store_.handle());
  auto unknown = evaluator.Evaluate(json{{"all", json::array({json{{"sexx", "female"}}})}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), ErrorCode::kUsage);
  EXPECT_TRUE(unknown.status().message().starts_with(
      "cohort query /all/0/sexx: unknown criterion \"sexx\" (expected all, any, not, genome"))
      << unknown.status().message();
  auto wrong = evaluator.Evaluate(json{{"age", json{{"min", "18"}}}});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().message(), "cohort query /age: cohort criterion 'age': 'min' must be a number");
  auto empty = evaluator.Evaluate(json::object());
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(),
            "cohort query: expected an object of criteria such as {\"sex\": \"female\"}");
  // A member named "" is "/"; the query's control bytes are percent-encoded.
  auto nameless = evaluator.Evaluate(json{{"", 1}});
  ASSERT_FALSE(nameless.ok());
  EXPECT_TRUE(nameless.status().message().starts_with("cohort query /: unknown criterion \"\" (expected all"))
      << nameless.status().message();
  auto control = evaluator.Evaluate(json{{"hpo", std::string("HP:0000001\0", 11)}});
  ASSERT_FALSE(control.ok());
  EXPECT_EQ(control.status().message(),
            "cohort query /hpo: cohort criterion 'hpo': 'HP:0000001%00' is not an HPO id; expected HP: and 7 "
            "digits");
}

}  // namespace
}  // namespace zenome
