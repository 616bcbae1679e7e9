// `db check` finds every kind of damage (missing segment, changed bytes, counts that disagree with
// the genotypes, sample rows pointing at the wrong column) and tolerates an interrupted ingest's
// leftovers; `db stats` reports what the store holds.
#include <gtest/gtest.h>
#include <zstd.h>

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

  // Rewrites a file of segment 1 and re-seals its manifest and the catalog's checksum, as a bug
  // (not disk damage) would: only the recount can notice.
  void ResealSegmentOne(const std::string& file) {
    std::string manifest_path = SegmentDir(1) + "/manifest.json";
    nlohmann::json manifest = nlohmann::json::parse(testing::ReadFile(manifest_path));
    for (auto& entry : manifest["files"]) {
      if (entry["name"] != file) continue;
      entry["sha256"] = *Sha256OfFile(SegmentDir(1) + "/" + file);
      entry["bytes"] = std::filesystem::file_size(SegmentDir(1) + "/" + file);
    }
    std::string text = manifest.dump() + "\n";
    testing::WriteFile(manifest_path, text);
    auto catalog = Catalog::Open(store_dir_ + "/catalog.sqlite", Catalog::Mode::kReadWrite);
    ASSERT_TRUE(catalog.ok());
    auto update = (*catalog)->Prepare("UPDATE segments SET checksum = ?1 WHERE segment_id = 1");
    ASSERT_TRUE(update.ok());
    update->Bind(1, Sha256Hex(text));
    ASSERT_TRUE(update->Run().ok());
  }
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
  bytes[bytes.size() / 2] ^= 0x5A;
  testing::WriteFile(path, bytes);
  CheckReport report = Check();
  EXPECT_TRUE(Mentions(report, "c0000.gt does not match its checksum"));
  auto cli = testing::RunZenome("db check " + store_dir_);
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_NE(cli.out.find("problem: segment s000001: file c0000.gt does not match its checksum"),
            std::string::npos)
      << cli.out;
}

TEST_F(VariantCheckTest, CountsThatDisagreeWithGenotypesAreFound) {
  // chr1 of segment 1 has 19 sites: one block. Raise the fourth site's AC and write the block back.
  std::string path = SegmentDir(1) + "/c0000.sites";
  std::string bytes = testing::ReadFile(path);
  segment::SitesFooter footer;
  std::memcpy(&footer, bytes.data() + bytes.size() - sizeof(footer), sizeof(footer));
  ASSERT_EQ(footer.n_blocks, 1u);
  segment::SiteBlockEntry entry;
  std::memcpy(&entry, bytes.data() + footer.index_offset, sizeof(entry));
  std::string block(entry.uncompressed_size, '\0');
  ASSERT_EQ(
      ZSTD_decompress(block.data(), block.size(), bytes.data() + entry.file_offset, entry.compressed_size),
      block.size());
  // The block's 19 records are packed column-wise (segment::PackSiteRecords).
  std::vector<segment::SiteRecord> records(19);
  segment::UnpackSiteRecords(block.data(), records.size(), records.data());
  ASSERT_EQ(records[3].pos0, 399u);
  records[3].allele_count += 1;
  segment::PackSiteRecords(records.data(), records.size(), block.data());
  std::string compressed(ZSTD_compressBound(block.size()), '\0');
  compressed.resize(ZSTD_compress(compressed.data(), compressed.size(), block.data(), block.size(), 3));
  entry.file_offset = 0;
  entry.compressed_size = static_cast<uint32_t>(compressed.size());
  std::string rewritten = compressed;
  rewritten.resize((rewritten.size() + 7) / 8 * 8, '\0');  // the block index starts 8-aligned
  footer.index_offset = rewritten.size();
  rewritten.append(reinterpret_cast<const char*>(&entry), sizeof(entry));
  rewritten.append(reinterpret_cast<const char*>(&footer), sizeof(footer));
  testing::WriteFile(path, rewritten);
  ResealSegmentOne("c0000.sites");
  CheckReport report = Check();
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(Mentions(report, "counts of chr1:400:")) << report.problems.front();
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
