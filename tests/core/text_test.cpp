#include "core/text.h"

#include <gtest/gtest.h>

namespace zenome {
namespace {

TEST(Text, AsciiCaseLeavesOtherBytesAlone) {
  EXPECT_EQ(AsciiLower("GRCh38 Ä-Z"), "grch38 Ä-z");
  EXPECT_EQ(AsciiUpper("acgtn-\xe3\x81\x82"), "ACGTN-\xe3\x81\x82");
  EXPECT_TRUE(StartsWithIgnoreCase("MONDO:0007254", "mondo:"));
  EXPECT_FALSE(StartsWithIgnoreCase("MOND", "mondo:"));
}

TEST(Text, SplitListTrimsAndDropsEmptyItems) {
  EXPECT_EQ(SplitList(" eas, eur,,afr ,", ','), (std::vector<std::string>{"eas", "eur", "afr"}));
  EXPECT_EQ(SplitList("HP:0001250;HP:0002069", ';'), (std::vector<std::string>{"HP:0001250", "HP:0002069"}));
  EXPECT_TRUE(SplitList("", ',').empty());
  EXPECT_TRUE(SplitList(" , \t,", ',').empty());
  EXPECT_EQ(TrimBlanks("\t a b \r"), "a b");
}

TEST(Text, LowerExtensionIsTheLastOne) {
  EXPECT_EQ(LowerExtension("dir.v2/Table.CSV"), ".csv");
  EXPECT_EQ(LowerExtension("cases.Phenopacket.JSON"), ".json");
  EXPECT_EQ(LowerExtension("README"), "");
}

}  // namespace
}  // namespace zenome
