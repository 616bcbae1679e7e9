// QueryFrequencies, the library call behind `zenome db query` and the server's variant API.
#include "store/variants/frequency_query.h"

#include <gtest/gtest.h>

#include "store/variant_test_support.h"

namespace zenome::testing {
namespace {

class FrequencyQueryTest : public VariantStoreFixture {
 protected:
  void SetUp() override {
    VariantStoreFixture::SetUp();
    // S1 het and S2 hom-alt at chr1:100; S2 het at chr1:300; S3 carries nothing.
    std::string vcf = MakeVcf(
        genome_.ContigHeader(), {"S1", "S2", "S3"},
        {"chr1\t100\t" + genome_.Ref("chr1", 100) + "\t" + genome_.Alt("chr1", 100) + "\t0/1\t1/1\t0/0",
         "chr1\t300\t" + genome_.Ref("chr1", 300) + "\t" + genome_.Alt("chr1", 300) + "\t0/0\t0/1\t0/0"});
    auto stats = Ingest({Write("cohort.vcf", vcf)});
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    auto store = OpenStore(store_dir_, false);
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
  }

  std::string Variant(int64_t pos1) const {
    return "chr1-" + std::to_string(pos1) + "-" + genome_.Ref("chr1", pos1) + "-" + genome_.Alt("chr1", pos1);
  }

  StoreHandle store_;
};

TEST_F(FrequencyQueryTest, RegionRowsCarryCountsInPositionOrder) {
  FrequencyRequest request;
  request.region = "chr1:1-1,000";
  auto table = QueryFrequencies(store_, request);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_FALSE(table->annotated);
  EXPECT_FALSE(table->with_carriers);
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0].site.key.ToString(), Variant(100));
  EXPECT_EQ(table->rows[0].site.counts.allele_count, 3);
  EXPECT_EQ(table->rows[0].site.counts.allele_number, 6);
  EXPECT_EQ(table->rows[0].site.counts.het, 1);
  EXPECT_EQ(table->rows[0].site.counts.hom_alt, 1);
  EXPECT_EQ(table->rows[1].site.key.ToString(), Variant(300));
  EXPECT_EQ(table->rows[1].site.counts.allele_count, 1);
  EXPECT_TRUE(table->notes.empty());

  request.region = "chr1:101-299";
  table = QueryFrequencies(store_, request);
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE(table->rows.empty());
}

TEST_F(FrequencyQueryTest, CarriersOnlyWithPermissionAndInSampleOrder) {
  FrequencyRequest request;
  request.variant = Variant(100);
  request.carriers = true;
  auto refused = QueryFrequencies(store_, request);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kUsage);
  EXPECT_NE(refused.status().message().find("permitted"), std::string::npos);

  request.carriers_permitted = true;
  auto table = QueryFrequencies(store_, request);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_EQ(table->rows.size(), 1u);
  const auto& carriers = table->rows[0].carriers;
  ASSERT_EQ(carriers.size(), 2u);
  EXPECT_EQ(carriers[0].pseudonym, Pseudonym("S1"));
  EXPECT_EQ(carriers[0].genotype, GenotypeCode::kHet);
  EXPECT_EQ(carriers[1].pseudonym, Pseudonym("S2"));
  EXPECT_EQ(carriers[1].genotype, GenotypeCode::kHomAlt);
}

TEST_F(FrequencyQueryTest, AbsentVariantIsANoteNotAnError) {
  FrequencyRequest request;
  request.variant = Variant(500);
  auto table = QueryFrequencies(store_, request);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  EXPECT_TRUE(table->rows.empty());
  ASSERT_EQ(table->notes.size(), 1u);
  EXPECT_EQ(table->notes[0], Variant(500) + " is not in the store");
}

TEST_F(FrequencyQueryTest, RequestsSelectingNothingOrSeveralThingsAreRefused) {
  FrequencyRequest none;
  EXPECT_EQ(QueryFrequencies(store_, none).status().code(), ErrorCode::kUsage);
  FrequencyRequest two;
  two.region = "chr1";
  two.variant = Variant(100);
  EXPECT_EQ(QueryFrequencies(store_, two).status().code(), ErrorCode::kUsage);
  FrequencyRequest gene;
  gene.gene = "BRCA2";  // the store is not annotated
  auto missing = QueryFrequencies(store_, gene);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("zenome db annotate"), std::string::npos);
}

}  // namespace
}  // namespace zenome::testing
