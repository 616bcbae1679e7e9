// Hostile CSV/TSV layer files: NUL and other control bytes in cells (a NUL used to cut the stored
// value short silently), malformed UTF-8, RFC 4180 quoting gone wrong, files that are not files.
// Each is a located problem and the import writes nothing.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "core/text.h"
#include "store/layer_test_support.h"
#include "store/layers/import.h"

namespace zenome {
namespace {

using testing::LayerStore;
using namespace std::string_literals;

// Imports `content` as `name` (a clinical layer unless told) and returns the problem lines of the
// rejection, after checking the catalog did not change.
std::vector<std::string> Problems(LayerStore& store, const std::string& name, const std::string& content,
                                  LayerKind kind = LayerKind::kClinical) {
  std::string before = store.Dump();
  auto stats = store.Import(kind, name, content);
  EXPECT_FALSE(stats.ok()) << name << " was accepted";
  if (stats.ok()) return {};
  EXPECT_EQ(stats.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(store.Dump(), before) << "a rejected file changed the catalog";
  std::vector<std::string> lines;
  const std::string& message = stats.status().message();
  EXPECT_TRUE(message.find("; nothing was imported") != std::string::npos) << message;
  size_t at = message.find("\n  ");
  while (at != std::string::npos) {
    size_t next = message.find("\n  ", at + 3);
    lines.push_back(message.substr(at + 3, next == std::string::npos ? std::string::npos : next - at - 3));
    at = next;
  }
  return lines;
}

std::string Outcome(LayerStore& store, const std::string& raw_id) {
  return store.One("SELECT outcome FROM outcomes WHERE pseudonym = '" + store.Pseudonym(raw_id) + "'");
}

TEST(TableHostile, NulInACellIsAProblemNotATruncation) {
  LayerStore store;
  const std::string csv = "participant_id,outcome\nP1,stable\n\"P2\",rem\0ission\n"s;
  EXPECT_EQ(
      Problems(store, "nul.csv", csv),
      (std::vector<std::string>{store.File("nul.csv") +
                                ":3: outcome: control character U+0000 (NUL) at byte 4 of the cell; expected "
                                "text"}));
  const std::string tsv = "participant_id\toutcome\nP1\tstable\0disease\n"s;
  EXPECT_EQ(
      Problems(store, "nul.tsv", tsv),
      (std::vector<std::string>{store.File("nul.tsv") +
                                ":2: outcome: control character U+0000 (NUL) at byte 7 of the cell; expected "
                                "text"}));
  // Quoted cells are checked too.
  const std::string quoted = "participant_id,outcome\nP1,\"a\0b\"\n"s;
  EXPECT_EQ(
      Problems(store, "q.csv", quoted),
      (std::vector<std::string>{store.File("q.csv") +
                                ":2: outcome: control character U+0000 (NUL) at byte 2 of the cell; expected "
                                "text"}));
}

TEST(TableHostile, OtherControlCharactersAndBadUtf8AreProblems) {
  LayerStore store;
  EXPECT_EQ(
      Problems(store, "c.csv",
               "participant_id,outcome\nP1,a\x01"
               "b\nP2,c\x7f\nP3,\xC3\x28\n"),
      (std::vector<std::string>{
          store.File("c.csv") + ":2: outcome: control character U+0001 at byte 2 of the cell; expected text",
          store.File("c.csv") + ":3: outcome: control character U+007F at byte 2 of the cell; expected text",
          store.File("c.csv") + ":4: outcome: not valid UTF-8 at byte 1 of the cell; expected UTF-8 text"}));
  // A file with CR line endings is one line: said so, and its bytes never reach the message raw.
  EXPECT_EQ(
      Problems(store, "mac.csv", "participant_id,outcome\rP1,x\r"),
      (std::vector<std::string>{
          store.File("mac.csv") + ":1: header column 2: control character U+000D at byte 8 of the cell; "
                                  "expected text (a carriage "
                                  "return not followed by a line feed: old Mac line endings?)",
          store.File("mac.csv") +
              ":1: outcome%0Dp1: unknown column; expected participant_id, sex, age, population, diagnoses, "
              "excluded_diagnoses, hpo_terms, excluded_hpo_terms, treatments, outcome, consent, "
              "secondary_findings",
          store.File("mac.csv") +
              ":1: x: unknown column; expected participant_id, sex, age, population, diagnoses, "
              "excluded_diagnoses, hpo_terms, excluded_hpo_terms, treatments, outcome, consent, "
              "secondary_findings"}));
}

TEST(TableHostile, TabsAndQuotedLineBreaksInCsvAreText) {
  LayerStore store;
  auto stats =
      store.Import(LayerKind::kClinical, "ok.csv",
                   "\xEF\xBB\xBFparticipant_id,outcome\r\nP1,a\tb\r\nP2,\"line one\r\nline two\"\r\n");
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->records, 2);
  EXPECT_EQ(Outcome(store, "P1"), "a\tb");
  EXPECT_EQ(Outcome(store, "P2"), "line one\nline two");
}

TEST(TableHostile, QuotingGoneWrongIsAProblem) {
  LayerStore store;
  // "ab"cd used to become abcd.
  EXPECT_EQ(
      Problems(store, "after.csv", "participant_id,outcome\nP1,\"ab\"cd\n"),
      (std::vector<std::string>{store.File("after.csv") +
                                ":2: outcome: text after the closing '\"' of a quoted cell; expected ',' (a "
                                "'\"' inside a quoted cell is written '\"\"')"}));
  // A quote left open runs to the end of the file.
  EXPECT_EQ(Problems(store, "open.csv", "participant_id,outcome\nP1,\"remission\nP2,stable\n"),
            (std::vector<std::string>{
                store.File("open.csv") +
                ":2: outcome: a quoted cell is not closed before the end of the file; expected "
                "a closing '\"' (a '\"' inside a quoted cell is written '\"\"')"}));
  // Spaces after the closing quote are fine, and "" is a quote.
  auto stats =
      store.Import(LayerKind::kClinical, "fine.csv", "participant_id,outcome\nP1,\"say \"\"hi\"\"\"  \n");
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(Outcome(store, "P1"), "say \"hi\"");
}

TEST(TableHostile, EmptyHeaderOnlyAndDuplicatedColumns) {
  LayerStore store;
  EXPECT_EQ(Problems(store, "empty.csv", ""),
            (std::vector<std::string>{store.File("empty.csv") +
                                      ": the file is empty; expected a header line naming the columns"}));
  EXPECT_EQ(Problems(store, "blank.csv", "\n\r\n  \n"),
            (std::vector<std::string>{store.File("blank.csv") +
                                      ": the file is empty; expected a header line naming the columns"}));
  EXPECT_EQ(Problems(store, "header.csv", "participant_id,outcome\n"),
            (std::vector<std::string>{store.File("header.csv") +
                                      ": no data rows; expected one row per participant after the header"}));
  EXPECT_EQ(Problems(store, "dup.csv", "participant_id,Outcome,outcome\nP1,a,b\n"),
            (std::vector<std::string>{store.File("dup.csv") +
                                      ":1: outcome: the column appears more than once in the header"}));
}

TEST(TableHostile, OmicsHeaderIdentifiersAreNotQuoted) {
  LayerStore store;
  // The header names participants: a bad one is reported by number, never by its bytes.
  EXPECT_EQ(
      Problems(store, "m.csv", "feature,PAT\0X\ng1,1\n"s, LayerKind::kOmics),
      (std::vector<std::string>{store.File("m.csv") +
                                ":1: header column 2: control character U+0000 (NUL) at byte 4 of the cell; "
                                "expected text"}));
  EXPECT_EQ(Problems(store, "n.csv", "feature,PAT1\ng1,\x01\n", LayerKind::kOmics),
            (std::vector<std::string>{
                store.File("n.csv") +
                ":2: column 2: control character U+0001 at byte 1 of the cell; expected text"}));
}

TEST(TableHostile, PathsThatAreNotFilesAreRefused) {
  LayerStore store;
  auto directory =
      ImportLayer(store.catalog(), store.pseudonymizer(), LayerKind::kClinical, store.store_dir(), {});
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(directory.status().message(),
            store.store_dir() + ": is a directory; expected a file (layer clinical)");
  auto zero = ImportLayer(store.catalog(), store.pseudonymizer(), LayerKind::kOmics, "/dev/zero", {});
  ASSERT_FALSE(zero.ok());
  EXPECT_EQ(zero.status().message(),
            "/dev/zero: not a regular file (a device, FIFO or socket); expected a file (layer omics)");
  std::string fifo = store.File("fifo.csv");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  auto piped = ImportLayer(store.catalog(), store.pseudonymizer(), LayerKind::kClinical, fifo, {});
  ASSERT_FALSE(piped.ok());
  EXPECT_EQ(piped.status().message(),
            fifo + ": not a regular file (a device, FIFO or socket); expected a file (layer clinical)");
  auto missing =
      ImportLayer(store.catalog(), store.pseudonymizer(), LayerKind::kOntology, store.File("no.obo"), {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.status().message(), store.File("no.obo") + ": no such file");
}

// A line (or a quoted cell left open) longer than kMaxLineBytes stops the reading with a located
// problem instead of growing a buffer with the file.
TEST(TableHostile, LinesLongerThanTheBoundAreAProblem) {
  LayerStore store;
  const std::string csv =
      "participant_id,outcome\nP1,stable\nP2," + std::string(kMaxLineBytes + 1, 'a') + "\n";
  EXPECT_EQ(
      Problems(store, "long.csv", csv),
      (std::vector<std::string>{store.File("long.csv") +
                                ":3: the line is longer than 64 MiB (not a text table?); the rest of the "
                                "file is not read"}));
  std::string open_quote = "participant_id,outcome\nP1,\"stable\n";
  for (int i = 0; i < 70; ++i) open_quote += std::string(1 << 20, 'b') + "\n";
  std::vector<std::string> problems = Problems(store, "open_quote.csv", open_quote);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("a quoted cell (a '\"' not closed?) is longer than 64 MiB"), std::string::npos)
      << problems[0];
}

}  // namespace
}  // namespace zenome
