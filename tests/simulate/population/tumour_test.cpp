// Tumour/normal pairs: somatic truth against the calls, read counts, signatures.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "simulate/simulate_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

int Sum(const std::string& ad) {
  int total = 0;
  for (const auto& value : Split(ad, ',')) total += std::stoi(value);
  return total;
}

TEST(SimulatedTumours, SomaticTruthMatchesTheCalls) {
  const auto& reference = MainReference();
  for (const std::string pair : {"PAIR001", "PAIR002"}) {
    VcfFile calls = ReadVcf(MainFile("tumours/" + pair + ".vcf.gz"));
    VcfFile truth = ReadVcf(MainFile("tumours/" + pair + ".truth.vcf.gz"));
    ASSERT_EQ(calls.sample_names, (std::vector<std::string>{pair + "_T", pair + "_N"}));
    EXPECT_TRUE(truth.sample_names.empty());
    std::map<std::string, const VcfRecord*> by_key;
    for (const VcfRecord& r : calls.records) by_key[r.chrom + ":" + std::to_string(r.pos)] = &r;
    std::set<std::string> signatures;
    int called = 0, uncalled = 0, germline = 0;
    for (const VcfRecord& t : truth.records) {
      ASSERT_TRUE(t.info.count("VAF") && t.info.count("SIGNATURE"));
      double vaf = std::stod(t.info.at("VAF"));
      EXPECT_GT(vaf, 0);
      EXPECT_LE(vaf, 1);
      const std::string signature = t.info.at("SIGNATURE");
      signatures.insert(signature);
      if (signature == "SBS1") {
        // C>T at CpG (or G>A on the other strand).
        const std::string& seq = reference.at(t.chrom);
        size_t at = static_cast<size_t>(t.pos - 1);
        bool forward = t.ref == "C" && t.alts[0] == "T" && seq[at + 1] == 'G';
        bool backward = t.ref == "G" && t.alts[0] == "A" && seq[at - 1] == 'C';
        EXPECT_TRUE(forward || backward) << t.chrom << ":" << t.pos;
      }
      auto it = by_key.find(t.chrom + ":" + std::to_string(t.pos));
      if (t.info.count("UNCALLED")) {
        ++uncalled;
        EXPECT_EQ(it, by_key.end()) << "uncalled mutation present in the calls";
        continue;
      }
      ++called;
      ASSERT_NE(it, by_key.end()) << t.chrom << ":" << t.pos;
      const VcfRecord& r = *it->second;
      EXPECT_EQ(r.ref, t.ref);
      EXPECT_EQ(r.alts, t.alts);
      EXPECT_EQ(r.Sample(0, "GT"), "0/1");
      std::string normal_gt = r.Sample(1, "GT");
      EXPECT_TRUE(normal_gt == "0/0" || normal_gt == "0");
      auto normal_ad = Split(r.Sample(1, "AD"), ',');
      EXPECT_EQ(normal_ad.at(1), "0");
      EXPECT_GE(std::stoi(Split(r.Sample(0, "AD"), ',').at(1)), 3);
    }
    for (const VcfRecord& r : calls.records) {
      for (size_t s = 0; s < 2; ++s) {
        int dp = std::stoi(r.Sample(s, "DP"));
        EXPECT_EQ(Sum(r.Sample(s, "AD")), dp);
        auto ad = Split(r.Sample(s, "AD"), ',');
        auto af = Split(r.Sample(s, "AF"), ',');
        ASSERT_EQ(af.size(), r.alts.size());
        for (size_t a = 0; a < af.size(); ++a) {
          EXPECT_NEAR(std::stod(af[a]), dp > 0 ? std::stod(ad[a + 1]) / dp : 0.0, 0.006);
        }
      }
      germline += r.Sample(1, "GT") != "0/0" && r.Sample(1, "GT") != "0";
    }
    EXPECT_GT(called, 50) << pair;
    EXPECT_GT(germline, 1000) << pair;
    EXPECT_TRUE(signatures.count("SBS1")) << pair;
    EXPECT_TRUE(signatures.count("SBS5")) << pair;
    EXPECT_TRUE(signatures.count("ID1") || signatures.count("ID2")) << pair;
    (void)uncalled;
  }
  // Pair-specific exposures: the first pair is smoking-like, the second APOBEC-like.
  std::map<std::string, int> first, second;
  for (const VcfRecord& r : ReadVcf(MainFile("tumours/PAIR001.truth.vcf.gz")).records)
    ++first[r.info.at("SIGNATURE")];
  for (const VcfRecord& r : ReadVcf(MainFile("tumours/PAIR002.truth.vcf.gz")).records)
    ++second[r.info.at("SIGNATURE")];
  EXPECT_GT(first["SBS4"], 20);
  EXPECT_GT(second["SBS2"] + second["SBS13"], 10);
  EXPECT_EQ(second["SBS4"], 0);
  auto manifest = nlohmann::json::parse(zenome::testing::ReadFile(MainFile("manifest.json")));
  ASSERT_EQ(manifest.at("tumours").size(), 2u);
  double purity = manifest["tumours"][0]["purity"];
  EXPECT_GT(purity, 0.3);
  EXPECT_LT(purity, 0.95);
}

}  // namespace
}  // namespace zenome::simulate::testing
