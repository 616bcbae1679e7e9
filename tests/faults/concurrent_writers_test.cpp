// Two writers at once. The fault runner holds a writer still at each step of its protocol (every
// step point, from taking the lock to removing what it replaced); meanwhile each other writer is
// refused at once with a clear error and changes nothing, readers and `db check` see the state
// before (or, once the catalog commit happened, after), and then the held writer completes.
#include <gtest/gtest.h>

#include "faults/fault_harness.h"

namespace zenome::faults {
namespace {

class ConcurrentWriters : public ::testing::TestWithParam<std::string> {};

TEST_P(ConcurrentWriters, SecondWriterIsRefusedAtEveryStepOfTheFirst) {
  const Data& data = SharedData();
  const Writer& writer = FindWriter(GetParam());
  WorkDir work;
  std::string base = work.File("before");
  writer.prepare(base);
  ASSERT_FALSE(HasFatalFailure());
  std::string before = Snapshot(base);
  std::string complete = work.File("after");
  CopyTree(base, complete);
  std::string log_path = work.File("points.log");
  CommandResult run = Shell(FaultRunnerCommand("--log " + log_path, writer.Args(complete)));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string after = Snapshot(complete);
  std::vector<LoggedPoint> points = ReadFaultLog(log_path);

  const std::vector<std::string> others = {
      "db ingest -q STORE --key-file " + data.key + " " + data.Sample(6),
      "db import STORE --key-file " + data.key + " --layer omics " + data.sim + "/cohort/omics.tsv",
      "db compact -q STORE",
      "db annotate -q STORE -g " + data.sim + "/genes.gff3 -f " + data.sim + "/reference.fa",
  };
  int paused = 0, refused = 0;
  for (const auto& point : points) {
    if (point.write) continue;
    std::string store = work.File("store");
    CopyTree(base, store);
    std::string pause = work.File("pause");
    std::string where =
        GetParam() + " held at " + point.name + " (point " + std::to_string(point.number) + ")";
    std::string hold_log = work.File("hold.log");
    Background first("( " +
                     FaultRunnerCommand("--log " + hold_log + " --pause-at " + std::to_string(point.number) +
                                            " --pause-file " + pause,
                                        writer.Args(store)) +
                     " ) >/dev/null 2>&1");
    ASSERT_TRUE(WaitForFile(pause + ".reached", first)) << where << ": the writer ended before the point";
    ++paused;
    for (const auto& other : others) {
      std::string args = other;
      args.replace(args.find("STORE"), 5, store);
      CommandResult second = RunZenome(args);
      EXPECT_EQ(second.exit_code, 1) << where << ": " << args << ": " << second.err;
      EXPECT_NE(second.err.find(store + ": another zenome process is writing to this store"),
                std::string::npos)
          << where << ": " << args << ": " << second.err;
      refused += second.exit_code == 1;
    }
    bool committed = CountPoints(ReadFaultLog(hold_log), "catalog.committed") > 0;
    std::string state = Snapshot(store);
    EXPECT_TRUE(state == (committed ? after : before))
        << where << ": readers should see the state " << (committed ? "after" : "before") << ", "
        << FirstDifference(state, committed ? after : before);
    CommandResult check = Check(store);
    EXPECT_EQ(check.exit_code, 0) << where << ":\n" << check.out << check.err;

    testing::WriteFile(pause + ".go", "");
    EXPECT_EQ(first.Wait(), 0) << where;
    state = Snapshot(store);
    EXPECT_TRUE(state == after) << where << ", then completed: " << FirstDifference(state, after);
    EXPECT_EQ(Leftovers(store), "") << where;
    RemoveTree(store);
    RemoveTree(pause + ".reached");
    RemoveTree(pause + ".go");
    RemoveTree(hold_log);
    if (HasFailure()) break;
  }
  EXPECT_GT(paused, 0);
  Report(GetParam() + " (" + writer.label + ") held at each of its " + std::to_string(paused) +
         " step points: " + std::to_string(refused) +
         " second writers refused with a clear error, readers saw " +
         "the state before or after, then it completed" + (HasFailure() ? " (FAILED)" : ""));
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

INSTANTIATE_TEST_SUITE_P(Writers, ConcurrentWriters,
                         ::testing::Values("IngestVcf", "ImportClinicalCsv", "Annotate", "CompactAll"),
                         TestName);

}  // namespace
}  // namespace zenome::faults
