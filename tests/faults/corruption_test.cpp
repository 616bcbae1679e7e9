// A segment file damaged on disk: every file of a segment truncated to half or to nothing, or with
// one bit flipped at its first, middle or last byte. `db check` fails and names the segment and
// the file; readers (the sites export with group counts, a cohort query with carriers, a region
// query) fail with an error naming the file, or (until the segment format with block checksums)
// give the same answer as before.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "faults/fault_harness.h"
#include "store/segment/format.h"

namespace zenome::faults {
namespace {

namespace fs = std::filesystem;

enum class Damage { kTruncateHalf, kTruncateAll, kFlipFirst, kFlipMiddle, kFlipLast };
const std::map<Damage, std::string> kDamage = {{Damage::kTruncateHalf, "truncated to half"},
                                               {Damage::kTruncateAll, "truncated to nothing"},
                                               {Damage::kFlipFirst, "bit flipped in the first byte"},
                                               {Damage::kFlipMiddle, "bit flipped in the middle byte"},
                                               {Damage::kFlipLast, "bit flipped in the last byte"}};

void Corrupt(const std::string& path, Damage damage) {
  std::string bytes = testing::ReadFile(path);
  switch (damage) {
    case Damage::kTruncateHalf: bytes.resize(bytes.size() / 2); break;
    case Damage::kTruncateAll: bytes.clear(); break;
    case Damage::kFlipFirst: bytes.front() ^= 0x10; break;
    case Damage::kFlipMiddle: bytes[bytes.size() / 2] ^= 0x10; break;
    case Damage::kFlipLast: bytes.back() ^= 0x10; break;
  }
  testing::WriteFile(path, bytes);
}

TEST(CorruptSegmentFile, CheckNamesTheFileAndReadersFailClearly) {
  const Data& data = SharedData();
  WorkDir work;
  std::string base = work.File("before");
  FindWriter("Annotate").prepare(base);  // two segments, the clinical layer
  ASSERT_FALSE(HasFatalFailure());
  const std::vector<std::string> readers = {
      "db export STORE --sites --by population,sex -O v --no-version -o -",
      "db cohort STORE " + data.cohort_query + " --list --explain",
      "db query STORE --region chr1",
      "db query STORE --region chrX",
  };
  auto run_readers = [&](const std::string& store) {
    std::vector<CommandResult> results;
    for (std::string args : readers) {
      args.replace(args.find("STORE"), 5, store);
      results.push_back(RunZenome(args));
    }
    return results;
  };
  std::vector<CommandResult> before = run_readers(base);
  for (const auto& result : before) ASSERT_EQ(result.exit_code, 0) << result.err;

  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(base + "/segments/s000001")) {
    files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 4u);
  int cases = 0, errors = 0, same = 0, changed = 0;
  for (const auto& file : files) {
    for (const auto& [damage, description] : kDamage) {
      std::string store = work.File("store");
      CopyTree(base, store);
      Corrupt(store + "/segments/s000001/" + file, damage);
      std::string where = "s000001/" + file + " " + description;
      ++cases;
      CommandResult check = Check(store);
      EXPECT_EQ(check.exit_code, 1) << where << ":\n" << check.out << check.err;
      std::string named =
          file == "manifest.json" ? "segment s000001: manifest.json" : "segment s000001: file " + file;
      EXPECT_NE(check.out.find(named), std::string::npos) << where << ": the check does not name the file:\n"
                                                          << check.out << check.err;

      std::vector<CommandResult> after = run_readers(store);
      for (size_t r = 0; r < readers.size(); ++r) {
        const CommandResult& result = after[r];
        std::string reader = where + ", " + readers[r];
        if (result.exit_code != 0) {
          ++errors;
          EXPECT_EQ(result.exit_code, 1) << reader << ": " << result.err;
          // "store DIR, segment s000001: c0000.gt (chr1) block 3: ..." or a path in the segment.
          bool names_file =
              result.err.find("s000001") != std::string::npos && result.err.find(file) != std::string::npos;
          EXPECT_TRUE(names_file) << reader << ": the error does not name the file: " << result.err;
        } else if (result.out == before[r].out) {
          // Readers verify the checksum of every block and table they use (segment format 5); one
          // that never reads the damaged part (a chrX region does not open chr1's files, a frequency
          // never decompresses genotypes) rightly answers as before. Every byte of a segment is
          // covered by tests/store/segment/segment_damage_test.cpp's readers.
          ++same;
        } else {
          ++changed;
          ADD_FAILURE() << reader << ": a different answer with exit status 0";
        }
      }
      RemoveTree(store);
    }
  }
  Report("corrupt segment file: " + std::to_string(cases) + " damaged files (" +
         std::to_string(files.size()) + " files x " + std::to_string(kDamage.size()) +
         " kinds), db check named the file in every case; " + std::to_string(cases * readers.size()) +
         " reader runs: " + std::to_string(errors) + " clear errors, " + std::to_string(same) +
         " same answer, " + std::to_string(changed) + " different answer (segment format " +
         std::to_string(segment::kFormatVersion) + ")" + (HasFailure() ? " (FAILED)" : ""));
}

}  // namespace
}  // namespace zenome::faults
