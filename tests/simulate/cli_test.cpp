// The zenome simulate command line, and bcftools reading every output without a warning.
#include <gtest/gtest.h>

#include "simulate_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

using zenome::testing::RunZenome;

TEST(SimulateCli, BadOptionsExitWithStatusTwo) {
  zenome::testing::TempDir dir;
  const std::string out = " -o " + dir.File("out");
  auto missing = RunZenome("simulate");
  EXPECT_EQ(missing.exit_code, 2) << missing.err;
  auto size = RunZenome("simulate" + out + " --genome-size 2x");
  EXPECT_EQ(size.exit_code, 2);
  EXPECT_NE(size.err.find("2x"), std::string::npos) << size.err;
  auto populations = RunZenome("simulate" + out + " --populations eas,eas");
  EXPECT_EQ(populations.exit_code, 2);
  EXPECT_NE(populations.err.find("--populations"), std::string::npos) << populations.err;
  auto tiny = RunZenome("simulate" + out + " --genome-size 50k");
  EXPECT_EQ(tiny.exit_code, 2);
  auto contigs = RunZenome("simulate" + out + " --contigs 30");
  EXPECT_EQ(contigs.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir.File("out") + "/manifest.json"));
}

TEST(SimulateCli, WritesTheLayoutAndASummary) {
  zenome::testing::TempDir dir;
  const std::string out = dir.File("sim");
  auto run =
      RunZenome("simulate -o " + out + " --genome-size 400k --contigs 2 --samples 3 --seed 3 --threads 2");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("zenome simulate: wrote"), std::string::npos) << run.err;
  for (const char* name :
       {"reference.fa", "reference.fa.fai", "genes.gff3", "genes.gtf", "population.vcf.gz",
        "population.vcf.gz.tbi", "samples/S0003.vcf.gz", "samples.tsv", "population_sites.vcf.gz",
        "clinvar.vcf.gz.tbi", "diseases.tsv", "cases/CASE002.phenopacket.json", "cases/CASE001.vcf.gz",
        "cases/truth.tsv", "tumours/PAIR001.vcf.gz", "tumours/PAIR001.truth.vcf.gz.tbi", "manifest.json"}) {
    EXPECT_TRUE(std::filesystem::exists(out + "/" + name)) << name;
  }
  auto quiet =
      RunZenome("simulate -q -o " + dir.File("quiet") + " --genome-size 300k --contigs 1 --samples 2");
  ASSERT_EQ(quiet.exit_code, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "");
}

TEST(SimulateCli, BcftoolsReadsEveryVcfWithoutWarnings) {
  if (!zenome::testing::HaveTool("bcftools")) GTEST_SKIP() << "bcftools not on PATH";
  int checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(MainRun())) {
    std::string path = entry.path().string();
    if (path.size() < 7 || path.substr(path.size() - 7) != ".vcf.gz") continue;
    auto view = zenome::testing::RunShell("bcftools view -Ou -o /dev/null " + path);
    EXPECT_EQ(view.exit_code, 0) << path << ": " << view.err;
    EXPECT_EQ(view.err, "") << path;
    ++checked;
  }
  EXPECT_GT(checked, 90);
  // The tabix index answers region queries exactly as a full scan does.
  const std::string sites = MainFile("population_sites.vcf.gz");
  auto indexed = zenome::testing::RunShell("bcftools view -H -r chr2:100000-300000 " + sites + " | wc -l");
  auto scanned = zenome::testing::RunShell("bcftools view -H -t chr2:100000-300000 " + sites + " | wc -l");
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  EXPECT_EQ(indexed.out, scanned.out);
  EXPECT_GT(std::stoi(indexed.out), 100);
  auto clinvar =
      zenome::testing::RunShell("bcftools view -H -r 1 " + MainFile("clinvar.vcf.gz") + " | wc -l");
  EXPECT_GT(std::stoi(clinvar.out), 0) << clinvar.err;
}

}  // namespace
}  // namespace zenome::simulate::testing
