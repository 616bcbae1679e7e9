// `db check` finds every kind of damage (missing segment, changed bytes, counts that disagree with
// the genotypes, sample rows pointing at the wrong column) and tolerates an interrupted ingest's
// leftovers; `db stats` reports what the store holds.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "store/admin/check.h"
#include "store/admin/stats.h"
#include "store/catalog/catalog.h"
#include "store/segment/format.h"
#include "store/segment/io.h"
#include "store/segment/reader.h"
#include "store/segment_test_support.h"
#include "store/variant_test_support.h"

namespace zenome {
namespace {

using testing::MakeVcf;
using testing::VariantStoreFixture;

class VariantCheckTest : public VariantStoreFixture {
 protected:
  void SetUp() override {
    VariantStoreFixture::SetUp();
    const auto& g = genome_;
    std::vector<std::string> lines;
    for (int pos = 100; pos <= 1900; pos += 100) {
      lines.push_back("chr1\t" + std::to_string(pos) + "\t" + g.Ref("chr1", pos) + "\t" + g.Alt("chr1", pos) +
                      "\t" + (pos % 300 == 0 ? "1/1\t0/1" : "0/1\t0/0"));
    }
    lines.push_back("chrX\t500\t" + g.Ref("chrX", 500) + "\t" + g.Alt("chrX", 500) + "\t0/1\t1");
    ASSERT_TRUE(Ingest({Write("pair.vcf", MakeVcf(g.ContigHeader(), {"p1", "p2"}, lines))}).ok());
    std::string single = MakeVcf(g.ContigHeader(), {"p3"},
                                 {"chr1\t100\t" + g.Ref("chr1", 100) + "\t" + g.Alt("chr1", 100) + "\t0/1"});
    ASSERT_TRUE(Ingest({Write("single.vcf", single)}).ok());
  }

  CheckReport Check(bool full = true) {
    auto store = OpenStore(store_dir_, false);
    EXPECT_TRUE(store.ok());
    CheckOptions options;
    options.full = full;
    auto report = CheckStore(*store, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return *report;
  }

  static bool Mentions(const CheckReport& report, const std::string& text) {
    for (const auto& problem : report.problems) {
      if (problem.find(text) != std::string::npos) return true;
    }
    return false;
  }

  std::string SegmentDir(int n) const { return store_dir_ + "/segments/s00000" + std::to_string(n); }
};

TEST_F(VariantCheckTest, ConsistentStorePasses) {
  CheckReport report = Check();
  EXPECT_TRUE(report.ok()) << report.problems.front();
  EXPECT_EQ(report.segments, 2);
  EXPECT_EQ(report.samples, 3);
  EXPECT_EQ(report.sites_checked, 21);  // 19 + 1 chrX in segment 1, 1 in segment 2
  EXPECT_TRUE(report.notes.empty());
  EXPECT_EQ(testing::RunZenome("db check " + store_dir_).exit_code, 0);
}

TEST_F(VariantCheckTest, ChangedBytesFailTheChecksum) {
  std::string path = SegmentDir(1) + "/c0000.gt";
  std::string bytes = testing::ReadFile(path);
  bytes[5] ^= 0x5A;  // inside the first block
  testing::WriteFile(path, bytes);
  CheckReport report = Check();
  EXPECT_TRUE(Mentions(report, "c0000.gt does not match its checksum"));
  // The block checksums say where: chr1's genotypes are one block.
  EXPECT_TRUE(Mentions(report, "segment s000001: c0000.gt (chr1) block 0: checksum mismatch (stored "))
      << ::testing::PrintToString(report.problems);
  EXPECT_EQ(report.problems.size(), 2u) << ::testing::PrintToString(report.problems);
  auto cli = testing::RunZenome("db check " + store_dir_);
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_NE(cli.out.find("problem: segment s000001: file c0000.gt does not match its checksum"),
            std::string::npos)
      << cli.out;
}

TEST_F(VariantCheckTest, CountsThatDisagreeWithGenotypesAreFound) {
  // Segment 1 written again with the fourth chr1 site's AC raised, checksums and all, as a bug in a
  // writer would: only the recount can notice.
  ASSERT_TRUE(testing::RewriteSegment(store_dir_, "s000001", segment::kBlockTargetBytes,
                                      [](segment::SiteRecord& site) {
                                        if (site.pos0 == 399) site.allele_count += 1;
                                      })
                  .ok());
  CheckReport report = Check();
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(Mentions(report, "counts of chr1:400:")) << report.problems.front();
  EXPECT_EQ(report.problems.size(), 1u) << report.problems.back();
  // A sampled check of a contig this small recounts everything too.
  EXPECT_FALSE(Check(false).ok());
}

TEST_F(VariantCheckTest, MissingSegmentAndWrongSampleRowsAreFound) {
  auto catalog = Catalog::Open(store_dir_ + "/catalog.sqlite", Catalog::Mode::kReadWrite);
  ASSERT_TRUE(catalog.ok());
  ASSERT_TRUE((*catalog)->Exec("UPDATE samples SET column_index = 0 WHERE sample_id = 2").ok());
  CheckReport report = Check();
  EXPECT_TRUE(Mentions(report, "claims the same segment column as sample 1"));
  EXPECT_TRUE(Mentions(report, "column 1 (" + Pseudonym("p2") + ") has no sample row"));
  EXPECT_TRUE(Mentions(report, "its segment's column 0 holds " + Pseudonym("p1")));

  std::filesystem::remove_all(SegmentDir(2));
  report = Check();
  EXPECT_TRUE(Mentions(report, "segment s000002: directory")) << report.problems.front();
}

TEST_F(VariantCheckTest, LeftoversOfAnInterruptedIngestAreNotes) {
  std::filesystem::create_directories(SegmentDir(3));
  testing::WriteFile(SegmentDir(3) + "/c0000.sites", "partial");
  CheckReport report = Check();
  EXPECT_TRUE(report.ok());
  ASSERT_EQ(report.notes.size(), 1u);
  EXPECT_NE(report.notes[0].find("segments/s000003 is not referenced"), std::string::npos);
  // The next writer removes it and takes its number.
  std::string more =
      MakeVcf(genome_.ContigHeader(), {"p4"},
              {"chr1\t100\t" + genome_.Ref("chr1", 100) + "\t" + genome_.Alt("chr1", 100) + "\t1/1"});
  auto stats = Ingest({Write("more.vcf", more)});
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->segment, "s000003");
  EXPECT_TRUE(Check().ok());
}

TEST_F(VariantCheckTest, StatsCountDistinctVariantsAndBytes) {
  auto store = OpenStore(store_dir_, false);
  ASSERT_TRUE(store.ok());
  auto stats = ComputeStoreStats(*store);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->segments, 2);
  EXPECT_EQ(stats->genomes, 3);
  EXPECT_EQ(stats->variants, 20);  // chr1:100 is in both segments: counted once
  ASSERT_EQ(stats->variants_per_contig.size(), 2u);
  EXPECT_EQ(stats->variants_per_contig[0], (std::pair<std::string, int64_t>("chr1", 19)));
  EXPECT_EQ(stats->variants_per_contig[1], (std::pair<std::string, int64_t>("chrX", 1)));
  uint64_t on_disk = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(store_dir_ + "/segments")) {
    if (entry.is_regular_file()) on_disk += entry.file_size();
  }
  EXPECT_EQ(stats->segment_bytes, on_disk);
  EXPECT_DOUBLE_EQ(stats->bytes_per_genome, on_disk / 3.0);
  ASSERT_EQ(stats->per_segment.size(), 2u);
  EXPECT_EQ(stats->per_segment[0].samples, 2);
  EXPECT_EQ(stats->per_segment[0].variants, 20);

  auto json = testing::RunZenome("db stats " + store_dir_ + " --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  nlohmann::json parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["genomes"], 3);
  EXPECT_EQ(parsed["variants"], 20);
  EXPECT_EQ(parsed["variants_per_contig"][0]["contig"], "chr1");
  EXPECT_EQ(parsed["segment_bytes"], on_disk);
  auto text = testing::RunZenome("db stats " + store_dir_);
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("genomes\t3\n"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace zenome
