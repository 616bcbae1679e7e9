// The .fai must describe the FASTA as it is (issue 8): a FASTA rewrapped or edited after
// indexing, or one with a contig name used twice, is an error instead of wrong bases.
#include <gtest/gtest.h>
#include <htslib/bgzf.h>
#include <htslib/faidx.h>

#include <filesystem>

#include "core/reference.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::TempDir;
using testing::WriteFile;

std::string Bases(int n, int seed) {
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back("ACGT"[(i * 7 + i / 3 + seed) % 4]);
  return out;
}

std::string Wrapped(const std::vector<std::pair<std::string, std::string>>& contigs, size_t width,
                    const std::string& eol = "\n") {
  std::string text;
  for (const auto& [name, sequence] : contigs) {
    text += ">" + name + " some description" + eol;
    for (size_t i = 0; i < sequence.size(); i += width) text += sequence.substr(i, width) + eol;
  }
  return text;
}

class ReferenceIndexCheckTest : public ::testing::Test {
 protected:
  void SetUp() override {
    contigs_ = {{"chr1", Bases(1000, 0)}, {"chr2", Bases(700, 1)}, {"chr3", Bases(130, 2)}};
    fasta_ = dir_.File("ref.fa");
  }
  // Writes `text` as the FASTA and indexes it with htslib.
  void WriteIndexed(const std::string& text) {
    WriteFile(fasta_, text);
    std::filesystem::remove(fasta_ + ".fai");
    ASSERT_EQ(fai_build(fasta_.c_str()), 0);
  }
  // File times are set, not left to the clock's resolution.
  void SameTimes() {
    std::filesystem::last_write_time(fasta_ + ".fai", std::filesystem::last_write_time(fasta_));
  }
  std::string Expected(const std::string& fai_location, const std::string& what) const {
    return fasta_ + ".fai:" + fai_location + ": the index does not match " + fasta_ + ": " + what +
           " (FASTA changed after indexing?); re-index it: samtools faidx " + fasta_ +
           " (or delete the index and zenome rebuilds it)";
  }
  TempDir dir_;
  std::vector<std::pair<std::string, std::string>> contigs_;
  std::string fasta_;
};

TEST_F(ReferenceIndexCheckTest, MatchingIndexOpensForEveryLayout) {
  for (const std::string& eol : {std::string("\n"), std::string("\r\n")}) {
    WriteIndexed(Wrapped(contigs_, 60, eol));
    auto genome = ReferenceGenome::Open(fasta_);
    ASSERT_TRUE(genome.ok()) << genome.status().message();
    auto reader = ReferenceReader::Open(*genome);
    ASSERT_TRUE(reader.ok());
    EXPECT_EQ(*(*reader)->Fetch("chr2", 0, 700), contigs_[1].second);
    EXPECT_EQ(*(*reader)->Fetch("chr3", 0, 130), contigs_[2].second);
  }
  // An index listing the contigs in another order than the file describes it all the same.
  WriteIndexed(Wrapped(contigs_, 60));
  std::string fai = testing::ReadFile(fasta_ + ".fai");
  const size_t second = fai.find('\n') + 1;
  WriteFile(fasta_ + ".fai", fai.substr(second) + fai.substr(0, second));
  auto reordered = ReferenceGenome::Open(fasta_);
  ASSERT_TRUE(reordered.ok()) << reordered.status().message();
  EXPECT_EQ((*reordered)->contigs()[0].name, "chr2");
  auto reordered_reader = ReferenceReader::Open(*reordered);
  EXPECT_EQ(*(*reordered_reader)->Fetch("chr1", 0, 1000), contigs_[0].second);
  // No newline after the last base, and lines that are exact multiples of the width.
  std::string text = Wrapped({{"chr1", Bases(120, 0)}, {"chr2", Bases(61, 1)}}, 60);
  text.pop_back();
  WriteIndexed(text);
  EXPECT_TRUE(ReferenceGenome::Open(fasta_).ok());
}

TEST_F(ReferenceIndexCheckTest, RewrappedFastaIsAStaleIndex) {
  WriteIndexed(Wrapped(contigs_, 60));
  WriteFile(fasta_, Wrapped(contigs_, 70));  // same sequences, 70 bases a line, old .fai
  SameTimes();
  auto genome = ReferenceGenome::Open(fasta_);
  ASSERT_FALSE(genome.ok());
  EXPECT_EQ(genome.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(genome.status().message(), Expected("1: contig chr1", "its line 1 does not end after 60 bases"));
}

// Found by the fasta fuzz target: an index claiming more bases for the last contig than the file
// holds ("chrM 6" for a 4-base sequence) passed, and Fetch returned 6 bases, two of them beyond
// the end of the file.
TEST_F(ReferenceIndexCheckTest, LastContigLongerThanTheFileIsAStaleIndex) {
  WriteFile(fasta_, ">chr1\nACGTAC\nGTACGT\nAA\n>chrM\nGATC\n");
  WriteFile(fasta_ + ".fai", "chr1\t14\t6\t6\t7\nchrM\t6\t29\t4\t5\n");
  SameTimes();
  auto genome = ReferenceGenome::Open(fasta_);
  ASSERT_FALSE(genome.ok());
  EXPECT_EQ(genome.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(genome.status().message(),
            Expected("2: contig chrM", "its sequence runs past the end of the file"));
}

// Found by the fasta fuzz target: an index whose lines were consistent at the contig's first and
// last line but not in between (an irregular middle line), or that claims lines without line
// breaks, made Fetch return line breaks and header bytes as bases. The first is caught by the
// lines each fetch reads, the second when the index is read.
TEST_F(ReferenceIndexCheckTest, LineBreaksWhereTheIndexPutsBasesAreAStaleIndex) {
  WriteFile(fasta_, ">chr1\nACG\nTT\nGCAA\n");
  WriteFile(fasta_ + ".fai", "chr1\t9\t6\t3\t4\n");
  SameTimes();
  auto genome = ReferenceGenome::Open(fasta_);
  ASSERT_TRUE(genome.ok()) << genome.status().message();
  auto reader = ValueOrThrow(ReferenceReader::Open(*genome));
  Result<std::string> bases = reader->Fetch("chr1", 0, 9);
  ASSERT_FALSE(bases.ok());
  EXPECT_EQ(bases.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(bases.status().message(),
            fasta_ + ".fai: the index does not match " + fasta_ +
                ": chr1:1-9 holds a line break or a '>' where the index puts bases (FASTA changed after "
                "indexing?); re-index it: samtools faidx " +
                fasta_ + " (or delete the index and zenome rebuilds it)");

  // The last base the index claims is the line break after the sequence.
  WriteFile(fasta_, ">chr1\nACGTAC\nGTACGT\nAA\n>chrM\nGATC\n");
  WriteFile(fasta_ + ".fai", "chr1\t14\t6\t6\t7\nchrM\t5\t29\t5\t5\n");
  SameTimes();
  genome = ReferenceGenome::Open(fasta_);
  ASSERT_FALSE(genome.ok());
  EXPECT_EQ(genome.status().message(), Expected("2: contig chrM", "its last base is a line break or '>'"));

  WriteFile(fasta_, ">chr1\nACG\n>chrM=>c\nA\n");
  WriteFile(fasta_ + ".fai", "chr1\t14\t6\t6\t6\n");
  SameTimes();
  genome = ReferenceGenome::Open(fasta_);
  ASSERT_FALSE(genome.ok());
  EXPECT_EQ(genome.status().message(), fasta_ +
                                           ".fai:1: line: malformed index line 'chr1\t14\t6\t6\t6' (rebuild "
                                           "it with samtools faidx)");
}

TEST_F(ReferenceIndexCheckTest, EditedFastaIsAStaleIndexAndSaysTheIndexIsOlder) {
  WriteIndexed(Wrapped(contigs_, 60));
  auto edited = contigs_;
  edited[1].second.insert(300, "ACGTACGTAC");  // chr2 gets 10 bases longer
  WriteFile(fasta_, Wrapped(edited, 60));
  std::filesystem::last_write_time(fasta_ + ".fai",
                                   std::filesystem::last_write_time(fasta_) - std::chrono::hours(1));
  auto genome = ReferenceGenome::Open(fasta_);
  ASSERT_FALSE(genome.ok());
  EXPECT_EQ(genome.status().message(),
            fasta_ + ".fai:2: contig chr2: the index does not match " + fasta_ +
                ": its sequence does not end where the index says; the index is older than the FASTA (FASTA "
                "changed after indexing?); re-index it: samtools faidx " +
                fasta_ + " (or delete the index and zenome rebuilds it)");

  // Bases added to the last contig only.
  WriteIndexed(Wrapped(contigs_, 60));
  edited = contigs_;
  edited[2].second += "ACGT";
  WriteFile(fasta_, Wrapped(edited, 60));
  SameTimes();
  genome = ReferenceGenome::Open(fasta_);
  ASSERT_FALSE(genome.ok());
  EXPECT_EQ(genome.status().message(),
            Expected("3: contig chr3", "its sequence does not end where the index says"));
}

TEST_F(ReferenceIndexCheckTest, DuplicateContigNameNamesBothCopies) {
  // htslib indexes the first chr1 and leaves the second out with a warning.
  auto with_duplicate = contigs_;
  with_duplicate.push_back({"chr1", Bases(200, 3)});
  WriteIndexed(Wrapped(with_duplicate, 60));
  auto genome = ReferenceGenome::Open(fasta_);
  ASSERT_FALSE(genome.ok());
  EXPECT_EQ(genome.status().code(), ErrorCode::kBadInput);
  const int64_t first = static_cast<int64_t>(std::string(">chr1 some description\n").size());
  const int64_t second = static_cast<int64_t>(Wrapped(contigs_, 60).size());
  EXPECT_EQ(genome.status().message(), fasta_ + ": contig name 'chr1' is used twice: the sequence at byte " +
                                           std::to_string(first) + " and the one with its header at byte " +
                                           std::to_string(second) + "; contig names must be unique");

  // An index listing one name twice.
  WriteIndexed(Wrapped(contigs_, 60));
  std::string fai = testing::ReadFile(fasta_ + ".fai");
  WriteFile(fasta_ + ".fai", fai + fai.substr(0, fai.find('\n') + 1));
  genome = ReferenceGenome::Open(fasta_);
  ASSERT_FALSE(genome.ok());
  EXPECT_EQ(genome.status().message(),
            fasta_ +
                ".fai:4: name: contig 'chr1' is indexed twice (lines 1 and 4); contig "
                "names must be unique");

  // chr1 and 1 are one contig to zenome.
  WriteIndexed(Wrapped({{"chr1", Bases(100, 0)}, {"1", Bases(100, 1)}}, 60));
  genome = ReferenceGenome::Open(fasta_);
  ASSERT_FALSE(genome.ok());
  EXPECT_EQ(genome.status().message(),
            fasta_ +
                ": contigs 'chr1' and '1' are the same contig to zenome (chr1 and 1 are one name); keep "
                "one of them");
}

TEST_F(ReferenceIndexCheckTest, StaleIndexOfBgzippedFasta) {
  auto write_bgzipped = [&](const std::string& text) {
    BGZF* out = bgzf_open(fasta_.c_str(), "w");
    ASSERT_NE(out, nullptr);
    ASSERT_EQ(bgzf_write(out, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    ASSERT_EQ(bgzf_close(out), 0);
  };
  write_bgzipped(Wrapped(contigs_, 60));
  ASSERT_EQ(fai_build(fasta_.c_str()), 0);  // .fai and .gzi
  auto genome = ReferenceGenome::Open(fasta_);
  ASSERT_TRUE(genome.ok()) << genome.status().message();
  auto reader = ReferenceReader::Open(*genome);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(*(*reader)->Fetch("chr2", 100, 200), contigs_[1].second.substr(100, 100));

  write_bgzipped(Wrapped(contigs_, 50));
  SameTimes();
  genome = ReferenceGenome::Open(fasta_);
  ASSERT_FALSE(genome.ok());
  EXPECT_EQ(genome.status().message(), Expected("1: contig chr1", "its line 1 does not end after 60 bases"));
}

}  // namespace
}  // namespace zenome
