// Crash safety: `zenome db ingest` killed with SIGKILL at each named point of its commit protocol
// (by the fault runner, tests/faults/fault_runner.cpp) and after a range of delays leaves a store
// that `db check` passes, whose earlier genomes and counts are unchanged (or, once committed,
// complete), and that the next ingest uses normally. tests/faults tries every fault point.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace zenome {
namespace {

using testing::CommandResult;
using testing::RunShell;
using testing::RunZenome;
using testing::TempDir;
using testing::WriteFile;

class CrashIngestTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    sim_ = dir_->File("sim");
    CommandResult made = RunZenome("simulate -q -o " + sim_ +
                                   " --seed 31 --genome-size 300k --samples 6 --cases 0 --tumours 0");
    ASSERT_EQ(made.exit_code, 0) << made.err;
    key_ = dir_->File("key");
    WriteFile(key_, "crash-test-key-0123456789abcdef\n");
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::string Samples(const std::vector<int>& which) {
    std::string list;
    for (int i : which) list += " " + sim_ + "/samples/S000" + std::to_string(i) + ".vcf.gz";
    return list;
  }

  // A store with the first three genomes.
  std::string MakeStore(const TempDir& where) {
    std::string store = where.File("store");
    EXPECT_EQ(RunZenome("db init " + store + " --build custom -f " + sim_ + "/reference.fa").exit_code, 0);
    CommandResult first = RunZenome("db ingest -q " + store + " --key-file " + key_ + Samples({1, 2, 3}));
    EXPECT_EQ(first.exit_code, 0) << first.err;
    return store;
  }

  // Everything a reader sees: every variant's counts on chr1 and chrX, and the genome count.
  static std::string Snapshot(const std::string& store) {
    std::string snapshot;
    for (const char* contig : {"chr1", "chrX"}) {
      CommandResult query = RunZenome("db query " + store + " --region " + contig);
      EXPECT_EQ(query.exit_code, 0) << query.err;
      snapshot += query.out;
    }
    CommandResult stats = RunZenome("db stats " + store + " --format json");
    EXPECT_EQ(stats.exit_code, 0) << stats.err;
    snapshot += "genomes " + nlohmann::json::parse(stats.out)["genomes"].dump();
    return snapshot;
  }

  static void ExpectConsistent(const std::string& store, const std::string& when) {
    CommandResult check = RunZenome("db check " + store + " --full");
    EXPECT_EQ(check.exit_code, 0) << when << ":\n" << check.out << check.err;
  }

  std::string IngestCommand(const std::string& store) const {
    return testing::ZenomeBinary() + " " + IngestArgs(store);
  }
  std::string IngestArgs(const std::string& store) const {
    return "db ingest -q " + store + " --key-file " + key_ + Samples({4, 5, 6});
  }
  // The ingest, killed with SIGKILL at the first fault point named `point`.
  std::string KilledIngestCommand(const std::string& store, const std::string& point) const {
    return std::string(ZENOME_FAULT_RUNNER) + " --kill-at " + point + " -- " + IngestArgs(store) +
           "; exit $?";
  }

  static TempDir* dir_;
  static std::string sim_;
  static std::string key_;
};

TempDir* CrashIngestTest::dir_ = nullptr;
std::string CrashIngestTest::sim_;
std::string CrashIngestTest::key_;

TEST_F(CrashIngestTest, KilledBeforeTheCommitLeavesTheStoreAsItWas) {
  for (const char* point : {"ingest.staged", "ingest.renamed", "catalog.commit"}) {
    TempDir where;
    std::string store = MakeStore(where);
    std::string before = Snapshot(store);
    CommandResult crashed = RunShell(KilledIngestCommand(store, point));
    EXPECT_EQ(crashed.exit_code, 128 + 9) << point << ": " << crashed.err;  // killed by SIGKILL
    ExpectConsistent(store, point);
    EXPECT_EQ(Snapshot(store), before) << point;
    // The next ingest cleans up and commits the batch.
    CommandResult again = RunShell(IngestCommand(store));
    ASSERT_EQ(again.exit_code, 0) << point << ": " << again.err;
    ExpectConsistent(store, std::string(point) + ", then ingested");
    std::string after = Snapshot(store);
    EXPECT_NE(after, before);
    EXPECT_NE(after.find("genomes 6"), std::string::npos) << after.substr(after.size() - 20);
    EXPECT_TRUE(!std::filesystem::exists(store + "/staging") || std::filesystem::is_empty(store + "/staging"))
        << point << ": staging/ not cleaned up";
  }
}

TEST_F(CrashIngestTest, KilledAfterTheCommitKeepsTheWholeBatch) {
  TempDir where;
  std::string store = MakeStore(where);
  CommandResult crashed = RunShell(KilledIngestCommand(store, "ingest.committed"));
  EXPECT_EQ(crashed.exit_code, 128 + 9) << crashed.err;
  ExpectConsistent(store, "committed");
  std::string after = Snapshot(store);
  EXPECT_NE(after.find("genomes 6"), std::string::npos);

  // Same as an ingest that was never interrupted.
  TempDir clean_dir;
  std::string clean = MakeStore(clean_dir);
  ASSERT_EQ(RunShell(IngestCommand(clean)).exit_code, 0);
  EXPECT_EQ(after, Snapshot(clean));
  // The batch is stored: ingesting it again is refused.
  CommandResult again = RunShell(IngestCommand(store));
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already stored"), std::string::npos) << again.err;
}

TEST_F(CrashIngestTest, KilledAtRandomMomentsIsAllOrNothing) {
  TempDir clean_dir;
  std::string clean = MakeStore(clean_dir);
  std::string before = Snapshot(clean);
  ASSERT_EQ(RunShell(IngestCommand(clean)).exit_code, 0);
  std::string complete = Snapshot(clean);
  int interrupted = 0;
  for (const char* delay : {"0.01", "0.03", "0.06", "0.1", "0.15", "0.25", "0.4"}) {
    TempDir where;
    std::string store = MakeStore(where);
    CommandResult run = RunShell("timeout -s KILL " + std::string(delay) + " " + IngestCommand(store));
    if (run.exit_code != 0) ++interrupted;
    ExpectConsistent(store, std::string("killed after ") + delay + " s");
    std::string state = Snapshot(store);
    EXPECT_TRUE(state == before || state == complete) << "partial state after " << delay << " s";
    if (state == before) {
      ASSERT_EQ(RunShell(IngestCommand(store)).exit_code, 0) << delay;
      EXPECT_EQ(Snapshot(store), complete) << delay;
    }
  }
  EXPECT_GT(interrupted, 0);
}

}  // namespace
}  // namespace zenome
