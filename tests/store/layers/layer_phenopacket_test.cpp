// Clinical layer from GA4GH Phenopacket v2 JSON, and the OBO ontology layer.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "store/layer_test_support.h"
#include "store/layers/import.h"
#include "store/layers/ontology.h"
#include "store/layers/values.h"

namespace zenome {
namespace {

using testing::LayerStore;

constexpr const char* kPhenopacket = R"({
  "id": "case-1",
  "subject": {
    "id": "PROBAND-17",
    "sex": "FEMALE",
    "timeAtLastEncounter": {"age": {"iso8601duration": "P14Y6M"}}
  },
  "phenotypicFeatures": [
    {"type": {"id": "HP:0001250", "label": "Seizure"}},
    {"type": {"id": "HP:0001263", "label": "Global developmental delay"}, "excluded": true}
  ],
  "diseases": [
    {"term": {"id": "OMIM:308350", "label": "Developmental and epileptic encephalopathy 1"}},
    {"term": {"id": "MONDO:0007254"}, "excluded": true}
  ],
  "medicalActions": [
    {"treatment": {"agent": {"id": "DrugCentral:1610", "label": "valproic acid"}}},
    {"procedure": {"code": {"id": "NCIT:C15632"}}}
  ],
  "interpretations": [{"id": "ignored"}],
  "metaData": {"phenopacketSchemaVersion": "2.0"}
})";

TEST(LayerPhenopacket, OnePhenopacket) {
  LayerStore store;
  auto stats = store.Import(LayerKind::kClinical, "case.json", kPhenopacket);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->records, 1);
  EXPECT_EQ(stats->new_participants, 1);
  std::string who = store.Pseudonym("PROBAND-17");
  EXPECT_EQ(store.One("SELECT sex || ' ' || age FROM participants WHERE pseudonym = '" + who + "'"),
            "female 14");
  EXPECT_EQ(store.Column("SELECT hpo_id || ' ' || excluded FROM phenotypes ORDER BY hpo_id"),
            (std::vector<std::string>{"HP:0001250 0", "HP:0001263 1"}));
  EXPECT_EQ(store.Column("SELECT code || ' ' || excluded FROM diagnoses ORDER BY code"),
            (std::vector<std::string>{"MONDO:0007254 1", "OMIM:308350 0"}));
  EXPECT_EQ(store.Column("SELECT code || ' ' || kind FROM treatments ORDER BY code"),
            (std::vector<std::string>{"DrugCentral:1610 drug", "NCIT:C15632 procedure"}));
  EXPECT_EQ(store.Dump().find("PROBAND-17"), std::string::npos);
}

TEST(LayerPhenopacket, ArrayReplacesEachSubjectsCaseRecord) {
  LayerStore store;
  ASSERT_TRUE(store
                  .Import(LayerKind::kClinical, "c.csv",
                          "participant_id,population,hpo_terms,consent\nPROBAND-17,afr,HP:0000707,GRU\n")
                  .ok());
  std::string array = std::string("[") + kPhenopacket +
                      R"(, {"subject": {"id": "SIB-2", "sex": "MALE"},
                            "phenotypicFeatures": [{"type": {"id": "HP:0007359"}}]}])";
  auto stats = store.Import(LayerKind::kClinical, "cohort.json", array);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->records, 2);
  EXPECT_EQ(stats->new_participants, 1);
  std::string proband = store.Pseudonym("PROBAND-17");
  // Phenotypes replaced; population and consent (which phenopackets do not carry) kept.
  EXPECT_EQ(store.Column("SELECT hpo_id FROM phenotypes WHERE pseudonym = '" + proband + "' ORDER BY hpo_id"),
            (std::vector<std::string>{"HP:0001250", "HP:0001263"}));
  EXPECT_EQ(store.One("SELECT population FROM participants WHERE pseudonym = '" + proband + "'"), "afr");
  EXPECT_EQ(store.One("SELECT count(*) FROM consent WHERE pseudonym = '" + proband + "'"), "1");
  EXPECT_EQ(store.One("SELECT sex FROM participants WHERE pseudonym = '" + store.Pseudonym("SIB-2") + "'"),
            "male");
}

TEST(LayerPhenopacket, BadPhenopacketsAreRejectedWhole) {
  LayerStore store;
  ASSERT_TRUE(store.Import(LayerKind::kOntology, "hp.obo", testing::kMiniHpo).ok());
  std::string before = store.Dump();
  auto bad = store.Import(LayerKind::kClinical, "bad.json", R"([
    {"subject": {"id": "A", "sex": "F"}, "phenotypicFeatures": [{"type": {"id": "HP:9999999"}}]},
    {"subject": {"id": "B"}, "diseases": [{"term": {"id": "MONDO:12"}}], "phenotypicFeatures": {}},
    {"subject": {"id": "A"}},
    {"subject": {"sex": "MALE"}},
    {"subject": {"id": "C", "timeAtLastEncounter": {"age": {"iso8601duration": "14 years"}}},
     "medicalActions": [{"treatment": {"agent": {"id": "valproate"}}}, {"surgery": {}}],
     "phenotypicFeatures": [{"type": {"id": "HP:0001250"}, "excluded": "yes"}]}
  ])");
  ASSERT_FALSE(bad.ok());
  const std::string& message = bad.status().message();
  for (const char* fragment :
       {"bad.json: [0].subject.sex: expected MALE, FEMALE",
        "[0].phenotypicFeatures[0].type.id: 'HP:9999999' is not a term",
        "[1].diseases[0].term.id: expected a diagnosis code", "[1].phenotypicFeatures: expected a JSON array",
        "[2].subject.id: the subject already has a phenopacket in this file (index 0)",
        "[3].subject.id: missing",
        "[4].subject.timeAtLastEncounter.age.iso8601duration: expected an ISO 8601 duration",
        "[4].medicalActions[0].treatment.agent.id: expected a treatment code",
        "[4].medicalActions[1]: expected treatment, procedure",
        "[4].phenotypicFeatures[0].excluded: expected true or false"}) {
    EXPECT_NE(message.find(fragment), std::string::npos) << "expected '" << fragment << "' in: " << message;
  }
  EXPECT_EQ(store.Dump(), before);
  auto syntax = store.Import(LayerKind::kClinical, "syntax.json", "{\n  \"subject\": {\"id\": \"A\",}\n}\n");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(
      syntax.status().message().find(
          "syntax.json:2: subject: not valid JSON at column 25 (syntax error while parsing object key - "
          "unexpected '}'; expected string literal); expected a GA4GH Phenopacket v2 or an array of them"),
      std::string::npos)
      << syntax.status().message();
  EXPECT_EQ(store.Dump(), before);
}

// Found by the phenopacket fuzz target: a duration too long for an int64_t of years converted a
// double out of range (undefined behaviour; UBSan stopped the import). Such an age is now rejected
// like any other outside 0-150 years, in a Phenopacket and in a clinical table.
TEST(LayerPhenopacket, AgesBeyondAnyRangeAreRejected) {
  LayerStore store;
  const std::string huge = "P" + std::string(25, '9') + "Y";  // 1e25 years: beyond int64_t
  auto packet = store.Import(
      LayerKind::kClinical, "huge.json",
      R"({"subject": {"id": "A", "timeAtLastEncounter": {"age": {"iso8601duration": ")" + huge + R"("}}}})");
  ASSERT_FALSE(packet.ok());
  EXPECT_NE(
      packet.status().message().find(
          "huge.json: subject.timeAtLastEncounter.age.iso8601duration: expected an ISO 8601 duration such as "
          "P45Y6M (0-150 years); found '" +
          huge + "'"),
      std::string::npos)
      << packet.status().message();
  auto table = store.Import(LayerKind::kClinical, "huge.csv",
                            "participant_id,age\nA,P1" + std::string(400, '0') + "Y\n");
  ASSERT_FALSE(table.ok());
  EXPECT_NE(table.status().message().find("huge.csv:2: age:"), std::string::npos) << table.status().message();
  EXPECT_EQ(layers::YearsInIsoDuration("P" + std::string(30, '9') + "Y"), int64_t{1000000000000000});
  EXPECT_EQ(layers::YearsInIsoDuration("P14Y6M"), 14);
}

TEST(LayerOntology, ParsesTermsAndExpandsDescendants) {
  LayerStore store;
  auto stats = store.Import(LayerKind::kOntology, "hp.obo", testing::kMiniHpo);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->records, 9);
  EXPECT_EQ(store.One("SELECT ontology || ' ' || data_version || ' ' || n_terms FROM ontologies"),
            "hp hp/releases/2024-01-01 9");
  TermResolver resolver(store.catalog());
  EXPECT_TRUE(*resolver.Covers("HP"));
  EXPECT_FALSE(*resolver.Covers("MONDO"));
  auto below = resolver.SelfAndDescendants("HP:0001250");
  ASSERT_TRUE(below.ok());
  std::vector<std::string> sorted = *below;
  EXPECT_EQ(sorted.front(), "HP:0001250");
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<std::string>{"HP:0001250", "HP:0002069", "HP:0007359"}));
  EXPECT_EQ(resolver.SelfAndDescendants("HP:0000707")->size(), 5u);
  EXPECT_TRUE(*resolver.IsSelfOrDescendant("HP:0007359", "HP:0000118"));
  EXPECT_FALSE(*resolver.IsSelfOrDescendant("HP:0001263", "HP:0001250"));
  EXPECT_EQ(resolver.Resolve("HP:0002279")->outcome, TermResolver::Outcome::kRemapped);
  EXPECT_EQ(resolver.Resolve("HP:0002279")->id, "HP:0001250");
  EXPECT_EQ(resolver.Resolve("HP:0000006")->id, "HP:0001263");
  EXPECT_EQ(resolver.Resolve("HP:0000005")->outcome, TermResolver::Outcome::kObsolete);
  EXPECT_EQ(resolver.Resolve("HP:0000002")->outcome, TermResolver::Outcome::kUnknown);
  EXPECT_EQ(resolver.Resolve("MONDO:0000001")->outcome, TermResolver::Outcome::kNotCovered);
  EXPECT_EQ(*resolver.DataVersion("HP"), "hp/releases/2024-01-01");
  // Without an ontology a term is its own only descendant.
  EXPECT_EQ(*resolver.SelfAndDescendants("MONDO:0007254"), (std::vector<std::string>{"MONDO:0007254"}));
}

TEST(LayerOntology, NewReleaseReplacesTheOldAndNotesStaleRows) {
  LayerStore store;
  ASSERT_TRUE(store.Import(LayerKind::kClinical, "c.csv", "participant_id,hpo_terms\nP1,HP:0007359\n").ok());
  ASSERT_TRUE(store.Import(LayerKind::kOntology, "hp.obo", testing::kMiniHpo).ok());
  ASSERT_TRUE(store.Import(LayerKind::kOntology, "mondo.obo", testing::kMiniMondo).ok());
  auto stats = store.Import(LayerKind::kOntology, "hp-new.obo",
                            "ontology: hp\n\n[Term]\nid: HP:0000001\nname: All\n\n[Term]\nid: HP:0001250\n"
                            "is_a: HP:0000001\n");
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->rows_removed, 9);
  EXPECT_EQ(store.One("SELECT count(*) FROM ontology_terms WHERE ontology = 'hp'"), "2");
  EXPECT_EQ(store.One("SELECT count(*) FROM ontology_terms WHERE ontology = 'mondo'"), "3");
  EXPECT_EQ(store.One("SELECT count(*) FROM ontology_is_a WHERE ontology = 'hp'"), "1");
  bool noted = std::any_of(stats->notes.begin(), stats->notes.end(), [](const std::string& note) {
    return note.find("1 stored phenotypes rows") != std::string::npos;
  });
  EXPECT_TRUE(noted);
}

TEST(LayerOntology, MalformedOboIsRejected) {
  LayerStore store;
  std::string before = store.Dump();
  auto bad = store.Import(LayerKind::kOntology, "bad.obo",
                          "ontology: x\n\n[Term]\nname: no id\n\n[Term]\nid: X:1\nis_a: not an id\n"
                          "is_obsolete: maybe\n\n[Term]\nid: X:1\njunk line\n");
  ASSERT_FALSE(bad.ok());
  const std::string& message = bad.status().message();
  for (const char* fragment :
       {"bad.obo:3: id: the [Term] stanza has no id", "bad.obo:8: is_a: expected a term id",
        "bad.obo:9: is_obsolete: expected true or false", "bad.obo:11: id: term 'X:1' is defined twice",
        "bad.obo:13: expected 'tag: value'"}) {
    EXPECT_NE(message.find(fragment), std::string::npos) << "expected '" << fragment << "' in: " << message;
  }
  EXPECT_EQ(store.Dump(), before);
  auto empty = store.Import(LayerKind::kOntology, "empty.obo", "format-version: 1.2\n");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("no [Term] stanzas"), std::string::npos);
}

}  // namespace
}  // namespace zenome
