// Which alleles share a haplotype (annotate/haplotype.h): phased and haploid genotypes, phase
// sets, samples that disagree, unphased calls, distance between records.
#include "annotate/haplotype.h"

#include <gtest/gtest.h>
#include <htslib/hts.h>
#include <htslib/vcf.h>

#include <memory>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace zenome::testing {
namespace {

class HaplotypeGroupsTest : public ::testing::Test {
 protected:
  // Parses "POS GT GT ..." rows (REF A, ALT C,G) into records of one contig.
  std::vector<HaplotypeGroup> Groups(const std::vector<std::string>& rows, int samples, bool with_ps = false,
                                     int64_t window = 60) {
    std::string text =
        "##fileformat=VCFv4.2\n##contig=<ID=1,length=100000>\n"
        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
        "##FORMAT=<ID=PS,Number=1,Type=Integer,Description=\"Phase set\">\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT";
    for (int s = 0; s < samples; ++s) text += "\tS" + std::to_string(s);
    text += "\n";
    for (const std::string& row : rows) {
      std::vector<std::string> f;
      size_t at = 0;
      while (at <= row.size()) {
        const size_t space = row.find(' ', at);
        f.push_back(row.substr(at, space == std::string::npos ? std::string::npos : space - at));
        if (space == std::string::npos) break;
        at = space + 1;
      }
      text += "1\t" + f[0] + "\t.\tA\tC,G\t.\tPASS\t.\t" + (with_ps ? "GT:PS" : "GT");
      for (size_t k = 1; k < f.size(); ++k) text += "\t" + f[k];
      text += "\n";
    }
    const std::string path = dir_.File("h.vcf");
    WriteFile(path, text);
    htsFile* file = hts_open(path.c_str(), "r");
    bcf_hdr_t* header = bcf_hdr_read(file);
    std::vector<bcf1_t*> records;
    while (true) {
      bcf1_t* r = bcf_init();
      if (bcf_read(file, header, r) != 0) {
        bcf_destroy(r);
        break;
      }
      records.push_back(r);
    }
    std::vector<HaplotypeGroup> groups = FindHaplotypeGroups(records, FindGenotypeIds(header), window, 8);
    for (bcf1_t* r : records) bcf_destroy(r);
    bcf_hdr_destroy(header);
    hts_close(file);
    return groups;
  }
  TempDir dir_;
};

TEST_F(HaplotypeGroupsTest, PhasedAllelesInCisFormAGroup) {
  const auto groups = Groups({"100 0|1", "102 0|1", "150 1|0"}, 1);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].allele, (RecordAllele{0, 1}));
  EXPECT_EQ(groups[0].partners, (std::vector<RecordAllele>{{1, 1}}));
  EXPECT_EQ(groups[1].allele, (RecordAllele{1, 1}));
  EXPECT_EQ(groups[1].partners, (std::vector<RecordAllele>{{0, 1}}));
}

TEST_F(HaplotypeGroupsTest, TransUnphasedAndFarApartStayAlone) {
  EXPECT_TRUE(Groups({"100 0|1", "102 1|0"}, 1).empty());
  EXPECT_TRUE(Groups({"100 0/1", "102 0/1"}, 1).empty());
  EXPECT_TRUE(Groups({"100 0|1", "102 0/1"}, 1).empty());
  EXPECT_TRUE(Groups({"100 0|1", "300 0|1"}, 1).empty());
}

TEST_F(HaplotypeGroupsTest, HaploidGenotypesAreOneHaplotype) {
  EXPECT_EQ(Groups({"100 1", "101 2"}, 1).size(), 2u);
}

TEST_F(HaplotypeGroupsTest, OtherAllelesOfAMultiAllelicRecord) {
  // ALT 2 at the first record sits with ALT 1 of the second on haplotype 1.
  const auto groups = Groups({"100 1|2", "101 0|1"}, 1);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].allele, (RecordAllele{0, 2}));
  EXPECT_EQ(groups[0].partners, (std::vector<RecordAllele>{{1, 1}}));
}

TEST_F(HaplotypeGroupsTest, PhaseSetsMustMatch) {
  EXPECT_EQ(Groups({"100 0|1:7", "102 0|1:7"}, 1, true).size(), 2u);
  EXPECT_TRUE(Groups({"100 0|1:7", "102 0|1:9"}, 1, true).empty());
}

TEST_F(HaplotypeGroupsTest, SamplesMustAgree) {
  // Both samples carry the pair in cis: a group. One in cis, one in trans: no single answer.
  EXPECT_EQ(Groups({"100 0|1 1|0", "102 0|1 1|0"}, 2).size(), 2u);
  EXPECT_TRUE(Groups({"100 0|1 0|1", "102 0|1 1|0"}, 2).empty());
  // A homozygous allele meets its partner on one haplotype only: no single answer for it; the
  // partner, which exists only on that haplotype, is combined with it.
  const auto hom = Groups({"100 1|1", "102 0|1"}, 1);
  ASSERT_EQ(hom.size(), 1u);
  EXPECT_EQ(hom[0].allele, (RecordAllele{1, 1}));
}

}  // namespace
}  // namespace zenome::testing
