#include "core/text.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

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

TEST(Text, ReadLineIsGetlineWithABound) {
  std::istringstream in("one\ntwo\r\n\n" + std::string(20, 'x') + "\nlast");
  std::string line;
  EXPECT_EQ(ReadLine(in, line, 10), LineRead::kLine);
  EXPECT_EQ(line, "one");
  EXPECT_EQ(ReadLine(in, line, 10), LineRead::kLine);
  EXPECT_EQ(line, "two\r");  // as std::getline: the caller drops a '\r'
  EXPECT_EQ(ReadLine(in, line, 10), LineRead::kLine);
  EXPECT_EQ(line, "");
  // A line over the bound is skipped whole; the next line reads as usual.
  EXPECT_EQ(ReadLine(in, line, 10), LineRead::kTooLong);
  EXPECT_EQ(line, "");
  EXPECT_EQ(ReadLine(in, line, 10), LineRead::kLine);
  EXPECT_EQ(line, "last");  // no final line break
  EXPECT_EQ(ReadLine(in, line, 10), LineRead::kEnd);
  EXPECT_TRUE(in.eof());
  // Exactly the bound is a line.
  std::istringstream exact(std::string(10, 'y'));
  EXPECT_EQ(ReadLine(exact, line, 10), LineRead::kLine);
  EXPECT_EQ(line.size(), 10u);
  std::istringstream empty("");
  EXPECT_EQ(ReadLine(empty, line), LineRead::kEnd);
}

}  // namespace
}  // namespace zenome
