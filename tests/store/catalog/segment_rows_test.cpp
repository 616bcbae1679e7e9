// ListSegments / ListSamples and Catalog::ReadSnapshot: the one way every reader, checker and
// writer lists the store's segments and genomes.
#include "store/catalog/segment_rows.h"

#include <gtest/gtest.h>

#include "store/variant_test_support.h"

namespace zenome::testing {
namespace {

class SegmentRowsTest : public VariantStoreFixture {
 protected:
  std::string Batch(const std::string& name, const std::vector<std::string>& samples) {
    std::string line = "chr1\t100\t" + genome_.Ref("chr1", 100) + "\t" + genome_.Alt("chr1", 100);
    for (size_t i = 0; i < samples.size(); ++i) line += "\t0/1";
    return Write(name, MakeVcf(genome_.ContigHeader(), samples, {line}));
  }
};

TEST_F(SegmentRowsTest, RowsCarryTheCatalogsFieldsInIdOrder) {
  ASSERT_TRUE(Ingest({Batch("a.vcf", {"S1", "S2"})}).ok());
  ASSERT_TRUE(Ingest({Batch("b.vcf", {"S2", "S3"})}, /*replace=*/true).ok());
  auto store = OpenStore(store_dir_, false);
  ASSERT_TRUE(store.ok());
  auto segments = ListSegments(*store->catalog);
  ASSERT_TRUE(segments.ok()) << segments.status().ToString();
  ASSERT_EQ(segments->size(), 2u);
  EXPECT_EQ((*segments)[0].segment_id, 1);
  EXPECT_EQ((*segments)[0].directory, "s000001");
  EXPECT_EQ((*segments)[0].n_samples, 2);
  EXPECT_EQ((*segments)[0].n_variants, 1);
  EXPECT_EQ((*segments)[0].coverage, "assumed");
  EXPECT_EQ((*segments)[0].checksum.size(), 64u);
  EXPECT_EQ((*segments)[0].created.size(), 20u);  // 2026-12-07T13:15:40Z
  EXPECT_EQ((*segments)[1].segment_id, 2);

  auto samples = ListSamples(*store->catalog);
  ASSERT_TRUE(samples.ok());
  ASSERT_EQ(samples->size(), 4u);
  // S2's first genome (sample 2, segment 1 column 1) was replaced by its second (sample 3).
  EXPECT_EQ((*samples)[1].pseudonym, Pseudonym("S2"));
  EXPECT_EQ((*samples)[1].segment_id, 1);
  EXPECT_EQ((*samples)[1].column, 1);
  ASSERT_TRUE((*samples)[1].replaced());
  EXPECT_EQ(*(*samples)[1].replaced_by, 3);
  EXPECT_EQ((*samples)[2].pseudonym, Pseudonym("S2"));
  EXPECT_FALSE((*samples)[2].replaced());
  EXPECT_EQ((*samples)[3].pseudonym, Pseudonym("S3"));
  EXPECT_EQ((*samples)[3].column, 1);
}

TEST_F(SegmentRowsTest, AReadSnapshotKeepsItsCommitWhileAWriterGoesOn) {
  ASSERT_TRUE(Ingest({Batch("a.vcf", {"S1"})}).ok());
  auto reader = OpenStore(store_dir_, false);
  ASSERT_TRUE(reader.ok());
  {
    auto snapshot = reader->catalog->BeginRead();
    ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    ASSERT_EQ(ListSegments(*reader->catalog)->size(), 1u);
    ASSERT_TRUE(Ingest({Batch("b.vcf", {"S2"})}).ok());  // commits meanwhile
    EXPECT_EQ(ListSegments(*reader->catalog)->size(), 1u);
    EXPECT_EQ(ListSamples(*reader->catalog)->size(), 1u);
  }
  EXPECT_EQ(ListSegments(*reader->catalog)->size(), 2u);
  EXPECT_EQ(ListSamples(*reader->catalog)->size(), 2u);
}

}  // namespace
}  // namespace zenome::testing
