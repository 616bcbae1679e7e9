#include "simulate/common/random.h"

#include <algorithm>

namespace zenome::simulate {

double Rng::Normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  // Marsaglia's polar method: no trigonometric functions.
  double u, v, s;
  do {
    u = 2.0 * Uniform() - 1.0;
    v = 2.0 * Uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  double factor = std::sqrt(-2.0 * std::log(s) / s);
  spare_normal_ = v * factor;
  has_spare_normal_ = true;
  return u * factor;
}

int64_t Rng::Geometric(double p) {
  if (p >= 1.0) return 0;
  if (p <= 0.0) return INT64_MAX / 4;
  double g = std::floor(std::log(UniformPositive()) / std::log1p(-p));
  return g > 4e18 ? INT64_MAX / 4 : static_cast<int64_t>(g);
}

int64_t Rng::Poisson(double mean) {
  if (mean <= 0) return 0;
  if (mean < 30) {
    // Knuth's multiplication method.
    double limit = std::exp(-mean);
    double product = Uniform();
    int64_t k = 0;
    while (product > limit) {
      ++k;
      product *= Uniform();
    }
    return k;
  }
  // Normal approximation with continuity correction; adequate for simulated depths and counts.
  double x = std::floor(mean + std::sqrt(mean) * Normal() + 0.5);
  return x < 0 ? 0 : static_cast<int64_t>(x);
}

int64_t Rng::Binomial(int64_t n, double p) {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  bool flipped = p > 0.5;
  double q = flipped ? 1.0 - p : p;
  int64_t successes;
  if (static_cast<double>(n) * q < 20) {
    // Waiting-time method: the gaps between successes are geometric; O(n q) draws.
    successes = 0;
    int64_t position = Geometric(q);
    while (position < n) {
      ++successes;
      position += 1 + Geometric(q);
    }
  } else {
    double mean = static_cast<double>(n) * q;
    double sd = std::sqrt(mean * (1.0 - q));
    double x = std::floor(mean + sd * Normal() + 0.5);
    successes = static_cast<int64_t>(std::clamp(x, 0.0, static_cast<double>(n)));
  }
  return flipped ? n - successes : successes;
}

double Rng::Gamma(double shape) {
  if (shape <= 0) return 0;
  if (shape < 1.0) {
    // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a), computed in log space for tiny shapes.
    double g = Gamma(shape + 1.0);
    double log_u = std::log(UniformPositive()) / shape;
    return g * std::exp(std::max(log_u, -700.0));
  }
  // Marsaglia & Tsang (2000).
  double d = shape - 1.0 / 3.0;
  double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = Normal();
      v = 1.0 + c * x;
    } while (v <= 0);
    v = v * v * v;
    double u = UniformPositive();
    if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
    if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double Rng::Beta(double a, double b) {
  double x = Gamma(a);
  double y = Gamma(b);
  double sum = x + y;
  if (sum <= 0) return a >= b ? 1.0 : 0.0;
  return x / sum;
}

}  // namespace zenome::simulate
