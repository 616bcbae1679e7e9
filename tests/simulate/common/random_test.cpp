// The random streams: reproducible, independent, and distributions with the right means.
#include <gtest/gtest.h>

#include "simulate/common/random.h"

namespace zenome::simulate {
namespace {

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
