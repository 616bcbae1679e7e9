// Crash safety of `zenome db import`: one file is one SQLite transaction, so a SIGKILL at any
// moment leaves either none of the file's rows or all of them, and `db check` passes.
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

TEST(ImportCrash, KilledAtRandomMomentsIsAllOrNothing) {
  TempDir files;
  std::string key = files.File("key");
  WriteFile(key, "import-crash-test-key-0123456789\n");
  std::string clinical = files.File("clinical.csv");
  std::string wearable = files.File("wearable.csv");
  std::ostringstream clinical_text;
  std::ostringstream wearable_text;
  clinical_text << "participant_id,sex,age\n";
  wearable_text << "participant_id,timestamp,metric,value\n";
  for (int p = 0; p < kParticipants; ++p) {
    clinical_text << "P" << p << "," << (p % 2 == 0 ? "female" : "male") << "," << 20 + p << "\n";
    for (int r = 0; r < kReadingsEach; ++r) {
      wearable_text << "P" << p << "," << 1700000000 + 60 * r << ",heart_rate," << 50 + (p + r) % 60 << "\n";
    }
  }
  WriteFile(clinical, clinical_text.str());
  WriteFile(wearable, wearable_text.str());
  const int64_t complete = static_cast<int64_t>(kParticipants) * kReadingsEach;

  auto make_store = [&](const TempDir& where) {
    std::string store = where.File("store");
    EXPECT_EQ(RunZenome("db init " + store + " --build GRCh38").exit_code, 0);
    EXPECT_EQ(
        RunZenome("db import " + store + " --key-file " + key + " --layer clinical " + clinical).exit_code,
        0);
    return store;
  };
  std::string import_args = " --key-file " + key + " --layer wearable " + wearable;
  int interrupted = 0;
  for (const char* delay : {"0.05", "0.2", "0.4", "0.7", "1.0", "1.5"}) {
    TempDir where;
    std::string store = make_store(where);
    auto run = RunShell("timeout -s KILL " + std::string(delay) + " " + testing::ZenomeBinary() +
                        " db import " + store + import_args);
    if (run.exit_code != 0) ++interrupted;
    int64_t rows = WearableRows(store);
    EXPECT_TRUE(rows == 0 || rows == complete) << rows << " rows after a kill at " << delay << " s";
    auto check = RunZenome("db check " + store);
    EXPECT_EQ(check.exit_code, 0) << delay << ": " << check.out << check.err;
    if (rows == 0) {
      // The next writer takes over cleanly and imports the whole file.
      auto again = RunZenome("db import " + store + import_args);
      ASSERT_EQ(again.exit_code, 0) << again.err;
      EXPECT_EQ(WearableRows(store), complete);
    }
  }
  EXPECT_GT(interrupted, 0);  // at least one kill landed during the import
}

}  // namespace
}  // namespace zenome
