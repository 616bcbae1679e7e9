#include <gtest/gtest.h>

#include "core/normalize.h"
#include "core/reference.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::TempDir;
using testing::WriteFasta;

class ReferenceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    //                    0         1         2         3
    //                    0123456789012345678901234567890123456789
    std::string chr1 = "GGCATCAAAAAAAGTCACACACAGGTTTACGTACGTACGT";
    // A contig longer than one 64 kb cache chunk, to test reads across chunk boundaries.
    std::string chr2;
    for (int i = 0; i < 70000; ++i) chr2.push_back("ACGT"[(i * 7 + i / 3) % 4]);
    chr2_ = chr2;
    WriteFasta(dir_.File("ref.fa"), {{"chr1", chr1}, {"chr2", chr2}, {"chrM", "acgtacgt"}});
    auto genome = ReferenceGenome::Open(dir_.File("ref.fa"));
    ASSERT_TRUE(genome.ok()) << genome.status().message();
    genome_ = *genome;
    auto reader = ReferenceReader::Open(genome_);
    ASSERT_TRUE(reader.ok());
    reader_ = std::move(reader).value();
  }

  Result<AlleleSet> Normalised(int64_t pos0, std::string ref, std::vector<std::string> alts) {
    AlleleSet site{pos0, std::move(ref), std::move(alts)};
    ZENOME_RETURN_IF_ERROR(NormaliseAlleles(site, "chr1", *reader_).status());
    return site;
  }

  TempDir dir_;
  std::string chr2_;
  std::shared_ptr<const ReferenceGenome> genome_;
  std::unique_ptr<ReferenceReader> reader_;
};

TEST_F(ReferenceTest, ContigsAndNamesUnify) {
  ASSERT_EQ(genome_->contigs().size(), 3u);
  EXPECT_EQ(genome_->Length("1"), 40);
  EXPECT_EQ(genome_->Length("chr2"), 70000);
  EXPECT_EQ(genome_->NativeName("MT"), "chrM");
  EXPECT_EQ(genome_->build(), GenomeBuild::kCustom);
}

TEST_F(ReferenceTest, FetchIsUpperCaseClippedAndCrossesChunks) {
  EXPECT_EQ(*reader_->Fetch("chr1", 0, 4), "GGCA");
  EXPECT_EQ(*reader_->Fetch("1", 38, 100), "GT");  // clipped at the contig end
  EXPECT_EQ(*reader_->Fetch("MT", 0, 4), "ACGT");  // soft-masked bases come back upper case
  EXPECT_EQ(*reader_->Fetch("chr2", 65530, 65542), chr2_.substr(65530, 12));
  Result<std::string> missing = reader_->Fetch("chr9", 0, 1);
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

// Chunks are copied line by line, upper-cased and checked for line breaks sixteen or eight bytes
// at a time: every line width around those block sizes, every letter case and code, every range.
TEST(ReferenceFetch, EveryLineWidthAndCaseComesBackUpperCase) {
  TempDir dir;
  std::string sequence;
  const std::string letters = "ACGTNacgtnRYKMrykmSWswBDHVbdhv";
  for (int i = 0; i < 211; ++i) sequence.push_back(letters[(i * 11 + i / 7) % letters.size()]);
  std::string expected = sequence;
  for (char& c : expected) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (size_t width : {1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 60, 61, 80, 300}) {
    SCOPED_TRACE("line width " + std::to_string(width));
    std::string text = ">chr1 soft-masked\n";
    for (size_t i = 0; i < sequence.size(); i += width) text += sequence.substr(i, width) + "\n";
    const std::string fasta = dir.File("w" + std::to_string(width) + ".fa");
    testing::WriteFile(fasta, text);
    auto genome = ReferenceGenome::Open(fasta);
    ASSERT_TRUE(genome.ok()) << genome.status().message();
    auto reader = ValueOrThrow(ReferenceReader::Open(*genome));
    for (int64_t start = 0; start < static_cast<int64_t>(sequence.size()); start += 13) {
      for (int64_t length : {1, 5, 16, 17, 40, 211}) {
        EXPECT_EQ(*reader->Fetch("chr1", start, start + length), expected.substr(start, length))
            << start << " +" << length;
      }
    }
  }
}

TEST_F(ReferenceTest, MissingFastaIsAClearError) {
  auto genome = ReferenceGenome::Open(dir_.File("absent.fa"));
  ASSERT_FALSE(genome.ok());
  EXPECT_NE(genome.status().message().find("absent.fa"), std::string::npos);
}

// Found by the fasta fuzz target: a .fai line with an empty name and zero bases per line passed
// the old check, which split fields differently from htslib ("\r4\t29\t0\t6\t7" is, to htslib, a
// nameless contig of length 4 with 0 bases per line), and faidx then divided by zero fetching
// that contig (SIGFPE). Every .fai line is now checked as htslib reads it.
TEST(ReferenceIndex, MalformedFaiLinesAreClearErrors) {
  TempDir dir;
  const std::string fasta = dir.File("ref.fa");
  testing::WriteFile(fasta, ">chr1\nACGT\n>chr2\nAC\n");
  // Lines htslib accepts, then fetches from wrongly or crashes on.
  for (const std::string bad :
       {"\t2\t17\t0\t3\t7", "\r4\t29\t0\t6\t7", "chr2\t2\t17\t0\t3", "chr2\t2\t17\t3\t2",
        "chr2\t2\t17\t2\t3\t0\t0", "chr2\t2\t-17\t2\t3", "chr2\t99999999999999999999\t17\t2\t3",
        // Found by the fasta target: a line width of 10^14 made the index check allocate that much.
        "chr2\t2\t17\t1\t111111111111115", "chr2\t9000000000000000000\t17\t1\t3"}) {
    testing::WriteFile(fasta + ".fai", "chr1\t4\t6\t4\t5\n" + bad + "\n");
    auto genome = ReferenceGenome::Open(fasta);
    ASSERT_FALSE(genome.ok()) << bad;
    EXPECT_EQ(genome.status().code(), ErrorCode::kBadInput);
    EXPECT_EQ(genome.status().message(),
              fasta + ".fai:2: line: malformed index line '" + bad + "' (rebuild it with samtools faidx)");
  }
  // As for htslib, any whitespace separates the fields.
  testing::WriteFile(fasta + ".fai", "chr1\t4\t6\t4\t5\nchr2 2 17  2\t3\n");
  auto genome = ReferenceGenome::Open(fasta);
  ASSERT_TRUE(genome.ok()) << genome.status().message();
  EXPECT_EQ(*ValueOrThrow(ReferenceReader::Open(*genome))->Fetch("chr2", 0, 2), "AC");
}

TEST_F(ReferenceTest, TrimKeepsOneAnchorBase) {
  AlleleSet site{10, "CAGT", {"CGT"}};
  TrimAlleles(site);
  EXPECT_EQ(site.pos0, 10);
  EXPECT_EQ(site.ref, "CA");
  EXPECT_EQ(site.alts[0], "C");
  AlleleSet snv{5, "ACGT", {"ACTT"}};
  TrimAlleles(snv);
  EXPECT_EQ(snv.pos0, 7);
  EXPECT_EQ(snv.ref, "G");
  EXPECT_EQ(snv.alts[0], "T");
}

TEST_F(ReferenceTest, DeletionInHomopolymerLeftAligns) {
  // chr1[6..12] = AAAAAAA (positions 6-12), preceded by C at 5. Delete one A written at the end.
  auto site = Normalised(11, "AA", {"A"});
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site->pos0, 5);
  EXPECT_EQ(site->ref, "CA");
  EXPECT_EQ(site->alts[0], "C");
}

TEST_F(ReferenceTest, InsertionInDinucleotideRepeatLeftAligns) {
  // chr1[15..22] = CACACACA... preceded by T at 14; insert CA written at the right end.
  auto site = Normalised(21, "C", {"CAC"});
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site->pos0, 14);
  EXPECT_EQ(site->ref, "T");
  EXPECT_EQ(site->alts[0], "TCA");
}

TEST_F(ReferenceTest, MultiAllelicSitesNormaliseJointly) {
  auto site = Normalised(11, "AAA", {"AA", "A"});  // -1 and -2 in the homopolymer
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site->pos0, 5);
  EXPECT_EQ(site->ref, "CAA");
  EXPECT_EQ(site->alts[0], "CA");
  EXPECT_EQ(site->alts[1], "C");
}

TEST_F(ReferenceTest, SnvsAndSymbolicAllelesAreUntouched) {
  auto snv = Normalised(3, "A", {"G"});
  EXPECT_EQ(snv->pos0, 3);
  AlleleSet symbolic{3, "A", {"<DEL>"}};
  EXPECT_FALSE(IsNormalisable(symbolic));
  EXPECT_FALSE(*NormaliseAlleles(symbolic, "chr1", *reader_));
}

TEST_F(ReferenceTest, AltEqualToRefIsLeftAlone) {
  auto site = Normalised(12, "A", {"A"});  // inside the homopolymer: must not slide to position 0
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site->pos0, 12);
  EXPECT_EQ(site->ref, "A");
  auto multi = Normalised(12, "AA", {"A", "AA"});
  EXPECT_EQ(multi->pos0, 12);
}

TEST_F(ReferenceTest, IndelAtContigStartKeepsItsAnchor) {
  // Deleting the first G of "GG" can not move left of position 0.
  auto site = Normalised(0, "GG", {"G"});
  ASSERT_TRUE(site.ok());
  EXPECT_EQ(site->pos0, 0);
  EXPECT_EQ(site->ref, "GG");
  EXPECT_EQ(site->alts[0], "G");
}

TEST_F(ReferenceTest, ShiftableRegionCoversEveryRepresentation) {
  // Left-aligned deletion of one A at 5..6 can slide to the end of the homopolymer (12).
  AlleleSet deletion{5, "CA", {"C"}};
  EXPECT_EQ(*ShiftableRegionEnd(deletion, "chr1", *reader_), 13);
  AlleleSet insertion{14, "T", {"TCA"}};  // CA insertion slides through CACACACA (15..22)
  EXPECT_EQ(*ShiftableRegionEnd(insertion, "chr1", *reader_), 23);
  AlleleSet snv{3, "A", {"G"}};
  EXPECT_EQ(*ShiftableRegionEnd(snv, "chr1", *reader_), 4);
}

}  // namespace
}  // namespace zenome
