// A real full disk: the store on a small tmpfs mounted for the test (root only; skipped with a
// message where mounting is not permitted), filled so that only F bytes are free, for F from
// nothing to more than the writer needs. Each run either completes or fails with a clear error;
// then the store is in the state before or after, `db check` passes and readers answer on the
// full disk, a failed writer left nothing behind, and once space is freed the writer completes.
#include <gtest/gtest.h>

#include "faults/fault_harness.h"

namespace zenome::faults {
namespace {

// Free bytes left on the disk, from none to more than any of these writers needs.
const std::vector<uint64_t> kLeft = {
    0,        4 << 10,   8 << 10,   16 << 10,  24 << 10,  32 << 10,  40 << 10,  48 << 10, 64 << 10, 80 << 10,
    96 << 10, 128 << 10, 160 << 10, 192 << 10, 256 << 10, 384 << 10, 512 << 10, 1 << 20,  2 << 20};

bool ClearNoSpaceError(const std::string& err) {
  return err.find("No space left on device") != std::string::npos ||
         err.find("database or disk is full") != std::string::npos;
}

class DiskFull : public ::testing::TestWithParam<std::string> {};

TEST_P(DiskFull, CompletesOrFailsClearlyAndLeavesTheStoreAsItWas) {
  const Writer& writer = FindWriter(GetParam());
  WorkDir work;
  std::string base = work.File("before");
  writer.prepare(base);
  ASSERT_FALSE(HasFatalFailure());
  std::string before = Snapshot(base);
  std::string complete = work.File("after");
  CopyTree(base, complete);
  Zenome(writer.Args(complete));
  std::string after = Snapshot(complete);

  std::string why_not;
  std::string disk = work.File("disk");
  auto mount = Mount::Tmpfs(disk, 16 << 20, why_not);
  if (!mount) GTEST_SKIP() << "a full disk needs a small tmpfs, which needs root: " << why_not;

  int failed = 0, completed = 0;
  for (uint64_t left : kLeft) {
    std::string store = disk + "/store";
    std::string filler = disk + "/filler";
    CopyTree(base, store);
    FillDisk(filler, left);
    std::string where = GetParam() + " with " + std::to_string(FreeBytes(disk)) + " bytes free";
    CommandResult run = RunZenome(writer.Args(store));
    bool ok = run.exit_code == 0;
    if (ok) {
      ++completed;
    } else {
      ++failed;
      EXPECT_EQ(run.exit_code, 1) << where << ": " << run.err;
      EXPECT_TRUE(ClearNoSpaceError(run.err)) << where << ": " << run.err;
      EXPECT_EQ(Leftovers(store), "") << where << ": the failed writer left files behind";
    }
    // Readers and the check work on the full disk.
    CommandResult check = Check(store);
    EXPECT_EQ(check.exit_code, 0) << where << ":\n" << check.out << check.err;
    std::string state = Snapshot(store);
    EXPECT_TRUE(state == (ok ? after : before))
        << where << ": expected the state " << (ok ? "after" : "before") << ", "
        << FirstDifference(state, ok ? after : before);
    RemoveTree(filler);
    if (!ok) {
      CommandResult again = RunZenome(writer.Args(store));
      EXPECT_EQ(again.exit_code, 0) << where << ", with space freed: " << again.err;
      state = Snapshot(store);
      EXPECT_TRUE(state == after) << where << ", with space freed: " << FirstDifference(state, after);
    }
    RemoveTree(store);
    if (HasFailure()) break;
  }
  EXPECT_GT(failed, 0) << "the disk was never full enough to stop " << GetParam();
  EXPECT_GT(completed, 0) << GetParam() << " never completed; the last step leaves too little space";
  Report(GetParam() + " on a full tmpfs: " + std::to_string(kLeft.size()) + " fill levels, " +
         std::to_string(failed) + " failed with a clear error and the store as it was, " +
         std::to_string(completed) + " completed" + (HasFailure() ? " (FAILED)" : ""));
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

INSTANTIATE_TEST_SUITE_P(Writers, DiskFull,
                         ::testing::Values("IngestVcf", "IngestGvcf", "ImportClinicalCsv", "ImportOntology",
                                           "Annotate", "CompactAll"),
                         TestName);

}  // namespace
}  // namespace zenome::faults
