// RecordNormalizer through NormalizeVcf (the library call behind `zenome norm`): records that the
// reference cannot check.
#include <gtest/gtest.h>

#include "core/diagnostics.h"
#include "core/normalize_vcf.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::ReadLines;
using testing::TempDir;
using testing::WriteFasta;
using testing::WriteFile;

std::vector<std::string> DataLines(const std::string& path) {
  std::vector<std::string> out;
  for (const auto& line : ReadLines(path)) {
    if (!line.empty() && line[0] != '#') out.push_back(line);
  }
  return out;
}

// Found by the vcf fuzz target: with --check-ref s, a deletion whose REF runs past the end of the
// contig had its REF "set" to the clipped (empty) reference bases, and norm wrote a record no VCF
// reader accepts. Such a record is now an error naming its line, and skipped unless -c e.
class RefPastContigEnd : public ::testing::TestWithParam<RefCheck> {};

TEST_P(RefPastContigEnd, IsReportedNotRewritten) {
  TempDir dir;
  WriteFasta(dir.File("ref.fa"), {{"chr1", "ACGTACGT"}});
  WriteFile(dir.File("in.vcf"),
            "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=8>\n"
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
            "chr1\t2\t.\tC\tT\t.\t.\t.\n"
            "chr1\t8\t.\tTT\tT\t.\t.\t.\n"
            "chr1\t20\t.\tA\tG\t.\t.\t.\n");
  NormalizeVcfOptions options;
  options.input = dir.File("in.vcf");
  options.reference_fasta = dir.File("ref.fa");
  options.output = dir.File("out.vcf");
  options.writer.record_version = false;
  options.normalizer.ref_check = GetParam();
  std::vector<std::string> warnings;
  Diagnostics diagnostics(10, [&](const std::string& message) { warnings.push_back(message); });
  Result<NormalizeVcfStats> stats = NormalizeVcf(options, diagnostics);
  const std::string line5 = dir.File("in.vcf") +
                            ":5: POS: REF 'TT' at chr1:8 runs past the end of the contig " +
                            "(length 8 in the reference)";
  if (GetParam() == RefCheck::kError) {
    ASSERT_FALSE(stats.ok());
    EXPECT_EQ(stats.status().code(), ErrorCode::kBadInput);
    EXPECT_EQ(stats.status().message(), line5);
    return;
  }
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->records_in, 3);
  EXPECT_EQ(stats->records_out, 1);
  EXPECT_EQ(stats->skipped, 2);
  EXPECT_EQ(DataLines(dir.File("out.vcf")), std::vector<std::string>({"chr1\t2\t.\tC\tT\t.\t.\t."}));
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find(line5), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[1].find(":6: POS: REF 'A' at chr1:20 runs past the end of the contig"),
            std::string::npos)
      << warnings[1];
}

INSTANTIATE_TEST_SUITE_P(EveryCheckRef, RefPastContigEnd,
                         ::testing::Values(RefCheck::kError, RefCheck::kWarn, RefCheck::kExclude,
                                           RefCheck::kSet));

}  // namespace
}  // namespace zenome
