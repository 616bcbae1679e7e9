// The contig plan: GRCh38-like proportions, N gaps, PARs and ploidy.
#include <gtest/gtest.h>

#include "core/genome_build.h"
#include "simulate/genome/genome_plan.h"

namespace zenome::simulate {
namespace {

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

}  // namespace
}  // namespace zenome::simulate
