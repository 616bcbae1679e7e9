#include "core/diagnostics.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace zenome {
namespace {

TEST(Diagnostics, WithoutASinkProblemsAreCountedNeverPrinted) {
  ::testing::internal::CaptureStderr();
  ::testing::internal::CaptureStdout();
  Diagnostics diagnostics(2);
  for (int i = 0; i < 4; ++i)
    diagnostics.Warn("REF mismatch", "in.vcf:" + std::to_string(i + 10) + ": REF: ...");
  diagnostics.Warn("unknown contig", "in.vcf:20: CHROM: chrQ");
  EXPECT_EQ(::testing::internal::GetCapturedStdout(), "");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(diagnostics.Count("REF mismatch"), 4);
  EXPECT_EQ(diagnostics.Total(), 5);
  EXPECT_EQ(diagnostics.Summary(), "4 REF mismatch, 1 unknown contig");
}

TEST(Diagnostics, TheSinkGetsTheFirstFewOfEachKindThenOneNote) {
  std::vector<std::string> seen;
  Diagnostics diagnostics(2, [&](const std::string& message) { seen.push_back(message); });
  for (int i = 0; i < 4; ++i) diagnostics.Warn("REF mismatch", "line " + std::to_string(i));
  EXPECT_EQ(seen, (std::vector<std::string>{"line 0", "line 1",
                                            "further 'REF mismatch' problems are counted but not shown"}));
  diagnostics.set_quiet(true);
  diagnostics.Warn("other", "quiet");
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_EQ(diagnostics.Count("other"), 1);
}

}  // namespace
}  // namespace zenome
