// The reference genome: layout, index, and the texture that makes normalisation matter.
#include <gtest/gtest.h>

#include <cmath>

#include "core/reference.h"
#include "simulate/simulate_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

TEST(SimulatedReference, ContigsIndexAndNGaps) {
  const auto& reference = MainReference();
  std::vector<std::string> names;
  for (const std::string& line : zenome::testing::ReadLines(MainFile("reference.fa.fai"))) {
    names.push_back(Split(line, '\t').at(0));
  }
  ASSERT_EQ(names,
            (std::vector<std::string>{"chr1", "chr2", "chr3", "chr4", "chr5", "chrX", "chrY", "chrM"}));
  EXPECT_EQ(reference.at("chrM").size(), 16569u);
  // Our .fai equals the one htslib builds.
  zenome::testing::TempDir dir;
  std::string copy = dir.File("copy.fa");
  zenome::testing::WriteFile(copy, zenome::testing::ReadFile(MainFile("reference.fa")));
  ASSERT_EQ(fai_build(copy.c_str()), 0);
  EXPECT_EQ(zenome::testing::ReadFile(copy + ".fai"),
            zenome::testing::ReadFile(MainFile("reference.fa.fai")));
  // Lines of 60, upper case ACGTN, N at the contig ends.
  auto lines = zenome::testing::ReadLines(MainFile("reference.fa"));
  EXPECT_EQ(lines.at(1).size(), 60u);
  for (const auto& [name, seq] : reference) {
    EXPECT_EQ(seq.find_first_not_of("ACGTN"), std::string::npos) << name;
    if (name == "chrM") continue;
    EXPECT_EQ(seq.front(), 'N') << name;
    EXPECT_EQ(seq.back(), 'N') << name;
  }
  // core's reader opens it as a custom build.
  auto genome = ReferenceGenome::Open(MainFile("reference.fa"));
  ASSERT_TRUE(genome.ok()) << genome.status().message();
  EXPECT_EQ((*genome)->build(), GenomeBuild::kCustom);
}

TEST(SimulatedReference, IsochoresCpgDepletionAndRepeats) {
  const std::string& chr1 = MainReference().at("chr1");
  // GC content varies along the contig (isochores).
  std::vector<double> gc;
  for (size_t start = 0; start + 20000 <= chr1.size(); start += 20000) {
    int64_t g = 0, n = 0;
    for (size_t i = start; i < start + 20000; ++i) {
      if (chr1[i] == 'N') continue;
      ++n;
      g += chr1[i] == 'G' || chr1[i] == 'C';
    }
    if (n > 15000) gc.push_back(static_cast<double>(g) / n);
  }
  ASSERT_GT(gc.size(), 10u);
  double mean = 0, var = 0;
  for (double x : gc) mean += x;
  mean /= gc.size();
  for (double x : gc) var += (x - mean) * (x - mean);
  EXPECT_GT(std::sqrt(var / gc.size()), 0.01);
  EXPECT_NEAR(mean, 0.42, 0.04);
  // CpG observed/expected well below 1, as in mammalian genomes.
  int64_t c = 0, g = 0, cg = 0, n = 0;
  for (size_t i = 0; i + 1 < chr1.size(); ++i) {
    if (chr1[i] == 'N') continue;
    ++n;
    c += chr1[i] == 'C';
    g += chr1[i] == 'G';
    cg += chr1[i] == 'C' && chr1[i + 1] == 'G';
  }
  double observed_expected = static_cast<double>(cg) * n / (static_cast<double>(c) * g);
  EXPECT_LT(observed_expected, 0.5);
  EXPECT_GT(observed_expected, 0.1);
  // Homopolymer runs of 10+ and dinucleotide repeats of 8+ units are common.
  int runs = 0, dinucleotide = 0;
  for (size_t i = 0; i + 1 < chr1.size();) {
    size_t j = i;
    while (j < chr1.size() && chr1[j] == chr1[i]) ++j;
    runs += chr1[i] != 'N' && j - i >= 10;
    i = j;
  }
  for (size_t i = 0; i + 16 < chr1.size(); i += 1) {
    if (chr1[i] == chr1[i + 1] || chr1[i] == 'N') continue;
    size_t j = i + 2;
    while (j < chr1.size() && chr1[j] == chr1[j - 2]) ++j;
    if (j - i >= 16) {
      ++dinucleotide;
      i = j;
    }
  }
  EXPECT_GT(runs, static_cast<int>(chr1.size() / 10000));
  EXPECT_GT(dinucleotide, static_cast<int>(chr1.size() / 50000));
  // Interspersed repeats: many 24-mers occur more than once (copies of the same element).
  int64_t seeds = 0, hits = 0;
  for (size_t i = 0; i + 24 < chr1.size(); i += 997) {
    std::string probe = chr1.substr(i, 24);
    if (probe.find('N') != std::string::npos) continue;
    ++seeds;
    size_t first = chr1.find(probe);
    hits += chr1.find(probe, first + 1) != std::string::npos;
  }
  EXPECT_GT(static_cast<double>(hits) / seeds, 0.03) << "too few repeated 24-mers";
}

}  // namespace
}  // namespace zenome::simulate::testing
