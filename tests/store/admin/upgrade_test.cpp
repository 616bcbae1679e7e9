// Segment format 4 (no block checksums) after format 5: a store written in format 4 still opens and
// answers exactly as the same data in format 5; `db check` passes it (with a note); `db upgrade`
// rewrites its segments in format 5 with compaction's commit protocol (all or nothing when killed
// at any step), after which every answer is the same and `db check` passes again. Format-4 stores
// come from the segment the format-4 writer wrote (tests/data/store_format4) and, for larger
// stores, from WriteSegmentInFormat4, which the first test shows writes the same bytes.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "store/admin/check.h"
#include "store/admin/compact.h"
#include "store/admin/upgrade.h"
#include "store/answers_test_support.h"
#include "store/catalog/catalog.h"
#include "store/segment/format.h"
#include "store/segment/reader.h"
#include "store/segment_test_support.h"
#include "support/test_support.h"

namespace zenome {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::RunZenome;
using testing::TempDir;

std::vector<std::string> FilesOf(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> SegmentDirectories(const std::string& store) {
  return FilesOf(store + "/segments");
}

int ManifestVersion(const std::string& segment_dir) {
  std::string path = segment_dir + "/" + segment::kManifestName;
  auto manifest = ParseSegmentManifest(testing::ReadFile(path), path);
  EXPECT_TRUE(manifest.ok()) << manifest.status().ToString();
  return manifest.ok() ? manifest->version : -1;
}

CheckReport Check(const std::string& store_dir) {
  auto store = OpenStore(store_dir, false);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  CheckOptions options;
  options.full = true;
  auto report = CheckStore(*store, options);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return report.ok() ? *report : CheckReport{};
}

Result<UpgradeStats> Upgrade(const std::string& store_dir) {
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(store_dir, true));
  return UpgradeStore(store, UpgradeOptions{});
}

// The fixture's questions: variants in the first and last chr1 sites blocks, on chrX, chrY and chrM.
testing::StoreQuestions FixtureQuestions() {
  testing::StoreQuestions questions;
  questions.variants = {"chr1-20-C-T",  "chr1-5017-G-A", "chr1-4998-TAC-T",
                        "chrX-197-G-A", "chrY-150-T-G",  "chrM-200-C-G"};
  questions.contigs = {"chr1", "chrX", "chrY", "chrM"};
  questions.cohort = nlohmann::json::parse(
      R"({"any": [{"carrier": "chr1-2509-G-T"}, {"carrier": {"variant": "chrX-100-C-T", "genotype": "hom_alt"}}]})");
  return questions;
}

void ExpectSameAnswers(const std::vector<testing::StoreAnswer>& got,
                       const std::vector<testing::StoreAnswer>& want, const std::string& when) {
  ASSERT_EQ(got.size(), want.size()) << when;
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_TRUE(got[i].ok) << when << ": " << got[i].question << ": " << got[i].text;
    EXPECT_EQ(got[i].question, want[i].question) << when;
    EXPECT_EQ(got[i].text, want[i].text) << when << ": " << got[i].question;
  }
}

TEST(UpgradeTest, Format4HelperWritesWhatTheFormat4WriterWrote) {
  TempDir dir;
  auto store = testing::MakeFixtureStore(dir.path().string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  std::string segment = *store + "/segments/s000001";
  EXPECT_EQ(ManifestVersion(segment), 5);
  ASSERT_TRUE(testing::WriteSegmentInFormat4(*store, "s000001").ok());
  std::string fixture = testing::Format4FixtureDir() + "/s000001";
  ASSERT_EQ(FilesOf(segment), FilesOf(fixture));
  for (const auto& name : FilesOf(fixture)) {
    EXPECT_EQ(testing::ReadFile(segment + "/" + name), testing::ReadFile(fixture + "/" + name)) << name;
  }
}

TEST(UpgradeTest, AFormat4SegmentAnswersAsFormat5AndUpgrades) {
  TempDir dir;
  auto store = testing::MakeFixtureStore(dir.path().string());
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  testing::StoreQuestions questions = FixtureQuestions();
  auto in_format5 = testing::AskStore(*store, questions, dir.path().string());
  for (const auto& answer : in_format5) ASSERT_TRUE(answer.ok) << answer.question << ": " << answer.text;

  // The same segment as the format-4 writer wrote it.
  std::string segment = *store + "/segments/s000001";
  fs::remove_all(segment);
  fs::copy(testing::Format4FixtureDir() + "/s000001", segment);
  ASSERT_TRUE(
      testing::SetCatalogChecksum(*store, "s000001", testing::ReadFile(segment + "/manifest.json")).ok());
  ExpectSameAnswers(testing::AskStore(*store, questions, dir.path().string()), in_format5, "format 4");
  CheckReport before = Check(*store);
  EXPECT_TRUE(before.ok()) << ::testing::PrintToString(before.problems);
  EXPECT_EQ(before.sites_checked, 403);
  ASSERT_EQ(before.notes.size(), 1u);
  EXPECT_EQ(before.notes[0],
            "segment s000001 is in segment format 4, without block checksums: zenome db upgrade rewrites it "
            "in format 5");

  auto upgraded = Upgrade(*store);
  ASSERT_TRUE(upgraded.ok()) << upgraded.status().ToString();
  EXPECT_EQ(upgraded->segments, 1);
  EXPECT_EQ(upgraded->upgraded, 1);
  EXPECT_EQ(upgraded->from_version, (std::map<int, int64_t>{{4, 1}}));
  EXPECT_EQ(upgraded->created, std::vector<std::string>{"s000002"});
  EXPECT_EQ(SegmentDirectories(*store), std::vector<std::string>{"s000002"});
  EXPECT_EQ(ManifestVersion(*store + "/segments/s000002"), 5);
  ExpectSameAnswers(testing::AskStore(*store, questions, dir.path().string()), in_format5, "upgraded");
  CheckReport after = Check(*store);
  EXPECT_TRUE(after.ok()) << ::testing::PrintToString(after.problems);
  EXPECT_TRUE(after.notes.empty()) << after.notes.front();
  EXPECT_EQ(after.sites_checked, 403);
  // The upgraded segment is what ingest writes today, byte for byte (its manifest too).
  TempDir fresh;
  auto ingested = testing::MakeFixtureStore(fresh.path().string());
  ASSERT_TRUE(ingested.ok());
  ASSERT_EQ(FilesOf(*store + "/segments/s000002"), FilesOf(*ingested + "/segments/s000001"));
  for (const auto& name : FilesOf(*store + "/segments/s000002")) {
    EXPECT_EQ(testing::ReadFile(*store + "/segments/s000002/" + name),
              testing::ReadFile(*ingested + "/segments/s000001/" + name))
        << name;
  }

  auto again = Upgrade(*store);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->upgraded, 0);
  EXPECT_EQ(SegmentDirectories(*store), std::vector<std::string>{"s000002"});
}

TEST(UpgradeTest, RefusesAFormat4SegmentThatDoesNotMatchItsManifest) {
  // Format 4 has no block checksums: a damaged file would be read as data and sealed under new
  // checksums. Its SHA-256 in the manifest is checked first.
  TempDir dir;
  auto store = testing::MakeFixtureStore(dir.path().string());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(testing::WriteSegmentInFormat4(*store, "s000001").ok());
  std::string path = *store + "/segments/s000001/c0000.gt";
  std::string bytes = testing::ReadFile(path);
  bytes[20] ^= 0x10;
  testing::WriteFile(path, bytes);
  auto upgraded = Upgrade(*store);
  ASSERT_FALSE(upgraded.ok());
  EXPECT_EQ(upgraded.status().message(),
            path +
                ": does not match the SHA-256 in its manifest: the file is damaged; "
                "run zenome db check");
  EXPECT_EQ(SegmentDirectories(*store), std::vector<std::string>{"s000001"});
  EXPECT_EQ(ManifestVersion(*store + "/segments/s000001"), 4);
  CheckReport report = Check(*store);
  EXPECT_EQ(report.problems,
            std::vector<std::string>{"segment s000001: file c0000.gt does not match its checksum"});
}

// A store of six segments (plain VCFs, gVCFs, single genomes, a replaced genome), a clinical layer
// and gene annotations, made once; tests take copies.
class UpgradeStoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string sim = dir_->File("sim");
    Run("simulate -q -o " + sim + " --seed 53 --genome-size 300k --samples 8 --gvcf --cases 0 --tumours 0");
    std::string key = dir_->File("key");
    testing::WriteFile(key, "upgrade-test-key-0123456789abcdef\n");
    store_ = dir_->File("store");
    Run("db init " + store_ + " --build custom -f " + sim + "/reference.fa");
    std::string ingest = "db ingest -q " + store_ + " --key-file " + key;
    auto sample = [&](int i, bool gvcf) {
      return " " + sim + "/samples/S000" + std::to_string(i) + (gvcf ? ".g.vcf.gz" : ".vcf.gz");
    };
    Run(ingest + sample(1, false) + sample(2, false));
    Run(ingest + sample(3, true) + sample(4, true));
    Run(ingest + sample(5, false));
    Run(ingest + " --replace" + sample(2, true));
    Run(ingest + sample(6, false) + sample(7, false));
    Run(ingest + sample(8, false));
    Run("db import " + store_ + " --layer clinical " + sim + "/cohort/clinical.csv --key-file " + key);
    Run("db annotate -q " + store_ + " -g " + sim + "/genes.gff3 -f " + sim + "/reference.fa");
  }
  static void TearDownTestSuite() { delete dir_; }

  static void Run(const std::string& args) {
    CommandResult result = RunZenome(args);
    ASSERT_EQ(result.exit_code, 0) << args << ":\n" << result.err;
  }

  static std::string Query(const std::string& args) {
    CommandResult result = RunZenome(args);
    EXPECT_EQ(result.exit_code, 0) << args << ":\n" << result.err;
    return result.out;
  }

  // A copy of the store with segments `old` (1-based) rewritten in format 4.
  static std::string CopyInFormat4(const TempDir& where, const std::set<int>& old) {
    std::string copy = where.File("store");
    fs::copy(store_, copy, fs::copy_options::recursive);
    for (int n : old) {
      EXPECT_TRUE(testing::WriteSegmentInFormat4(copy, "s00000" + std::to_string(n)).ok());
    }
    return copy;
  }

  // What a reader sees, through the CLI: every variant's counts per sex on every contig, per
  // population on chr1, carriers on chrX, a cohort, a gene's variants, and both exports.
  static std::string Snapshot(const std::string& store, const TempDir& where) {
    std::string snapshot;
    for (const char* contig : {"chr1", "chr2", "chr3", "chrX", "chrY", "chrM"}) {
      snapshot += Query("db query " + store + " --region " + contig + " --by sex");
    }
    snapshot += Query("db query " + store + " --region chr1 --by population --format json");
    snapshot += Query("db query " + store + " --region chrX --carriers --allow-carriers");
    std::string sites = where.File("sites.vcf");
    Query("db export -q --no-version " + store + " --sites --by sex -o " + sites);
    snapshot += testing::WithoutStoreLine(testing::ReadFile(sites));
    auto catalog = Catalog::Open(store + "/catalog.sqlite", Catalog::Mode::kReadOnly);
    EXPECT_TRUE(catalog.ok());
    auto rows =
        (*catalog)->Prepare("SELECT pseudonym FROM samples WHERE replaced_by IS NULL ORDER BY pseudonym");
    EXPECT_TRUE(rows.ok());
    std::string list;
    while (*rows->Step()) list += (list.empty() ? "" : ",") + rows->ColumnText(0);
    std::string genotypes = where.File("genotypes.vcf");
    Query("db export -q --no-version " + store + " --samples " + list + " -o " + genotypes);
    snapshot += testing::WithoutStoreLine(testing::ReadFile(genotypes));
    std::string cohort = where.File("cohort.json");
    testing::WriteFile(cohort, R"({"all": [{"sex": "female"}, {"genome": true}]})");
    snapshot += Query("db cohort " + store + " " + cohort + " --list");
    return snapshot;
  }

  static void ExpectConsistent(const std::string& store, const std::string& when) {
    CommandResult check = RunZenome("db check " + store + " --full");
    EXPECT_EQ(check.exit_code, 0) << when << ":\n" << check.out << check.err;
  }

  static std::vector<int> Versions(const std::string& store) {
    std::vector<int> versions;
    for (const auto& directory : SegmentDirectories(store)) {
      versions.push_back(ManifestVersion(store + "/segments/" + directory));
    }
    return versions;
  }

  static int64_t AnnotationMark(const std::string& store) {
    auto catalog = Catalog::Open(store + "/catalog.sqlite", Catalog::Mode::kReadOnly);
    EXPECT_TRUE(catalog.ok());
    auto value = (*catalog)->GetMeta("annotation_last_segment");
    EXPECT_TRUE(value.ok() && value->has_value());
    return std::stoll(**value);
  }

  static TempDir* dir_;
  static std::string store_;
};

TempDir* UpgradeStoreTest::dir_ = nullptr;
std::string UpgradeStoreTest::store_;

TEST_F(UpgradeStoreTest, EveryAnswerIsTheSameBeforeAndAfterTheUpgrade) {
  TempDir where;
  std::string expected = Snapshot(store_, where);
  // Segments 1, 2, 4 and 6 in format 4; 3 and 5 stay in format 5: both are read in one store.
  std::string store = CopyInFormat4(where, {1, 2, 4, 6});
  EXPECT_EQ(Versions(store), (std::vector<int>{4, 4, 5, 4, 5, 4}));
  EXPECT_EQ(Snapshot(store, where), expected);
  CommandResult check = RunZenome("db check " + store + " --full");
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.err.find("note: segment s000004 is in segment format 4"), std::string::npos) << check.err;

  CommandResult upgrade = RunZenome("db upgrade " + store);
  ASSERT_EQ(upgrade.exit_code, 0) << upgrade.err;
  EXPECT_NE(upgrade.err.find("zenome db upgrade: 4 of 6 segments rewritten in format 5 (from format 4: 4;"),
            std::string::npos)
      << upgrade.err;
  // Each old segment was rewritten alone, in order, under the next numbers.
  EXPECT_EQ(SegmentDirectories(store),
            (std::vector<std::string>{"s000003", "s000005", "s000007", "s000008", "s000009", "s000010"}));
  EXPECT_EQ(Versions(store), (std::vector<int>(6, 5)));
  EXPECT_EQ(Snapshot(store, where), expected);
  ExpectConsistent(store, "after the upgrade");
  // The annotations covered every segment before, so they cover the rewritten ones.
  EXPECT_EQ(AnnotationMark(store), 10);

  upgrade = RunZenome("db upgrade " + store);
  ASSERT_EQ(upgrade.exit_code, 0) << upgrade.err;
  EXPECT_EQ(upgrade.err, "zenome db upgrade: nothing to do (6 segments, all in format 5)\n");
}

TEST_F(UpgradeStoreTest, KilledAtEachPointOfItsCommitIsAllOrNothing) {
  // db upgrade goes through compaction's commit steps, so compaction's fault points apply.
  for (const char* point : {"compact.staged", "compact.renamed", "catalog.commit", "compact.committed"}) {
    TempDir where;
    std::string store = CopyInFormat4(where, {1, 2, 3, 4, 5, 6});
    std::string before = Snapshot(store, where);
    // SIGKILL at the first fault point so named (tests/faults/fault_runner.cpp).
    CommandResult crashed = testing::RunShell(std::string(ZENOME_FAULT_RUNNER) + " --kill-at " + point +
                                              " -- db upgrade -q " + store + "; exit $?");
    EXPECT_EQ(crashed.exit_code, 128 + 9) << point << ": " << crashed.err;  // killed by SIGKILL
    ExpectConsistent(store, point);
    EXPECT_EQ(Snapshot(store, where), before) << point;
    // The first segment is upgraded only once the catalog committed.
    bool committed = std::string(point) == "compact.committed";
    auto catalog = Catalog::Open(store + "/catalog.sqlite", Catalog::Mode::kReadOnly);
    ASSERT_TRUE(catalog.ok());
    auto first = (*catalog)->Prepare("SELECT MIN(segment_id), COUNT(*) FROM segments");
    ASSERT_TRUE(first.ok() && *first->Step());
    EXPECT_EQ(first->ColumnInt(0), committed ? 2 : 1) << point;
    EXPECT_EQ(first->ColumnInt(1), 6) << point;
    // The next writer removes what the killed one left, and the upgrade completes.
    Run("db upgrade -q " + store);
    ExpectConsistent(store, std::string(point) + ", then upgraded");
    EXPECT_EQ(Versions(store), (std::vector<int>(6, 5))) << point;
    EXPECT_TRUE(!fs::exists(store + "/staging") || fs::is_empty(store + "/staging")) << point;
    EXPECT_EQ(Snapshot(store, where), before) << point;
  }
}

TEST_F(UpgradeStoreTest, CompactionOfFormat4SegmentsWritesFormat5) {
  TempDir where;
  std::string expected = Snapshot(store_, where);
  std::string store = CopyInFormat4(where, {1, 2, 3, 4, 5, 6});
  // Segments merged are written in format 5 (s000001-2 and s000003-5, 4 genomes each); s000006,
  // left alone, keeps its format until db upgrade (or a compaction that merges it).
  Run("db compact -q " + store + " --max-samples 4");
  EXPECT_EQ(Versions(store), (std::vector<int>{4, 5, 5}));
  EXPECT_EQ(Snapshot(store, where), expected);
  Run("db compact -q " + store);
  EXPECT_EQ(Versions(store), (std::vector<int>{5}));
  EXPECT_EQ(Snapshot(store, where), expected);
  ExpectConsistent(store, "compacted");
}

}  // namespace
}  // namespace zenome
