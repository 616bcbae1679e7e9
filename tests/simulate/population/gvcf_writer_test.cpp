// gVCFs (--gvcf): the variant records are the sample VCF's calls with <NON_REF> added, reference
// blocks and calls tile each contig except N gaps and a few uncovered stretches, ploidy follows
// sex, and bcftools reads the files and their indexes.
#include <gtest/gtest.h>

#include "simulate/simulate_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

// One run for the whole test process: one autosome, chrX, chrY and chrM; both sexes.
const std::string& GvcfRun() {
  static zenome::testing::TempDir dir;
  static const std::string path = [] {
    SimulateOptions options;
    options.output_dir = dir.File("sim");
    options.seed = 77;
    options.threads = 2;
    options.genome.genome_size = 2'500'000;
    options.genome.autosomes = 1;
    options.genes.count = 40;
    options.population.samples = 6;
    options.cases.count = 0;
    options.tumours.count = 0;
    options.gvcf.write = true;
    Result<SimulationSummary> summary = Simulate(options);
    if (!summary.ok()) throw std::runtime_error(summary.status().message());
    return options.output_dir;
  }();
  return path;
}

std::vector<std::string> Samples() {
  std::vector<std::string> ids;
  auto lines = zenome::testing::ReadLines(GvcfRun() + "/samples.tsv");
  for (size_t i = 1; i < lines.size(); ++i) ids.push_back(Split(lines[i], '\t')[0]);
  return ids;
}

bool IsBlock(const VcfRecord& r) {
  return r.alts.size() == 1 && r.alts[0] == "<NON_REF>";
}

TEST(SimulatedGvcf, CallsAreTheSampleVcfsWithNonRef) {
  for (const std::string& sample : Samples()) {
    VcfFile vcf = ReadVcf(GvcfRun() + "/samples/" + sample + ".vcf.gz");
    VcfFile gvcf = ReadVcf(GvcfRun() + "/samples/" + sample + ".g.vcf.gz");
    EXPECT_EQ(gvcf.sample_names, std::vector<std::string>{sample});
    std::vector<const VcfRecord*> calls;
    for (const VcfRecord& r : gvcf.records) {
      ASSERT_EQ(r.alts.back(), "<NON_REF>") << r.chrom << ":" << r.pos;
      if (!IsBlock(r)) calls.push_back(&r);
    }
    ASSERT_EQ(calls.size(), vcf.records.size()) << sample;
    ASSERT_GT(calls.size(), 1000u);
    for (size_t i = 0; i < calls.size(); ++i) {
      const VcfRecord& g = *calls[i];
      const VcfRecord& v = vcf.records[i];
      ASSERT_EQ(g.chrom + ":" + std::to_string(g.pos), v.chrom + ":" + std::to_string(v.pos)) << sample;
      EXPECT_EQ(g.ref, v.ref);
      EXPECT_EQ(std::vector<std::string>(g.alts.begin(), g.alts.end() - 1), v.alts);
      EXPECT_EQ(g.qual, v.qual);
      EXPECT_EQ(g.filter, v.filter);
      EXPECT_EQ(g.format, (std::vector<std::string>{"GT", "AD", "DP", "GQ", "PL"}));
      for (const char* field : {"GT", "DP", "GQ"}) EXPECT_EQ(g.Sample(0, field), v.Sample(0, field)) << field;
      // AD: one depth per allele (<NON_REF> included), summing to DP; PL: one per genotype, 0 at the call.
      auto ad = Split(g.Sample(0, "AD"), ',');
      ASSERT_EQ(ad.size(), g.alts.size() + 1);
      int sum = 0;
      for (const auto& depth : ad) sum += std::stoi(depth);
      EXPECT_EQ(sum, std::stoi(g.Sample(0, "DP")));
      const size_t alleles = g.alts.size() + 1;
      const bool haploid = g.Sample(0, "GT").find('/') == std::string::npos;
      auto pl = Split(g.Sample(0, "PL"), ',');
      ASSERT_EQ(pl.size(), haploid ? alleles : alleles * (alleles + 1) / 2);
      int zeros = 0, lowest_other = 1 << 30;
      for (const auto& value : pl) {
        int p = std::stoi(value);
        if (p == 0) {
          ++zeros;
        } else {
          lowest_other = std::min(lowest_other, p);
        }
      }
      EXPECT_EQ(zeros, 1);
      EXPECT_EQ(lowest_other, std::stoi(g.Sample(0, "GQ")));
    }
  }
}

TEST(SimulatedGvcf, BlocksTileTheGenomeExceptGapsAndUncoveredStretches) {
  const auto reference = ReadFasta(GvcfRun() + "/reference.fa");
  std::map<std::string, bool> male;
  auto lines = zenome::testing::ReadLines(GvcfRun() + "/samples.tsv");
  for (size_t i = 1; i < lines.size(); ++i)
    male[Split(lines[i], '\t')[0]] = Split(lines[i], '\t')[2] == "male";
  bool both_sexes = false;
  for (const auto& [id, m] : male) both_sexes |= m != male.begin()->second;
  ASSERT_TRUE(both_sexes);
  for (const std::string& sample : Samples()) {
    VcfFile gvcf = ReadVcf(GvcfRun() + "/samples/" + sample + ".g.vcf.gz");
    bool bands = false;
    for (const std::string& line : gvcf.header) bands |= line.rfind("##GVCFBlock99-100=minGQ=99", 0) == 0;
    EXPECT_TRUE(bands);
    std::map<std::string, std::vector<std::pair<int64_t, int64_t>>> covered;  // 1-based closed
    for (const VcfRecord& r : gvcf.records) {
      int64_t end = r.pos + static_cast<int64_t>(r.ref.size()) - 1;
      const std::string& contig = reference.at(r.chrom);
      if (IsBlock(r)) {
        ASSERT_TRUE(r.info.count("END"));
        end = std::stoll(r.info.at("END"));
        EXPECT_GE(end, r.pos);
        EXPECT_EQ(r.ref, contig.substr(static_cast<size_t>(r.pos - 1), 1));
        EXPECT_EQ(r.format, (std::vector<std::string>{"GT", "DP", "GQ", "MIN_DP", "PL"}));
        // No block covers an N.
        EXPECT_EQ(
            contig.substr(static_cast<size_t>(r.pos - 1), static_cast<size_t>(end - r.pos + 1)).find('N'),
            std::string::npos)
            << sample << " " << r.chrom << ":" << r.pos;
        const std::string gt = r.Sample(0, "GT");
        const bool haploid_here =
            r.chrom == "chrM" || r.chrom == "chrY" || (r.chrom == "chrX" && male[sample]);
        if (r.chrom != "chrX" || !male[sample]) {
          EXPECT_EQ(gt, haploid_here ? "0" : "0/0") << r.chrom << ":" << r.pos;
        } else {
          EXPECT_TRUE(gt == "0" || gt == "0/0");  // diploid in the PARs
        }
        EXPECT_LE(std::stoi(r.Sample(0, "MIN_DP")), std::stoi(r.Sample(0, "DP")));
        const int gq = std::stoi(r.Sample(0, "GQ"));
        EXPECT_TRUE(gq >= 0 && gq <= 99);
      }
      auto& spans = covered[r.chrom];
      if (!spans.empty()) {
        ASSERT_GT(r.pos, spans.back().second) << sample << ": records overlap at " << r.chrom << ":" << r.pos;
      }
      spans.push_back({r.pos, end});
    }
    EXPECT_FALSE(covered.count("chrY") && !male[sample]) << sample << ": a female has chrY records";
    EXPECT_TRUE(covered.count("chrY") || !male[sample]) << sample << ": a male has no chrY records";
    // What is left between records: N gaps, and a few stretches of real sequence without reads.
    int64_t genome = 0, uncovered_bases = 0;
    int no_call_stretches = 0;
    for (const auto& [name, sequence] : reference) {
      if (name == "chrY" && !male[sample]) continue;
      genome += static_cast<int64_t>(sequence.size());
      int64_t next = 1;
      auto gap = [&, &sequence = sequence](int64_t from, int64_t to) {  // 1-based closed
        if (to < from) return;
        std::string bases =
            sequence.substr(static_cast<size_t>(from - 1), static_cast<size_t>(to - from + 1));
        const size_t real = bases.size() - static_cast<size_t>(std::count(bases.begin(), bases.end(), 'N'));
        uncovered_bases += static_cast<int64_t>(real);
        no_call_stretches += real > 0;
      };
      for (const auto& [start, end] : covered[name]) {
        gap(next, start - 1);
        next = end + 1;
      }
      gap(next, static_cast<int64_t>(sequence.size()));
    }
    EXPECT_GE(no_call_stretches, 1) << sample;
    EXPECT_LE(no_call_stretches, 40) << sample;
    EXPECT_LT(uncovered_bases, genome / 50) << sample;
  }
}

TEST(SimulatedGvcf, BcftoolsReadsTheGvcfAndItsIndex) {
  if (!zenome::testing::HaveTool("bcftools")) GTEST_SKIP() << "bcftools not on PATH";
  for (const std::string& sample : Samples()) {
    const std::string path = GvcfRun() + "/samples/" + sample + ".g.vcf.gz";
    auto view = zenome::testing::RunShell("bcftools view -H " + path + " | wc -l");
    ASSERT_EQ(view.exit_code, 0) << view.err;
    EXPECT_EQ(view.err, "") << path;
    EXPECT_EQ(std::stoul(view.out), ReadVcf(path).records.size());
    // Region queries through the index find the blocks that span the region (END counts), as a
    // full scan for overlapping records does.
    auto indexed = zenome::testing::RunShell("bcftools view -H -r chr1:200000-260000 " + path + " | wc -l");
    auto scanned = zenome::testing::RunShell("bcftools view -H -t chr1:200000-260000 --targets-overlap 1 " +
                                             path + " | wc -l");
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
    EXPECT_EQ(indexed.out, scanned.out) << path;
    EXPECT_GT(std::stoi(indexed.out), 10);
  }
}

}  // namespace
}  // namespace zenome::simulate::testing
