// End-to-end tests of `zenome annotate` on data made by `zenome simulate`: outputs readable by
// VEP-aware tools, identical across thread counts, knowledge bases matched, and every kind of bad
// input reported clearly without leaving a partial output behind.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/test_support.h"

namespace zenome {
namespace {

using testing::CommandResult;
using testing::HaveTool;
using testing::ReadFile;
using testing::ReadLines;
using testing::RunShell;
using testing::RunZenome;
using testing::TempDir;
using testing::WriteFile;

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

class AnnotateCliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    sim_ = dir_->File("sim");
    CommandResult made = RunZenome("simulate -q -o " + sim_ +
                                   " --seed 5 --genome-size 400k --samples 4 --cases 2 --tumours 0");
    ASSERT_EQ(made.exit_code, 0) << made.err;
  }
  static void TearDownTestSuite() { delete dir_; }

  static std::string Base() { return "annotate -f " + sim_ + "/reference.fa -g " + sim_ + "/genes.gff3 "; }
  static std::string Knowledge() {
    return "--af gnomad=" + sim_ + "/population_sites.vcf.gz:AF,AF_eas,nhomalt --clinvar " + sim_ +
           "/clinvar.vcf.gz ";
  }
  static std::string CaseVcf() { return sim_ + "/cases/CASE001.vcf.gz"; }

  // The CSQ field names from an annotated VCF's header.
  static std::vector<std::string> CsqFields(const std::string& vcf_text) {
    size_t at = vcf_text.find("Format: ");
    size_t end = vcf_text.find('"', at);
    return Split(vcf_text.substr(at + 8, end - at - 8), '|');
  }

  static TempDir* dir_;
  static std::string sim_;
};

TempDir* AnnotateCliTest::dir_ = nullptr;
std::string AnnotateCliTest::sim_;

TEST_F(AnnotateCliTest, EveryRecordGetsWellFormedCsq) {
  TempDir out;
  CommandResult run = RunZenome(Base() + Knowledge() + "-o " + out.File("a.vcf") + " " + CaseVcf());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("most severe consequence per allele"), std::string::npos) << run.err;
  std::string text = ReadFile(out.File("a.vcf"));
  std::vector<std::string> fields = CsqFields(text);
  ASSERT_GE(fields.size(), 27u);
  EXPECT_EQ(fields[0], "Allele");
  EXPECT_EQ(fields.back(), "CLIN_ALLELEID");
  EXPECT_NE(std::find(fields.begin(), fields.end(), "gnomad_AF_eas"), fields.end());
  EXPECT_NE(text.find("##zenome_gene_model=<File="), std::string::npos);
  EXPECT_NE(text.find("##zenome_annotation_source=<ID=gnomad"), std::string::npos);
  int records = 0;
  for (const std::string& line : Split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    ++records;
    std::vector<std::string> columns = Split(line, '\t');
    size_t csq_at = columns[7].find("CSQ=");
    ASSERT_NE(csq_at, std::string::npos) << line;
    std::string csq = columns[7].substr(csq_at + 4);
    csq = csq.substr(0, csq.find(';'));
    for (const std::string& entry : Split(csq, ',')) {
      ASSERT_EQ(Split(entry, '|').size(), fields.size()) << entry;
    }
  }
  EXPECT_GT(records, 300);
}

TEST_F(AnnotateCliTest, ReadableByBcftoolsSplitVep) {
  if (!HaveTool("bcftools")) GTEST_SKIP() << "bcftools not installed";
  TempDir out;
  ASSERT_EQ(
      RunZenome(Base() + Knowledge() + "-O z -W -o " + out.File("a.vcf.gz") + " " + CaseVcf()).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(out.File("a.vcf.gz.tbi")));
  CommandResult split =
      RunShell("bcftools +split-vep -s worst -f '%CHROM\\t%POS\\t%Consequence\\t%IMPACT\\t%gnomad_AF\\n' " +
               out.File("a.vcf.gz"));
  ASSERT_EQ(split.exit_code, 0) << split.err;
  std::set<std::string> impacts;
  for (const std::string& line : Split(split.out, '\n')) {
    std::vector<std::string> columns = Split(line, '\t');
    if (columns.size() == 5) impacts.insert(columns[3]);
  }
  EXPECT_TRUE(impacts.count("MODIFIER"));
  EXPECT_TRUE(impacts.count("HIGH") || impacts.count("MODERATE"))
      << "the case carries a planted damaging variant";
}

TEST_F(AnnotateCliTest, OutputDoesNotDependOnThreads) {
  TempDir out;
  for (const char* threads : {"0", "1", "3"}) {
    CommandResult run = RunZenome(Base() + Knowledge() + "--no-version --threads " + threads + " -o " +
                                  out.File(std::string("t") + threads + ".vcf") + " " + CaseVcf());
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  std::string single = ReadFile(out.File("t0.vcf"));
  EXPECT_EQ(single, ReadFile(out.File("t1.vcf")));
  EXPECT_EQ(single, ReadFile(out.File("t3.vcf")));
  // BCF records are encoded by the workers when threaded (by bcf_write otherwise): the same bytes
  // (uncompressed BCF), also when an annotated BCF is annotated again (its CSQ replaced).
  for (const char* threads : {"0", "3"}) {
    const std::string bcf = out.File(std::string("t") + threads + ".bcf");
    CommandResult run = RunZenome(Base() + Knowledge() + "--no-version --threads " + threads + " -O u -o " +
                                  bcf + " " + CaseVcf());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    run = RunZenome(Base() + Knowledge() + "--no-version --threads " + threads + " -O u -o " +
                    out.File(std::string("again") + threads + ".bcf") + " " + bcf);
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  EXPECT_EQ(ReadFile(out.File("t0.bcf")), ReadFile(out.File("t3.bcf")));
  EXPECT_EQ(ReadFile(out.File("again0.bcf")), ReadFile(out.File("again3.bcf")));
  EXPECT_EQ(ReadFile(out.File("again0.bcf")), ReadFile(out.File("t0.bcf")));
}

TEST_F(AnnotateCliTest, PlantedClinVarVariantIsMatchedWithStars) {
  // truth.tsv: case_id gene disease_id inheritance chrom pos ref alt genotype consequence
  std::vector<std::string> truth = ReadLines(sim_ + "/cases/truth.tsv");
  ASSERT_GE(truth.size(), 2u);
  std::vector<std::string> planted = Split(truth[1], '\t');
  TempDir out;
  CommandResult run = RunZenome(Base() + Knowledge() + "--pick --tsv -o " + out.File("a.tsv") + " " + sim_ +
                                "/cases/" + planted[0] + ".vcf.gz");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::vector<std::string> lines = ReadLines(out.File("a.tsv"));
  std::vector<std::string> header = Split(lines[0], '\t');
  std::map<std::string, size_t> column;
  for (size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  bool found = false;
  for (const std::string& line : lines) {
    std::vector<std::string> row = Split(line, '\t');
    if (row.size() != header.size() || row[0] != planted[4] || row[1] != planted[5]) continue;
    found = true;
    EXPECT_EQ(row[column["SYMBOL"]], planted[1]);
    EXPECT_EQ(row[column["PICK"]], "1");  // --pick keeps only the picked entry
    if (!row[column["CLIN_SIG"]].empty()) {
      EXPECT_NE(row[column["CLIN_SIG"]].find("athogenic"), std::string::npos) << line;
      EXPECT_FALSE(row[column["CLIN_STARS"]].empty());
    }
  }
  EXPECT_TRUE(found) << "planted variant " << planted[4] << ":" << planted[5] << " not in the TSV";
}

// Annotating an already annotated file replaces its CSQ, including on records that get none
// (here the REF-mismatch record keeps no stale CSQ from the first run).
TEST_F(AnnotateCliTest, ReannotationReplacesOldCsq) {
  TempDir out;
  ASSERT_EQ(RunZenome(Base() + "--no-version -o " + out.File("once.vcf") + " " + CaseVcf()).exit_code, 0);
  ASSERT_EQ(
      RunZenome(Base() + "--no-version -o " + out.File("twice.vcf") + " " + out.File("once.vcf")).exit_code,
      0);
  std::vector<std::string> once = ReadLines(out.File("once.vcf"));
  std::vector<std::string> twice = ReadLines(out.File("twice.vcf"));
  ASSERT_EQ(once.size(), twice.size());  // no duplicated header lines
  for (size_t i = 0; i < once.size(); ++i) ASSERT_EQ(once[i], twice[i]) << "line " << i + 1;
  // Break one record's REF: the second run must drop that record's CSQ, not keep the old one.
  ASSERT_EQ(
      RunShell(
          "awk 'BEGIN{OFS=\"\\t\"} !/^#/ && !done {$4 = ($4 == \"A\" ? \"C\" : \"A\"); $5 = \"G\"; done = 1} "
          "{print}' " +
          out.File("once.vcf") + " > " + out.File("broken.vcf"))
          .exit_code,
      0);
  ASSERT_EQ(RunZenome(Base() + "-q -o " + out.File("again.vcf") + " " + out.File("broken.vcf")).exit_code, 0);
  int without_csq = 0;
  for (const std::string& line : ReadLines(out.File("again.vcf"))) {
    if (!line.empty() && line[0] != '#' && line.find("CSQ=") == std::string::npos) ++without_csq;
  }
  EXPECT_EQ(without_csq, 1);
}

TEST_F(AnnotateCliTest, StdinAndStdoutWorkLikeFiles) {
  TempDir out;
  ASSERT_EQ(RunZenome(Base() + "--no-version -o " + out.File("file.vcf") + " " + CaseVcf()).exit_code, 0);
  CommandResult piped =
      RunShell("zcat " + CaseVcf() + " | " + testing::ZenomeBinary() + " " + Base() + "-q --no-version -");
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out, ReadFile(out.File("file.vcf")));
}

TEST_F(AnnotateCliTest, JsonLinesOutputParses) {
  TempDir out;
  ASSERT_EQ(RunZenome(Base() + "--json -o " + out.File("a.json") + " " + CaseVcf()).exit_code, 0);
  int objects = 0;
  for (const std::string& line : ReadLines(out.File("a.json"))) {
    nlohmann::json record = nlohmann::json::parse(line);
    ASSERT_TRUE(record.contains("seq_region_name"));
    ASSERT_TRUE(record.contains("allele_string"));
    ASSERT_TRUE(record.contains("most_severe_consequence"));
    ASSERT_TRUE(record.contains("transcript_consequences") || record.contains("intergenic_consequences"));
    ++objects;
  }
  EXPECT_GT(objects, 300);
}

// The same variants written with "1" instead of "chr1" annotate identically.
TEST_F(AnnotateCliTest, ContigSpellingDoesNotMatter) {
  TempDir out;
  ASSERT_EQ(
      RunShell("zcat " + CaseVcf() + " | sed -e 's/^chr//' -e 's/ID=chr/ID=/' > " + out.File("nochr.vcf"))
          .exit_code,
      0);
  ASSERT_EQ(RunZenome(Base() + "--no-version --tsv -o " + out.File("chr.tsv") + " " + CaseVcf()).exit_code,
            0);
  CommandResult run =
      RunZenome(Base() + "--no-version --tsv -o " + out.File("nochr.tsv") + " " + out.File("nochr.vcf"));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::vector<std::string> with_chr = ReadLines(out.File("chr.tsv"));
  std::vector<std::string> without = ReadLines(out.File("nochr.tsv"));
  ASSERT_EQ(with_chr.size(), without.size());
  for (size_t i = 1; i < with_chr.size(); ++i) {
    std::vector<std::string> a = Split(with_chr[i], '\t');
    std::vector<std::string> b = Split(without[i], '\t');
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ("chr" + b[0], a[0]);
    EXPECT_EQ(std::vector<std::string>(a.begin() + 1, a.begin() + 8),
              std::vector<std::string>(b.begin() + 1, b.begin() + 8));
  }
}

// Writes a small VCF on the simulated genome with the given data lines (no ##contig lines, so
// the reference supplies them).
std::string SmallVcf(const TempDir& dir, const std::string& name, const std::string& body) {
  std::string path = dir.File(name);
  WriteFile(path, "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + body);
  return path;
}

std::string RefBase(const std::string& sim, const std::string& contig, int pos) {
  CommandResult base = RunShell("samtools faidx " + sim + "/reference.fa " + contig + ":" +
                                std::to_string(pos) + "-" + std::to_string(pos) + " | tail -n 1");
  std::string out = base.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

TEST_F(AnnotateCliTest, RefMismatchAndUnknownContigAreCountedOrFatalWithStrict) {
  if (!HaveTool("samtools")) GTEST_SKIP() << "samtools not installed";
  TempDir out;
  std::string good = RefBase(sim_, "chr1", 1000);
  std::string wrong = good == "A" ? "C" : "A";
  std::string alt = good == "T" ? "G" : "T";
  std::string vcf = SmallVcf(out, "in.vcf",
                             "chr1\t1000\t.\t" + good + "\t" + alt + "\t.\tPASS\t.\n" + "chr1\t1000\t.\t" +
                                 wrong + "\t" + alt + "\t.\tPASS\t.\n" + "chr99\t5\t.\tA\tG\t.\tPASS\t.\n");
  CommandResult run = RunZenome(Base() + "-o " + out.File("a.vcf") + " " + vcf);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("in.vcf:4: REF"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("in.vcf:5: CHROM"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("2 records written without CSQ"), std::string::npos) << run.err;
  std::vector<std::string> records;
  for (const std::string& line : ReadLines(out.File("a.vcf"))) {
    if (!line.empty() && line[0] != '#') records.push_back(line);
  }
  ASSERT_EQ(records.size(), 3u);  // nothing dropped
  EXPECT_NE(records[0].find("CSQ="), std::string::npos);
  EXPECT_EQ(records[1].find("CSQ="), std::string::npos);
  EXPECT_EQ(records[2].find("CSQ="), std::string::npos);

  CommandResult strict = RunZenome(Base() + "--strict -o " + out.File("strict.vcf") + " " + vcf);
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.err.find("in.vcf:4: REF"), std::string::npos) << strict.err;
  EXPECT_FALSE(std::filesystem::exists(out.File("strict.vcf"))) << "no partial output may be left";
}

TEST_F(AnnotateCliTest, MalformedLinesAreSkippedOrFatalWithStrict) {
  TempDir out;
  std::string vcf = SmallVcf(out, "bad.vcf", "chr1\tten\t.\tA\tG\t.\tPASS\t.\nchr1\t20\t.\tA\n");
  CommandResult run = RunZenome(Base() + "-o " + out.File("a.vcf") + " " + vcf);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("bad.vcf:3: POS: expected a positive integer, found 'ten'"), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("bad.vcf:4: columns"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("2 malformed records skipped"), std::string::npos) << run.err;
  CommandResult strict = RunZenome(Base() + "--strict -o " + out.File("b.vcf") + " " + vcf);
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_NE(strict.err.find("bad.vcf:3: POS"), std::string::npos) << strict.err;
  EXPECT_FALSE(std::filesystem::exists(out.File("b.vcf")));
}

TEST_F(AnnotateCliTest, WrongBuildIsRefused) {
  TempDir out;
  std::string vcf = out.File("grch38.vcf");
  WriteFile(vcf,
            "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n"
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr1\t1000\t.\tA\tG\t.\tPASS\t.\n");
  CommandResult run = RunZenome(Base() + "-o " + out.File("a.vcf") + " " + vcf);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("reference build mismatch"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("GRCh38"), std::string::npos) << run.err;
  EXPECT_FALSE(std::filesystem::exists(out.File("a.vcf")));
}

TEST_F(AnnotateCliTest, GeneModelFromAnotherGenomeIsRefused) {
  TempDir out;
  // Shift every feature far beyond the contig ends, as a gene model of a different build would.
  ASSERT_EQ(RunShell("awk 'BEGIN{OFS=\"\\t\"} /^#/ {print; next} {$4 += 50000000; $5 += 50000000; print}' " +
                     sim_ + "/genes.gff3 > " + out.File("shifted.gff3"))
                .exit_code,
            0);
  CommandResult run = RunZenome("annotate -f " + sim_ + "/reference.fa -g " + out.File("shifted.gff3") +
                                " -o " + out.File("a.vcf") + " " + CaseVcf());
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("different builds"), std::string::npos) << run.err;
}

TEST_F(AnnotateCliTest, EmptyAndTruncatedInputsFailCleanly) {
  TempDir out;
  WriteFile(out.File("empty.vcf"), "");
  CommandResult empty = RunZenome(Base() + "-o " + out.File("a.vcf") + " " + out.File("empty.vcf"));
  EXPECT_EQ(empty.exit_code, 1);
  EXPECT_NE(empty.err.find("empty.vcf: file is empty"), std::string::npos) << empty.err;

  std::string bytes = ReadFile(CaseVcf());
  WriteFile(out.File("cut.vcf.gz"), bytes.substr(0, bytes.size() / 2));
  CommandResult cut = RunZenome(Base() + "-o " + out.File("b.vcf") + " " + out.File("cut.vcf.gz"));
  EXPECT_EQ(cut.exit_code, 1);
  EXPECT_NE(cut.err.find("truncated"), std::string::npos) << cut.err;
  EXPECT_FALSE(std::filesystem::exists(out.File("b.vcf")));
  for (const auto& entry : std::filesystem::directory_iterator(out.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp-"), std::string::npos) << entry.path();
  }

  CommandResult no_genes =
      RunZenome("annotate -f " + sim_ + "/reference.fa -g " + out.File("empty.vcf") + " " + CaseVcf());
  EXPECT_EQ(no_genes.exit_code, 1);
  EXPECT_NE(no_genes.err.find("empty.vcf"), std::string::npos) << no_genes.err;
}

TEST_F(AnnotateCliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(RunZenome("annotate").exit_code, 2);
  EXPECT_EQ(RunZenome(Base() + "--tsv --json " + CaseVcf()).exit_code, 2);
  EXPECT_EQ(RunZenome(Base() + "-O x " + CaseVcf()).exit_code, 2);
  EXPECT_EQ(RunZenome("no-such-command").exit_code, 2);
  CommandResult help = RunZenome("help annotate");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--clinvar"), std::string::npos);
  EXPECT_EQ(RunZenome("annotate --help").exit_code, 0);
  EXPECT_EQ(RunZenome("--version").exit_code, 0);
}

}  // namespace
}  // namespace zenome
