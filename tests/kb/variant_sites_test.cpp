#include <htslib/bgzf.h>
#include <htslib/tbx.h>

#include <memory>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "core/reference.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kb/clinvar.h"
#include "kb/variant_sites.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using ::testing::HasSubstr;
using zenome::testing::TempDir;
using zenome::testing::WriteFasta;
using zenome::testing::WriteFile;

// chr1 with an A homopolymer (preceded by C) and a CA repeat (preceded by T); no other repeats
// longer than two bases near them.
const std::string kChr1 =
    "GCTAGCATCGTACGGATCAC"   // 0-19
    "AAAAA"                  // 20-24
    "GTCTAGCGATCGATT"        // 25-39
    "CACACA"                 // 40-45
    "GGTCAGTCGATGCTTGACAG"   // 46-65
    "TCGGATCTAGCTGACGTACG"   // 66-85
    "ATGCGTAGCTGATCGACTGA"   // 86-105
    "CGTAGTCGATGCATGCTAGC";  // 106-125
const std::string kChrM = "GATCACAGGTCTATCACCCTATTAACCACTCACGGGAGCTCTCCATGCATTTGGTATTTT";

std::string Row(const std::vector<std::string>& columns) {
  std::string line;
  for (size_t i = 0; i < columns.size(); ++i) line += (i > 0 ? "\t" : "") + columns[i];
  return line + "\n";
}

std::string SitesHeader(const std::string& contig1, const std::string& contig_m, int64_t length1) {
  return "##fileformat=VCFv4.2\n"
         "##fileDate=20240101\n"
         "##source=synthetic-gnomAD\n"
         "##contig=<ID=" +
         contig1 + ",length=" + std::to_string(length1) + ">\n##contig=<ID=" + contig_m +
         ",length=" + std::to_string(kChrM.size()) +
         ">\n"
         "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Alternate allele count\">\n"
         "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Alternate allele frequency\">\n"
         "##INFO=<ID=AD,Number=R,Type=Integer,Description=\"Allele depths\">\n"
         "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n"
         "##INFO=<ID=lcr,Number=0,Type=Flag,Description=\"Low-complexity region\">\n"
         "##INFO=<ID=note,Number=.,Type=String,Description=\"Free text\">\n"
         "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
}

// Writes bgzipped text and (optionally) its .tbi or .csi index.
void WriteIndexedVcf(const std::string& path, const std::string& text, int min_shift = 0, bool index = true) {
  BGZF* fp = bgzf_open(path.c_str(), "w");
  ASSERT_NE(fp, nullptr);
  ASSERT_EQ(bgzf_write(fp, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  ASSERT_EQ(bgzf_close(fp), 0);
  if (index) {
    ASSERT_EQ(tbx_index_build(path.c_str(), min_shift, &tbx_conf_vcf), 0);
  }
}

// 1-based VCF POS of a 0-based offset.
std::string Pos(int64_t pos0) {
  return std::to_string(pos0 + 1);
}
std::string Base(int64_t pos0) {
  return kChr1.substr(pos0, 1);
}

class VariantSitesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fasta_ = dir_.File("ref.fa");
    WriteFasta(fasta_, {{"chr1", kChr1}, {"chrM", kChrM}});
    genome_ = ValueOrThrow(ReferenceGenome::Open(fasta_));
    reference_ = ValueOrThrow(ReferenceReader::Open(genome_));
    homopolymer_ = static_cast<int64_t>(kChr1.find("AAAAA"));
    repeat_ = static_cast<int64_t>(kChr1.find("CACACA"));
  }

  // The gnomAD-like fixture (sorted, as tabix needs): the file spells contigs without "chr" and MT.
  std::string GnomadText() {
    std::string s = SitesHeader("1", "MT", static_cast<int64_t>(kChr1.size()));
    // 2-A deletion, left-aligned: a different allele.
    s += Row({"1", Pos(homopolymer_ - 1), ".", "CAA", "C", ".", "PASS", "AC=4;AF=0.002"});
    // 1-A deletion in the homopolymer, written at its right end (not left-aligned).
    s += Row({"1", Pos(homopolymer_ + 3), ".", "AA", "A", ".", "PASS", "AC=3;AF=0.001;AD=900,3;DP=903"});
    // CA insertion written after the repeat.
    s += Row({"1", Pos(repeat_ + 5), "rs1", "A", "ACA", ".", "PASS", "AC=9;AF=0.03;note=two words;lcr"});
    // Multi-allelic: a deletion and, once trimmed, a SNV at the same first base.
    const int64_t m = 60;
    s += Row({"1", Pos(m), ".", kChr1.substr(m, 3),
              Base(m) + "," + std::string(1, 'A') + kChr1.substr(m + 1, 2), ".", "PASS",
              "AC=5,7;AF=0.1,0.2;AD=100,5,7;DP=112"});
    // A record whose Number=A list is short.
    s += Row({"1", Pos(80), ".", Base(80), Base(80) == "T" ? "C" : "T", ".", "PASS", "AC=1,2;AF=.;DP=50"});
    s += Row({"1", Pos(110), ".", Base(110), Base(110) == "G" ? "C" : "G", ".", "PASS", "AC=2;AF=0.5;DP=10"});
    s +=
        Row({"MT", "10", ".", kChrM.substr(9, 1), kChrM[9] == 'T' ? "C" : "T", ".", "PASS", "AC=11;AF=0.11"});
    return s;
  }

  std::shared_ptr<const VariantSiteSource> OpenGnomad(const std::string& fields, int min_shift = 0) {
    std::string path = dir_.File("gnomad.genomes.v4.sites.vcf.bgz");
    WriteIndexedVcf(path, GnomadText(), min_shift);
    Result<SiteFieldSpec> spec = ParseSiteFieldSpec(path + ":" + fields);
    EXPECT_TRUE(spec.ok()) << spec.status().ToString();
    auto source = VariantSiteSource::Open(*spec, genome_.get());
    EXPECT_TRUE(source.ok()) << source.status().ToString();
    return *source;
  }

  // Loads the query's MatchWindow and looks it up.
  std::optional<SiteValues> Find(VariantSiteReader& reader, const std::string& contig, int64_t pos0,
                                 const std::string& ref, const std::string& alt) {
    Result<Interval0> window = reader.MatchWindow(contig, pos0, ref, alt);
    EXPECT_TRUE(window.ok()) << window.status().ToString();
    EXPECT_TRUE(reader.Load(contig, {*window}).ok());
    Result<std::optional<SiteValues>> hit = reader.Lookup(contig, pos0, ref, alt);
    EXPECT_TRUE(hit.ok()) << hit.status().ToString();
    return hit.ok() ? *hit : std::nullopt;
  }

  TempDir dir_;
  std::string fasta_;
  std::shared_ptr<const ReferenceGenome> genome_;
  std::unique_ptr<ReferenceReader> reference_;
  int64_t homopolymer_ = 0;
  int64_t repeat_ = 0;
};

TEST_F(VariantSitesTest, DeletionWrittenElsewhereInHomopolymerMatches) {
  auto source = OpenGnomad("AF,AC,AD,DP");
  ASSERT_NE(source, nullptr);
  EXPECT_EQ(source->spec().name, "gnomad");
  EXPECT_EQ(source->spec().OutputKey(0), "gnomad_AF");
  EXPECT_THAT(source->version(), HasSubstr("fileDate=20240101"));
  auto reader = ValueOrThrow(VariantSiteReader::Open(source, *reference_));

  // Left-aligned query: anchor C before the homopolymer, one A deleted.
  const int64_t anchor = homopolymer_ - 1;
  auto hit = Find(*reader, "chr1", anchor, "CA", "C");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "0.001");
  EXPECT_EQ(hit->value(1), "3");
  EXPECT_EQ(hit->value(2), "900,3");  // Number=R: REF and this ALT
  EXPECT_EQ(hit->value(3), "903");
  // The same deletion written in the middle of the run also matches.
  hit = Find(*reader, "chr1", homopolymer_ + 1, "AA", "A");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "0.001");
  // A two-base deletion is another allele.
  hit = Find(*reader, "chr1", anchor, "CAA", "C");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "0.002");
  EXPECT_FALSE(hit->has(2));  // AD absent from that record
  // A three-base deletion is in neither.
  EXPECT_FALSE(Find(*reader, "chr1", anchor, "CAAA", "C").has_value());
  // A SNV at the anchor is a different allele at the same position.
  EXPECT_FALSE(Find(*reader, "chr1", anchor, "C", "T").has_value());
}

TEST_F(VariantSitesTest, InsertionInRepeatMatchesAcrossRepresentations) {
  auto source = OpenGnomad("AF,note,lcr");
  auto reader = ValueOrThrow(VariantSiteReader::Open(source, *reference_));
  const int64_t anchor = repeat_ - 1;  // the T before CACACA
  auto hit = Find(*reader, "chr1", anchor, "T", "TCA");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "0.03");
  EXPECT_EQ(hit->value(1), "two words");
  EXPECT_EQ(hit->value(2), "1");  // Flag present
  EXPECT_EQ(hit->id(), "rs1");
  // Inserting AC after the first C is the same sequence change.
  hit = Find(*reader, "chr1", repeat_, "C", "CAC");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "0.03");
  // A different insertion at the same place is not.
  EXPECT_FALSE(Find(*reader, "chr1", anchor, "T", "TCACA").has_value());
  EXPECT_FALSE(Find(*reader, "chr1", anchor, "T", "TGA").has_value());
}

TEST_F(VariantSitesTest, MultiAllelicRecordsSplitPerAlt) {
  auto source = OpenGnomad("AC,AF,AD,DP");
  auto reader = ValueOrThrow(VariantSiteReader::Open(source, *reference_));
  const int64_t m = 60;
  // ALT 1: deletion of the two bases after m.
  auto hit = Find(*reader, "chr1", m, kChr1.substr(m, 3), Base(m));
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "5");
  EXPECT_EQ(hit->value(1), "0.1");
  EXPECT_EQ(hit->value(2), "100,5");
  EXPECT_EQ(hit->value(3), "112");  // Number=1 copied whole
  // ALT 2 (written with two trailing reference bases) is the SNV at m.
  hit = Find(*reader, "chr1", m, Base(m), "A");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "7");
  EXPECT_EQ(hit->value(1), "0.2");
  EXPECT_EQ(hit->value(2), "100,7");
  EXPECT_EQ(hit->value(3), "112");
}

TEST_F(VariantSitesTest, WrongValueCountIsMissingAndReported) {
  std::string path = dir_.File("short.vcf.gz");
  WriteIndexedVcf(path, GnomadText());
  auto source =
      ValueOrThrow(VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(path + ":AC,AF,DP")), nullptr));
  std::vector<std::string> warnings;
  Diagnostics diagnostics(10, [&](const std::string& m) { warnings.push_back(m); });
  auto reader = ValueOrThrow(VariantSiteReader::Open(source, *reference_, &diagnostics));
  const std::string alt = Base(80) == "T" ? "C" : "T";
  auto hit = Find(*reader, "chr1", 80, Base(80), alt);
  ASSERT_TRUE(hit.has_value());
  EXPECT_FALSE(hit->has(0));  // AC=1,2 for one ALT
  EXPECT_FALSE(hit->has(1));  // AF=.
  EXPECT_EQ(hit->value(2), "50");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_THAT(warnings[0], HasSubstr("short.vcf.gz: AC: record at 1:81 has 2 values for 1 ALT alleles"));
}

TEST_F(VariantSitesTest, ContigSpellingsAreUnified) {
  auto source = OpenGnomad("AF");
  auto reader = ValueOrThrow(VariantSiteReader::Open(source, *reference_));
  const std::string alt = kChrM[9] == 'T' ? "C" : "T";
  for (const std::string contig : {"chrM", "MT", "M"}) {
    auto hit = Find(*reader, contig, 9, kChrM.substr(9, 1), alt);
    ASSERT_TRUE(hit.has_value()) << contig;
    EXPECT_EQ(hit->value(0), "0.11");
  }
  auto hit = Find(*reader, "1", homopolymer_ - 1, "CA", "C");
  ASSERT_TRUE(hit.has_value());
  // A contig the file lacks loads nothing and finds nothing.
  EXPECT_TRUE(reader->LoadRegion("chrZ", 0, 100).ok());
  EXPECT_EQ(reader->loaded_alleles(), 0u);
}

// Found by the sites fuzz target: a '#' line between records (a second header, as in files
// concatenated with cat) was read as a record, so the query that started on it failed ("fewer
// than 5 columns") or, for a line with enough columns, ended early and the allele after it read
// as absent. tabix skips such lines when indexing; so does the reader now.
TEST_F(VariantSitesTest, HeaderLinesBetweenRecordsAreSkipped) {
  const std::string alt_m = kChrM[9] == 'T' ? "C" : "T";
  const std::string text =
      SitesHeader("1", "MT", static_cast<int64_t>(kChr1.size())) +
      Row({"1", Pos(110), ".", Base(110), Base(110) == "G" ? "C" : "G", ".", "PASS", "AF=0.5"}) +
      SitesHeader("1", "MT", static_cast<int64_t>(kChr1.size())) +
      Row({"##x", "20", ".", "A", "C", ".", "PASS", "AF=0.9"}) +
      Row({"MT", "10", ".", kChrM.substr(9, 1), alt_m, ".", "PASS", "AF=0.11"});
  const std::string path = dir_.File("concatenated.vcf.gz");
  WriteIndexedVcf(path, text);
  auto source =
      ValueOrThrow(VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(path + ":AF")), genome_.get()));
  auto reader = ValueOrThrow(VariantSiteReader::Open(source, *reference_));
  auto hit = Find(*reader, "chrM", 9, kChrM.substr(9, 1), alt_m);
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "0.11");
  EXPECT_EQ(reader->loaded_alleles(), 1u);
  hit = Find(*reader, "chr1", 110, Base(110), Base(110) == "G" ? "C" : "G");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "0.5");
}

// A sites file with records on "1" and on "chr1": a lookup by either name read only one of them,
// silently (found by the sites fuzz target). Opening the file now refuses it, naming both.
TEST_F(VariantSitesTest, OneContigSpelledTwoWaysIsRefused) {
  std::string header = SitesHeader("1", "MT", static_cast<int64_t>(kChr1.size()));
  header.insert(header.find("##INFO"), "##contig=<ID=chr1,length=" + std::to_string(kChr1.size()) + ">\n");
  const std::string text =
      header + Row({"1", Pos(110), ".", Base(110), Base(110) == "G" ? "C" : "G", ".", "PASS", "AF=0.5"}) +
      Row({"chr1", Pos(120), ".", Base(120), Base(120) == "G" ? "C" : "G", ".", "PASS", "AF=0.25"});
  const std::string path = dir_.File("two_spellings.vcf.gz");
  WriteIndexedVcf(path, text);
  auto source = VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(path + ":AF")), nullptr);
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(source.status().message(), path +
                                           ": contigs '1' and 'chr1' are the same contig to zenome (chr1 and "
                                           "1 are one name); keep one spelling");
}

// Found by the sites fuzz target: a line whose CHROM holds a NUL byte is indexed by tabix under
// the name cut at the NUL, and sat inside the next contig's query; read as "another contig", it
// ended that query silently, so the next contig's alleles read as absent. It is now an error
// naming the file and the field.
TEST_F(VariantSitesTest, NulInChromIsAnErrorNotAnEarlyEndOfTheQuery) {
  const std::string alt_m = kChrM[9] == 'T' ? "C" : "T";
  std::string text =
      SitesHeader("1", "MT", static_cast<int64_t>(kChr1.size())) +
      Row({"1", Pos(110), ".", Base(110), Base(110) == "G" ? "C" : "G", ".", "PASS", "AF=0.5"});
  text += std::string("\0\0hr1\t200\t.\tA\tT\t.\tPASS\tAF=0.1\n", 30);
  text += Row({"MT", "10", ".", kChrM.substr(9, 1), alt_m, ".", "PASS", "AF=0.11"});
  const std::string path = dir_.File("nul_chrom.vcf.gz");
  WriteIndexedVcf(path, text);
  auto source =
      ValueOrThrow(VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(path + ":AF")), genome_.get()));
  auto reader = ValueOrThrow(VariantSiteReader::Open(source, *reference_));
  Result<Interval0> window = reader->MatchWindow("chrM", 9, kChrM.substr(9, 1), alt_m);
  ASSERT_TRUE(window.ok());
  Status loaded = reader->Load("chrM", {*window});
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.code(), ErrorCode::kBadInput);
  EXPECT_EQ(loaded.message(),
            path + ": CHROM: in MT: CHROM contains a NUL byte (binary data in a text VCF?)");
}

TEST_F(VariantSitesTest, PerContigFilePattern) {
  // gnomAD v4 genomes ship one file per chromosome; the pattern finds each contig's file.
  std::string text = GnomadText();
  std::string header = text.substr(0, text.find("\n1\t") + 1);
  std::string chr1_records;
  std::string mt_records;
  size_t at = header.size();
  while (at < text.size()) {
    size_t end = text.find('\n', at) + 1;
    std::string line = text.substr(at, end - at);
    (line.rfind("MT\t", 0) == 0 ? mt_records : chr1_records) += line;
    at = end;
  }
  WriteIndexedVcf(dir_.File("pop.sites.chr1.vcf.gz"), header + chr1_records);
  WriteIndexedVcf(dir_.File("pop.sites.chrM.vcf.gz"), header + mt_records);
  const std::string pattern = dir_.File("pop.sites.{chr}.vcf.gz") + ":AF";
  auto source =
      ValueOrThrow(VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(pattern)), genome_.get()));
  EXPECT_EQ(source->spec().name, "pop");
  ASSERT_EQ(source->files().size(), 2u);
  EXPECT_EQ(source->FileFor("1"), 0);
  EXPECT_EQ(source->FileFor("MT"), 1);
  auto reader = ValueOrThrow(VariantSiteReader::Open(source, *reference_));
  auto hit = Find(*reader, "chr1", homopolymer_ - 1, "CA", "C");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "0.001");
  hit = Find(*reader, "chrM", 9, kChrM.substr(9, 1), kChrM[9] == 'T' ? "C" : "T");
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "0.11");

  Result<std::shared_ptr<const VariantSiteSource>> none = VariantSiteSource::Open(
      ValueOrThrow(ParseSiteFieldSpec(dir_.File("absent.{chr}.vcf.gz:AF"))), genome_.get());
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kNotFound);
  EXPECT_THAT(none.status().message(), HasSubstr("absent.chr1.vcf.gz"));
  none = VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(pattern)), nullptr);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kUsage);
}

TEST_F(VariantSitesTest, CsiIndexWorks) {
  auto source = OpenGnomad("AF", 14);
  ASSERT_NE(source, nullptr);
  auto reader = ValueOrThrow(VariantSiteReader::Open(source, *reference_));
  EXPECT_TRUE(Find(*reader, "chr1", homopolymer_ - 1, "CA", "C").has_value());
}

TEST_F(VariantSitesTest, LoadDecodesOnlyRecordsOverlappingWindows) {
  auto source = OpenGnomad("AF");
  auto reader = ValueOrThrow(VariantSiteReader::Open(source, *reference_));
  const std::string alt110 = Base(110) == "G" ? "C" : "G";
  // Two far-apart query alleles in one batch.
  Interval0 a = ValueOrThrow(reader->MatchWindow("chr1", homopolymer_ - 1, "CA", "C"));
  Interval0 b = ValueOrThrow(reader->MatchWindow("chr1", 110, Base(110), alt110));
  EXPECT_EQ(a.start, homopolymer_ - 1);
  EXPECT_GE(a.end, homopolymer_ + 5);  // the whole run
  ASSERT_TRUE(reader->Load("chr1", {b, a}).ok());
  // Records overlapping the windows: the 1-A and 2-A deletions, and the SNV at 110.
  EXPECT_EQ(reader->loaded_alleles(), 3u);
  auto hit = ValueOrThrow(reader->Lookup("chr1", 110, Base(110), alt110));
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->value(0), "0.5");
  EXPECT_TRUE(ValueOrThrow(reader->Lookup("chr1", homopolymer_ - 1, "CA", "C")).has_value());
  // A lookup outside what was loaded is a caller bug, not "absent".
  Result<std::optional<SiteValues>> outside = reader->Lookup("chr1", 60, Base(60), "A");
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.status().code(), ErrorCode::kInternal);
  EXPECT_FALSE(reader->Lookup("chrM", 9, "A", "G").ok());
  // Alleles that never match need no window.
  EXPECT_FALSE(ValueOrThrow(reader->Lookup("chr1", 60, Base(60), "*")).has_value());
  EXPECT_FALSE(ValueOrThrow(reader->Lookup("chr1", 60, Base(60), "<DEL>")).has_value());
  EXPECT_FALSE(ValueOrThrow(reader->Lookup("chr1", 60, Base(60), Base(60))).has_value());
}

TEST_F(VariantSitesTest, MissingIndexAndUncompressedFilesAreClearErrors) {
  std::string unindexed = dir_.File("unindexed.vcf.gz");
  WriteIndexedVcf(unindexed, GnomadText(), 0, false);
  auto result = VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(unindexed + ":AF")), genome_.get());
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr(unindexed + " is not indexed"));
  EXPECT_THAT(result.status().message(), HasSubstr("tabix -p vcf " + unindexed));

  std::string plain = dir_.File("plain.vcf");
  WriteFile(plain, GnomadText());
  result = VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(plain + ":AF")), genome_.get());
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr("must be bgzip-compressed"));
  EXPECT_THAT(result.status().message(), HasSubstr("tabix -p vcf"));

  result =
      VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(dir_.File("absent.vcf.gz") + ":AF")), nullptr);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kNotFound);
}

TEST_F(VariantSitesTest, UnknownFieldNamesFileFieldAndAlternatives) {
  std::string path = dir_.File("gnomad.vcf.gz");
  WriteIndexedVcf(path, GnomadText());
  auto result = VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(path + ":AF,AF_eas")), genome_.get());
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr(path));
  EXPECT_THAT(result.status().message(), HasSubstr("'AF_eas'"));
  EXPECT_THAT(result.status().message(), HasSubstr("available INFO fields: AC, AF, AD, DP, lcr, note"));
}

TEST_F(VariantSitesTest, ContigLengthsContradictingTheReferenceAreRejected) {
  std::string path = dir_.File("other_build.vcf.gz");
  WriteIndexedVcf(path, SitesHeader("1", "MT", 999999) + Row({"1", "10", ".", "G", "A", ".", ".", "AF=0.1"}));
  auto result = VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(path + ":AF")), genome_.get());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kConflict);
  EXPECT_THAT(result.status().message(), HasSubstr("999999"));
}

TEST(SiteFieldSpecTest, Parsing) {
  auto spec = ValueOrThrow(ParseSiteFieldSpec("/data/gnomad.genomes.v4.1.sites.vcf.bgz:AF,AF_eas,nhomalt"));
  EXPECT_EQ(spec.name, "gnomad");
  EXPECT_EQ(spec.path, "/data/gnomad.genomes.v4.1.sites.vcf.bgz");
  EXPECT_EQ(spec.fields, (std::vector<std::string>{"AF", "AF_eas", "nhomalt"}));
  EXPECT_EQ(spec.OutputKey(2), "gnomad_nhomalt");

  spec = ValueOrThrow(ParseSiteFieldSpec("tommo=/data/with:colon/tommo-54kjpn.vcf.gz:AF"));
  EXPECT_EQ(spec.name, "tommo");
  EXPECT_EQ(spec.path, "/data/with:colon/tommo-54kjpn.vcf.gz");
  EXPECT_EQ(spec.OutputKey(0), "tommo_AF");

  EXPECT_EQ(DefaultSiteSourceName("tommo-54kjpn-20230626.vcf.gz"), "tommo_54kjpn_20230626");
  EXPECT_EQ(DefaultSiteSourceName("./1kg.vcf.gz"), "_1kg");

  for (const char* bad : {"gnomad.vcf.gz", "gnomad.vcf.gz:", ":AF", "x.vcf.gz:AF,,AC"}) {
    Result<SiteFieldSpec> result = ParseSiteFieldSpec(bad);
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.status().code(), ErrorCode::kUsage);
    EXPECT_THAT(result.status().message(), HasSubstr(bad));
  }
}

TEST(CsqEscapeTest, EscapesLikeVep) {
  EXPECT_EQ(EscapeCsqValue("Hereditary cancer-predisposing syndrome|Breast-ovarian cancer, familial 1"),
            "Hereditary_cancer-predisposing_syndrome&Breast-ovarian_cancer&_familial_1");
  EXPECT_EQ(EscapeCsqValue("a;b=c"), "a%3Bb%3Dc");
  EXPECT_EQ(EscapeCsqValue("tab\tand  spaces"), "tab_and_spaces");
  EXPECT_EQ(EscapeCsqValue("0.0001"), "0.0001");
  std::string out = "x|";
  AppendCsqEscaped("1,2", out);
  EXPECT_EQ(out, "x|1&2");
}

TEST(ClinVarTest, ReviewStars) {
  EXPECT_EQ(ClinVarReviewStars("practice_guideline"), 4);
  EXPECT_EQ(ClinVarReviewStars("reviewed_by_expert_panel"), 3);
  EXPECT_EQ(ClinVarReviewStars("criteria_provided,_multiple_submitters,_no_conflicts"), 2);
  EXPECT_EQ(ClinVarReviewStars("criteria provided, multiple submitters, no conflicts"), 2);
  EXPECT_EQ(ClinVarReviewStars("criteria_provided,_single_submitter"), 1);
  EXPECT_EQ(ClinVarReviewStars("criteria_provided,_conflicting_classifications"), 1);
  EXPECT_EQ(ClinVarReviewStars("criteria_provided,_conflicting_interpretations"), 1);
  EXPECT_EQ(ClinVarReviewStars("no_assertion_criteria_provided"), 0);
  EXPECT_EQ(ClinVarReviewStars("no_classification_provided"), 0);
  EXPECT_EQ(ClinVarReviewStars("no_assertion_provided"), 0);
  EXPECT_EQ(ClinVarReviewStars("no_classification_for_the_individual_variant"), 0);
  EXPECT_EQ(ClinVarReviewStars(""), -1);
  EXPECT_EQ(ClinVarReviewStars("something_new"), -1);
}

TEST_F(VariantSitesTest, ClinVarLookup) {
  std::string text =
      "##fileformat=VCFv4.1\n##fileDate=2024-01-07\n##source=ClinVar\n##reference=GRCh38\n"
      "##ID=<Description=\"ClinVar Variation ID\">\n"
      "##INFO=<ID=ALLELEID,Number=1,Type=Integer,Description=\"the ClinVar Allele ID\">\n"
      "##INFO=<ID=CLNDN,Number=.,Type=String,Description=\"ClinVar's preferred disease name\">\n"
      "##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description=\"ClinVar review status\">\n"
      "##INFO=<ID=CLNSIG,Number=.,Type=String,Description=\"Aggregate germline classification\">\n"
      "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
  // ClinVar writes indels left-aligned; the query below is written right-shifted.
  text +=
      Row({"1", Pos(homopolymer_ - 1), "12345", "CA", "C", ".", ".",
           "ALLELEID=67890;CLNDN=Hereditary_cancer-predisposing_syndrome|Breast-ovarian_cancer,_familial_1;"
           "CLNREVSTAT=criteria_provided,_multiple_submitters,_no_conflicts;CLNSIG=Pathogenic"});
  text += Row({"1", Pos(110), "222", Base(110), "T", ".", ".",
               "ALLELEID=333;CLNDN=not_provided;CLNREVSTAT=no_assertion_criteria_provided;CLNSIG=Uncertain_"
               "significance"});
  std::string path = dir_.File("clinvar.vcf.gz");
  WriteIndexedVcf(path, text);
  auto source = ValueOrThrow(ClinVarReader::OpenSource(path, genome_.get()));
  EXPECT_THAT(source->version(), HasSubstr("fileDate=2024-01-07"));
  EXPECT_THAT(source->version(), HasSubstr("reference=GRCh38"));
  auto reader = ValueOrThrow(ClinVarReader::Open(source, *reference_));
  Interval0 window = ValueOrThrow(reader->MatchWindow("chr1", homopolymer_ + 3, "AA", "A"));
  ASSERT_TRUE(reader->Load("chr1", {window}).ok());
  auto hit = ValueOrThrow(reader->Lookup("chr1", homopolymer_ + 3, "AA", "A"));
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->significance, "Pathogenic");
  EXPECT_EQ(hit->stars, 2);
  EXPECT_EQ(hit->variation_id, "12345");
  EXPECT_EQ(hit->allele_id, "67890");
  EXPECT_EQ(EscapeCsqValue(hit->disease_names),
            "Hereditary_cancer-predisposing_syndrome&Breast-ovarian_cancer&_familial_1");
  ASSERT_TRUE(reader->Load("chr1", {ValueOrThrow(reader->MatchWindow("chr1", 110, Base(110), "T"))}).ok());
  hit = ValueOrThrow(reader->Lookup("chr1", 110, Base(110), "T"));
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->stars, 0);
  EXPECT_EQ(hit->significance, "Uncertain_significance");
  EXPECT_FALSE(ValueOrThrow(reader->Lookup("chr1", 110, Base(110), "A")).has_value());
}

}  // namespace
}  // namespace zenome
