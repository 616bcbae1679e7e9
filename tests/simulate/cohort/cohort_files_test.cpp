// The cohort and gVCF outputs as files: byte-identical for the same seed whatever the threads,
// listed in the manifest, skipped by --no-cohort without changing any other file, and the
// command-line options that control them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "simulate/simulate_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

using zenome::testing::RunZenome;

SimulateOptions CohortRunOptions(const std::string& dir, uint64_t seed, int threads) {
  SimulateOptions options;
  options.output_dir = dir;
  options.seed = seed;
  options.threads = threads;
  options.genome.genome_size = 2'500'000;
  options.genome.autosomes = 1;
  options.genes.count = 40;
  options.population.samples = 12;
  options.cases.count = 1;
  options.tumours.count = 0;
  options.gvcf.write = true;
  return options;
}

const char* const kCohortFiles[] = {"cohort/clinical.csv",  "cohort/omics.tsv",   "cohort/pro.csv",
                                    "cohort/pathology.csv", "cohort/imaging.csv", "cohort/wearable.csv",
                                    "cohort/hp.obo"};

TEST(SimulatedCohortFiles, SameSeedSameBytesAndTheManifestListsThem) {
  zenome::testing::TempDir one, two, other;
  ASSERT_TRUE(Simulate(CohortRunOptions(one.path().string(), 11, 1)).ok());
  ASSERT_TRUE(Simulate(CohortRunOptions(two.path().string(), 11, 3)).ok());
  ASSERT_TRUE(Simulate(CohortRunOptions(other.path().string(), 12, 2)).ok());
  auto a = ReadAllFiles(one.path().string());
  auto b = ReadAllFiles(two.path().string());
  auto c = ReadAllFiles(other.path().string());
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, content] : a) {
    ASSERT_TRUE(b.count(name)) << name;
    EXPECT_TRUE(content == b.at(name)) << name << " differs between --threads 1 and --threads 3";
  }
  for (const char* name : kCohortFiles) {
    ASSERT_TRUE(a.count(name)) << name;
    if (std::string(name) != "cohort/hp.obo") {
      EXPECT_NE(a.at(name), c.at(name)) << name << " did not change with the seed";
    }
  }
  for (const char* name : {"samples/S0001.g.vcf.gz", "samples/S0012.g.vcf.gz.tbi"}) {
    EXPECT_TRUE(a.count(name)) << name;
  }
  auto manifest = nlohmann::json::parse(a.at("manifest.json"));
  std::set<std::string> listed;
  for (const auto& name : manifest["files"]) listed.insert(name.get<std::string>());
  std::set<std::string> present;
  for (const auto& [name, content] : a) present.insert(name);
  EXPECT_EQ(listed, present);
  EXPECT_EQ(manifest["options"]["cohort"], true);
  EXPECT_EQ(manifest["options"]["gvcf"], true);
  EXPECT_EQ(manifest["counts"]["cohort_participants"], 12);
}

TEST(SimulatedCohortFiles, NoCohortSkipsItAndChangesNothingElse) {
  zenome::testing::TempDir with, without;
  SimulateOptions options = CohortRunOptions(with.path().string(), 21, 2);
  ASSERT_TRUE(Simulate(options).ok());
  options.output_dir = without.path().string();
  options.cohort.write = false;
  ASSERT_TRUE(Simulate(options).ok());
  auto a = ReadAllFiles(with.path().string());
  auto b = ReadAllFiles(without.path().string());
  EXPECT_FALSE(std::filesystem::exists(without.path() / "cohort"));
  for (const auto& [name, content] : b) {
    if (name == "manifest.json") continue;
    ASSERT_TRUE(a.count(name)) << name;
    EXPECT_TRUE(content == a.at(name)) << name << " depends on whether the cohort is written";
  }
  for (const char* name : kCohortFiles) EXPECT_FALSE(b.count(name)) << name;
}

TEST(SimulatedCohortFiles, CommandLineOptions) {
  zenome::testing::TempDir dir;
  const std::string out = dir.File("sim");
  auto run = RunZenome("simulate -q -o " + out +
                       " --genome-size 300k --contigs 1 --samples 4 --gvcf --wearable-days 1 --seed 5");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(std::filesystem::exists(out + "/samples/S0004.g.vcf.gz.tbi"));
  EXPECT_TRUE(std::filesystem::exists(out + "/cohort/clinical.csv"));
  auto manifest = nlohmann::json::parse(zenome::testing::ReadFile(out + "/manifest.json"));
  EXPECT_EQ(manifest["options"]["wearable_days"], 1);

  const std::string skipped = dir.File("skipped");
  auto no_cohort =
      RunZenome("simulate -q -o " + skipped + " --genome-size 300k --contigs 1 --samples 2 --no-cohort");
  ASSERT_EQ(no_cohort.exit_code, 0) << no_cohort.err;
  EXPECT_FALSE(std::filesystem::exists(skipped + "/cohort"));
  EXPECT_FALSE(std::filesystem::exists(skipped + "/samples/S0001.g.vcf.gz"));

  auto bad = RunZenome("simulate -o " + dir.File("bad") + " --wearable-days -1");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--wearable-days"), std::string::npos) << bad.err;
  auto too_many = RunZenome("simulate -o " + dir.File("many") + " --samples 3000 --gvcf");
  EXPECT_EQ(too_many.exit_code, 2);
  EXPECT_NE(too_many.err.find("--gvcf"), std::string::npos) << too_many.err;
}

}  // namespace
}  // namespace zenome::simulate::testing
