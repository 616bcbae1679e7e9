#include <gtest/gtest.h>

#include "core/contig_names.h"
#include "core/genome_build.h"
#include "core/sequence.h"
#include "core/status.h"

namespace zenome {
namespace {

TEST(Status, LocatedMessageNamesFileLineAndField) {
  Status status = Status::BadInputAt({"in.vcf", 12, "POS"}, "expected a positive integer");
  EXPECT_EQ(status.code(), ErrorCode::kBadInput);
  EXPECT_EQ(status.message(), "in.vcf:12: POS: expected a positive integer");
  EXPECT_EQ(ExitCodeFor(status.code()), 1);
  EXPECT_EQ(ExitCodeFor(ErrorCode::kUsage), 2);
  EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
}

TEST(Status, ResultCarriesValueOrError) {
  Result<int> good = 5;
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 5);
  Result<int> bad = Status::NotFound("missing");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kNotFound);
  EXPECT_THROW(bad.value(), ZenomeError);
  Result<int> from_ok_status = Status::Ok();  // a Result must never hold an OK status
  EXPECT_EQ(from_ok_status.status().code(), ErrorCode::kInternal);
}

TEST(ContigNames, ChrPrefixAndMitochondrionUnify) {
  EXPECT_EQ(CanonicalContigName("chr1"), "1");
  EXPECT_EQ(CanonicalContigName("1"), "1");
  EXPECT_EQ(CanonicalContigName("chrX"), "X");
  EXPECT_EQ(CanonicalContigName("chrM"), "MT");
  EXPECT_EQ(CanonicalContigName("MT"), "MT");
  EXPECT_EQ(CanonicalContigName("M"), "MT");
  ContigNameMap names({"chr1", "chrM", "chrUn_KI270302v1"});
  EXPECT_EQ(names.NativeName("1"), "chr1");
  EXPECT_EQ(names.NativeName("MT"), "chrM");
  EXPECT_EQ(names.NativeName("chr1"), "chr1");
  EXPECT_EQ(names.NativeName("Un_KI270302v1"), "chrUn_KI270302v1");
  EXPECT_FALSE(names.NativeName("2").has_value());
}

TEST(GenomeBuild, DetectedFromContigLengths) {
  EXPECT_EQ(DetectGenomeBuild({{"chr1", 248956422}}), GenomeBuild::kGRCh38);
  EXPECT_EQ(DetectGenomeBuild({{"1", 249250621}}), GenomeBuild::kGRCh37);
  EXPECT_EQ(DetectGenomeBuild({{"chr1", 1000}}), GenomeBuild::kCustom);
  EXPECT_EQ(DetectGenomeBuild({{"chr1", 0}}), GenomeBuild::kUnknown);
  EXPECT_EQ(*ParseGenomeBuild("hg38"), GenomeBuild::kGRCh38);
  EXPECT_EQ(*ParseGenomeBuild("GRCh37"), GenomeBuild::kGRCh37);
  EXPECT_FALSE(ParseGenomeBuild("hg17").ok());
}

TEST(GenomeBuild, MismatchedContigLengthsAreAConflict) {
  std::vector<ContigLength> grch38 = {{"chr1", 248956422}, {"chr2", 242193529}};
  std::vector<ContigLength> grch37 = {{"1", 249250621}};
  std::vector<ContigLength> same = {{"1", 248956422}, {"chr5", 100}};
  EXPECT_TRUE(CheckContigsAgree(grch38, "ref.fa", same, "in.vcf").ok());
  Status mismatch = CheckContigsAgree(grch38, "ref.fa", grch37, "in.vcf");
  EXPECT_EQ(mismatch.code(), ErrorCode::kConflict);
  EXPECT_NE(mismatch.message().find("GRCh38"), std::string::npos);
  EXPECT_NE(mismatch.message().find("GRCh37"), std::string::npos);
  EXPECT_NE(mismatch.message().find("in.vcf"), std::string::npos);
}

TEST(Sequence, ReverseComplementAndTranslation) {
  EXPECT_EQ(ReverseComplement("ACGTN"), "NACGT");
  std::string seq = "AACG";
  ReverseComplementInPlace(seq);
  EXPECT_EQ(seq, "CGTT");
  std::string odd = "ACG";
  ReverseComplementInPlace(odd);
  EXPECT_EQ(odd, "CGT");
  EXPECT_EQ(Translate("ATGGCCTAA"), "MA*");
  EXPECT_EQ(TranslateCodon("TGA"), '*');
  EXPECT_EQ(TranslateCodon("NNN"), 'X');
  // Vertebrate mitochondrial code: TGA is Trp, AGA/AGG are stops, ATA is Met.
  EXPECT_EQ(TranslateCodon("TGA", GeneticCode::kVertebrateMitochondrial), 'W');
  EXPECT_EQ(TranslateCodon("AGA", GeneticCode::kVertebrateMitochondrial), '*');
  EXPECT_EQ(TranslateCodon("AGG", GeneticCode::kVertebrateMitochondrial), '*');
  EXPECT_EQ(TranslateCodon("ATA", GeneticCode::kVertebrateMitochondrial), 'M');
  EXPECT_EQ(GeneticCodeForContig("chrM"), GeneticCode::kVertebrateMitochondrial);
  EXPECT_EQ(GeneticCodeForContig("chr1"), GeneticCode::kStandard);
  EXPECT_EQ(ToThreeLetter("MR*"), "MetArgTer");
}

TEST(Sequence, EveryStandardCodonTranslates) {
  const std::string bases = "ACGT";
  int stops = 0;
  for (char a : bases) {
    for (char b : bases) {
      for (char c : bases) {
        char aa = TranslateCodon(std::string{a, b, c});
        EXPECT_NE(aa, 'X');
        EXPECT_NE(AminoAcidThreeLetter(aa), "Xaa");
        if (aa == '*') ++stops;
      }
    }
  }
  EXPECT_EQ(stops, 3);
}

}  // namespace
}  // namespace zenome
