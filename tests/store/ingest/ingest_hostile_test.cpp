// Ingest errors name the record they are about: a ploidy above 2 (or a record without GT) is
// decoded when the sort window releases the record, many lines later, and used to be reported at
// the line being read then.
#include <gtest/gtest.h>
#include <htslib/bgzf.h>

#include <string>
#include <vector>

#include "store/variant_test_support.h"

namespace zenome {
namespace {

using testing::MakeVcf;
using testing::VariantStoreFixture;

class IngestHostileTest : public VariantStoreFixture {
 protected:
  // 40 good records on chr1 (positions 20, 60, ..., 1580: far more than the 1000-bp sort window),
  // with record number `bad_index` (0-based) replaced by `bad_gt` for the second sample.
  std::string Vcf(size_t bad_index, const std::string& bad_gt) {
    std::vector<std::string> lines;
    for (size_t i = 0; i < 40; ++i) {
      int64_t pos = 20 + 40 * static_cast<int64_t>(i);
      std::string second = i == bad_index ? bad_gt : "0/1";
      lines.push_back("chr1\t" + std::to_string(pos) + "\t" + genome_.Ref("chr1", pos) + "\t" +
                      genome_.Alt("chr1", pos) + "\t0/1\t" + second);
    }
    return MakeVcf(genome_.ContigHeader(), {"S1", "S2"}, lines);
  }

  // The header MakeVcf writes: ##fileformat, 4 ##contig, ##FORMAT, #CHROM.
  static constexpr int64_t kHeaderLines = 7;

  std::string Bgzip(const std::string& name, const std::string& text) {
    std::string path = dir_.File(name);
    BGZF* out = bgzf_open(path.c_str(), "w");
    EXPECT_NE(out, nullptr);
    EXPECT_EQ(bgzf_write(out, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    EXPECT_EQ(bgzf_close(out), 0);
    return path;
  }

  void ExpectRejected(const std::string& path, ErrorCode code, const std::string& message) {
    std::vector<std::string> before = SegmentListing();
    auto stats = Ingest({path});
    ASSERT_FALSE(stats.ok()) << path << " was ingested";
    EXPECT_EQ(stats.status().code(), code);
    EXPECT_EQ(stats.status().message(), message);
    EXPECT_EQ(SegmentListing(), before) << "a rejected file changed the store";
  }
};

TEST_F(IngestHostileTest, PloidyErrorNamesTheLineSampleAndField) {
  const std::string text = Vcf(20, "0/1/1");
  const int64_t line = kHeaderLines + 21;
  const std::string expected = ":" + std::to_string(line) + ": FORMAT/GT: sample " + Pseudonym("S2") +
                               " has 3 alleles; ploidy above 2 is not supported (expected a haploid or "
                               "diploid GT)";
  std::string plain = Write("triploid.vcf", text);
  ExpectRejected(plain, ErrorCode::kUnsupported, plain + expected);
  std::string compressed = Bgzip("triploid.vcf.gz", text);
  ExpectRejected(compressed, ErrorCode::kUnsupported, compressed + expected);
  // Single-threaded reading gives the same answer.
  auto one_thread = Ingest({compressed}, false, 1);
  ASSERT_FALSE(one_thread.ok());
  EXPECT_EQ(one_thread.status().message(), compressed + expected);
}

TEST_F(IngestHostileTest, PloidyErrorOnTheFirstAndLastRecords) {
  for (size_t index : {size_t{0}, size_t{39}}) {
    std::string path = Write("t" + std::to_string(index) + ".vcf", Vcf(index, "1/1/1/1"));
    ExpectRejected(path, ErrorCode::kUnsupported,
                   path + ":" + std::to_string(kHeaderLines + 1 + static_cast<int64_t>(index)) +
                       ": FORMAT/GT: sample " + Pseudonym("S2") +
                       " has 4 alleles; ploidy above 2 is not supported (expected a haploid or diploid GT)");
  }
}

TEST_F(IngestHostileTest, RecordWithoutGtNamesItsLine) {
  std::string text = Vcf(99, "");
  // Record 12 (0-based) carries only a DP field.
  size_t start = 0;
  for (int64_t i = 0; i < kHeaderLines + 12; ++i) start = text.find('\n', start) + 1;
  size_t end = text.find('\n', start);
  std::string record = text.substr(start, end - start);
  size_t format = record.find("\tGT\t");
  ASSERT_NE(format, std::string::npos);
  record = record.substr(0, format) + "\tDP\t7\t9";
  text = text.substr(0, start) + record + text.substr(end);
  text.insert(text.find("##FORMAT"), "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
  std::string path = Write("nogt.vcf", text);
  ExpectRejected(
      path, ErrorCode::kBadInput,
      path + ":" + std::to_string(kHeaderLines + 1 + 13) +
          ": FORMAT/GT: no GT: every record needs genotypes (a sites-only VCF cannot be ingested)");
}

}  // namespace
}  // namespace zenome
