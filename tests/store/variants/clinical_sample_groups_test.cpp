// LoadSampleGroups: current genomes grouped by population, sex and diagnosis.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/layer_test_support.h"
#include "store/variants/sample_groups.h"

namespace zenome {
namespace {

using testing::LayerStore;

// Registers one segment with a genome for each raw id (sample_id = position + 1).
void AddGenomes(LayerStore& store, const std::vector<std::string>& raw_ids) {
  ASSERT_TRUE(store.catalog()
                  .Exec("INSERT INTO segments(segment_id, directory, created, source, n_samples, n_variants, "
                        "coverage, checksum) VALUES(1, 's000001', 'now', 'x.vcf', 0, 0, 'assumed', '-')")
                  .ok());
  for (size_t i = 0; i < raw_ids.size(); ++i) {
    auto insert = store.catalog().Prepare(
        "INSERT INTO samples(sample_id, pseudonym, segment_id, column_index) VALUES(?1, ?2, 1, ?3)");
    ASSERT_TRUE(insert.ok());
    insert->Bind(1, static_cast<int64_t>(i + 1))
        .Bind(2, std::string_view(store.Pseudonym(raw_ids[i])))
        .Bind(3, static_cast<int64_t>(i));
    ASSERT_TRUE(insert->Run().ok());
  }
}

std::vector<int> GroupsOf(const SampleGroups& groups, int64_t sample_id) {
  auto found = groups.groups_of_sample.find(sample_id);
  return found == groups.groups_of_sample.end() ? std::vector<int>() : found->second;
}

TEST(ClinicalSampleGroups, GroupsCurrentGenomesByClinicalAttributes) {
  LayerStore store;
  ASSERT_TRUE(store
                  .Import(LayerKind::kClinical, "c.csv",
                          "participant_id,sex,population,diagnoses,excluded_diagnoses\n"
                          "A,female,EAS,ICD10:C50.9;MONDO:0007254,OMIM:114480\n"
                          "B,male,nfe,ICD10:C50.9,\n"
                          "C,female,,,\n"
                          "D,male,afr,ICD10:E11,\n")
                  .ok());
  // Genomes: A (1), B (2), C twice (3 replaced by 4), E without clinical data (5); D has none.
  AddGenomes(store, {"A", "B", "C", "C-old", "E"});
  ASSERT_TRUE(
      store.catalog()
          .Exec("UPDATE samples SET replaced_by = 4 WHERE sample_id = 3; UPDATE samples SET pseudonym = "
                "(SELECT pseudonym FROM samples WHERE sample_id = 3) WHERE sample_id = 4")
          .ok());

  auto population = LoadSampleGroups(store.catalog(), "population");
  ASSERT_TRUE(population.ok()) << population.status().message();
  EXPECT_EQ(population->dimension, "population");
  EXPECT_EQ(population->names, (std::vector<std::string>{"eas", "nfe"}));  // afr: D has no genome
  EXPECT_EQ(GroupsOf(*population, 1), (std::vector<int>{0}));
  EXPECT_EQ(GroupsOf(*population, 2), (std::vector<int>{1}));
  EXPECT_TRUE(GroupsOf(*population, 4).empty());
  EXPECT_TRUE(GroupsOf(*population, 5).empty());

  auto sex = LoadSampleGroups(store.catalog(), "sex");
  ASSERT_TRUE(sex.ok());
  EXPECT_EQ(sex->names, (std::vector<std::string>{"female", "male"}));
  EXPECT_EQ(GroupsOf(*sex, 1), (std::vector<int>{0}));
  EXPECT_EQ(GroupsOf(*sex, 2), (std::vector<int>{1}));
  EXPECT_EQ(GroupsOf(*sex, 4), (std::vector<int>{0}));
  EXPECT_TRUE(GroupsOf(*sex, 3).empty()) << "a replaced genome is in no group";
  EXPECT_EQ(sex->groups_of_sample.size(), 3u);

  auto diagnosis = LoadSampleGroups(store.catalog(), "diagnosis");
  ASSERT_TRUE(diagnosis.ok());
  EXPECT_EQ(diagnosis->names, (std::vector<std::string>{"ICD10:C50.9", "MONDO:0007254"}));
  EXPECT_EQ(GroupsOf(*diagnosis, 1), (std::vector<int>{0, 1}));  // two diagnoses, two groups
  EXPECT_EQ(GroupsOf(*diagnosis, 2), (std::vector<int>{0}));

  auto other = LoadSampleGroups(store.catalog(), "age");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), ErrorCode::kUsage);
}

TEST(ClinicalSampleGroups, StoreWithoutLayers) {
  LayerStore store;
  AddGenomes(store, {"A"});
  auto diagnosis = LoadSampleGroups(store.catalog(), "diagnosis");
  ASSERT_TRUE(diagnosis.ok()) << diagnosis.status().message();
  EXPECT_TRUE(diagnosis->names.empty());
  auto sex = LoadSampleGroups(store.catalog(), "sex");
  ASSERT_TRUE(sex.ok());
  EXPECT_TRUE(sex->groups_of_sample.empty());
}

}  // namespace
}  // namespace zenome
