// Contig alias files (--contig-alias): the loader, its errors, the key of each contig, and
// CanonicalContigName, ContigNameMap, the reference and the genetic code with a table installed.
#include <gtest/gtest.h>
#include <htslib/bgzf.h>

#include <cstdlib>
#include <string>

#include "core/contig_alias.h"
#include "core/contig_names.h"
#include "core/reference.h"
#include "core/sequence.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::TempDir;
using testing::WriteFile;

ContigAliases Parse(std::string_view text) {
  Result<ContigAliases> aliases = ParseContigAliases(text, "aliases.txt");
  EXPECT_TRUE(aliases.ok()) << aliases.status().message();
  return aliases.ok() ? std::move(*aliases) : ContigAliases();
}

std::string ParseError(std::string_view text) {
  Result<ContigAliases> aliases = ParseContigAliases(text, "aliases.txt");
  EXPECT_FALSE(aliases.ok()) << "accepted:\n" << text;
  if (aliases.ok()) return "";
  EXPECT_EQ(aliases.status().code(), ErrorCode::kBadInput);
  return aliases.status().message();
}

std::string KeyOf(const ContigAliases& aliases, std::string_view name) {
  const std::string* key = aliases.KeyOf(BuiltinCanonicalContigName(name));
  return key == nullptr ? "<none>" : *key;
}

void WriteBgzip(const std::string& path, const std::string& text, const char* mode) {
  BGZF* fp = bgzf_open(path.c_str(), mode);
  ASSERT_NE(fp, nullptr);
  ASSERT_EQ(bgzf_write(fp, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  ASSERT_EQ(bgzf_close(fp), 0);
}

constexpr std::string_view kGrch38Excerpt =
    "# refseq\tucsc\n"
    "NC_000001.11\tchr1\n"
    "\n"
    "   # an indented comment\n"
    "NC_000002.12   chr2\r\n"
    "NC_000023.11 \t chrX\tCM000685.2\n"
    "NC_012920.1\tchrM\n";

TEST(ContigAliases, ReadsLinesSkippingCommentsBlankLinesAndCarriageReturns) {
  ContigAliases aliases = Parse(kGrch38Excerpt);
  EXPECT_EQ(aliases.contigs(), 4u);
  EXPECT_EQ(aliases.path(), "aliases.txt");
  EXPECT_EQ(KeyOf(aliases, "NC_000001.11"), "1");
  EXPECT_EQ(KeyOf(aliases, "chr1"), "1");
  EXPECT_EQ(KeyOf(aliases, "NC_000002.12"), "2");
  EXPECT_EQ(KeyOf(aliases, "chr2"), "2");  // the \r is not part of the name
  EXPECT_EQ(KeyOf(aliases, "CM000685.2"), "X");
  EXPECT_EQ(KeyOf(aliases, "NC_012920.1"), "MT");
  EXPECT_EQ(KeyOf(aliases, "chr3"), "<none>");
  EXPECT_EQ(aliases.NamesOf("X"), (std::vector<std::string>{"NC_000023.11", "chrX", "CM000685.2"}));
  EXPECT_TRUE(aliases.NamesOf("chr3").empty());
}

TEST(ContigAliases, KeyIsTheShortestBuiltinCanonicalNameFirstOnATie) {
  // The builtin name of the member whose builtin name is shortest, in either column order.
  EXPECT_EQ(KeyOf(Parse("NC_000001.11 chr1\n"), "NC_000001.11"), "1");
  EXPECT_EQ(KeyOf(Parse("chr1 NC_000001.11\n"), "NC_000001.11"), "1");
  EXPECT_EQ(KeyOf(Parse("NC_012920.1 chrM\n"), "NC_012920.1"), "MT");
  EXPECT_EQ(KeyOf(Parse("chrMT NC_012920.1\n"), "NC_012920.1"), "MT");
  // "chrUn_x" is "Un_x" (4) against "ctg7" (4): a tie, the first on the line wins.
  EXPECT_EQ(KeyOf(Parse("chrUn_x ctg7\n"), "ctg7"), "Un_x");
  EXPECT_EQ(KeyOf(Parse("ctg7 chrUn_x\n"), "chrUn_x"), "ctg7");
  EXPECT_EQ(KeyOf(Parse("CM000663.2 NC_000001.11\n"), "NC_000001.11"), "CM000663.2");
  // Any spelling the builtin rule unifies with a member finds the group.
  ContigAliases aliases = Parse("NC_000001.11 chr1\n");
  EXPECT_EQ(KeyOf(aliases, "1"), "1");
  EXPECT_EQ(KeyOf(aliases, "CHR1"), "1");
}

TEST(ContigAliases, ARepeatedLineOrOneInAnotherSpellingAddsNothing) {
  ContigAliases aliases = Parse("NC_012920.1 chrM\nMT NC_012920.1\nNC_012920.1 chrM\n");
  EXPECT_EQ(aliases.contigs(), 1u);
  EXPECT_EQ(KeyOf(aliases, "NC_012920.1"), "MT");
  EXPECT_EQ(aliases.NamesOf("M"), (std::vector<std::string>{"NC_012920.1", "chrM"}));
}

TEST(ContigAliases, ErrorsNameTheFileLineAndField) {
  EXPECT_EQ(ParseError("# ok\nNC_000001.11 chr1\nNC_000002.12\n"),
            "aliases.txt:3: field 2: missing: expected the alias of 'NC_000002.12' (two columns: a contig "
            "name and its alias, NC_000001.11 chr1)");
  EXPECT_EQ(
      ParseError("NC_000001.11 chr1\nNC_000001.11 chr2\n"),
      "aliases.txt:2: field 2: 'chr2' is not a name on line 1, but 'NC_000001.11' (field 1) is a name of "
      "the contig of line 1 (NC_000001.11 chr1): a name on two lines must name the same contig; put all "
      "names of a contig on one line");
  EXPECT_EQ(
      ParseError("NC_000001.11 chr1\nNC_000002.12 chr2\nchr1 NC_000002.12\n"),
      "aliases.txt:3: field 2: 'NC_000002.12' is a name of the contig of line 2 (NC_000002.12 chr2), but "
      "'chr1' (field 1) is a name of the contig of line 1 (NC_000001.11 chr1): one line, one contig");
  // The builtin rule counts: 1 is chr1.
  EXPECT_NE(ParseError("NC_000001.11 chr1\n1 CM000663.2\n")
                .find("aliases.txt:2: field 2: 'CM000663.2' is not a "
                      "name on line 1"),
            std::string::npos);
  EXPECT_EQ(ParseError("NC_000001.11 ch\x01r1\n"),
            "aliases.txt:1: field 2: control character U+0001 at byte 3 of the name; expected a contig name");
  EXPECT_EQ(ParseError(std::string("NC_000001.11 chr1\nNC_0\0 chr2\n", 29)),
            "aliases.txt:2: field 1: control character U+0000 (NUL) at byte 5 of the name; expected a contig "
            "name");
  EXPECT_EQ(ParseError("NC_000001.11 chr1\vx\n"),
            "aliases.txt:1: field 2: control character U+000B at byte 5 of the name; expected a contig name");
  EXPECT_EQ(ParseError("NC_000001.11 chr\xff\n"),
            "aliases.txt:1: field 2: not valid UTF-8 at byte 4 of the name; expected a contig name");
  EXPECT_EQ(ParseError("chr1\rchr2 NC\n"),
            "aliases.txt:1: field 1: control character U+000D at byte 5 of the name; expected a contig name");
  const std::string none =
      "aliases.txt: no alias line; expected lines of two columns: a contig name and its alias (NC_000001.11 "
      "chr1), '#' comments";
  EXPECT_EQ(ParseError(""), none);
  EXPECT_EQ(ParseError("# refseq ucsc\n\n  \t\n"), none);
}

TEST(ContigAliases, NamesInUtf8AreNames) {
  ContigAliases aliases = Parse("contig_\xc3\xa9 NC_000001.11\n");
  EXPECT_EQ(KeyOf(aliases, "NC_000001.11"), "contig_\xc3\xa9");
}

TEST(ContigAliases, LoadsPlainGzipAndBgzipFiles) {
  TempDir dir;
  WriteFile(dir.File("plain.txt"), std::string(kGrch38Excerpt));
  WriteBgzip(dir.File("bgzip.txt.gz"), std::string(kGrch38Excerpt), "w");
  for (const std::string& path : {dir.File("plain.txt"), dir.File("bgzip.txt.gz")}) {
    Result<ContigAliases> aliases = LoadContigAliases(path);
    ASSERT_TRUE(aliases.ok()) << aliases.status().message();
    EXPECT_EQ(aliases->contigs(), 4u) << path;
    EXPECT_EQ(aliases->path(), path);
  }
  if (testing::HaveTool("gzip")) {  // plain gzip, not BGZF
    ASSERT_EQ(
        testing::RunShell("gzip -c " + dir.File("plain.txt") + " > " + dir.File("gzip.txt.gz")).exit_code, 0);
    Result<ContigAliases> aliases = LoadContigAliases(dir.File("gzip.txt.gz"));
    ASSERT_TRUE(aliases.ok()) << aliases.status().message();
    EXPECT_EQ(KeyOf(*aliases, "NC_012920.1"), "MT");
  }
  // Errors name the file the user gave.
  WriteFile(dir.File("bad.txt"), "NC_000001.11 chr1\nchr2\n");
  Result<ContigAliases> bad = LoadContigAliases(dir.File("bad.txt"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind(dir.File("bad.txt") + ":2: field 2: missing", 0), 0u)
      << bad.status().message();
}

TEST(ContigAliases, AMissingOrTruncatedFileIsAnError) {
  TempDir dir;
  Result<ContigAliases> missing = LoadContigAliases(dir.File("nope.txt"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(missing.status().message(),
            dir.File("nope.txt") + ": cannot open the contig alias file: No such file or directory");

  std::string text;
  for (int i = 1; i <= 2000; ++i) text += "NC_" + std::to_string(i) + " ctg" + std::to_string(i) + "\n";
  WriteBgzip(dir.File("full.gz"), text, "w");
  std::string bytes = testing::ReadFile(dir.File("full.gz"));
  WriteFile(dir.File("cut.gz"), bytes.substr(0, bytes.size() / 2));
  Result<ContigAliases> cut = LoadContigAliases(dir.File("cut.gz"));
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), ErrorCode::kIo);
  EXPECT_NE(cut.status().message().find("cut.gz: read failed"), std::string::npos) << cut.status().message();
}

TEST(ContigAliases, CanonicalContigNameUsesTheInstalledTableAndOnlyThen) {
  EXPECT_EQ(InstalledContigAliases(), nullptr);
  EXPECT_EQ(CanonicalContigName("NC_000001.11"), "NC_000001.11");
  EXPECT_EQ(CanonicalContigName("chr1"), "1");
  EXPECT_EQ(GeneticCodeForContig("NC_012920.1"), GeneticCode::kStandard);
  EXPECT_EQ(SameContigRule(), "chr1 and 1 are one name");
  {
    ScopedContigAliases scope(Parse(kGrch38Excerpt));
    ASSERT_NE(InstalledContigAliases(), nullptr);
    EXPECT_EQ(CanonicalContigName("NC_000001.11"), "1");
    EXPECT_EQ(CanonicalContigName("chr1"), "1");
    EXPECT_EQ(CanonicalContigName("1"), "1");
    EXPECT_EQ(CanonicalContigName("CM000685.2"), "X");
    EXPECT_EQ(CanonicalContigName("NC_012920.1"), "MT");
    EXPECT_EQ(CanonicalContigName("chrM"), "MT");
    EXPECT_EQ(CanonicalContigName("NC_000003.12"), "NC_000003.12");  // not in the file
    EXPECT_EQ(CanonicalContigName("chr3"), "3");
    EXPECT_EQ(BuiltinCanonicalContigName("NC_000001.11"), "NC_000001.11");
    EXPECT_EQ(GeneticCodeForContig("NC_012920.1"), GeneticCode::kVertebrateMitochondrial);
    EXPECT_EQ(GeneticCodeForContig("NC_000001.11"), GeneticCode::kStandard);
    EXPECT_EQ(SameContigRule(), "chr1 and 1 are one name; so are the names on one line of aliases.txt");

    ContigNameMap reference({"chr1", "chr2", "chrM"});
    EXPECT_EQ(reference.NativeName("NC_000001.11"), "chr1");
    EXPECT_EQ(reference.NativeName("NC_012920.1"), "chrM");
    EXPECT_EQ(reference.NativeName("NC_000023.11"), std::nullopt);
    {
      ScopedContigAliases inner(Parse("ctg1 chr1\n"));
      EXPECT_EQ(CanonicalContigName("ctg1"), "1");
      EXPECT_EQ(CanonicalContigName("NC_000001.11"), "NC_000001.11");
    }
    EXPECT_EQ(CanonicalContigName("NC_000001.11"), "1");  // the outer table again
  }
  EXPECT_EQ(InstalledContigAliases(), nullptr);
  EXPECT_EQ(CanonicalContigName("NC_000001.11"), "NC_000001.11");
}

TEST(ContigAliases, InstallMakesTheTableProcessWide) {
  // In a child process: an installed table stays for the rest of the process.
  EXPECT_EXIT(
      {
        InstallContigAliases(Parse("NC_000001.11 chr1\n"));
        InstallContigAliases(Parse("NC_012920.1 chrM\n"));  // replaces the first
        bool ok = CanonicalContigName("NC_012920.1") == "MT" &&
                  CanonicalContigName("NC_000001.11") == "NC_000001.11" &&
                  GeneticCodeForContig("NC_012920.1") == GeneticCode::kVertebrateMitochondrial;
        std::exit(ok ? 0 : 1);
      },
      ::testing::ExitedWithCode(0), "");
}

TEST(ContigAliases, AReferenceNamingOneContigTwiceIsRefused) {
  TempDir dir;
  const std::string fasta = dir.File("ref.fa");
  testing::WriteFasta(fasta, {{"chr1", "ACGTACGTAC"}, {"NC_000001.11", "ACGTACGTAC"}});
  ASSERT_TRUE(ReferenceGenome::Open(fasta).ok()) << "two contigs without the alias table";
  ScopedContigAliases scope(Parse("NC_000001.11 chr1\n"));
  Result<std::shared_ptr<const ReferenceGenome>> genome = ReferenceGenome::Open(fasta);
  ASSERT_FALSE(genome.ok());
  EXPECT_EQ(genome.status().message(),
            fasta +
                ": contigs 'chr1' and 'NC_000001.11' are the same contig to zenome (chr1 and 1 are one name; "
                "so are the names on one line of aliases.txt); keep one of them");
}

TEST(ContigAliases, AReferenceFindsItsContigsByTheirAliases) {
  TempDir dir;
  const std::string fasta = dir.File("ref.fa");
  testing::WriteFasta(fasta, {{"chr1", "ACGTACGTAC"}, {"chrM", "GATTACA"}});
  ScopedContigAliases scope(Parse("NC_000001.11 chr1\nNC_012920.1 chrM\n"));
  Result<std::shared_ptr<const ReferenceGenome>> genome = ReferenceGenome::Open(fasta);
  ASSERT_TRUE(genome.ok()) << genome.status().message();
  EXPECT_EQ((*genome)->Length("NC_000001.11"), 10);
  EXPECT_EQ((*genome)->Length("NC_012920.1"), 7);
  EXPECT_EQ((*genome)->Length("1"), 10);
}

}  // namespace
}  // namespace zenome
