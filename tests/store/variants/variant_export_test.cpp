// `zenome db export`: the sites VCF agrees with `db query` overall and per group and is read back by
// `zenome annotate --af`; genomes exported as BCF equal their normalised, biallelic input with
// pseudonyms for names (bcftools round trip), whether ingested one file each or jointly.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>

#include "store/catalog/pseudonymizer.h"
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

constexpr const char* kKey = "variant-export-test-key-0123456789";

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

class VariantExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    sim_ = dir_->File("sim");
    CommandResult made = RunZenome("simulate -q -o " + sim_ +
                                   " --seed 23 --genome-size 300k --samples 6 --cases 0 --tumours 0");
    ASSERT_EQ(made.exit_code, 0) << made.err;
    key_ = dir_->File("key");
    WriteFile(key_, std::string(kKey) + "\n");
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::string Sample(int i) {
    char name[16];
    std::snprintf(name, sizeof(name), "S%04d", i);
    return name;
  }
  static std::string SampleVcf(int i) { return sim_ + "/samples/" + Sample(i) + ".vcf.gz"; }
  static std::string Pseudonym(const std::string& raw) {
    return Pseudonymizer::FromKey(kKey)->Pseudonym(raw);
  }

  // A store holding the six genomes (one file each, two batches) and their populations and sexes.
  static std::string MakeStore(const TempDir& where) {
    std::string store = where.File("store");
    EXPECT_EQ(RunZenome("db init " + store + " --build custom -f " + sim_ + "/reference.fa").exit_code, 0);
    CommandResult first = RunZenome("db ingest -q " + store + " --key-file " + key_ + " " + SampleVcf(1) +
                                    " " + SampleVcf(2) + " " + SampleVcf(3) + " " + SampleVcf(4));
    EXPECT_EQ(first.exit_code, 0) << first.err;
    CommandResult second =
        RunZenome("db ingest -q " + store + " --key-file " + key_ + " " + SampleVcf(5) + " " + SampleVcf(6));
    EXPECT_EQ(second.exit_code, 0) << second.err;
    std::string clinical = where.File("clinical.tsv");
    std::string text = "participant_id\tpopulation\tsex\n";
    std::vector<std::string> lines = testing::ReadLines(sim_ + "/samples.tsv");
    for (size_t i = 1; i < lines.size(); ++i) text += lines[i] + "\n";
    WriteFile(clinical, text);
    CommandResult imported =
        RunZenome("db import " + store + " --layer clinical --key-file " + key_ + " " + clinical);
    EXPECT_EQ(imported.exit_code, 0) << imported.err;
    return store;
  }

  // "CHROM POS REF ALT GT" lines with GTs unphased and allele-sorted (1/0 → 0/1).
  static std::string GenotypeLines(const std::string& command) {
    CommandResult run = RunShell(command + " | bcftools query -f '%CHROM\\t%POS\\t%REF\\t%ALT[\\t%GT]\\n'" +
                                 " | sed -e 's#|#/#g' -e 's#1/0#0/1#g' | LC_ALL=C sort");
    EXPECT_EQ(run.exit_code, 0) << command << ": " << run.err;
    return run.out;
  }

  static TempDir* dir_;
  static std::string sim_;
  static std::string key_;
};

TempDir* VariantExportTest::dir_ = nullptr;
std::string VariantExportTest::sim_;
std::string VariantExportTest::key_;

TEST_F(VariantExportTest, SitesAgreeWithQueriesAndAnnotateReadsThemBack) {
  if (!HaveTool("bcftools")) GTEST_SKIP() << "bcftools not installed";
  TempDir where;
  std::string store = MakeStore(where);
  std::string sites = where.File("sites.vcf.gz");
  CommandResult exported = RunZenome("db export " + store + " --sites -o " + sites + " --by population,sex");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.err.find("5 groups"), std::string::npos) << exported.err;
  EXPECT_TRUE(std::filesystem::exists(sites + ".tbi"));

  CommandResult header = RunShell("bcftools view -h " + sites);
  ASSERT_EQ(header.exit_code, 0) << header.err;
  for (const char* key :
       {"AC", "AN", "AF", "nhomalt", "AC_eas", "AN_eur", "AF_afr", "nhomalt_male", "AF_female"}) {
    EXPECT_NE(header.out.find("##INFO=<ID=" + std::string(key) + ","), std::string::npos) << key;
  }
  EXPECT_NE(header.out.find("##contig=<ID=chrX,length="), std::string::npos);

  // Every site's overall and eas counts equal `db query --by population`.
  CommandResult records =
      RunShell("bcftools query -f '%CHROM-%POS-%REF-%ALT\\t%AC\\t%AN\\t%AC_eas\\t%AN_eas\\n' " + sites);
  ASSERT_EQ(records.exit_code, 0);
  std::map<std::string, std::string> from_export;
  for (const auto& line : Split(records.out, '\n')) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) from_export[line.substr(0, tab)] = line.substr(tab + 1);
  }
  ASSERT_GT(from_export.size(), 100u);
  std::map<std::string, std::string> from_query;
  for (const char* contig : {"chr1", "chr2", "chr3", "chr4", "chr5", "chrX", "chrY", "chrM"}) {
    CommandResult query = RunZenome("db query " + store + " --region " + contig + " --by population");
    ASSERT_EQ(query.exit_code, 0) << query.err;
    std::map<std::string, std::string> all;
    for (const auto& line : Split(query.out, '\n')) {
      std::vector<std::string> f = Split(line, '\t');
      if (f.size() < 11 || f[0] == "variant") continue;
      if (f[5] == "all") all[f[0]] = f[6] + "\t" + f[7];
      if (f[5] == "eas") from_query[f[0]] = all[f[0]] + "\t" + f[6] + "\t" + f[7];
    }
  }
  EXPECT_EQ(from_export, from_query);

  // zenome annotate --af reads the export like any gnomAD-style sites file.
  std::string annotated = where.File("annotated.vcf");
  CommandResult annotate =
      RunZenome("annotate -q -f " + sim_ + "/reference.fa -g " + sim_ + "/genes.gff3 --af " + sites +
                ":AF,AF_eas -o " + annotated + " " + SampleVcf(2));
  ASSERT_EQ(annotate.exit_code, 0) << annotate.err;
  CommandResult af = RunShell("bcftools query -f '%CHROM-%POS-%REF-%ALT\\t%AF\\t%AF_eas\\n' " + sites);
  std::map<std::string, std::string> expected;
  for (const auto& line : Split(af.out, '\n')) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) expected[line.substr(0, tab)] = line.substr(tab + 1);
  }
  int checked = 0;
  for (const auto& line : Split(ReadFile(annotated), '\n')) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> f = Split(line, '\t');
    if (f[4].find(',') != std::string::npos)
      continue;  // multi-allelic input records: checked per ALT elsewhere
    std::string id = f[0] + "-" + f[1] + "-" + f[3] + "-" + f[4];
    auto it = expected.find(id);
    if (it == expected.end()) continue;
    // CSQ ends with ...|sites_AF|sites_AF_eas (the source is named after the file).
    std::vector<std::string> csq = Split(Split(f[7].substr(f[7].find("CSQ=") + 4), ',')[0], '|');
    ASSERT_GE(csq.size(), 2u);
    EXPECT_EQ(csq[csq.size() - 2] + "\t" + csq.back(), it->second) << id;
    ++checked;
  }
  EXPECT_GT(checked, 50);
}

TEST_F(VariantExportTest, SamplesRoundTripThroughBcftools) {
  if (!HaveTool("bcftools")) GTEST_SKIP() << "bcftools not installed";
  TempDir where;
  std::string store = MakeStore(where);
  std::string out = where.File("genomes.bcf");
  // Raw names need the key; pseudonyms do not.
  std::string names = Sample(1) + "," + Pseudonym(Sample(2)) + "," + Sample(3) + "," + Sample(4) + "," +
                      Sample(5) + "," + Sample(6);
  CommandResult no_key = RunShell("env -u ZENOME_PSEUDONYM_KEY_FILE " + testing::ZenomeBinary() +
                                  " db export " + store + " --samples " + names + " -o " + out);
  EXPECT_EQ(no_key.exit_code, 2) << no_key.err;
  CommandResult exported =
      RunZenome("db export " + store + " --samples " + names + " --key-file " + key_ + " -o " + out);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;

  CommandResult listed = RunShell("bcftools query -l " + out);
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  std::string expected_names;
  for (int i = 1; i <= 6; ++i) expected_names += Pseudonym(Sample(i)) + "\n";
  EXPECT_EQ(listed.out, expected_names);
  std::string bytes = RunShell("bcftools view " + out).out;
  EXPECT_EQ(bytes.find("S000"), std::string::npos) << "a raw sample name is in the export";

  // Each genome: its own non-reference records of the export equal its normalised input.
  for (int i = 1; i <= 6; ++i) {
    std::string input = GenotypeLines("bcftools norm -m- -f " + sim_ + "/reference.fa " + SampleVcf(i) +
                                      " 2>/dev/null | bcftools view -i 'GT=\"alt\"'");
    std::string exported_lines = GenotypeLines("bcftools view -s " + Pseudonym(Sample(i)) + " " + out +
                                               " | bcftools view -i 'GT=\"alt\"'");
    EXPECT_GT(input.size(), 1000u);
    EXPECT_EQ(exported_lines, input) << Sample(i);
  }
}

TEST_F(VariantExportTest, JointVcfRoundTripsWhole) {
  if (!HaveTool("bcftools")) GTEST_SKIP() << "bcftools not installed";
  TempDir where;
  std::string store = where.File("store");
  ASSERT_EQ(RunZenome("db init " + store + " --build custom -f " + sim_ + "/reference.fa").exit_code, 0);
  CommandResult ingest =
      RunZenome("db ingest -q " + store + " --key-file " + key_ + " " + sim_ + "/population.vcf.gz");
  ASSERT_EQ(ingest.exit_code, 0) << ingest.err;
  std::string names;
  for (int i = 1; i <= 6; ++i) names += (i > 1 ? "," : "") + Pseudonym(Sample(i));
  std::string out = where.File("all.vcf.gz");
  CommandResult exported = RunZenome("db export -q " + store + " --samples " + names + " -o " + out);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  // Every record of the split input has a carrier, so the whole matrix comes back (no-calls and
  // haploid calls included).
  std::string input = GenotypeLines("bcftools norm -m- -f " + sim_ + "/reference.fa " + sim_ +
                                    "/population.vcf.gz 2>/dev/null");
  EXPECT_EQ(GenotypeLines("bcftools view " + out), input);
}

}  // namespace
}  // namespace zenome
