#include "core/region.h"

#include <gtest/gtest.h>

#include <limits>

namespace zenome {
namespace {

TEST(ParseRegion, OneBasedClosedTextBecomesZeroBasedHalfOpen) {
  auto region = ParseRegion("chr1:1,000-2,000");
  ASSERT_TRUE(region.ok()) << region.status().ToString();
  EXPECT_EQ(region->contig, "chr1");
  EXPECT_EQ(region->span.start, 999);
  EXPECT_EQ(region->span.end, 2000);
  EXPECT_FALSE(region->whole_contig);

  auto one_base = ParseRegion("1:5");
  ASSERT_TRUE(one_base.ok());
  EXPECT_EQ(one_base->span.start, 4);
  EXPECT_EQ(one_base->span.end, 5);

  auto whole = ParseRegion("chrX");
  ASSERT_TRUE(whole.ok());
  EXPECT_TRUE(whole->whole_contig);
  EXPECT_EQ(whole->span.start, 0);
  EXPECT_EQ(whole->span.end, std::numeric_limits<int64_t>::max());

  // HLA-style contig names hold colons: the last one separates the range.
  auto hla = ParseRegion("HLA-A*01:01:01:01:10-20");
  ASSERT_TRUE(hla.ok());
  EXPECT_EQ(hla->contig, "HLA-A*01:01:01:01");
  EXPECT_EQ(hla->span.start, 9);
}

TEST(ParseRegion, MalformedRegionsAreUsageErrorsNamingTheText) {
  for (const char* text : {"", "chr1:", "chr1:0-5", "chr1:-5", "chr1:5-", "chr1:a-b", ":5-6", "chr1:5-6x",
                           "chr1:99999999999999999999"}) {
    auto region = ParseRegion(text);
    ASSERT_FALSE(region.ok()) << text;
    EXPECT_EQ(region.status().code(), ErrorCode::kUsage) << text;
  }
  auto inverted = ParseRegion("chr1:500-100");
  ASSERT_FALSE(inverted.ok());
  EXPECT_NE(inverted.status().message().find("END is before START"), std::string::npos);
  EXPECT_NE(inverted.status().message().find("chr1:500-100"), std::string::npos);
}

}  // namespace
}  // namespace zenome
