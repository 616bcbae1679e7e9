// Cohort queries end to end on a simulated cohort: expected answers are computed independently
// from the simulator's files (clinical.csv, the per-sample VCFs, `zenome annotate --tsv`).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "store/catalog/pseudonymizer.h"
#include "store/catalog/store_dir.h"
#include "store/cohort/cohort.h"
#include "store/variants/annotations.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::ReadLines;
using testing::RunShell;
using testing::RunZenome;
using testing::TempDir;
using testing::WriteFile;
using Participants = std::set<std::string>;

std::vector<std::string> SplitCsvLine(const std::string& line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      cells.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

class CohortTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string sim = dir_->File("sim");
    store_ = dir_->File("store");
    key_file_ = dir_->File("key");
    WriteFile(key_file_, "cohort-test-key-0123456789abcdef\n");
    auto run = [](const std::string& args) {
      auto result = RunZenome(args);
      ASSERT_EQ(result.exit_code, 0) << args << "\n" << result.err;
    };
    run("simulate -q -o " + sim + " --seed 11 --samples 24 --cases 1 --tumours 0");
    run("db init " + store_ + " --build GRCh38 -f " + sim + "/reference.fa");
    run("db ingest " + store_ + " --key-file " + key_file_ + " " + sim + "/samples/*.vcf.gz");
    for (const char* layer :
         {"ontology:hp.obo", "clinical:clinical.csv", "omics:omics.tsv", "wearable:wearable.csv"}) {
      std::string spec = layer;
      run("db import " + store_ + " --key-file " + key_file_ + " --layer " + spec.substr(0, spec.find(':')) +
          " " + sim + "/cohort/" + spec.substr(spec.find(':') + 1));
    }
    run("db annotate -q " + store_ + " -g " + sim + "/genes.gff3");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static std::string Sim() { return dir_->File("sim"); }
  static std::string Pseudonym(const std::string& raw) {
    return Pseudonymizer::FromKeyFile(key_file_)->Pseudonym(raw);
  }
  static Result<CohortResult> Evaluate(const std::string& json_text) {
    auto store = OpenStore(store_, false);
    if (!store.ok()) return store.status();
    CohortEvaluator evaluator(*store);
    return evaluator.Evaluate(nlohmann::json::parse(json_text));
  }
  static Participants Matches(const std::string& json_text) {
    auto result = Evaluate(json_text);
    EXPECT_TRUE(result.ok()) << json_text << ": " << result.status().message();
    return result.ok() ? result->participants : Participants{};
  }
  // clinical.csv rows as column → value maps.
  static std::vector<std::map<std::string, std::string>> ClinicalRows() {
    auto lines = ReadLines(Sim() + "/cohort/clinical.csv");
    auto header = SplitCsvLine(lines.at(0));
    std::vector<std::map<std::string, std::string>> rows;
    for (size_t i = 1; i < lines.size(); ++i) {
      if (lines[i].empty()) continue;
      auto cells = SplitCsvLine(lines[i]);
      std::map<std::string, std::string> row;
      for (size_t c = 0; c < header.size() && c < cells.size(); ++c) row[header[c]] = cells[c];
      rows.push_back(row);
    }
    return rows;
  }
  // Raw sample name → the "contig-pos-ref-alt" keys of the ALT alleles it carries, from its VCF.
  static std::map<std::string, std::set<std::string>> CarriedAlleles() {
    std::map<std::string, std::set<std::string>> carried;
    auto listing = RunShell("ls " + Sim() + "/samples/*.vcf.gz");
    std::istringstream files(listing.out);
    std::string file;
    while (std::getline(files, file)) {
      std::string sample = file.substr(file.rfind('/') + 1);
      sample = sample.substr(0, sample.find('.'));
      auto records =
          RunShell("zcat " + file +
                   " | awk -F'\\t' '!/^#/ && $5 !~ /,/ && $10 ~ /1/ {print $1\"-\"$2\"-\"$4\"-\"$5}'");
      std::istringstream keys(records.out);
      std::string key;
      while (std::getline(keys, key)) carried[sample].insert(key);
    }
    return carried;
  }

  static TempDir* dir_;
  static std::string store_;
  static std::string key_file_;
};

TempDir* CohortTest::dir_ = nullptr;
std::string CohortTest::store_;
std::string CohortTest::key_file_;

TEST_F(CohortTest, ClinicalCriteriaCombineWithAllAnyNot) {
  Participants female_over_40;
  Participants everyone;
  for (const auto& row : ClinicalRows()) {
    everyone.insert(Pseudonym(row.at("participant_id")));
    if (row.at("sex") == "female" && !row.at("age").empty() && std::stoi(row.at("age")) >= 40) {
      female_over_40.insert(Pseudonym(row.at("participant_id")));
    }
  }
  ASSERT_FALSE(female_over_40.empty());
  // Several keys in one object, and "all", are AND.
  EXPECT_EQ(Matches(R"({"sex": "female", "age": {"min": 40}})"), female_over_40);
  EXPECT_EQ(Matches(R"({"all": [{"sex": "female"}, {"age": {"min": 40}}]})"), female_over_40);
  // not + any: a set and its complement cover everyone.
  Participants female = Matches(R"({"sex": "female"})");
  Participants not_female = Matches(R"({"not": {"sex": "female"}})");
  for (const auto& p : female) EXPECT_EQ(not_female.count(p), 0u);
  EXPECT_EQ(Matches(R"({"any": [{"sex": "female"}, {"not": {"sex": "female"}}]})"), everyone);
  // Every simulated participant has a genome.
  EXPECT_EQ(Matches(R"({"genome": true})"), everyone);
  EXPECT_TRUE(Matches(R"({"genome": false})").empty());
}

TEST_F(CohortTest, CarriersMatchTheSampleVcfs) {
  auto carried = CarriedAlleles();
  ASSERT_FALSE(carried.empty());
  // A variant carried by several samples, and the samples that carry it.
  std::map<std::string, Participants> carriers_of;
  for (const auto& [sample, keys] : carried) {
    for (const auto& key : keys) carriers_of[key].insert(Pseudonym(sample));
  }
  std::string shared;
  for (const auto& [key, carriers] : carriers_of) {
    if (carriers.size() >= 3 && carriers.size() < carried.size()) {
      shared = key;
      break;
    }
  }
  ASSERT_FALSE(shared.empty());
  EXPECT_EQ(Matches(R"({"carrier": ")" + shared + R"("})"), carriers_of[shared]);
  auto result = Evaluate(R"({"carrier": {"variant": ")" + shared + R"(", "genotype": "hom_alt"}})");
  ASSERT_TRUE(result.ok());
  for (const auto& p : result->participants) EXPECT_EQ(carriers_of[shared].count(p), 1u);
  // Carriers AND a clinical criterion is the intersection.
  Participants female = Matches(R"({"sex": "female"})");
  Participants expected;
  for (const auto& p : carriers_of[shared]) {
    if (female.count(p) > 0) expected.insert(p);
  }
  EXPECT_EQ(Matches(R"({"all": [{"carrier": ")" + shared + R"("}, {"sex": "female"}]})"), expected);
}

TEST_F(CohortTest, GeneBurdenMatchesPerSampleAnnotation) {
  // Independent answer: annotate each sample's VCF with `zenome annotate --tsv` and collect the
  // samples with a HIGH or MODERATE effect on a gene.
  std::map<std::string, Participants> carriers_by_gene;
  auto listing = RunShell("ls " + Sim() + "/samples/*.vcf.gz");
  std::istringstream files(listing.out);
  std::string file;
  while (std::getline(files, file)) {
    std::string sample = file.substr(file.rfind('/') + 1);
    sample = sample.substr(0, sample.find('.'));
    std::string tsv = dir_->File(sample + ".tsv");
    auto run = RunZenome("annotate -q --tsv -f " + Sim() + "/reference.fa -g " + Sim() + "/genes.gff3 -o " +
                         tsv + " " + file);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto columns = RunShell(
        "awk -F'\\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next } "
        "($c[\"IMPACT\"] == \"HIGH\" || $c[\"IMPACT\"] == \"MODERATE\") && $5 !~ /,/ "
        "{ print $c[\"SYMBOL\"] }' " +
        tsv + " | sort -u");
    std::istringstream genes(columns.out);
    std::string gene;
    while (std::getline(genes, gene)) {
      if (!gene.empty()) carriers_by_gene[gene].insert(Pseudonym(sample));
    }
  }
  ASSERT_FALSE(carriers_by_gene.empty());
  int checked = 0;
  for (const auto& [gene, carriers] : carriers_by_gene) {
    EXPECT_EQ(Matches(R"({"burden": {"gene": ")" + gene + R"(", "impact": ["HIGH", "MODERATE"]}})"), carriers)
        << gene;
    if (++checked == 8) break;
  }
  // Frequency and count thresholds only remove participants.
  const auto& [gene, carriers] = *carriers_by_gene.begin();
  Participants rare = Matches(R"({"burden": {"gene": ")" + gene + R"(", "max_af": 0.01}})");
  for (const auto& p : rare) EXPECT_EQ(carriers.count(p), 1u);
  Participants two = Matches(R"({"burden": {"gene": ")" + gene + R"(", "min_variants": 2}})");
  for (const auto& p : two) EXPECT_EQ(carriers.count(p), 1u);
}

TEST_F(CohortTest, BadQueriesNameTheCriterion) {
  struct Case {
    const char* query;
    const char* expected;
  };
  for (const Case& c :
       {Case{R"({"sexx": "female"})", "/sexx"},
        Case{R"({"all": [{"sex": "female"}, {"carrier": {"variant": "chr1-1-A"}}]})", "/all/1/carrier"},
        Case{R"({"carrier": {"variant": "chr1-1000-A-G", "genotype": "both"}})", "hom_alt"},
        Case{R"({"burden": {"gene": "NO_SUCH_GENE"}})", "NO_SUCH_GENE"},
        Case{R"({"burden": {"gene": "ZG00001", "max_af": 2}})", "/burden/max_af"},
        Case{R"({"all": []})", "/all"}}) {
    auto result = Evaluate(c.query);
    ASSERT_FALSE(result.ok()) << c.query;
    EXPECT_EQ(result.status().code(), ErrorCode::kUsage) << c.query;
    EXPECT_NE(result.status().message().find(c.expected), std::string::npos) << result.status().message();
  }
}

TEST_F(CohortTest, CommandLinePrintsCountsAndPseudonymsOnly) {
  std::string query = dir_->File("query.json");
  WriteFile(query, R"({"all": [{"sex": "female"}, {"genome": true}]})");
  auto count = RunZenome("db cohort " + store_ + " " + query);
  ASSERT_EQ(count.exit_code, 0) << count.err;
  size_t expected = Matches(R"({"sex": "female"})").size();
  EXPECT_EQ(count.out, "count\n" + std::to_string(expected) + "\n");
  auto list = RunZenome("db cohort " + store_ + " " + query + " --list --format json --explain");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  auto json = nlohmann::json::parse(list.out);
  EXPECT_EQ(json["count"], expected);
  EXPECT_EQ(json["participants"].size(), expected);
  EXPECT_EQ(json["steps"].size(), 3u);
  for (const auto& p : json["participants"])
    EXPECT_TRUE(Pseudonymizer::LooksLikePseudonym(p.get<std::string>()));
  EXPECT_EQ(list.out.find("S00"), std::string::npos);  // no raw sample name
  WriteFile(query, "{\"all\": [\n  {\"sex\": }\n]}");
  auto bad = RunZenome("db cohort " + store_ + " " + query);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find(query + ":2:"), std::string::npos) << bad.err;
  // A query that parses but asks for something unknown is bad input naming the file and the pointer.
  WriteFile(query, "{\"all\": [{\"sexx\": \"female\"}]}");
  auto unknown = RunZenome("db cohort " + store_ + " " + query);
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find(query + ": cohort query /all/0/sexx: unknown criterion"), std::string::npos)
      << unknown.err;
}

TEST_F(CohortTest, GeneQueryListsTheGenesVariantsWithTheirConsequences) {
  auto store = OpenStore(store_, false);
  ASSERT_TRUE(store.ok());
  auto gene = FindGene(*store->catalog, "ZG00001");
  ASSERT_TRUE(gene.ok()) << gene.status().message();
  auto effects = EffectsOnGene(*store->catalog, gene->gene_id);
  ASSERT_TRUE(effects.ok());
  ASSERT_FALSE(effects->empty());
  std::set<std::string> expected;
  std::map<std::string, std::string> consequence;
  for (const auto& effect : *effects) {
    expected.insert(effect.key.ToString());
    consequence[effect.key.ToString()] = effect.consequence;
  }
  auto result = RunZenome("db query " + store_ + " --gene zg00001 --by sex");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::istringstream lines(result.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line.rfind("variant\tcontig\tpos\tref\talt\tgene\tconsequence\timpact\thgvsp\tgroup\tAC", 0), 0u)
      << line;
  std::set<std::string> listed;
  while (std::getline(lines, line)) {
    std::vector<std::string> cells;
    std::istringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, '\t')) cells.push_back(cell);
    ASSERT_GE(cells.size(), 11u);
    EXPECT_EQ(cells[5], gene->gene_id);
    EXPECT_EQ(cells[6], consequence[cells[0]]) << cells[0];
    EXPECT_TRUE(cells[9] == "all" || cells[9] == "female" || cells[9] == "male") << cells[9];
    listed.insert(cells[0]);
  }
  EXPECT_EQ(listed, expected);  // every annotated variant of the gene, and nothing else
  auto unknown = RunZenome("db query " + store_ + " --gene NO_SUCH_GENE");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("NO_SUCH_GENE"), std::string::npos);
}

TEST_F(CohortTest, LayerExportWritesPseudonymisedTables) {
  for (const char* layer : {"clinical", "omics", "wearable"}) {
    std::string out = dir_->File(std::string(layer) + ".tsv");
    auto result = RunZenome("db export " + store_ + " --layer " + layer + " -o " + out);
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto lines = ReadLines(out);
    ASSERT_GT(lines.size(), 1u) << layer;
    EXPECT_EQ(lines[0].rfind("participant_id", 0) == 0 || lines[0].rfind("assay", 0) == 0, true) << lines[0];
    std::string text = testing::ReadFile(out);
    EXPECT_EQ(text.find("S00"), std::string::npos) << layer << ": a raw identifier was exported";
    EXPECT_NE(text.find("ZP-"), std::string::npos) << layer;
  }
  // One row per participant in the clinical table.
  EXPECT_EQ(ReadLines(dir_->File("clinical.tsv")).size(), ClinicalRows().size() + 1);
  auto both = RunZenome("db export " + store_ + " --layer clinical --sites");
  EXPECT_EQ(both.exit_code, 2);
}

}  // namespace
}  // namespace zenome
