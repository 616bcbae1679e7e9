// Same seed and options → byte-identical files, whatever the number of threads; another seed →
// different data; the manifest lists exactly the files written.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "simulate_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

SimulateOptions SmallOptions(const std::string& dir, uint64_t seed, int threads) {
  SimulateOptions options;
  options.output_dir = dir;
  options.seed = seed;
  options.threads = threads;
  // One autosome of ~1.3 Mb: contigs span several 1 Mb windows.
  options.genome.genome_size = 2'500'000;
  options.genome.autosomes = 1;
  options.genes.count = 30;
  options.population.samples = 6;
  options.cases.count = 2;
  options.tumours.count = 1;
  options.tumours.somatic_per_mb = 50;
  return options;
}

TEST(SimulateDeterminism, SameSeedSameBytesWhateverTheThreads) {
  zenome::testing::TempDir one, two, other;
  ASSERT_TRUE(Simulate(SmallOptions(one.path().string(), 5, 0)).ok());
  ASSERT_TRUE(Simulate(SmallOptions(two.path().string(), 5, 3)).ok());
  ASSERT_TRUE(Simulate(SmallOptions(other.path().string(), 6, 2)).ok());
  auto a = ReadAllFiles(one.path().string());
  auto b = ReadAllFiles(two.path().string());
  auto c = ReadAllFiles(other.path().string());
  ASSERT_GT(a.size(), 20u);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, content] : a) {
    ASSERT_TRUE(b.count(name)) << name;
    EXPECT_TRUE(content == b.at(name)) << name << " differs between --threads 0 and --threads 3";
  }
  // Another seed changes the genome and everything drawn on it.
  for (const char* name : {"reference.fa", "genes.gff3", "population.vcf.gz", "population_sites.vcf.gz",
                           "clinvar.vcf.gz", "cases/truth.tsv", "tumours/PAIR001.truth.vcf.gz"}) {
    ASSERT_TRUE(c.count(name)) << name;
    EXPECT_NE(a.at(name), c.at(name)) << name << " did not change with the seed";
  }
}

TEST(SimulateDeterminism, ManifestListsEveryFileAndNoTemporariesRemain) {
  zenome::testing::TempDir dir;
  Result<SimulationSummary> summary = Simulate(SmallOptions(dir.path().string(), 9, 2));
  ASSERT_TRUE(summary.ok()) << summary.status().message();
  auto files = ReadAllFiles(dir.path().string());
  auto manifest = nlohmann::json::parse(files.at("manifest.json"));
  EXPECT_EQ(manifest["build"], "zenome-sim");
  EXPECT_EQ(manifest["seed"], 9);
  std::set<std::string> listed;
  for (const auto& name : manifest["files"]) listed.insert(name.get<std::string>());
  std::set<std::string> present;
  for (const auto& [name, content] : files) present.insert(name);
  EXPECT_EQ(listed, present);  // also: no temporary or part files left behind
  EXPECT_EQ(manifest["counts"]["samples"], 6);
  EXPECT_EQ(manifest["counts"]["population_sites"].get<int64_t>(), summary->population_sites);
  EXPECT_TRUE(present.count("samples/S0006.vcf.gz.tbi"));
  EXPECT_TRUE(present.count("cases/CASE002.phenopacket.json"));
  EXPECT_TRUE(present.count("tumours/PAIR001.truth.vcf.gz"));
  EXPECT_FALSE(FormatSummary(*summary).empty());
}

TEST(SimulateDeterminism, OptionalOutputsCanBeSkipped) {
  zenome::testing::TempDir dir;
  SimulateOptions options = SmallOptions(dir.path().string(), 3, 1);
  options.population.population_vcf = false;
  options.population.sample_vcfs = false;
  options.cases.count = 0;
  options.tumours.count = 0;
  ASSERT_TRUE(Simulate(options).ok());
  auto files = ReadAllFiles(dir.path().string());
  EXPECT_FALSE(files.count("population.vcf.gz"));
  EXPECT_FALSE(files.count("samples/S0001.vcf.gz"));
  EXPECT_FALSE(files.count("cases/truth.tsv"));
  EXPECT_TRUE(files.count("population_sites.vcf.gz"));
  EXPECT_TRUE(files.count("clinvar.vcf.gz"));
  EXPECT_TRUE(files.count("samples.tsv"));
}

}  // namespace
}  // namespace zenome::simulate::testing
