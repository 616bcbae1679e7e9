// AnnotateVcf's JSON Lines output (`zenome annotate --json`) on text that is not UTF-8.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "annotate/annotator.h"
#include "core/diagnostics.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::ReadLines;
using testing::TempDir;
using testing::WriteFasta;
using testing::WriteFile;

// Found by the annotate fuzz target: a byte that is not UTF-8 in the VCF's ID made the JSON writer
// throw, which ended the run with "internal error: [json.exception.type_error.316] ...". The VCF
// reader now percent-encodes such an ID with a located warning, so every JSON line is valid (and
// the JSON writer replaces any byte that is still not UTF-8 by U+FFFD rather than throw).
TEST(AnnotateJson, BytesThatAreNotUtf8InIdArePercentEncoded) {
  TempDir dir;
  WriteFasta(dir.File("ref.fa"), {{"chr1", "ACGTACGTACGTACGTACGT"}});
  WriteFile(dir.File("genes.gff3"),
            "##gff-version 3\n"
            "chr1\tt\tgene\t1\t20\t.\t+\t.\tID=gene:G1;Name=G1;biotype=protein_coding\n"
            "chr1\tt\tmRNA\t1\t20\t.\t+\t.\tID=transcript:T1;Parent=gene:G1;biotype=protein_coding\n"
            "chr1\tt\texon\t1\t20\t.\t+\t.\tParent=transcript:T1\n"
            "chr1\tt\tCDS\t1\t18\t.\t+\t0\tParent=transcript:T1\n");
  WriteFile(dir.File("in.vcf"),
            "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=20>\n"
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
            "chr1\t2\trs\xa2\tC\tT\t.\t.\t.\n"
            "chr1\t3\trs2\tG\tA\t.\t.\t.\n");
  AnnotateOptions options;
  options.input = dir.File("in.vcf");
  options.reference_fasta = dir.File("ref.fa");
  options.gene_model = dir.File("genes.gff3");
  options.format = AnnotationFormat::kJson;
  options.output = dir.File("out.json");
  std::vector<std::string> warnings;
  Diagnostics diagnostics(10, [&](const std::string& message) { warnings.push_back(message); });
  Result<AnnotateStats> stats = AnnotateVcf(options, diagnostics);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->records, 2);
  const std::vector<std::string> lines = ReadLines(dir.File("out.json"));
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["id"], "rs%A2");
  EXPECT_EQ(nlohmann::json::parse(lines[1])["id"], "rs2");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            dir.File("in.vcf") +
                ":4: ID: the ID has control characters or bytes that are not UTF-8; written as 'rs%A2'")
      << warnings[0];
}

}  // namespace
}  // namespace zenome
