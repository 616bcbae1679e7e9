// Crash safety of `zenome db import`: one file is one SQLite transaction, so a SIGKILL at any
// moment leaves either none of the file's rows or all of them, and `db check` passes. Killed at
// each step of the import (by the fault runner, tests/faults/fault_runner.cpp) and at moments in
// the middle of writing its rows.
#include <gtest/gtest.h>

#include <sstream>

#include "store/catalog/catalog.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::RunShell;
using testing::RunZenome;
using testing::TempDir;
using testing::WriteFile;

constexpr int kParticipants = 40;
constexpr int kReadingsEach = 6000;  // 240,000 wearable rows: the import takes long enough to be hit

int64_t WearableRows(const std::string& store) {
  auto catalog = Catalog::Open(store + "/catalog.sqlite", Catalog::Mode::kReadOnly);
  if (!catalog.ok()) return -1;
  auto exists = (*catalog)->Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'wearable'");
  if (!exists.ok() || !*exists->Step() || exists->ColumnInt(0) == 0) return 0;
  auto count = (*catalog)->Prepare("SELECT count(*) FROM wearable");
  if (!count.ok() || !*count->Step()) return -1;
  return count->ColumnInt(0);
}

struct WearableImport {
  TempDir files;
  std::string key = files.File("key");
  std::string clinical = files.File("clinical.csv");
  std::string wearable = files.File("wearable.csv");
  int64_t complete = 0;

  explicit WearableImport(int readings_each) {
    WriteFile(key, "import-crash-test-key-0123456789\n");
    std::ostringstream clinical_text;
    std::ostringstream wearable_text;
    clinical_text << "participant_id,sex,age\n";
    wearable_text << "participant_id,timestamp,metric,value\n";
    for (int p = 0; p < kParticipants; ++p) {
      clinical_text << "P" << p << "," << (p % 2 == 0 ? "female" : "male") << "," << 20 + p << "\n";
      for (int r = 0; r < readings_each; ++r) {
        wearable_text << "P" << p << "," << 1700000000 + 60 * r << ",heart_rate," << 50 + (p + r) % 60
                      << "\n";
      }
    }
    WriteFile(clinical, clinical_text.str());
    WriteFile(wearable, wearable_text.str());
    complete = static_cast<int64_t>(kParticipants) * readings_each;
  }
  // A store holding the clinical layer.
  std::string MakeStore(const TempDir& where) const {
    std::string store = where.File("store");
    EXPECT_EQ(RunZenome("db init " + store + " --build GRCh38").exit_code, 0);
    EXPECT_EQ(
        RunZenome("db import " + store + " --key-file " + key + " --layer clinical " + clinical).exit_code,
        0);
    return store;
  }
  std::string ImportArgs(const std::string& store) const {
    return "db import " + store + " --key-file " + key + " --layer wearable " + wearable;
  }
};

TEST(ImportCrash, KilledAtEachStepIsAllOrNothing) {
  WearableImport import(50);
  // The steps of one file's import (core/fault_point.h), and whether the rows are in after a kill there.
  const std::vector<std::pair<std::string, bool>> points = {{"open.remove-staging", false},
                                                            {"catalog.begin", false},
                                                            {"import.rows-written", false},
                                                            {"catalog.commit", false},
                                                            {"catalog.committed", true}};
  for (const auto& [point, committed] : points) {
    TempDir where;
    std::string store = import.MakeStore(where);
    auto run = RunShell(std::string(ZENOME_FAULT_RUNNER) + " --kill-at " + point + " -- " +
                        import.ImportArgs(store) + "; exit $?");
    EXPECT_EQ(run.exit_code, 128 + 9) << point << ": " << run.err;  // killed by SIGKILL
    EXPECT_EQ(WearableRows(store), committed ? import.complete : 0) << point;
    auto check = RunZenome("db check " + store);
    EXPECT_EQ(check.exit_code, 0) << point << ": " << check.out << check.err;
    if (!committed) {
      auto again = RunZenome(import.ImportArgs(store));
      ASSERT_EQ(again.exit_code, 0) << point << ": " << again.err;
      EXPECT_EQ(WearableRows(store), import.complete) << point;
    }
  }
}

TEST(ImportCrash, KilledAtRandomMomentsIsAllOrNothing) {
  WearableImport import(kReadingsEach);
  int interrupted = 0;
  for (const char* delay : {"0.05", "0.2", "0.4", "0.7", "1.0", "1.5"}) {
    TempDir where;
    std::string store = import.MakeStore(where);
    auto run = RunShell("timeout -s KILL " + std::string(delay) + " " + testing::ZenomeBinary() + " " +
                        import.ImportArgs(store));
    if (run.exit_code != 0) ++interrupted;
    int64_t rows = WearableRows(store);
    EXPECT_TRUE(rows == 0 || rows == import.complete) << rows << " rows after a kill at " << delay << " s";
    auto check = RunZenome("db check " + store);
    EXPECT_EQ(check.exit_code, 0) << delay << ": " << check.out << check.err;
    if (rows == 0) {
      // The next writer takes over cleanly and imports the whole file.
      auto again = RunZenome(import.ImportArgs(store));
      ASSERT_EQ(again.exit_code, 0) << again.err;
      EXPECT_EQ(WearableRows(store), import.complete);
    }
  }
  EXPECT_GT(interrupted, 0);  // at least one kill landed during the import
}

}  // namespace
}  // namespace zenome
