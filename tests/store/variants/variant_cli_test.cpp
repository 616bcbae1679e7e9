// `zenome db ingest` and `zenome db query` end to end on a simulated population: counts equal the
// joint-called VCF's own AC/AN (bcftools-split), whether the genomes come one file each in two
// batches or as one multi-sample file; query output formats and permission flags.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/test_support.h"

namespace zenome {
namespace {

using testing::CommandResult;
using testing::HaveTool;
using testing::ReadFile;
using testing::RunShell;
using testing::RunZenome;
using testing::TempDir;
using testing::WriteFile;

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

class VariantCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    sim_ = dir_->File("sim");
    CommandResult made = RunZenome("simulate -q -o " + sim_ +
                                   " --seed 11 --genome-size 300k --samples 8 --cases 0 --tumours 0");
    ASSERT_EQ(made.exit_code, 0) << made.err;
    key_ = dir_->File("key");
    WriteFile(key_, "variant-cli-test-key-0123456789\n");
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::string Samples(int first, int last) {
    std::string list;
    for (int i = first; i <= last; ++i) {
      char name[16];
      std::snprintf(name, sizeof(name), "S%04d", i);
      list += sim_ + "/samples/" + name + ".vcf.gz ";
    }
    return list;
  }
  static std::string NewStore(const TempDir& where) {
    std::string store = where.File("store");
    CommandResult init = RunZenome("db init " + store + " --build custom -f " + sim_ + "/reference.fa");
    EXPECT_EQ(init.exit_code, 0) << init.err;
    return store;
  }
  static std::string Contigs() {
    std::string names;
    for (const auto& line : testing::ReadLines(sim_ + "/reference.fa.fai"))
      names += Split(line, '\t')[0] + " ";
    return names;
  }
  // variant → "AC\tAN" from `db query --region` over every contig.
  static std::map<std::string, std::string> StoreCounts(const std::string& store) {
    std::map<std::string, std::string> counts;
    for (const auto& contig : Split(Contigs(), ' ')) {
      if (contig.empty()) continue;
      CommandResult query = RunZenome("db query " + store + " --region " + contig);
      EXPECT_EQ(query.exit_code, 0) << query.err;
      std::vector<std::string> lines = Split(query.out, '\n');
      for (size_t i = 1; i < lines.size(); ++i) {
        std::vector<std::string> fields = Split(lines[i], '\t');
        if (fields.size() < 11 || fields[5] != "all") continue;
        counts[fields[0]] = fields[6] + "\t" + fields[7];
      }
    }
    return counts;
  }
  // The same from population.vcf.gz's INFO, split to biallelic by bcftools.
  static std::map<std::string, std::string> TruthCounts() {
    CommandResult truth = RunShell("bcftools norm -m- -f " + sim_ + "/reference.fa " + sim_ +
                                   "/population.vcf.gz 2>/dev/null | bcftools query -f "
                                   "'%CHROM-%POS-%REF-%ALT\\t%AC\\t%AN\\n'");
    EXPECT_EQ(truth.exit_code, 0) << truth.err;
    std::map<std::string, std::string> counts;
    for (const auto& line : Split(truth.out, '\n')) {
      size_t tab = line.find('\t');
      if (tab != std::string::npos) counts[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return counts;
  }

  static TempDir* dir_;
  static std::string sim_;
  static std::string key_;
};

TempDir* VariantCliTest::dir_ = nullptr;
std::string VariantCliTest::sim_;
std::string VariantCliTest::key_;

TEST_F(VariantCliTest, CountsEqualTheJointCallsInEveryWayOfIngesting) {
  if (!HaveTool("bcftools")) GTEST_SKIP() << "bcftools not installed";
  std::map<std::string, std::string> truth = TruthCounts();
  ASSERT_GT(truth.size(), 100u);

  TempDir batches;
  std::string store = NewStore(batches);
  CommandResult first = RunZenome("db ingest " + store + " --key-file " + key_ + " " + Samples(1, 5));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.err.find("segment s000001: 5 genomes from 5 files"), std::string::npos) << first.err;
  CommandResult second =
      RunZenome("db ingest " + store + " --threads 3 --key-file " + key_ + " " + Samples(6, 8));
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(StoreCounts(store), truth);

  TempDir joint;
  std::string joint_store = NewStore(joint);
  CommandResult ingest =
      RunZenome("db ingest " + joint_store + " --key-file " + key_ + " " + sim_ + "/population.vcf.gz");
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_EQ(StoreCounts(joint_store), truth);
}

TEST_F(VariantCliTest, QueryFormatsAndFlags) {
  TempDir where;
  std::string store = NewStore(where);
  // Writing needs the key; reading does not.
  CommandResult no_key = RunShell("env -u ZENOME_PSEUDONYM_KEY_FILE " + testing::ZenomeBinary() +
                                  " db ingest " + store + " " + Samples(1, 2));
  EXPECT_EQ(no_key.exit_code, 2) << no_key.err;
  EXPECT_NE(no_key.err.find("key"), std::string::npos);
  CommandResult ingest = RunShell("ZENOME_PSEUDONYM_KEY_FILE=" + key_ + " " + testing::ZenomeBinary() +
                                  " db ingest -q " + store + " " + Samples(1, 3));
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  EXPECT_EQ(ingest.err, "");

  CommandResult tsv = RunZenome("db query " + store + " --region chr1:1-20000");
  ASSERT_EQ(tsv.exit_code, 0) << tsv.err;
  std::vector<std::string> lines = Split(tsv.out, '\n');
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "variant\tcontig\tpos\tref\talt\tgroup\tAC\tAN\tAF\tn_het\tn_homalt");
  std::vector<std::string> row = Split(lines[1], '\t');
  ASSERT_EQ(row.size(), 11u);
  EXPECT_EQ(row[0], row[1] + "-" + row[2] + "-" + row[3] + "-" + row[4]);
  EXPECT_EQ(row[5], "all");
  EXPECT_EQ(row[7], "6");

  // The same variant by --variant, in JSON, with carriers only when permitted.
  std::string variant = row[0];
  CommandResult json = RunZenome("db query " + store + " --variant " + variant + " --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  nlohmann::json parsed = nlohmann::json::parse(json.out);
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0]["variant"], variant);
  EXPECT_EQ(std::to_string(parsed[0]["ac"].get<int64_t>()), row[6]);
  EXPECT_EQ(parsed[0]["an"], 6);
  EXPECT_FALSE(parsed[0].contains("carriers"));

  CommandResult refused = RunZenome("db query " + store + " --variant " + variant + " --carriers");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--allow-carriers"), std::string::npos) << refused.err;
  CommandResult carriers =
      RunZenome("db query " + store + " --variant " + variant + " --carriers --allow-carriers --format json");
  ASSERT_EQ(carriers.exit_code, 0) << carriers.err;
  parsed = nlohmann::json::parse(carriers.out);
  ASSERT_TRUE(parsed[0].contains("carriers"));
  int64_t carried = 0;
  for (const auto& carrier : parsed[0]["carriers"]) {
    EXPECT_EQ(carrier["pseudonym"].get<std::string>().rfind("ZP-", 0), 0u);
    carried += carrier["genotype"] == "hom_alt" ? 2 : 1;
  }
  EXPECT_EQ(std::to_string(carried), row[6]);

  CommandResult gene = RunZenome("db query " + store + " --gene ZG00001");
  EXPECT_EQ(gene.exit_code, 1);  // the store has no gene annotations yet
  EXPECT_NE(gene.err.find("zenome db annotate"), std::string::npos) << gene.err;
  CommandResult neither = RunZenome("db query " + store);
  EXPECT_EQ(neither.exit_code, 2);
  CommandResult bad_region = RunZenome("db query " + store + " --region chr1:500-100");
  EXPECT_EQ(bad_region.exit_code, 2);
}

}  // namespace
}  // namespace zenome
