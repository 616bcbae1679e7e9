// `zenome db compact`: merging segments changes nothing a reader can see (every count, per-group
// count, carrier, exported site and genotype), makes the store smaller, keeps or drops replaced
// genomes as asked, and is all-or-nothing when killed at any point of its commit protocol.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "store/admin/check.h"
#include "store/admin/compact.h"
#include "store/answers_test_support.h"
#include "store/catalog/catalog.h"
#include "store/catalog/store_dir.h"
#include "store/variants/variant_store.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::CommandResult;
using testing::RunShell;
using testing::RunZenome;
using testing::TempDir;
using testing::WithoutStoreLine;
using testing::WriteFile;

namespace fs = std::filesystem;

class CompactTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    sim_ = dir_->File("sim");
    CommandResult made = RunZenome("simulate -q -o " + sim_ +
                                   " --seed 47 --genome-size 300k --samples 8 --gvcf --cases 0 --tumours 0");
    ASSERT_EQ(made.exit_code, 0) << made.err;
    key_ = dir_->File("key");
    WriteFile(key_, "compact-test-key-0123456789abcdef\n");
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::string Sample(int i, bool gvcf = false) {
    return " " + sim_ + "/samples/S000" + std::to_string(i) + (gvcf ? ".g.vcf.gz" : ".vcf.gz");
  }

  static void Run(const std::string& args) {
    CommandResult result = RunZenome(args);
    ASSERT_EQ(result.exit_code, 0) << args << ":\n" << result.err;
  }

  // Six segments: plain VCFs, gVCFs, single genomes, and genome 2 replaced by its gVCF; with the
  // clinical layer, so per-sex and per-population counts come out.
  static std::string MakeStore(const TempDir& where) {
    std::string store = where.File("store");
    Run("db init " + store + " --build custom -f " + sim_ + "/reference.fa");
    std::string ingest = "db ingest -q " + store + " --key-file " + key_;
    Run(ingest + Sample(1) + Sample(2));
    Run(ingest + Sample(3, true) + Sample(4, true));
    Run(ingest + Sample(5));
    Run(ingest + " --replace" + Sample(2, true));
    Run(ingest + Sample(6) + Sample(7));
    Run(ingest + Sample(8));
    Run("db import " + store + " --layer clinical " + sim_ + "/cohort/clinical.csv --key-file " + key_);
    return store;
  }

  static std::string Query(const std::string& args) {
    CommandResult result = RunZenome(args);
    EXPECT_EQ(result.exit_code, 0) << args << ":\n" << result.err;
    return result.out;
  }

  static std::vector<std::string> CurrentPseudonyms(const std::string& store) {
    auto catalog = Catalog::Open(store + "/catalog.sqlite", Catalog::Mode::kReadOnly);
    EXPECT_TRUE(catalog.ok());
    auto rows =
        (*catalog)->Prepare("SELECT pseudonym FROM samples WHERE replaced_by IS NULL ORDER BY pseudonym");
    EXPECT_TRUE(rows.ok());
    std::vector<std::string> pseudonyms;
    while (*rows->Step()) pseudonyms.push_back(rows->ColumnText(0));
    return pseudonyms;
  }

  // Everything a reader sees: every variant's counts overall and per sex on every contig, per
  // population on chr1, carriers on chrX, the sites VCF, and every current genome's genotypes.
  static std::string Snapshot(const std::string& store, const TempDir& where) {
    std::string snapshot;
    for (const char* contig : {"chr1", "chr2", "chr3", "chr4", "chr5", "chrX", "chrY", "chrM"}) {
      snapshot += Query("db query " + store + " --region " + contig + " --by sex");
    }
    snapshot += Query("db query " + store + " --region chr1 --by population --format json");
    snapshot += Query("db query " + store + " --region chrX --carriers --allow-carriers");
    std::string sites = where.File("sites.vcf");
    Query("db export -q --no-version " + store + " --sites --by sex -o " + sites);
    snapshot += WithoutStoreLine(testing::ReadFile(sites));
    std::string list;
    for (const auto& pseudonym : CurrentPseudonyms(store)) list += (list.empty() ? "" : ",") + pseudonym;
    std::string genotypes = where.File("genotypes.vcf");
    Query("db export -q --no-version " + store + " --samples " + list + " -o " + genotypes);
    snapshot += WithoutStoreLine(testing::ReadFile(genotypes));
    return snapshot;
  }

  static int64_t Count(const std::string& store, const std::string& sql) {
    auto catalog = Catalog::Open(store + "/catalog.sqlite", Catalog::Mode::kReadOnly);
    EXPECT_TRUE(catalog.ok());
    auto row = (*catalog)->Prepare(sql);
    EXPECT_TRUE(row.ok()) << sql;
    EXPECT_TRUE(*row->Step());
    return row->ColumnInt(0);
  }

  static uint64_t SegmentBytes(const std::string& store) {
    uint64_t bytes = 0;
    for (const auto& entry : fs::recursive_directory_iterator(store + "/segments")) {
      if (entry.is_regular_file()) bytes += entry.file_size();
    }
    return bytes;
  }

  static void ExpectConsistent(const std::string& store, const std::string& when) {
    CommandResult check = RunZenome("db check " + store + " --full");
    EXPECT_EQ(check.exit_code, 0) << when << ":\n" << check.out << check.err;
  }

  static TempDir* dir_;
  static std::string sim_;
  static std::string key_;
};

TempDir* CompactTest::dir_ = nullptr;
std::string CompactTest::sim_;
std::string CompactTest::key_;

TEST_F(CompactTest, AllSegmentsBecomeOneAndEveryAnswerStaysTheSame) {
  TempDir where;
  std::string store = MakeStore(where);
  ASSERT_EQ(Count(store, "SELECT COUNT(*) FROM segments"), 6);
  std::string before = Snapshot(store, where);
  ASSERT_NE(before.find("\t0/1"), std::string::npos);  // genotypes were exported
  uint64_t bytes_before = SegmentBytes(store);

  CommandResult compact = RunZenome("db compact " + store);
  ASSERT_EQ(compact.exit_code, 0) << compact.err;
  EXPECT_NE(compact.err.find("6 segments"), std::string::npos) << compact.err;
  EXPECT_NE(compact.err.find("9 genomes"), std::string::npos) << compact.err;  // the replaced one is kept
  EXPECT_NE(compact.err.find("now has 1 segment"), std::string::npos) << compact.err;
  ExpectConsistent(store, "compacted");
  EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM segments"), 1);
  EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM samples"), 9);
  EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM samples WHERE replaced_by IS NOT NULL"), 1);
  EXPECT_EQ(std::distance(fs::directory_iterator(store + "/segments"), fs::directory_iterator()), 1);
  EXPECT_EQ(Snapshot(store, where), before);
  // One copy of each site instead of one per segment.
  EXPECT_LT(SegmentBytes(store), bytes_before);

  // Already one segment: nothing to do.
  CommandResult again = RunZenome("db compact " + store);
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("nothing to do"), std::string::npos) << again.err;
  // New genomes still go in as a new segment next to the compacted one.
  Run("db ingest -q " + store + " --key-file " + key_ + " --replace" + Sample(8, true));
  EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM segments"), 2);
  ExpectConsistent(store, "ingested after compaction");
}

TEST_F(CompactTest, MaxSamplesMergesRunsOfSegmentsUpToThatManyGenomes) {
  TempDir where;
  std::string store = MakeStore(where);
  std::string before = Snapshot(store, where);
  // Segments hold 2, 2, 1, 1, 2, 1 genomes (the replaced one counts: it is kept).
  Run("db compact -q " + store + " --max-samples 4");
  ExpectConsistent(store, "compacted by 4");
  auto catalog = Catalog::Open(store + "/catalog.sqlite", Catalog::Mode::kReadOnly);
  ASSERT_TRUE(catalog.ok());
  auto rows = (*catalog)->Prepare("SELECT segment_id, n_samples FROM segments ORDER BY segment_id");
  ASSERT_TRUE(rows.ok());
  std::vector<std::pair<int64_t, int64_t>> segments;
  while (*rows->Step()) segments.push_back({rows->ColumnInt(0), rows->ColumnInt(1)});
  // 1-3 and 4-5 are merged (as 7 and 8); 6, alone in its run, is left as it was.
  EXPECT_EQ(segments, (std::vector<std::pair<int64_t, int64_t>>{{6, 1}, {7, 4}, {8, 4}}));
  EXPECT_EQ(Snapshot(store, where), before);
}

TEST_F(CompactTest, DropReplacedRemovesOldGenomesButNoAnswerChanges) {
  TempDir where;
  std::string store = MakeStore(where);
  std::string before = Snapshot(store, where);
  CommandResult compact = RunZenome("db compact " + store + " --drop-replaced");
  ASSERT_EQ(compact.exit_code, 0) << compact.err;
  EXPECT_NE(compact.err.find("1 replaced genomes dropped"), std::string::npos) << compact.err;
  ExpectConsistent(store, "replaced dropped");
  EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM samples"), 8);
  EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM samples WHERE replaced_by IS NOT NULL"), 0);
  EXPECT_EQ(Count(store, "SELECT n_samples FROM segments"), 8);
  EXPECT_EQ(Snapshot(store, where), before);
}

TEST_F(CompactTest, AReaderOpenedBeforeKeepsItsSnapshot) {
  TempDir where;
  std::string store = MakeStore(where);
  auto handle = OpenStore(store, false);
  ASSERT_TRUE(handle.ok());
  auto variants = VariantStore::Open(*handle);
  ASSERT_TRUE(variants.ok());
  auto before = (*variants)->Region("chr1", 0, 300000, nullptr);
  ASSERT_TRUE(before.ok());
  ASSERT_FALSE(before->empty());
  Run("db compact -q " + store);
  // The old segments are gone from disk; the open snapshot still reads them through its mappings.
  auto after = (*variants)->Region("chr1", 0, 300000, nullptr);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  ASSERT_EQ(after->size(), before->size());
  for (size_t i = 0; i < before->size(); ++i) {
    EXPECT_EQ((*after)[i].key.pos0, (*before)[i].key.pos0);
    EXPECT_EQ((*after)[i].counts.allele_count, (*before)[i].counts.allele_count);
    EXPECT_EQ((*after)[i].counts.allele_number, (*before)[i].counts.allele_number);
  }
  // A reader opened now sees the compacted store, with the same counts.
  auto fresh = VariantStore::Open(*handle);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  EXPECT_EQ((*fresh)->segments().size(), 1u);
  auto now = (*fresh)->Region("chr1", 0, 300000, nullptr);
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->size(), before->size());
  for (size_t i = 0; i < before->size(); ++i) {
    EXPECT_EQ((*now)[i].counts.allele_count, (*before)[i].counts.allele_count);
    EXPECT_EQ((*now)[i].counts.allele_number, (*before)[i].counts.allele_number);
    EXPECT_EQ((*now)[i].counts.het, (*before)[i].counts.het);
    EXPECT_EQ((*now)[i].counts.hom_alt, (*before)[i].counts.hom_alt);
  }
}

TEST_F(CompactTest, ReadersDuringACompactionAlwaysSeeAWholeStore) {
  TempDir where;
  std::string store = MakeStore(where);
  auto handle = OpenStore(store, false);
  ASSERT_TRUE(handle.ok());
  auto counts_on_chr1 = [&](std::string& out) -> Status {
    ZENOME_ASSIGN_OR_RETURN(auto variants, VariantStore::Open(*handle));
    ZENOME_ASSIGN_OR_RETURN(auto sites, variants->Region("chr1", 0, 300000, nullptr));
    out.clear();
    for (const auto& site : sites) {
      out += site.key.ToString() + " " + std::to_string(site.counts.allele_count) + "/" +
             std::to_string(site.counts.allele_number) + "\n";
    }
    return Status::Ok();
  };
  std::string before;
  ASSERT_TRUE(counts_on_chr1(before).ok());
  ASSERT_FALSE(before.empty());
  // Readers open the store over and over while another process compacts it: each sees the old
  // segments or the new one (re-reading the catalog when a segment vanished under it), never an error.
  std::atomic<bool> done = false;
  std::thread compactor([&] {
    for (int round = 0; round < 3; ++round) {
      // Three compactions: all into one, then a new segment merged into it, then nothing to do.
      if (round == 1) Run("db ingest -q " + store + " --key-file " + key_ + " --replace" + Sample(1, true));
      Run("db compact -q " + store);
    }
    done = true;
  });
  int reads = 0;
  std::vector<std::string> errors;
  while (!done) {
    std::string now;
    Status status = counts_on_chr1(now);
    if (!status.ok()) errors.push_back(status.ToString());
    if (++reads % 5 == 0) {  // and db check, which must not take a vanishing segment for damage
      auto report = CheckStore(*handle, CheckOptions());
      if (!report.ok()) errors.push_back(report.status().ToString());
      if (report.ok() && !report->ok()) errors.push_back("check: " + report->problems.front());
    }
  }
  compactor.join();
  EXPECT_TRUE(errors.empty()) << errors.size() << " of " << reads
                              << " reads failed, first: " << errors.front();
  EXPECT_GT(reads, 0);
  ExpectConsistent(store, "after concurrent reads");
}

TEST_F(CompactTest, AnnotationsThatCoveredEverySegmentCoverTheNewOne) {
  TempDir where;
  std::string store = MakeStore(where);
  Run("db annotate -q " + store + " -g " + sim_ + "/genes.gff3 -f " + sim_ + "/reference.fa");
  auto last_annotated = [&] {
    auto catalog = Catalog::Open(store + "/catalog.sqlite", Catalog::Mode::kReadOnly);
    EXPECT_TRUE(catalog.ok());
    auto value = (*catalog)->GetMeta("annotation_last_segment");
    EXPECT_TRUE(value.ok() && value->has_value());
    return std::stoll(**value);
  };
  EXPECT_EQ(last_annotated(), 6);
  Run("db compact -q " + store);
  EXPECT_EQ(last_annotated(), 7);
  EXPECT_EQ(Count(store, "SELECT MAX(segment_id) FROM segments"), 7);
}

TEST_F(CompactTest, AnnotationsNeverClaimASegmentTheyDidNotCover) {
  // Annotated up to s000006, then s000007 ingested. With --max-samples 9, s000001-6 (9 genomes)
  // become s000008 and s000007 stays: the mark must not move past s000007, which it once did
  // (it compared with the merged segments only).
  TempDir where;
  std::string store = MakeStore(where);
  Run("db annotate -q " + store + " -g " + sim_ + "/genes.gff3 -f " + sim_ + "/reference.fa");
  Run("db ingest -q " + store + " --key-file " + key_ + " --replace" + Sample(5, true));
  auto last_annotated = [&] {
    auto catalog = Catalog::Open(store + "/catalog.sqlite", Catalog::Mode::kReadOnly);
    EXPECT_TRUE(catalog.ok());
    auto value = (*catalog)->GetMeta("annotation_last_segment");
    EXPECT_TRUE(value.ok() && value->has_value());
    return std::stoll(**value);
  };
  Run("db compact -q " + store + " --max-samples 9");
  EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM segments"), 2);
  EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM segments WHERE segment_id IN (7, 8)"), 2);
  EXPECT_EQ(last_annotated(), 6);
  // Annotating again covers both.
  Run("db annotate -q " + store + " -g " + sim_ + "/genes.gff3 -f " + sim_ + "/reference.fa");
  EXPECT_EQ(last_annotated(), 8);
}

TEST_F(CompactTest, KilledAtEachPointOfTheCommitIsAllOrNothing) {
  for (const char* point : {"compact.staged", "compact.renamed", "catalog.commit", "compact.committed"}) {
    TempDir where;
    std::string store = MakeStore(where);
    std::string before = Snapshot(store, where);
    // SIGKILL at the first fault point so named (tests/faults/fault_runner.cpp).
    CommandResult crashed = RunShell(std::string(ZENOME_FAULT_RUNNER) + " --kill-at " + point +
                                     " -- db compact -q " + store + "; exit $?");
    EXPECT_EQ(crashed.exit_code, 128 + 9) << point << ": " << crashed.err;  // killed by SIGKILL
    ExpectConsistent(store, point);
    EXPECT_EQ(Snapshot(store, where), before) << point;
    bool committed = std::string(point) == "compact.committed";
    EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM segments"), committed ? 1 : 6) << point;
    // The next writer removes what the killed one left, and compaction completes.
    Run("db compact -q " + store);
    ExpectConsistent(store, std::string(point) + ", then compacted");
    EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM segments"), 1);
    EXPECT_EQ(std::distance(fs::directory_iterator(store + "/segments"), fs::directory_iterator()), 1)
        << point;
    EXPECT_TRUE(!fs::exists(store + "/staging") || fs::is_empty(store + "/staging")) << point;
    EXPECT_EQ(Snapshot(store, where), before) << point;
  }
}

TEST_F(CompactTest, RefusesAStoreWhoseCatalogDisagreesWithItsSegments) {
  TempDir where;
  std::string store = MakeStore(where);
  {
    auto catalog = Catalog::Open(store + "/catalog.sqlite", Catalog::Mode::kReadWrite);
    ASSERT_TRUE(catalog.ok());
    ASSERT_TRUE((*catalog)->Exec("UPDATE samples SET column_index = 0 WHERE sample_id = 2").ok());
  }
  CommandResult compact = RunZenome("db compact " + store);
  EXPECT_EQ(compact.exit_code, 1);
  EXPECT_NE(compact.err.find("run zenome db check"), std::string::npos) << compact.err;
  EXPECT_EQ(Count(store, "SELECT COUNT(*) FROM segments"), 6);

  CommandResult usage = RunZenome("db compact " + store + " --max-samples -1");
  EXPECT_EQ(usage.exit_code, 2) << usage.err;
}

}  // namespace
}  // namespace zenome
