// Recoding that the gene model marks: a selenocysteine codon (UGA read as Sec, from a GFF3
// Selenocysteine feature) and a programmed -1 ribosomal frameshift (two CDS segments of one
// transcript overlapping by a base, as RefSeq writes ORF1ab with exception=ribosomal slippage).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace zenome::testing {
namespace {

std::vector<std::string> SplitOn(const std::string& text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

class RecodingTest : public ::testing::Test {
 protected:
  // Rows of `zenome annotate --tsv` on the given transcript, by record ID.
  std::map<std::string, std::map<std::string, std::string>> Annotate(const std::string& gff3,
                                                                     const std::string& records) {
    WriteFile(dir_.File("genes.gff3"), gff3);
    WriteFile(dir_.File("calls.vcf"),
              "##fileformat=VCFv4.2\n##contig=<ID=1,length=" + std::to_string(seq_.size()) +
                  ">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + records);
    CommandResult run = RunZenome("annotate -q --tsv -f " + dir_.File("ref.fa") + " -g " +
                                  dir_.File("genes.gff3") + " " + dir_.File("calls.vcf"));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    std::map<std::string, std::map<std::string, std::string>> out;
    std::vector<std::string> header;
    for (const std::string& line : SplitOn(run.out, '\n')) {
      if (line.empty()) continue;
      std::vector<std::string> f = SplitOn(line, '\t');
      if (line[0] == '#') {
        header = f;
        continue;
      }
      std::map<std::string, std::string> row;
      for (size_t i = 0; i < f.size() && i < header.size(); ++i) row[header[i]] = f[i];
      if (row["Feature"].starts_with("ENST0000099")) out[row["ID"]] = row;
    }
    return out;
  }
  void SetUp() override {
    // 1-based: 5' UTR 101-105, CDS 106-120: ATG GCT TGA AAA TAA, 3' UTR 121-125.
    seq_ = std::string(100, 'C') + "GCCAC" + "ATGGCTTGAAAATAA" + "GCGCC" + std::string(100, 'G');
    WriteFasta(dir_.File("ref.fa"), {{"1", seq_}});
  }
  std::string Gff3(bool with_sec) const {
    std::string g =
        "##gff-version 3\n"
        "1\tensembl\tgene\t101\t125\t.\t+\t.\tID=gene:ENSG00000990001;Name=SELX;biotype=protein_coding\n"
        "1\tensembl\tmRNA\t101\t125\t.\t+\t.\tID=transcript:ENST00000990001;Parent=gene:ENSG00000990001;"
        "biotype=protein_coding;version=1\n"
        "1\tensembl\texon\t101\t125\t.\t+\t.\tParent=transcript:ENST00000990001\n"
        "1\tensembl\tCDS\t106\t120\t.\t+\t0\tID=CDS:ENSP00000990001;Parent=transcript:ENST00000990001;"
        "protein_id=ENSP00000990001\n";
    if (with_sec) g += "1\tensembl\tSelenocysteine\t112\t114\t.\t+\t.\tParent=transcript:ENST00000990001\n";
    return g;
  }
  TempDir dir_;
  std::string seq_;
};

TEST_F(RecodingTest, SelenocysteineCodonReadsUgaAsSec) {
  const std::string records =
      "1\t114\tsec_to_trp\tA\tG\t.\tPASS\t.\n"
      "1\t113\tsec_to_stop\tG\tA\t.\tPASS\t.\n"
      "1\t117\tafter_sec\tA\tG\t.\tPASS\t.\n";
  auto marked = Annotate(Gff3(true), records);
  EXPECT_EQ(marked["sec_to_trp"]["Consequence"], "missense_variant");
  EXPECT_EQ(marked["sec_to_trp"]["Amino_acids"], "U/W");
  EXPECT_EQ(marked["sec_to_trp"]["HGVSp"], "ENSP00000990001:p.Sec3Trp");
  EXPECT_EQ(marked["sec_to_stop"]["Consequence"], "stop_gained");
  EXPECT_EQ(marked["sec_to_stop"]["HGVSp"], "ENSP00000990001:p.Sec3Ter");
  EXPECT_EQ(marked["after_sec"]["Consequence"], "synonymous_variant");
  // Without the mark the same UGA is a premature stop: TGA>TGG is stop_lost.
  auto plain = Annotate(Gff3(false), records);
  EXPECT_EQ(plain["sec_to_trp"]["Consequence"], "stop_lost");
}

TEST_F(RecodingTest, RibosomalSlippageReadsTheOverlapTwice) {
  // CDS 106-112 then 112-120: base 112 (T) is read twice, so the CDS is ATG GCT T|TG AAA ATA A..
  // with the second segment read in the -1 frame: ATG GCT TTG AAA ATA A -> codons 1-5 M A L K I.
  const std::string gff3 =
      "##gff-version 3\n"
      "1\tRefSeq\tgene\t101\t125\t.\t+\t.\tID=gene-SLIP;Name=SLIP;gene_biotype=protein_coding\n"
      "1\tRefSeq\tmRNA\t101\t125\t.\t+\t.\tID=rna-ENST00000990002;Parent=gene-SLIP;"
      "transcript_id=ENST00000990002.1\n"
      "1\tRefSeq\texon\t101\t125\t.\t+\t.\tParent=rna-ENST00000990002\n"
      "1\tRefSeq\tCDS\t106\t112\t.\t+\t0\tID=cds-P1;Parent=rna-ENST00000990002;protein_id=P1;"
      "exception=ribosomal slippage\n"
      "1\tRefSeq\tCDS\t112\t120\t.\t+\t2\tID=cds-P1;Parent=rna-ENST00000990002;protein_id=P1;"
      "exception=ribosomal slippage\n";
  // Base 114 (A) is CDS position 10 after the slip: the first base of codon 4 (AAA).
  auto rows = Annotate(gff3, "1\t114\tafter_slip\tA\tC\t.\tPASS\t.\n1\t108\tbefore_slip\tG\tC\t.\tPASS\t.\n");
  EXPECT_EQ(rows["after_slip"]["CDS_position"], "10");
  EXPECT_EQ(rows["after_slip"]["Protein_position"], "4");
  EXPECT_EQ(rows["after_slip"]["Amino_acids"], "K/Q");
  EXPECT_EQ(rows["before_slip"]["CDS_position"], "3");
  EXPECT_EQ(rows["before_slip"]["Consequence"], "start_lost");
}

}  // namespace
}  // namespace zenome::testing
