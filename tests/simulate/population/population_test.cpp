// Population data: density, indels, REF agreement, normalisation, Hardy-Weinberg, population
// differences, the panel's frequency spectrum, novel variants and ploidy.
#include <gtest/gtest.h>
#include <htslib/vcf.h>

#include <cmath>
#include <set>

#include "core/normalize.h"
#include "core/reference.h"
#include "core/vcf_reader.h"
#include "simulate/simulate_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

const VcfFile& Population() {
  static const VcfFile file = ReadVcf(MainFile("population.vcf.gz"));
  return file;
}

const VcfFile& Sites() {
  static const VcfFile file = ReadVcf(MainFile("population_sites.vcf.gz"));
  return file;
}

bool Autosome(const std::string& chrom) {
  return chrom != "chrX" && chrom != "chrY" && chrom != "chrM";
}

std::string Key(const std::string& chrom, int64_t pos, const std::string& ref, const std::string& alt) {
  return chrom + ":" + std::to_string(pos) + ":" + ref + ":" + alt;
}

TEST(SimulatedPopulation, SampleDensityAndIndelShare) {
  const auto& reference = MainReference();
  int64_t autosomal_bases = 0;
  for (const auto& [name, seq] : reference) {
    if (Autosome(name))
      autosomal_bases +=
          static_cast<int64_t>(std::count_if(seq.begin(), seq.end(), [](char c) { return c != 'N'; }));
  }
  double density_sum = 0;
  int64_t indels = 0, total = 0;
  const std::vector<std::string> samples = {"S0001", "S0002", "S0003", "S0004", "S0005", "S0006"};
  for (const std::string& sample : samples) {
    VcfFile vcf = ReadVcf(MainFile("samples/" + sample + ".vcf.gz"));
    ASSERT_EQ(vcf.sample_names, std::vector<std::string>{sample});
    int64_t autosomal = 0;
    for (const VcfRecord& r : vcf.records) {
      if (!Autosome(r.chrom)) continue;
      ++autosomal;
      ++total;
      bool indel = false;
      for (const auto& alt : r.alts) indel |= alt.size() != r.ref.size();
      indels += indel;
    }
    density_sum += 1000.0 * static_cast<double>(autosomal) / static_cast<double>(autosomal_bases);
  }
  const double density = density_sum / samples.size();
  EXPECT_GT(density, 1.6 * 0.85);
  EXPECT_LT(density, 1.6 * 1.15);
  const double indel_share = static_cast<double>(indels) / static_cast<double>(total);
  EXPECT_GT(indel_share, 0.10);
  EXPECT_LT(indel_share, 0.21);
}

TEST(SimulatedPopulation, EveryVcfParsesAndRefMatchesTheReference) {
  const auto& reference = MainReference();
  std::vector<std::string> files = {"population.vcf.gz",
                                    "population_sites.vcf.gz",
                                    "samples/S0001.vcf.gz",
                                    "samples/S0090.vcf.gz",
                                    "cases/CASE001.vcf.gz",
                                    "tumours/PAIR001.vcf.gz",
                                    "tumours/PAIR002.truth.vcf.gz",
                                    "clinvar.vcf.gz"};
  for (const std::string& name : files) {
    // htslib (through core's reader) takes every record.
    auto reader = VcfReader::Open(MainFile(name));
    ASSERT_TRUE(reader.ok()) << name << ": " << reader.status().message();
    bcf1_t* record = bcf_init();
    int64_t parsed = 0;
    for (;;) {
      Result<bool> more = (*reader)->Read(record);
      ASSERT_TRUE(more.ok()) << name << ": " << more.status().message();
      if (!*more) break;
      ++parsed;
    }
    bcf_destroy(record);
    VcfFile vcf = ReadVcf(MainFile(name));
    EXPECT_EQ(parsed, static_cast<int64_t>(vcf.records.size())) << name;
    EXPECT_GT(parsed, 0) << name;
    const bool clinvar = name == "clinvar.vcf.gz";
    std::string previous_chrom;
    int64_t previous_pos = 0;
    for (const VcfRecord& r : vcf.records) {
      std::string chrom = clinvar ? (r.chrom == "MT" ? "chrM" : "chr" + r.chrom) : r.chrom;
      ASSERT_TRUE(reference.count(chrom)) << name << " " << r.chrom;
      EXPECT_EQ(reference.at(chrom).substr(static_cast<size_t>(r.pos - 1), r.ref.size()), r.ref)
          << name << " " << r.chrom << ":" << r.pos;
      if (chrom == previous_chrom) {
        EXPECT_GE(r.pos, previous_pos) << name << " unsorted at " << r.pos;
      }
      previous_chrom = chrom;
      previous_pos = r.pos;
      for (const auto& alt : r.alts) EXPECT_NE(alt, r.ref) << name;
    }
  }
}

TEST(SimulatedPopulation, IndelsAreLeftAlignedAndParsimonious) {
  auto genome = ReferenceGenome::Open(MainFile("reference.fa"));
  ASSERT_TRUE(genome.ok());
  auto reader = ReferenceReader::Open(*genome);
  ASSERT_TRUE(reader.ok());
  int indels = 0, in_repeats = 0;
  for (std::string name : {"population.vcf.gz", "population_sites.vcf.gz", "cases/CASE002.vcf.gz"}) {
    for (const VcfRecord& r : ReadVcf(MainFile(name)).records) {
      AlleleSet site{r.pos - 1, r.ref, r.alts};
      bool indel = false;
      for (const auto& alt : r.alts) indel |= alt.size() != r.ref.size();
      AlleleSet normalised = site;
      Result<bool> changed = NormaliseAlleles(normalised, r.chrom, **reader);
      ASSERT_TRUE(changed.ok());
      EXPECT_FALSE(*changed) << name << " " << r.chrom << ":" << r.pos << " " << r.ref << ">" << r.alts[0]
                             << " normalises to " << normalised.pos0 + 1 << " " << normalised.ref;
      if (!indel) continue;
      ++indels;
      Result<int64_t> end = ShiftableRegionEnd(site, r.chrom, **reader);
      ASSERT_TRUE(end.ok());
      in_repeats += *end > site.pos0 + static_cast<int64_t>(r.ref.size());
    }
  }
  EXPECT_GT(indels, 500);
  // Most indels sit in repeats, where the representation matters.
  EXPECT_GT(static_cast<double>(in_repeats) / indels, 0.4);
}

TEST(SimulatedPopulation, GenotypesFollowHardyWeinbergWithinPopulations) {
  const VcfFile& vcf = Population();
  auto samples = MainSamples();
  std::map<std::string, std::vector<size_t>> by_population;
  for (size_t i = 0; i < vcf.sample_names.size(); ++i)
    by_population[samples.at(vcf.sample_names[i]).population].push_back(i);
  ASSERT_EQ(by_population.size(), 3u);
  for (const auto& [population, columns] : by_population) {
    double observed = 0, expected = 0;
    int sites = 0;
    for (const VcfRecord& r : vcf.records) {
      if (!Autosome(r.chrom) || r.alts.size() != 1) continue;
      int alt = 0, het = 0, n = 0;
      for (size_t column : columns) {
        const std::string gt = r.Sample(column, "GT");
        if (gt.size() != 3) continue;
        ++n;
        alt += (gt[0] == '1') + (gt[2] == '1');
        het += gt[0] != gt[2];
      }
      double p = static_cast<double>(alt) / (2.0 * n);
      if (n < 20 || p < 0.2 || p > 0.8) continue;
      ++sites;
      observed += het;
      expected += 2 * p * (1 - p) * n;
    }
    ASSERT_GT(sites, 500) << population;
    EXPECT_NEAR(observed / expected, 1.0, 0.08) << population;
  }
}

TEST(SimulatedPopulation, PanelFrequenciesDifferBetweenPopulations) {
  const VcfFile& sites = Sites();
  double difference = 0;
  int common = 0, private_to_one = 0, rare = 0;
  for (const VcfRecord& r : sites.records) {
    ASSERT_EQ(r.alts.size(), 1u) << "sites VCF records are biallelic";
    int64_t ac = std::stoll(r.info.at("AC")), an = std::stoll(r.info.at("AN"));
    int64_t an_sum =
        std::stoll(r.info.at("AN_eas")) + std::stoll(r.info.at("AN_eur")) + std::stoll(r.info.at("AN_afr"));
    EXPECT_EQ(an, an_sum);
    EXPECT_EQ(ac, std::stoll(r.info.at("AC_eas")) + std::stoll(r.info.at("AC_eur")) +
                      std::stoll(r.info.at("AC_afr")));
    if (Autosome(r.chrom)) {
      EXPECT_GE(an, 2000);
      EXPECT_LE(2 * std::stoll(r.info.at("nhomalt")), ac);
    }
    double af = std::stod(r.info.at("AF"));
    EXPECT_NEAR(af, static_cast<double>(ac) / an, 1e-4);
    rare += af < 0.01;
    if (af > 0.05) {
      ++common;
      difference += std::fabs(std::stod(r.info.at("AF_eas")) - std::stod(r.info.at("AF_afr")));
    }
    private_to_one += std::stoll(r.info.at("AC_afr")) == 0 && std::stoll(r.info.at("AC_eas")) >= 5;
  }
  ASSERT_GT(common, 1000);
  EXPECT_GT(difference / common, 0.03);
  EXPECT_GT(private_to_one, 100);
  // Most panel sites are rare.
  EXPECT_GT(static_cast<double>(rare) / sites.records.size(), 0.4);
}

TEST(SimulatedPopulation, SampleVariantsAreMostlyCommonAndSomeAreNovel) {
  std::map<std::string, double> panel;
  for (const VcfRecord& r : Sites().records)
    panel[Key(r.chrom, r.pos, r.ref, r.alts[0])] = std::stod(r.info.at("AF"));
  int64_t total = 0, novel = 0, common = 0;
  for (std::string sample : {"S0007", "S0008", "S0009"}) {
    for (const VcfRecord& r : ReadVcf(MainFile("samples/" + std::string(sample) + ".vcf.gz")).records) {
      if (r.alts.size() != 1) continue;
      ++total;
      auto it = panel.find(Key(r.chrom, r.pos, r.ref, r.alts[0]));
      if (it == panel.end())
        ++novel;
      else
        common += it->second > 0.05;
    }
  }
  EXPECT_GT(static_cast<double>(novel) / total, 0.003);
  EXPECT_LT(static_cast<double>(novel) / total, 0.08);
  EXPECT_GT(static_cast<double>(common) / total, 0.6);
}

TEST(SimulatedPopulation, PloidyFollowsSexOnXYAndM) {
  auto samples = MainSamples();
  const VcfFile& vcf = Population();
  GenomePlan plan = *PlanGenome(MainRunOptions("").genome);
  const ContigPlan& x = plan.contigs[plan.contigs.size() - 3];
  int haploid_male_x = 0, multiallelic = 0;
  for (const VcfRecord& r : vcf.records) {
    multiallelic += r.alts.size() > 1;
    for (size_t i = 0; i < vcf.sample_names.size(); ++i) {
      bool male = samples.at(vcf.sample_names[i]).male;
      std::string gt = r.Sample(i, "GT");
      if (r.chrom == "chrY") {
        EXPECT_EQ(gt.size(), 1u) << r.pos;
        EXPECT_EQ(gt == ".", !male) << r.pos;
      } else if (r.chrom == "chrM") {
        EXPECT_EQ(gt.size(), 1u);
      } else if (r.chrom == "chrX" && male) {
        bool par = x.InPar(r.pos - 1);
        EXPECT_EQ(gt.size(), par ? 3u : 1u) << r.pos;
        haploid_male_x += !par;
      } else {
        EXPECT_EQ(gt.size(), 3u);
      }
    }
  }
  EXPECT_GT(haploid_male_x, 0);
  EXPECT_GT(multiallelic, 10);
  // A female sample has no chrY calls, a male one has some.
  int female_y = 0, male_y = 0;
  for (const auto& [sample, info] : samples) {
    if (sample != "S0001" && sample != "S0004") continue;
    for (const VcfRecord& r : ReadVcf(MainFile("samples/" + sample + ".vcf.gz")).records) {
      if (r.chrom == "chrY") (info.male ? male_y : female_y)++;
    }
  }
  EXPECT_EQ(female_y, 0);
  EXPECT_GT(male_y, 0);
}

}  // namespace
}  // namespace zenome::simulate::testing
