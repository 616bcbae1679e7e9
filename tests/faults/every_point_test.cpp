// Every writer (ingest, import, annotate, compact) under a fault at every fault point it passes
// (core/fault_point.h). A first run lists the points; then, for each point in turn, a copy of the
// store is written to by the fault runner (the zenome command line with a fault handler), which
// either kills itself there with SIGKILL or, at a durable write, fails that write with ENOSPC.
// After each: `db check --full` passes, everything a reader sees equals the state before the
// writer or after a complete run (after only once the catalog commit happened: nothing between),
// the next writer leaves no staging or unreferenced segment behind, and running the writer again
// gives exactly the complete state.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "faults/fault_harness.h"

namespace zenome::faults {
namespace {

enum class Fault { kKill, kNoSpace };

void AtEveryPoint(const std::string& name, Fault fault) {
  const Writer& writer = FindWriter(name);
  auto started = std::chrono::steady_clock::now();
  WorkDir work;
  std::string base = work.File("before");
  writer.prepare(base);
  ASSERT_FALSE(::testing::Test::HasFatalFailure());
  std::string before = Snapshot(base);
  CommandResult check = Check(base);
  ASSERT_EQ(check.exit_code, 0) << check.out << check.err;

  // The complete run lists the fault points.
  std::string complete = work.File("after");
  CopyTree(base, complete);
  std::string log_path = work.File("points.log");
  CommandResult run = Shell(FaultRunnerCommand("--log " + log_path, writer.Args(complete)));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::vector<LoggedPoint> points = ReadFaultLog(log_path);
  std::string after = Snapshot(complete);
  ASSERT_NE(before, after);
  check = Check(complete);
  ASSERT_EQ(check.exit_code, 0) << check.out << check.err;
  const int commits = CountPoints(points, "catalog.committed");
  ASSERT_GE(commits, 1);
  int writes = 0;
  for (const auto& point : points) writes += point.write;
  ASSERT_GT(writes, 0);

  const int tries = fault == Fault::kKill ? static_cast<int>(points.size()) : writes;
  int ended_before = 0, ended_after = 0;
  // Every point, or every k-th and the last (ExhaustiveStride).
  const int stride = testing::ExhaustiveStride();
  for (int n = 1; n <= tries; n = n < tries && n + stride > tries ? tries : n + stride) {
    std::string store = work.File("store-" + std::to_string(n));
    CopyTree(base, store);
    std::string fault_log = work.File("fault-" + std::to_string(n) + ".log");
    std::string option = fault == Fault::kKill ? "--kill-at " : "--fail-write-at ";
    CommandResult faulted =
        Shell(FaultRunnerCommand(option + std::to_string(n) + " --log " + fault_log, writer.Args(store)));
    std::vector<LoggedPoint> passed = ReadFaultLog(fault_log);
    std::string at;
    for (const auto& point : passed) {
      if (point.mark.empty()) continue;
      at = point.name + " (point " + std::to_string(point.number) + ")";
      if (fault == Fault::kKill) EXPECT_EQ(point.number, n) << name << ": killed at " << at;
    }
    std::string where = name + (fault == Fault::kKill ? ", killed at " : ", ENOSPC at ") + at;
    ASSERT_FALSE(at.empty()) << name << ": fault " << n << " never reached; " << faulted.err;
    int committed = CountPoints(passed, "catalog.committed");
    ASSERT_TRUE(committed == 0 || committed == commits) << where << ": between two commits";
    bool is_complete = committed == commits;
    if (fault == Fault::kKill) {
      EXPECT_EQ(faulted.exit_code, 128 + 9) << where << ": " << faulted.err;
    } else {
      // A clear error naming what failed; nothing committed and nothing left behind.
      EXPECT_EQ(faulted.exit_code, 1) << where << ": " << faulted.err;
      EXPECT_NE(faulted.err.find("No space left on device"), std::string::npos)
          << where << ": " << faulted.err;
      EXPECT_NE(faulted.err.find(store), std::string::npos) << where << ": " << faulted.err;
      EXPECT_FALSE(is_complete) << where;
      EXPECT_EQ(Leftovers(store), "") << where << ": the failed writer left files behind";
    }
    check = Check(store);
    EXPECT_EQ(check.exit_code, 0) << where << ":\n" << check.out << check.err;
    std::string state = Snapshot(store);
    const std::string& expected = is_complete ? after : before;
    EXPECT_TRUE(state == expected) << where << ": expected the state " << (is_complete ? "after" : "before")
                                   << ", " << FirstDifference(state, expected);
    (is_complete ? ended_after : ended_before) += 1;

    // The next writer cleans up; the writer run again completes the change.
    OpenForWriting(store);
    EXPECT_EQ(Leftovers(store), "") << where << ": left after the next writer opened the store";
    if (!is_complete) {
      CommandResult again = RunZenome(writer.Args(store));
      EXPECT_EQ(again.exit_code, 0) << where << ", run again: " << again.err;
      state = Snapshot(store);
      EXPECT_TRUE(state == after) << where << ", run again: " << FirstDifference(state, after);
      check = Check(store);
      EXPECT_EQ(check.exit_code, 0) << where << ", run again:\n" << check.out << check.err;
    }
    RemoveTree(store);
    if (::testing::Test::HasFailure()) break;  // one point's messages are enough
  }
  if (fault == Fault::kKill) {
    // The points by name, in the order first passed: the README's table of fault points.
    std::vector<std::pair<std::string, int>> names;
    for (const auto& point : points) {
      auto it =
          std::find_if(names.begin(), names.end(), [&](const auto& n) { return n.first == point.name; });
      if (it == names.end()) {
        names.push_back({point.name, 1});
      } else {
        ++it->second;
      }
    }
    std::string list;
    for (const auto& [point_name, count] : names) {
      list += (list.empty() ? "" : ", ") + point_name + (count > 1 ? " x" + std::to_string(count) : "");
    }
    Report(name + " passes: " + list);
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  char elapsed[32];
  std::snprintf(elapsed, sizeof(elapsed), "%.1f s", seconds);
  Report(name + " (" + writer.label + "): " + std::to_string(points.size()) + " points, " +
         std::to_string(writes) + " of them durable writes; " +
         (fault == Fault::kKill ? "killed at each of " : "ENOSPC at each of ") + std::to_string(tries) +
         (stride > 1 ? " (every " + std::to_string(stride) + "th and the last)" : "") + ": " +
         std::to_string(ended_before) + " ended in the state before, " + std::to_string(ended_after) +
         " in the state after, none between" + (::testing::Test::HasFailure() ? " (FAILED)" : "") + " [" +
         elapsed + "]");
}

class KillAtEveryPoint : public ::testing::TestWithParam<std::string> {};
class NoSpaceAtEveryWrite : public ::testing::TestWithParam<std::string> {};

TEST_P(KillAtEveryPoint, EndsInTheStateBeforeOrAfter) {
  AtEveryPoint(GetParam(), Fault::kKill);
}

TEST_P(NoSpaceAtEveryWrite, FailsClearlyAndLeavesTheStoreAsItWas) {
  AtEveryPoint(GetParam(), Fault::kNoSpace);
}

const std::vector<std::string> kWriters = {"IngestVcf",         "IngestGvcf",  "ImportClinicalCsv",
                                           "ImportPhenopacket", "ImportOmics", "ImportOntology",
                                           "Annotate",          "CompactAll",  "CompactDropReplaced"};
// The next writer after a crash: its cleanup steps are the new points; its writes are ingest's and
// compaction's own, already failed one by one above.
const std::vector<std::string> kAfterCrash = {"IngestAfterKilledIngest", "CompactAfterKilledCompact"};

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

INSTANTIATE_TEST_SUITE_P(Writers, KillAtEveryPoint, ::testing::ValuesIn(kWriters), TestName);
INSTANTIATE_TEST_SUITE_P(AfterCrash, KillAtEveryPoint, ::testing::ValuesIn(kAfterCrash), TestName);
INSTANTIATE_TEST_SUITE_P(Writers, NoSpaceAtEveryWrite, ::testing::ValuesIn(kWriters), TestName);

}  // namespace
}  // namespace zenome::faults
