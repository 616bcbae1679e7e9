// Option parsing and validation.
#include <gtest/gtest.h>

#include "simulate/simulate.h"

namespace zenome::simulate {
namespace {

TEST(SimulateOptions, SizesTakeDecimalSuffixes) {
  EXPECT_EQ(*ParseSize("2m"), 2'000'000);
  EXPECT_EQ(*ParseSize("2M"), 2'000'000);
  EXPECT_EQ(*ParseSize("3.1g"), 3'100'000'000LL);
  EXPECT_EQ(*ParseSize("500k"), 500'000);
  EXPECT_EQ(*ParseSize("250000"), 250'000);
  EXPECT_EQ(*ParseSize("2mb"), 2'000'000);
  for (const char* bad : {"", "m", "2x", "-5m", "1..2m", "abc", "2 m"}) {
    Result<int64_t> parsed = ParseSize(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), ErrorCode::kUsage) << bad;
  }
}

TEST(SimulateOptions, BadOptionsAreUsageErrorsNamingTheOption) {
  SimulateOptions base;
  base.output_dir = "out";
  ASSERT_TRUE(ValidateOptions(base).ok());
  auto expect_usage = [](const SimulateOptions& options, const std::string& mention) {
    Status status = ValidateOptions(options);
    ASSERT_FALSE(status.ok()) << mention;
    EXPECT_EQ(status.code(), ErrorCode::kUsage);
    EXPECT_NE(status.message().find(mention), std::string::npos) << status.message();
  };
  SimulateOptions options = base;
  options.output_dir.clear();
  expect_usage(options, "--output");
  options = base;
  options.population.populations = {"eas", "eas"};
  expect_usage(options, "--populations");
  options = base;
  options.population.populations = {"e-s"};
  expect_usage(options, "--populations");
  options = base;
  options.population.populations.clear();
  expect_usage(options, "--populations");
  options = base;
  options.population.variants_per_kb = 0;
  expect_usage(options, "--variants-per-kb");
  options = base;
  options.cases.count = -1;
  expect_usage(options, "--cases");
  options = base;
  options.genome.genome_size = 7'000'000'000LL;
  expect_usage(options, "--genome-size");
  options = base;
  options.genome.genome_size = 50'000;
  options.output_dir = ::testing::TempDir() + "/never-made";
  Result<SimulationSummary> tiny = Simulate(options);
  ASSERT_FALSE(tiny.ok());
  EXPECT_EQ(tiny.status().code(), ErrorCode::kUsage);
}

}  // namespace
}  // namespace zenome::simulate
