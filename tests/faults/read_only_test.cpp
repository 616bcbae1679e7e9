// A store on a read-only file system (a read-only bind mount: root, which runs CI here, ignores
// permission bits; skipped with a message where mounting is not permitted). Readers and `db check`
// answer as on the writable store; every writer fails with a clear error and changes nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "faults/fault_harness.h"

namespace zenome::faults {
namespace {

TEST(ReadOnlyStore, ReadersAnswerAndWritersFailClearly) {
  WorkDir work;
  int writers = 0;
  for (const Writer& writer : Writers()) {
    std::string store = work.File(writer.name);
    writer.prepare(store);
    ASSERT_FALSE(HasFatalFailure());
    std::string before = Snapshot(store);
    std::string why_not;
    std::string read_only = work.File(writer.name + "-ro");
    auto mount = Mount::ReadOnlyBind(store, read_only, why_not);
    if (!mount)
      GTEST_SKIP() << "a read-only store needs a read-only bind mount, which needs root: " << why_not;

    EXPECT_EQ(Snapshot(read_only), before) << writer.name;
    CommandResult check = Check(read_only);
    EXPECT_EQ(check.exit_code, 0) << writer.name << ":\n" << check.out << check.err;

    CommandResult run = RunZenome(writer.Args(read_only));
    EXPECT_EQ(run.exit_code, 1) << writer.name << ": " << run.err;
    EXPECT_NE(run.err.find("Read-only file system"), std::string::npos) << writer.name << ": " << run.err;
    EXPECT_NE(run.err.find(read_only), std::string::npos) << writer.name << ": " << run.err;
    EXPECT_EQ(Snapshot(read_only), before) << writer.name;
    mount.reset();
    EXPECT_EQ(Snapshot(store), before) << writer.name;
    ++writers;
  }
  Report("read-only store: " + std::to_string(writers) +
         " writers refused with a clear error, store unchanged; readers and check answer as before" +
         (HasFailure() ? " (FAILED)" : ""));
}

// A writer killed just after its commit leaves the catalog's write-ahead log behind; readers of the
// store on a read-only file system still see the committed state, and a writer is refused.
TEST(ReadOnlyStore, ReadersSeeTheCommitOfAWriterKilledAfterIt) {
  const Writer& writer = FindWriter("IngestVcf");
  WorkDir work;
  std::string store = work.File("store");
  writer.prepare(store);
  ASSERT_FALSE(HasFatalFailure());
  std::string complete = work.File("after");
  CopyTree(store, complete);
  Zenome(writer.Args(complete));
  std::string after = Snapshot(complete);
  CommandResult killed = Shell(FaultRunnerCommand("--kill-at catalog.committed", writer.Args(store)));
  ASSERT_EQ(killed.exit_code, 128 + 9) << killed.err;
  ASSERT_TRUE(std::filesystem::exists(store + "/catalog.sqlite-wal"));

  std::string why_not;
  std::string read_only = work.File("ro");
  auto mount = Mount::ReadOnlyBind(store, read_only, why_not);
  if (!mount) GTEST_SKIP() << "a read-only store needs a read-only bind mount, which needs root: " << why_not;
  std::string state = Snapshot(read_only);
  EXPECT_TRUE(state == after) << FirstDifference(state, after);
  CommandResult check = Check(read_only);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  CommandResult run = RunZenome(FindWriter("CompactAll").Args(read_only));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("Read-only file system"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace zenome::faults
