#pragma once
// Deterministic random numbers for the simulator. Every generator draws from its own stream,
// keyed by the seed and by what it is generating (contig, window, individual, ...), so results do
// not depend on thread scheduling or on which other outputs are enabled. The distributions are
// implemented here rather than taken from <random>, whose algorithms differ between standard
// libraries; the same binary and seed always give the same bytes.

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace zenome::simulate {

// SplitMix64 finaliser: a bijective 64-bit mixer.
constexpr uint64_t Mix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// FNV-1a of a label, so stream keys can be readable words ("genotype", "panel").
constexpr uint64_t Label(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// Seed of the stream identified by `keys` under the run's seed.
inline uint64_t StreamSeed(uint64_t seed, std::initializer_list<uint64_t> keys) {
  uint64_t state = Mix64(seed ^ 0x5a454e4f4d45ULL);
  for (uint64_t key : keys) state = Mix64(state ^ Mix64(key));
  return state;
}

// wyrand: one 64-bit add and one 128-bit multiply per draw; passes BigCrush.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(Mix64(seed)) {}
  Rng(uint64_t seed, std::initializer_list<uint64_t> keys) : state_(StreamSeed(seed, keys)) {}

  uint64_t Next() {
    state_ += 0xa0761d6478bd642fULL;
    __uint128_t product = static_cast<__uint128_t>(state_) * (state_ ^ 0xe7037ed1a0b428dbULL);
    return static_cast<uint64_t>(product >> 64) ^ static_cast<uint64_t>(product);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1]: safe to take the logarithm of.
  double UniformPositive() { return (static_cast<double>(Next() >> 11) + 1.0) * 0x1.0p-53; }
  // Uniform integer in [0, n); n > 0. Lemire's multiply-shift (bias below 2^-64 * n).
  uint64_t Below(uint64_t n) { return static_cast<uint64_t>((static_cast<__uint128_t>(Next()) * n) >> 64); }
  // Uniform integer in [lo, hi].
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  bool Chance(double p) { return Uniform() < p; }
  double UniformIn(double lo, double hi) { return lo + (hi - lo) * Uniform(); }

  double Normal();
  double Normal(double mean, double sd) { return mean + sd * Normal(); }
  // Cheap approximately normal draw (Irwin-Hall, four uniforms from one 64-bit draw), for noise
  // in depths and qualities where tails do not matter.
  double FastNormal() {
    uint64_t x = Next();
    double sum = static_cast<double>((x & 0xffff) + ((x >> 16) & 0xffff) + ((x >> 32) & 0xffff) + (x >> 48));
    return (sum / 65536.0 - 2.0) * 1.7320508075688772;  // sqrt(12 / 4)
  }
  double LogNormal(double mu, double sigma) { return std::exp(mu + sigma * Normal()); }
  double Exponential(double mean) { return -mean * std::log(UniformPositive()); }
  // Failures before the first success, success probability p in (0, 1].
  int64_t Geometric(double p);
  int64_t Poisson(double mean);
  int64_t Binomial(int64_t n, double p);
  double Gamma(double shape);  // scale 1
  double Beta(double a, double b);
  // Log-uniform in [lo, hi]: density proportional to 1/x.
  double LogUniform(double lo, double hi) { return lo * std::exp(Uniform() * std::log(hi / lo)); }

  // Index drawn with probability proportional to weights[i].
  template <typename Container>
  size_t Weighted(const Container& weights) {
    double total = 0;
    for (double w : weights) total += w;
    double target = Uniform() * total;
    size_t i = 0;
    for (double w : weights) {
      if (target < w) return i;
      target -= w;
      ++i;
    }
    return i == 0 ? 0 : i - 1;
  }

 private:
  uint64_t state_;
  bool has_spare_normal_ = false;
  double spare_normal_ = 0;
};

}  // namespace zenome::simulate
