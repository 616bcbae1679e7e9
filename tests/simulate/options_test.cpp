// Option parsing and validation, the contig plan and the random streams.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/genome_build.h"
#include "simulate/random.h"
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

TEST(GenomePlan, ContigsFollowGrch38Proportions) {
  GenomePlanOptions options;
  options.genome_size = 31'000'000;
  options.autosomes = 22;
  GenomePlan plan = *PlanGenome(options);
  ASSERT_EQ(plan.contigs.size(), 25u);
  EXPECT_EQ(plan.contigs[0].name, "chr1");
  EXPECT_EQ(plan.contigs[21].name, "chr22");
  EXPECT_EQ(plan.contigs[22].name, "chrX");
  EXPECT_EQ(plan.contigs[23].name, "chrY");
  EXPECT_EQ(plan.contigs[24].name, "chrM");
  EXPECT_EQ(plan.contigs[24].length, 16569);
  int64_t without_mito = 0;
  for (size_t i = 0; i + 1 < plan.contigs.size(); ++i) without_mito += plan.contigs[i].length;
  EXPECT_EQ(without_mito, options.genome_size);
  // chr2/chr1 and chrX/chr1 as in GRCh38 (242193529 / 248956422, 156040895 / 248956422).
  EXPECT_NEAR(static_cast<double>(plan.contigs[1].length) / plan.contigs[0].length, 0.9728, 0.001);
  EXPECT_NEAR(static_cast<double>(plan.contigs[22].length) / plan.contigs[0].length, 0.6268, 0.001);
  // Telomeres are N; acrocentric short arms too; chrX has two PARs.
  for (const ContigPlan& contig : plan.contigs) {
    if (contig.kind == ContigKind::kMito) continue;
    ASSERT_FALSE(contig.gaps.empty()) << contig.name;
    EXPECT_EQ(contig.gaps.front().start, 0) << contig.name;
    EXPECT_EQ(contig.gaps.back().end, contig.length) << contig.name;
  }
  EXPECT_GT(plan.contigs[12].gaps.front().length(), plan.contigs[12].length / 10);  // chr13 p-arm
  EXPECT_EQ(plan.contigs[22].pars.size(), 2u);
  // Synthetic lengths never pass for GRCh38.
  std::vector<ContigLength> lengths;
  for (const ContigPlan& contig : plan.contigs) lengths.push_back({contig.name, contig.length});
  EXPECT_EQ(DetectGenomeBuild(lengths), GenomeBuild::kCustom);
}

TEST(GenomePlan, PloidyFollowsSexAndPars) {
  GenomePlan plan = *PlanGenome(GenomePlanOptions{});
  const ContigPlan& x = plan.contigs[plan.contigs.size() - 3];
  const ContigPlan& y = plan.contigs[plan.contigs.size() - 2];
  const ContigPlan& m = plan.contigs.back();
  ASSERT_EQ(x.kind, ContigKind::kX);
  int64_t par = x.pars.front().start + 1;
  int64_t middle = x.length / 2;
  EXPECT_EQ(Ploidy(plan.contigs[0], 1000, true), 2);
  EXPECT_EQ(Ploidy(x, middle, true), 1);
  EXPECT_EQ(Ploidy(x, par, true), 2);
  EXPECT_EQ(Ploidy(x, middle, false), 2);
  EXPECT_EQ(Ploidy(y, 100, true), 1);
  EXPECT_EQ(Ploidy(y, 100, false), 0);
  EXPECT_EQ(Ploidy(m, 100, false), 1);
}

TEST(Random, StreamsAreReproducibleAndIndependent) {
  Rng a(7, {Label("x"), 1});
  Rng b(7, {Label("x"), 1});
  Rng c(7, {Label("x"), 2});
  int same = 0;
  for (int i = 0; i < 100; ++i) {
    uint64_t va = a.Next();
    EXPECT_EQ(va, b.Next());
    same += va == c.Next();
  }
  EXPECT_EQ(same, 0);
}

TEST(Random, DistributionsHaveTheirMeans) {
  Rng rng(11);
  const int n = 40000;
  double uniform = 0, normal = 0, normal2 = 0, poisson = 0, binomial_small = 0, binomial_large = 0, beta = 0;
  double geometric = 0, gamma_small = 0;
  for (int i = 0; i < n; ++i) {
    uniform += rng.Uniform();
    double z = rng.Normal();
    normal += z;
    normal2 += z * z;
    poisson += static_cast<double>(rng.Poisson(4.5));
    binomial_small += static_cast<double>(rng.Binomial(1000, 0.002));
    binomial_large += static_cast<double>(rng.Binomial(20000, 0.3));
    beta += rng.Beta(2, 6);
    geometric += static_cast<double>(rng.Geometric(0.25));
    gamma_small += rng.Gamma(0.05);
  }
  EXPECT_NEAR(uniform / n, 0.5, 0.01);
  EXPECT_NEAR(normal / n, 0.0, 0.02);
  EXPECT_NEAR(normal2 / n, 1.0, 0.03);
  EXPECT_NEAR(poisson / n, 4.5, 0.05);
  EXPECT_NEAR(binomial_small / n, 2.0, 0.05);
  EXPECT_NEAR(binomial_large / n, 6000, 5);
  EXPECT_NEAR(beta / n, 0.25, 0.005);
  EXPECT_NEAR(geometric / n, 3.0, 0.06);
  EXPECT_NEAR(gamma_small / n, 0.05, 0.005);
}

}  // namespace
}  // namespace zenome::simulate
