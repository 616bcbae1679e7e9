// A damaged segment never gives a different answer: one bit flipped at every byte of every file of
// a small format-5 segment (three sites blocks and several genotype blocks on chr1; chrX, chrY,
// chrM; the manifest), and each file truncated at several lengths, and every question a reader can
// ask (frequency, region, carriers, both exports, a cohort) either gets exactly the undamaged
// answer or fails with an error naming the store, segment and file and saying it is damaged; `db
// check` reports every one. Format 4 (no checksums) is run through the same flips for comparison:
// there, db check's SHA-256 finds every flip but readers answer wrongly for some.
#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "store/admin/check.h"
#include "store/answers_test_support.h"
#include "store/segment/format.h"
#include "store/segment/reader.h"
#include "store/segment_test_support.h"
#include "support/test_support.h"

namespace zenome {
namespace {

namespace fs = std::filesystem;
using testing::StoreAnswer;
using testing::TempDir;

constexpr char kDamaged[] = "the file is damaged; run zenome db check";

testing::StoreQuestions Questions() {
  testing::StoreQuestions questions;
  questions.variants = {"chr1-20-C-T",  "chr1-2509-G-T", "chr1-5017-G-A",
                        "chrX-197-G-A", "chrY-150-T-G",  "chrM-200-C-G"};
  questions.contigs = {"chr1", "chrX", "chrY", "chrM"};
  questions.cohort = nlohmann::json::parse(
      R"({"any": [{"carrier": "chr1-2509-G-T"}, {"carrier": {"variant": "chrX-100-C-T", "genotype": "hom_alt"}}]})");
  return questions;
}

struct FileCounts {
  int64_t tried = 0;
  int64_t detected = 0;  // some question failed with the damage error
  int64_t unused = 0;    // every question answered exactly as undamaged
  int64_t wrong = 0;     // some question answered differently with success
  int64_t check_found = 0;
};

class SegmentDamageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = testing::MakeFixtureStore(dir_.path().string());
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = *store;
    segment_ = store_ + "/segments/s000001";
    // Genotype blocks of ~96 bytes: chr1's rows span several.
    ASSERT_TRUE(testing::RewriteSegment(store_, "s000001", 96).ok());
    auto reader = SegmentReader::Open(segment_);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    ASSERT_EQ((*reader)->contigs()[0]->n_blocks(), 8u);
    scratch_ = dir_.File("scratch");
    fs::create_directories(scratch_);
    undamaged_ = testing::AskStore(store_, Questions(), scratch_);
    for (const auto& answer : undamaged_) ASSERT_TRUE(answer.ok) << answer.question << ": " << answer.text;
  }

  std::vector<std::string> Files() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(segment_))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  bool CheckFinds(const std::string& file) {
    auto store = OpenStore(store_, false);
    EXPECT_TRUE(store.ok());
    auto report = CheckStore(*store, CheckOptions{});
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    if (!report.ok()) return false;
    for (const auto& problem : report->problems) {
      if (problem.find(file) != std::string::npos) return true;
    }
    return false;
  }

  // Asks every question of the store as it is now; adds to `counts`. With `strict`, an answer
  // that differs from the undamaged one is a test failure, and so is an error that is not the
  // damage error naming the segment and `file`.
  void AskDamaged(const std::string& file, const std::string& what, bool strict, FileCounts& counts) {
    std::vector<StoreAnswer> answers = testing::AskStore(store_, Questions(), scratch_);
    ++counts.tried;
    bool failed = false, differs = false;
    for (const auto& answer : answers) {
      if (!answer.ok) {
        failed = true;
        if (strict) {
          EXPECT_NE(answer.text.find("segment s000001"), std::string::npos) << what << ": " << answer.text;
          EXPECT_NE(answer.text.find(file), std::string::npos) << what << ": " << answer.text;
          EXPECT_NE(answer.text.find(kDamaged), std::string::npos) << what << ": " << answer.text;
        }
        continue;
      }
      const StoreAnswer* undamaged = nullptr;
      for (const auto& other : undamaged_) {
        if (other.question == answer.question) undamaged = &other;
      }
      ASSERT_NE(undamaged, nullptr) << answer.question;
      if (answer.text != undamaged->text) {
        differs = true;
        if (strict) ADD_FAILURE() << what << ": " << answer.question << " answered differently with success";
      }
    }
    counts.detected += failed;
    counts.wrong += differs;
    counts.unused += !failed && !differs;
    bool found = CheckFinds(file);
    counts.check_found += found;
    EXPECT_TRUE(found) << what << ": db check does not report it";
  }

  // One bit flipped at every byte of every file (bit offset % 8).
  std::map<std::string, FileCounts> FlipEveryByte(bool strict, bool with_manifest) {
    std::map<std::string, FileCounts> counts;
    for (const auto& file : Files()) {
      if (file == "manifest.json" && !with_manifest) continue;
      std::string path = segment_ + "/" + file;
      std::string original = testing::ReadFile(path);
      const auto stride = static_cast<size_t>(testing::ExhaustiveStride());
      for (size_t offset = 0; offset < original.size(); offset += stride) {
        std::string damaged = original;
        damaged[offset] = static_cast<char>(damaged[offset] ^ (1 << (offset % 8)));
        testing::WriteFile(path, damaged);
        AskDamaged(file, file + " byte " + std::to_string(offset), strict, counts[file]);
      }
      testing::WriteFile(path, original);
    }
    return counts;
  }

  static void Report(const std::string& title, const std::map<std::string, FileCounts>& counts) {
    FileCounts total;
    std::cout << title << "\n  file            tried  detected  unused  wrong  db-check\n";
    for (const auto& [file, c] : counts) {
      std::printf("  %-14s %6lld %9lld %7lld %6lld %9lld\n", file.c_str(), static_cast<long long>(c.tried),
                  static_cast<long long>(c.detected), static_cast<long long>(c.unused),
                  static_cast<long long>(c.wrong), static_cast<long long>(c.check_found));
      total.tried += c.tried;
      total.detected += c.detected;
      total.unused += c.unused;
      total.wrong += c.wrong;
      total.check_found += c.check_found;
    }
    std::printf("  %-14s %6lld %9lld %7lld %6lld %9lld\n", "all", static_cast<long long>(total.tried),
                static_cast<long long>(total.detected), static_cast<long long>(total.unused),
                static_cast<long long>(total.wrong), static_cast<long long>(total.check_found));
    std::fflush(stdout);
  }

  TempDir dir_;
  std::string store_, segment_, scratch_;
  std::vector<StoreAnswer> undamaged_;
};

TEST_F(SegmentDamageTest, EveryFlippedByteIsAnErrorNeverAnotherAnswer) {
  std::map<std::string, FileCounts> counts = FlipEveryByte(/*strict=*/true, /*with_manifest=*/true);
  Report("format 5, one bit flipped per byte:", counts);
  // Every byte is under a checksum (or is padding that must be zero), and the exports read every
  // block and table, so every flip is detected: no byte is unused.
  for (const auto& [file, c] : counts) {
    const auto stride = static_cast<int64_t>(testing::ExhaustiveStride());
    EXPECT_EQ(c.tried, (static_cast<int64_t>(fs::file_size(segment_ + "/" + file)) + stride - 1) / stride)
        << file;
    EXPECT_EQ(c.detected, c.tried) << file;
    EXPECT_EQ(c.unused, 0) << file;
    EXPECT_EQ(c.wrong, 0) << file;
    EXPECT_EQ(c.check_found, c.tried) << file;
  }
  EXPECT_EQ(counts.size(), 13u);
  // Afterwards the store is whole again.
  for (const auto& answer : testing::AskStore(store_, Questions(), scratch_)) EXPECT_TRUE(answer.ok);
}

TEST_F(SegmentDamageTest, ADamagedBlockIsNamedWithWhatWasStoredAndComputed) {
  std::string path = segment_ + "/c0000.gt";
  std::string bytes = testing::ReadFile(path);
  bytes[2] ^= 0x04;  // inside block 0
  testing::WriteFile(path, bytes);
  auto store = OpenStore(store_, false);
  ASSERT_TRUE(store.ok());
  auto variants = VariantStore::Open(*store);
  ASSERT_TRUE(variants.ok());  // the tables are whole; the block is read when asked for
  auto key = ParseVariantKey(*store, "chr1-20-C-T");
  ASSERT_TRUE(key.ok());
  auto carriers = (*variants)->Carriers(*key);
  ASSERT_FALSE(carriers.ok());
  const std::string& message = carriers.status().message();
  std::string prefix =
      "store " + store_ + ", segment s000001: c0000.gt (chr1) block 0: checksum mismatch (stored ";
  EXPECT_EQ(message.substr(0, prefix.size()), prefix) << message;
  EXPECT_NE(message.find(", computed "), std::string::npos) << message;
  EXPECT_EQ(message.substr(message.size() - std::strlen(kDamaged) - 3), "): " + std::string(kDamaged))
      << message;
  // The frequency of the same variant reads .sites only, which is whole.
  auto site = (*variants)->Variant(*key, nullptr);
  ASSERT_TRUE(site.ok()) << site.status().ToString();
}

TEST_F(SegmentDamageTest, TruncatedFilesAreErrors) {
  // As the disk left them (the manifest's sizes disagree), and with the manifest re-sealed to
  // match (as a bug might), so that the decoders' own checks are what stops them.
  FileCounts counts;
  for (const auto& file : Files()) {
    std::string path = segment_ + "/" + file;
    std::string original = testing::ReadFile(path);
    std::string manifest = testing::ReadFile(segment_ + "/manifest.json");
    std::set<size_t> lengths = {0, 1, 7, 8, original.size() / 2, original.size() - 1, original.size() - 8};
    if (original.size() > 56) lengths.insert(original.size() - 56);
    for (size_t length : lengths) {
      if (length >= original.size()) continue;
      for (bool resealed : {false, true}) {
        if (resealed && file == "manifest.json") continue;
        testing::WriteFile(path, original.substr(0, length));
        if (resealed) {
          auto parsed = ParseSegmentManifest(manifest, "manifest.json");
          ASSERT_TRUE(parsed.ok());
          uint64_t bytes = 0;
          auto text = SealSegment(segment_, *parsed, bytes);
          ASSERT_TRUE(text.ok());
          ASSERT_TRUE(testing::SetCatalogChecksum(store_, "s000001", *text).ok());
        }
        std::string what = file + " cut to " + std::to_string(length) + (resealed ? " (re-sealed)" : "");
        FileCounts one;
        AskDamaged(file, what, /*strict=*/true, one);
        EXPECT_EQ(one.detected, 1) << what;
        counts.tried += one.tried;
        counts.detected += one.detected;
        testing::WriteFile(path, original);
        testing::WriteFile(segment_ + "/manifest.json", manifest);
        ASSERT_TRUE(testing::SetCatalogChecksum(store_, "s000001", manifest).ok());
      }
    }
  }
  std::cout << "truncations: " << counts.tried << " tried, " << counts.detected << " detected\n";
  EXPECT_EQ(counts.detected, counts.tried);
}

TEST_F(SegmentDamageTest, Format4ForComparison) {
  // What format 5 fixes: the same flips in format 4 are all found by db check (SHA-256), but
  // readers answer some of them differently, with success. Never a crash either way.
  ASSERT_TRUE(testing::WriteSegmentInFormat4(store_, "s000001").ok());
  std::map<std::string, FileCounts> counts = FlipEveryByte(/*strict=*/false, /*with_manifest=*/false);
  Report("format 4, one bit flipped per byte:", counts);
  int64_t wrong = 0;
  for (const auto& [file, c] : counts) {
    EXPECT_EQ(c.check_found, c.tried) << file;
    wrong += c.wrong;
  }
  EXPECT_GT(wrong, 0);
}

TEST_F(SegmentDamageTest, Format4BlockSizesAreCheckedAgainstTheirFrames) {
  // A format-4 directory entry has no checksum: a flipped high bit in a block's uncompressed size
  // once had the reader allocate ~2 GiB before zstd refused the block. The zstd frame states the
  // size too, and the two must agree before anything is allocated.
  ASSERT_TRUE(testing::WriteSegmentInFormat4(store_, "s000001").ok());
  std::string path = segment_ + "/c0000.gt";
  std::string bytes = testing::ReadFile(path);
  segment::v4::GenotypeFooter footer;
  std::memcpy(&footer, bytes.data() + bytes.size() - sizeof(footer), sizeof(footer));
  size_t size_at = footer.directory_offset + offsetof(segment::GenotypeBlockEntry, uncompressed_size);
  bytes[size_at + 3] = static_cast<char>(bytes[size_at + 3] ^ 0x40);
  testing::WriteFile(path, bytes);
  auto parsed = ParseSegmentManifest(testing::ReadFile(segment_ + "/manifest.json"), "manifest.json");
  ASSERT_TRUE(parsed.ok());
  uint64_t sealed_bytes = 0;
  auto text = SealSegment(segment_, *parsed, sealed_bytes);
  ASSERT_TRUE(text.ok());
  ASSERT_TRUE(testing::SetCatalogChecksum(store_, "s000001", *text).ok());
  auto store = OpenStore(store_, false);
  ASSERT_TRUE(store.ok());
  auto variants = VariantStore::Open(*store);
  ASSERT_TRUE(variants.ok()) << variants.status().ToString();
  auto key = ParseVariantKey(*store, "chr1-20-C-T");
  ASSERT_TRUE(key.ok());
  auto carriers = (*variants)->Carriers(*key);
  ASSERT_FALSE(carriers.ok());
  EXPECT_EQ(carriers.status().message(),
            "store " + store_ +
                ", segment s000001: c0000.gt (chr1) block 0: its size disagrees with "
                "its zstd frame: the file is damaged; run zenome db check");
}

}  // namespace
}  // namespace zenome
