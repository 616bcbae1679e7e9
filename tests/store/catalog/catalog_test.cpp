#include <gtest/gtest.h>

#include <set>

#include "store/catalog/catalog.h"
#include "store/catalog/pseudonymizer.h"
#include "store/catalog/store_lock.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::TempDir;
using testing::WriteFile;

TEST(Catalog, TransactionsCommitOrRollBack) {
  TempDir dir;
  auto catalog = Catalog::Open(dir.File("catalog.sqlite"), Catalog::Mode::kCreate);
  ASSERT_TRUE(catalog.ok()) << catalog.status().message();
  ASSERT_TRUE((*catalog)->CreateBaseSchema().ok());
  ASSERT_TRUE((*catalog)->SetMeta("build", "GRCh38").ok());
  {
    auto transaction = (*catalog)->Begin();
    ASSERT_TRUE(transaction.ok());
    ASSERT_TRUE((*catalog)->SetMeta("build", "GRCh37").ok());
    // Destroyed without Commit(): rolled back.
  }
  EXPECT_EQ(**(*catalog)->GetMeta("build"), "GRCh38");
  {
    auto transaction = (*catalog)->Begin();
    ASSERT_TRUE((*catalog)->SetMeta("created_by", "test").ok());
    ASSERT_TRUE((*transaction)->Commit().ok());
  }
  EXPECT_EQ(**(*catalog)->GetMeta("created_by"), "test");
  EXPECT_FALSE((*catalog)->GetMeta("absent")->has_value());
}

TEST(Catalog, ReadersSeeCommittedStateAndConstraintsHold) {
  TempDir dir;
  auto writer = Catalog::Open(dir.File("catalog.sqlite"), Catalog::Mode::kCreate);
  ASSERT_TRUE((*writer)->CreateBaseSchema().ok());
  ASSERT_TRUE((*writer)->Exec("INSERT INTO participants(pseudonym, sex) VALUES('ZP-A', 'female')").ok());
  auto reader = Catalog::Open(dir.File("catalog.sqlite"), Catalog::Mode::kReadOnly);
  ASSERT_TRUE(reader.ok());
  auto statement = (*reader)->Prepare("SELECT sex FROM participants WHERE pseudonym = ?1");
  statement->Bind(1, std::string_view("ZP-A"));
  ASSERT_TRUE(*statement->Step());
  EXPECT_EQ(statement->ColumnText(0), "female");
  Status duplicate = (*writer)->Exec("INSERT INTO participants(pseudonym) VALUES('ZP-A')");
  EXPECT_FALSE(duplicate.ok());
  EXPECT_FALSE(Catalog::Open(dir.File("absent.sqlite"), Catalog::Mode::kReadOnly).ok());
}

TEST(Pseudonymizer, KeyedStableAndNotReversible) {
  auto a = Pseudonymizer::FromKey("0123456789abcdef-key-one");
  auto b = Pseudonymizer::FromKey("0123456789abcdef-key-two");
  ASSERT_TRUE(a.ok() && b.ok());
  std::string p1 = a->Pseudonym("PATIENT-001");
  EXPECT_EQ(p1, a->Pseudonym("PATIENT-001"));  // stable
  EXPECT_NE(p1, a->Pseudonym("PATIENT-002"));  // distinct ids differ
  EXPECT_NE(p1, b->Pseudonym("PATIENT-001"));  // depends on the key
  EXPECT_EQ(p1.size(), 19u);
  EXPECT_EQ(p1.find("PATIENT"), std::string::npos);
  EXPECT_TRUE(Pseudonymizer::LooksLikePseudonym(p1));
  EXPECT_FALSE(Pseudonymizer::LooksLikePseudonym("PATIENT-001"));
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) seen.insert(a->Pseudonym("P" + std::to_string(i)));
  EXPECT_EQ(seen.size(), 10000u);
  EXPECT_FALSE(Pseudonymizer::FromKey("short").ok());
}

TEST(Pseudonymizer, KeyFileRequiredAndNeverEchoed) {
  TempDir dir;
  WriteFile(dir.File("short.key"), "tiny\n");
  auto too_short = Pseudonymizer::FromKeyFile(dir.File("short.key"));
  ASSERT_FALSE(too_short.ok());
  EXPECT_EQ(too_short.status().message().find("tiny"), std::string::npos);
  WriteFile(dir.File("good.key"), "a-long-enough-secret-key\n");
  auto from_file = Pseudonymizer::FromKeyFile(dir.File("good.key"));
  ASSERT_TRUE(from_file.ok());
  auto direct = Pseudonymizer::FromKey("a-long-enough-secret-key");
  EXPECT_EQ(from_file->Pseudonym("X"), direct->Pseudonym("X"));  // trailing newline ignored
  unsetenv("ZENOME_PSEUDONYM_KEY_FILE");
  EXPECT_EQ(Pseudonymizer::FromOptionOrEnvironment("").status().code(), ErrorCode::kUsage);
  setenv("ZENOME_PSEUDONYM_KEY_FILE", dir.File("good.key").c_str(), 1);
  EXPECT_TRUE(Pseudonymizer::FromOptionOrEnvironment("").ok());
  unsetenv("ZENOME_PSEUDONYM_KEY_FILE");
}

TEST(StoreLock, OneWriterAtATime) {
  TempDir dir;
  auto first = StoreLock::Acquire(dir.path().string());
  ASSERT_TRUE(first.ok());
  // flock locks belong to the open file description: a second open in this process conflicts too.
  auto second = StoreLock::Acquire(dir.path().string());
  EXPECT_EQ(second.status().code(), ErrorCode::kConflict);
  first->reset();
  EXPECT_TRUE(StoreLock::Acquire(dir.path().string()).ok());
}

}  // namespace
}  // namespace zenome
