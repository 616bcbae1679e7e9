// Rare-disease cases: truth variants planted with the right genotype, Phenopackets well formed.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "simulate/simulate_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

struct TruthRow {
  std::string case_id, gene, disease, inheritance, chrom;
  int64_t pos;
  std::string ref, alt, genotype, consequence;
};

std::vector<TruthRow> Truth() {
  auto lines = zenome::testing::ReadLines(MainFile("cases/truth.tsv"));
  EXPECT_EQ(lines.at(0),
            "case_id\tgene\tdisease_id\tinheritance\tchrom\tpos\tref\talt\tgenotype\texpected_consequence");
  std::vector<TruthRow> rows;
  for (size_t i = 1; i < lines.size(); ++i) {
    auto c = Split(lines[i], '\t');
    rows.push_back({c.at(0), c.at(1), c.at(2), c.at(3), c.at(4), std::stoll(c.at(5)), c.at(6), c.at(7),
                    c.at(8), c.at(9)});
  }
  return rows;
}

// diseases.tsv: ZD id → MONDO-shaped id.
std::map<std::string, std::string> MondoIds() {
  std::map<std::string, std::string> ids;
  auto lines = zenome::testing::ReadLines(MainFile("diseases.tsv"));
  for (size_t i = 1; i < lines.size(); ++i) {
    auto c = Split(lines[i], '\t');
    ids[c.at(0)] = c.at(5);
  }
  return ids;
}

std::map<std::string, std::vector<std::string>> DiseaseTerms() {
  std::map<std::string, std::vector<std::string>> terms;
  auto lines = zenome::testing::ReadLines(MainFile("diseases.tsv"));
  for (size_t i = 1; i < lines.size(); ++i) {
    auto c = Split(lines[i], '\t');
    terms[c.at(0)] = Split(c.at(4), ',');
  }
  return terms;
}

TEST(SimulatedCases, TruthVariantsArePlantedWithTheirGenotypes) {
  auto rows = Truth();
  ASSERT_GE(rows.size(), 6u);
  GffModel gff = ReadGff3(MainFile("genes.gff3"));
  std::map<std::string, std::vector<TruthRow>> by_case;
  for (const TruthRow& row : rows) by_case[row.case_id].push_back(row);
  EXPECT_EQ(by_case.size(), 6u);
  const std::set<std::string> damaging = {"stop_gained", "frameshift_variant", "splice_donor_variant",
                                          "splice_acceptor_variant", "missense_variant"};
  for (const auto& [case_id, planted] : by_case) {
    VcfFile vcf = ReadVcf(MainFile("cases/" + case_id + ".vcf.gz"));
    ASSERT_EQ(vcf.sample_names, std::vector<std::string>{case_id});
    const std::string& inheritance = planted.front().inheritance;
    if (inheritance == "AD") {
      ASSERT_EQ(planted.size(), 1u) << case_id;
      EXPECT_EQ(planted[0].genotype, "0/1");
    } else if (inheritance == "AR") {
      if (planted.size() == 1) {
        EXPECT_EQ(planted[0].genotype, "1/1") << case_id;
      } else {
        ASSERT_EQ(planted.size(), 2u) << case_id;
        EXPECT_EQ(planted[0].genotype, "0/1");
        EXPECT_EQ(planted[1].genotype, "0/1");
        EXPECT_NE(planted[0].pos, planted[1].pos);
      }
    } else {
      ASSERT_EQ(inheritance, "XL");
      ASSERT_EQ(planted.size(), 1u);
      EXPECT_EQ(planted[0].genotype, "1");
      EXPECT_EQ(planted[0].chrom, "chrX");
    }
    for (const TruthRow& row : planted) {
      EXPECT_TRUE(damaging.count(row.consequence)) << row.consequence;
      const GffGene& gene = gff.genes.at(row.gene);
      EXPECT_EQ(gene.chrom, row.chrom);
      EXPECT_GE(row.pos, gene.start);
      EXPECT_LE(row.pos, gene.end);
      bool found = false;
      for (const VcfRecord& r : vcf.records) {
        if (r.chrom != row.chrom || r.pos != row.pos) continue;
        found = true;
        ASSERT_EQ(r.ref, row.ref);
        ASSERT_EQ(r.alts, std::vector<std::string>{row.alt});
        EXPECT_EQ(r.Sample(0, "GT"), row.genotype) << case_id;
      }
      EXPECT_TRUE(found) << case_id << " lacks " << row.chrom << ":" << row.pos;
    }
  }
}

TEST(SimulatedCases, PhenopacketsAreV2WithTheDiseaseFeatures) {
  auto rows = Truth();
  auto disease_terms = DiseaseTerms();
  std::map<std::string, std::string> disease_of_case, inheritance_of_case;
  for (const TruthRow& row : rows) {
    disease_of_case[row.case_id] = row.disease;
    inheritance_of_case[row.case_id] = row.inheritance;
  }
  for (const auto& [case_id, disease] : disease_of_case) {
    auto packet =
        nlohmann::json::parse(zenome::testing::ReadFile(MainFile("cases/" + case_id + ".phenopacket.json")));
    EXPECT_EQ(packet.at("id"), case_id);
    const auto& subject = packet.at("subject");
    EXPECT_EQ(subject.at("id"), case_id);
    const std::string sex = subject.at("sex");
    EXPECT_TRUE(sex == "MALE" || sex == "FEMALE");
    if (inheritance_of_case[case_id] == "XL") {
      EXPECT_EQ(sex, "MALE");
    }
    std::string age = subject.at("timeAtLastEncounter").at("age").at("iso8601duration");
    EXPECT_TRUE(std::regex_match(age, std::regex("P([1-9][0-9]*Y)?([1-9][0-9]?M)?")) && age.size() > 1)
        << age;
    const auto& features = packet.at("phenotypicFeatures");
    ASSERT_GE(features.size(), 2u);
    int from_disease = 0, observed = 0;
    for (const auto& feature : features) {
      const std::string id = feature.at("type").at("id");
      EXPECT_TRUE(std::regex_match(id, std::regex("HP:[0-9]{7}"))) << id;
      EXPECT_FALSE(feature.at("type").at("label").get<std::string>().empty());
      if (feature.value("excluded", false)) {
        EXPECT_EQ(std::count(disease_terms[disease].begin(), disease_terms[disease].end(), id), 0);
        continue;
      }
      ++observed;
      from_disease += std::count(disease_terms[disease].begin(), disease_terms[disease].end(), id) > 0;
    }
    EXPECT_GE(from_disease, 2);
    EXPECT_GE(2 * from_disease, observed);
    EXPECT_EQ(packet.at("diseases").at(0).at("term").at("id"), MondoIds().at(disease));
    const auto& meta = packet.at("metaData");
    EXPECT_EQ(meta.at("phenopacketSchemaVersion"), "2.0");
    EXPECT_FALSE(meta.at("created").get<std::string>().empty());
    EXPECT_FALSE(meta.at("createdBy").get<std::string>().empty());
    bool hp = false;
    for (const auto& resource : meta.at("resources")) hp |= resource.at("namespacePrefix") == "HP";
    EXPECT_TRUE(hp);
    EXPECT_EQ(packet.at("files").at(0).at("uri"), case_id + ".vcf.gz");
  }
}

}  // namespace
}  // namespace zenome::simulate::testing
