// --contig-alias on whole commands: a RefSeq gene model (NC_000001.11) meets a reference and a VCF
// that say chr1, the mitochondrion gets its genetic code under its RefSeq name, norm finds a
// RefSeq-named VCF's contigs in a chr-named reference, and a bad alias file is a located error.
// Hand-written fixtures: every expected consequence is worked out by hand below.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace zenome {
namespace {

using testing::CommandResult;
using testing::ReadFile;
using testing::RunZenome;
using testing::TempDir;
using testing::WriteFile;

// chr1: GGC ATG GCT GCT GCT GCT GCT GCT TAA CCC, then padding. The transcript's CDS is 4..27:
// M A A A A A A *. Position 8 is the C of the first GCT: C>A makes GAT, p.Ala2Asp.
const std::string kChr1 = "GGCATGGCTGCTGCTGCTGCTGCTTAACCCACGTACGTACGTACGTACGTACGTACGTAC";
// chrM: GG ATG TGA GCT TAA GG. The CDS is 3..14: ATG TGA GCT TAA, which the vertebrate
// mitochondrial code reads M W A * (TGA is Trp) and the standard code M * ... Position 8 is the A
// of TGA: A>G makes TGG, Trp either way in the mitochondrial code (synonymous), a lost stop in
// the standard one.
const std::string kChrM = "GGATGTGAGCTTAAGGACGTACGT";

class ContigAliasCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::WriteFasta(dir_.File("ref.fa"), {{"chr1", kChr1}, {"chrM", kChrM}});
    WriteFile(
        dir_.File("genes.gff3"),
        "##gff-version 3\n"
        "NC_000001.11\tt\tgene\t1\t30\t.\t+\t.\tID=gene:G1;Name=GENE1;biotype=protein_coding\n"
        "NC_000001.11\tt\tmRNA\t1\t30\t.\t+\t.\tID=transcript:T1;Parent=gene:G1;biotype=protein_coding\n"
        "NC_000001.11\tt\texon\t1\t30\t.\t+\t.\tParent=transcript:T1\n"
        "NC_000001.11\tt\tCDS\t4\t27\t.\t+\t0\tParent=transcript:T1\n"
        "NC_012920.1\tt\tgene\t1\t16\t.\t+\t.\tID=gene:GM;Name=MT-GENE;biotype=protein_coding\n"
        "NC_012920.1\tt\tmRNA\t1\t16\t.\t+\t.\tID=transcript:TM;Parent=gene:GM;biotype=protein_coding\n"
        "NC_012920.1\tt\texon\t1\t16\t.\t+\t.\tParent=transcript:TM\n"
        "NC_012920.1\tt\tCDS\t3\t14\t.\t+\t0\tParent=transcript:TM\n");
    WriteFile(dir_.File("in.vcf"),
              "##fileformat=VCFv4.2\n"
              "##contig=<ID=chr1,length=" +
                  std::to_string(kChr1.size()) +
                  ">\n"
                  "##contig=<ID=chrM,length=" +
                  std::to_string(kChrM.size()) +
                  ">\n"
                  "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                  "chr1\t8\tsnv1\tC\tA\t.\tPASS\t.\n"
                  "chrM\t8\tsnvM\tA\tG\t.\tPASS\t.\n");
    WriteFile(dir_.File("aliases.txt"),
              "# refseq\tucsc\n"
              "NC_000001.11\tchr1\n"
              "NC_012920.1\tchrM\n");
  }

  std::string Annotate(const std::string& extra) const {
    return "annotate -q --no-version -f " + dir_.File("ref.fa") + " -g " + dir_.File("genes.gff3") + " " +
           extra + " -o " + dir_.File("out.vcf") + " " + dir_.File("in.vcf");
  }

  // The INFO column of the record with ID `id` in the annotated output.
  std::string InfoOf(const std::string& id) const {
    for (const std::string& line : testing::ReadLines(dir_.File("out.vcf"))) {
      if (line.empty() || line[0] == '#') continue;
      size_t at = 0;
      std::vector<std::string> columns;
      for (size_t tab; (tab = line.find('\t', at)) != std::string::npos; at = tab + 1)
        columns.push_back(line.substr(at, tab - at));
      columns.push_back(line.substr(at));
      if (columns.size() >= 8 && columns[2] == id) return columns[7];
    }
    ADD_FAILURE() << "no record " << id;
    return "";
  }

  TempDir dir_;
};

TEST_F(ContigAliasCliTest, AnnotateMeetsARefSeqGeneModelWithTheAliasFile) {
  CommandResult run = RunZenome(Annotate("--contig-alias " + dir_.File("aliases.txt")));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string chr1 = InfoOf("snv1");
  EXPECT_NE(chr1.find("CSQ=A|missense_variant|MODERATE|GENE1|"), std::string::npos) << chr1;
  EXPECT_NE(chr1.find("|T1:c.5C>A|"), std::string::npos) << chr1;
  EXPECT_NE(chr1.find("|2|A/D|gCt/gAt|"), std::string::npos) << chr1;
  // The mitochondrial code, found through NC_012920.1: TGA>TGG is Trp>Trp, and HGVS says m.
  const std::string mito = InfoOf("snvM");
  EXPECT_NE(mito.find("|synonymous_variant|LOW|MT-GENE|"), std::string::npos) << mito;
  EXPECT_EQ(mito.find("stop_lost"), std::string::npos) << mito;
  EXPECT_NE(mito.find("chrM:m.8A>G"), std::string::npos) << mito;
  // The VCF keeps its own contig names.
  EXPECT_NE(ReadFile(dir_.File("out.vcf")).find("\nchr1\t8\tsnv1\t"), std::string::npos);
}

TEST_F(ContigAliasCliTest, AnnotateWithoutTheAliasFileRefusesTheGeneModel) {
  // No contig of the gene model is in the reference: no CSQ anywhere, and the error says why.
  CommandResult run = RunZenome(Annotate(""));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("none of the gene model's contigs (e.g. 'NC_000001.11') is in the reference"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("--contig-alias FILE"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.File("out.vcf")));
}

TEST_F(ContigAliasCliTest, AnnotateWithAnAliasFileForOtherContigsFindsNoTranscript) {
  // Aliases that leave the gene model's contigs apart: the variants get no consequence on them.
  WriteFile(dir_.File("other.txt"), "NC_012920.1 chrM\n");
  CommandResult run = RunZenome(Annotate("--contig-alias " + dir_.File("other.txt")));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string chr1 = InfoOf("snv1");
  EXPECT_EQ(chr1.find("GENE1"), std::string::npos) << chr1;
  EXPECT_EQ(chr1.find("missense_variant"), std::string::npos) << chr1;
  EXPECT_NE(InfoOf("snvM").find("|synonymous_variant|LOW|MT-GENE|"), std::string::npos);
}

TEST_F(ContigAliasCliTest, AnnotateRefusesAGeneModelNamingOneContigTwice) {
  WriteFile(dir_.File("genes.gff3"),
            ReadFile(dir_.File("genes.gff3")) +
                "chr1\tt\tgene\t40\t50\t.\t+\t.\tID=gene:G2;Name=GENE2;biotype=lncRNA\n"
                "chr1\tt\tlnc_RNA\t40\t50\t.\t+\t.\tID=transcript:T2;Parent=gene:G2;biotype=lncRNA\n"
                "chr1\tt\texon\t40\t50\t.\t+\t.\tParent=transcript:T2\n");
  ASSERT_EQ(RunZenome(Annotate("")).exit_code, 0) << "without aliases these are two contigs";
  CommandResult run = RunZenome(Annotate("--contig-alias " + dir_.File("aliases.txt")));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(
      run.err.find("contigs 'NC_000001.11' and 'chr1' are the same contig to zenome (chr1 and 1 are one "
                   "name; so are the names on one line of " +
                   dir_.File("aliases.txt") + ")"),
      std::string::npos)
      << run.err;
}

TEST_F(ContigAliasCliTest, ABadAliasFileIsALocatedError) {
  WriteFile(dir_.File("bad.txt"), "NC_000001.11 chr1\nNC_000001.11 chr2\n");
  CommandResult run = RunZenome(Annotate("--contig-alias " + dir_.File("bad.txt")));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("zenome annotate: error: " + dir_.File("bad.txt") +
                         ":2: field 2: 'chr2' is not a name "
                         "on line 1"),
            std::string::npos)
      << run.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.File("out.vcf")));

  CommandResult missing = RunZenome(Annotate("--contig-alias " + dir_.File("none.txt")));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find(dir_.File("none.txt") + ": cannot open the contig alias file"),
            std::string::npos)
      << missing.err;
}

TEST_F(ContigAliasCliTest, NormFindsARefSeqNamedVcfsContigsInTheReference) {
  // A deletion of one GCT in the repeat, written at its right end: norm moves it to the left.
  WriteFile(dir_.File("refseq.vcf"),
            "##fileformat=VCFv4.2\n"
            "##contig=<ID=NC_000001.11,length=" +
                std::to_string(kChr1.size()) +
                ">\n"
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                "NC_000001.11\t21\tdel\tTGCT\tT\t.\tPASS\t.\n");
  const std::string norm =
      "norm -q --no-version -f " + dir_.File("ref.fa") + " -o " + dir_.File("norm.vcf") + " ";
  CommandResult without = RunZenome(norm + dir_.File("refseq.vcf"));
  EXPECT_EQ(without.exit_code, 1) << without.err;
  EXPECT_NE(without.err.find("NC_000001.11"), std::string::npos) << without.err;

  CommandResult run =
      RunZenome(norm + "--contig-alias " + dir_.File("aliases.txt") + " " + dir_.File("refseq.vcf"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // GGC ATG GCT...: the first base before the repeat is G at 6; the leftmost spelling of the
  // deletion is GGCT>G at 6 (deleting 7..9), with the record's own contig name.
  EXPECT_NE(ReadFile(dir_.File("norm.vcf")).find("\nNC_000001.11\t6\tdel\tGGCT\tG\t"), std::string::npos)
      << ReadFile(dir_.File("norm.vcf"));
}

TEST_F(ContigAliasCliTest, DbIngestAndQueryMeetTheStoresReferenceThroughTheAliasFile) {
  const std::string store = dir_.File("store");
  WriteFile(dir_.File("key"), "contig-alias-cli-test-key-0123456789\n");
  WriteFile(dir_.File("sample.vcf"),
            "##fileformat=VCFv4.2\n"
            "##contig=<ID=NC_000001.11,length=" +
                std::to_string(kChr1.size()) +
                ">\n"
                "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
                "NC_000001.11\t8\t.\tC\tA\t50\tPASS\t.\tGT\t0/1\n");
  ASSERT_EQ(RunZenome("db init " + store + " --build custom -f " + dir_.File("ref.fa")).exit_code, 0);
  const std::string ingest = "db ingest -q " + store + " --key-file " + dir_.File("key") + " ";
  CommandResult without = RunZenome(ingest + dir_.File("sample.vcf"));
  EXPECT_EQ(without.exit_code, 1);
  EXPECT_NE(without.err.find("unknown contig 'NC_000001.11'"), std::string::npos) << without.err;

  CommandResult run =
      RunZenome(ingest + "--contig-alias " + dir_.File("aliases.txt") + " " + dir_.File("sample.vcf"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // Stored under the reference's name: found by it without the file, and by the RefSeq name with it.
  CommandResult by_ucsc = RunZenome("db query " + store + " --variant chr1-8-C-A");
  ASSERT_EQ(by_ucsc.exit_code, 0) << by_ucsc.err;
  EXPECT_NE(by_ucsc.out.find("\tchr1\t8\tC\tA\tall\t1\t2\t"), std::string::npos) << by_ucsc.out;
  CommandResult by_refseq = RunZenome("db query " + store + " --variant NC_000001.11-8-C-A --contig-alias " +
                                      dir_.File("aliases.txt"));
  ASSERT_EQ(by_refseq.exit_code, 0) << by_refseq.err;
  EXPECT_EQ(by_refseq.out, by_ucsc.out);
}

TEST(ContigAliasCli, EveryCommandThatReadsAReferenceTakesTheOption) {
  for (const char* command : {"annotate", "norm"}) {
    CommandResult help = RunZenome(std::string("help ") + command);
    EXPECT_NE(help.out.find("--contig-alias"), std::string::npos) << command;
    EXPECT_NE(
        help.out.find("two columns: a contig name and its alias (e.g. NC_000001.11 chr1), '#' comments"),
        std::string::npos)
        << help.out;
  }
  for (const char* sub : {"init", "ingest", "annotate", "query", "cohort"}) {
    CommandResult help = RunZenome(std::string("db ") + sub + " --help");
    EXPECT_NE(help.out.find("--contig-alias"), std::string::npos) << sub << help.out << help.err;
  }
}

}  // namespace
}  // namespace zenome
