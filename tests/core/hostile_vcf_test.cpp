// Hostile and broken VCF input through the core reader and normaliser (issue 8): NUL bytes,
// ALT equal to REF, duplicate ##contig lines, truncated or corrupt bgzip read with and without
// threads, and records that norm's re-sorting window cannot put back in order.
#include <gtest/gtest.h>
#include <htslib/vcf.h>

#include <filesystem>
#include <vector>

#include "core/diagnostics.h"
#include "core/normalize_vcf.h"
#include "core/thread_pool.h"
#include "core/vcf_reader.h"
#include "core/vcf_writer.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::TempDir;
using testing::WriteFasta;
using testing::WriteFile;

const char* kHeader =
    "##fileformat=VCFv4.2\n"
    "##contig=<ID=chr1,length=5000>\n"
    "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n";  // lines 1-4

struct BcfRecord {
  bcf1_t* record = bcf_init();
  ~BcfRecord() { bcf_destroy(record); }
};

// Reads every record as annotate and norm do: malformed records are counted and skipped.
struct ReadOutcome {
  Status stopped;  // OK at a clean end of input
  std::vector<int64_t> positions;
  std::vector<std::string> problems;
};

ReadOutcome ReadAllSkipping(const std::string& path, const VcfReaderOptions& options = {}) {
  ReadOutcome outcome;
  auto reader = VcfReader::Open(path, options);
  if (!reader.ok()) {
    outcome.stopped = reader.status();
    return outcome;
  }
  BcfRecord record;
  for (;;) {
    Result<bool> got = (*reader)->Read(record.record);
    if (!got.ok()) {
      if (got.status().code() != ErrorCode::kBadInput) {
        outcome.stopped = got.status();
        return outcome;
      }
      outcome.problems.push_back(got.status().message());
      continue;
    }
    if (!*got) return outcome;
    outcome.positions.push_back(record.record->pos + 1);
  }
}

std::string WithNul(std::string text) {
  for (char& c : text) {
    if (c == '@') c = '\0';
  }
  return text;
}

TEST(HostileVcf, NulBytesAreNamedByFieldNotSilentlyDroppedOrCrashing) {
  TempDir dir;
  struct Case {
    std::string line;
    std::string field;
  };
  // '@' stands for the NUL byte.
  const std::vector<Case> cases = {
      {"chr1@x\t7\t.\tA\tG\t50\tPASS\t.\tGT\t0/1", "CHROM"},
      {"chr1\t7\trs1@x\tA\tG\t50\tPASS\t.\tGT\t0/1", "ID"},
      {"chr1\t7\t.\tA\tG\t50\tPA@SS\t.\tGT\t0/1", "FILTER"},
      {"chr1\t7\t.\tA\tG\t50\tPASS\t.\tGT\t0/1@", "sample S1"},
  };
  for (const Case& c : cases) {
    std::string path = dir.File("nul.vcf");
    WriteFile(path, WithNul(std::string(kHeader) + "chr1\t5\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n" + c.line +
                            "\nchr1\t9\t.\tC\tT\t50\tPASS\t.\tGT\t0/1\n"));
    ReadOutcome outcome = ReadAllSkipping(path);
    EXPECT_TRUE(outcome.stopped.ok()) << outcome.stopped.message();
    EXPECT_EQ(outcome.positions, (std::vector<int64_t>{5, 9})) << c.field;
    ASSERT_EQ(outcome.problems.size(), 1u) << c.field;
    EXPECT_EQ(outcome.problems[0],
              path + ":6: " + c.field + ": contains a NUL byte (binary data in a text VCF?); expected text");
  }
  std::string header_path = dir.File("nul_header.vcf");
  WriteFile(header_path,
            WithNul("##fileformat=VCFv4.2\n##source=x@y\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"));
  ReadOutcome header = ReadAllSkipping(header_path);
  EXPECT_EQ(header.stopped.code(), ErrorCode::kBadInput);
  EXPECT_EQ(header.stopped.message(),
            header_path + ":2: header: contains a NUL byte (binary data in a text VCF?); expected text");
}

TEST(HostileVcf, AltEqualToRefIsAMalformedRecordInTextAndBcf) {
  TempDir dir;
  std::string path = dir.File("refalt.vcf");
  WriteFile(path, std::string(kHeader) + "chr1\t5\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n" +  // line 5
                      "chr1\t6\t.\tA\tA\t50\tPASS\t.\tGT\t0/1\n" +                     // ALT = REF
                      "chr1\t7\t.\tAT\tat\t50\tPASS\t.\tGT\t0/1\n" +                   // case differs
                      "chr1\t8\t.\tC\tT,C\t50\tPASS\t.\tGT\t1/2\n" +                   // second ALT = REF
                      "chr1\t9\t.\tC\tT,G,T\t50\tPASS\t.\tGT\t1/2\n" +                 // ALT twice
                      "chr1\t10\t.\tC\t.\t50\tPASS\t.\tGT\t0/0\n");                    // no ALT: fine
  ReadOutcome outcome = ReadAllSkipping(path);
  EXPECT_TRUE(outcome.stopped.ok()) << outcome.stopped.message();
  EXPECT_EQ(outcome.positions, (std::vector<int64_t>{5, 10}));
  const std::string same =
      " is the same as REF: not a variant (ALT lists non-reference alleles; '.' when there is none)";
  ASSERT_EQ(outcome.problems.size(), 4u);
  EXPECT_EQ(outcome.problems[0], path + ":6: ALT: ALT allele 'A'" + same);
  EXPECT_EQ(outcome.problems[1], path + ":7: ALT: ALT allele 'at'" + same);
  EXPECT_EQ(outcome.problems[2], path + ":8: ALT: ALT allele 'C'" + same);
  EXPECT_EQ(outcome.problems[3], path + ":9: ALT: ALT allele 'T' is listed twice");

  // BCF written by another tool does not pass the text checks: the same rule applies.
  std::string bcf_path = dir.File("refalt.bcf");
  {
    std::string good = dir.File("good.vcf");
    WriteFile(good, std::string(kHeader) + "chr1\t5\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\n" +
                        "chr1\t6\t.\tA\tC\t50\tPASS\t.\tGT\t0/1\n");
    auto reader = VcfReader::Open(good);
    ASSERT_TRUE(reader.ok());
    VcfWriterOptions options;
    options.type = VcfOutputType::kBcf;
    auto writer = VcfWriter::Open(bcf_path, (*reader)->header(), options);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    BcfRecord record;
    while (*(*reader)->Read(record.record)) {
      if (record.record->pos == 5) {
        const char* alleles[] = {"A", "A"};
        ASSERT_EQ(bcf_update_alleles((*reader)->header(), record.record, alleles, 2), 0);
      }
      ASSERT_TRUE((*writer)->Write(record.record).ok());
    }
    ASSERT_TRUE((*writer)->Close().ok());
  }
  ReadOutcome bcf = ReadAllSkipping(bcf_path);
  EXPECT_TRUE(bcf.stopped.ok()) << bcf.stopped.message();
  EXPECT_EQ(bcf.positions, (std::vector<int64_t>{5}));
  ASSERT_EQ(bcf.problems.size(), 1u);
  EXPECT_EQ(bcf.problems[0], bcf_path + ":2: ALT: ALT allele 'A'" + same);
}

TEST(HostileVcf, DuplicateContigHeaderLinesAreAnError) {
  TempDir dir;
  std::string path = dir.File("dup_contig.vcf");
  WriteFile(path,
            "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=100>\n##contig=<ID=chr2,length=50>\n"
            "##contig=<ID=chr1,length=200>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
  auto reader = VcfReader::Open(path);
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(reader.status().message(),
            path +
                ":4: header: contig 'chr1' is declared twice (##contig lines 2 and "
                "4); expected one ##contig line per contig");
}

// A bgzipped VCF of `records` records written by VcfWriter; returns its bytes.
std::string BgzippedVcf(const TempDir& dir, int records) {
  std::string text_path = dir.File("source.vcf");
  std::string body;
  for (int i = 1; i <= records; ++i) {
    body += "chr1\t" + std::to_string(i) + "\trs" + std::to_string(i) + "\tA\tG\t50\tPASS\t.\tGT\t0/1\n";
  }
  WriteFile(text_path, std::string(kHeader) + body);
  auto reader = VcfReader::Open(text_path);
  std::string out_path = dir.File("source.vcf.gz");
  VcfWriterOptions options;
  options.type = VcfOutputType::kVcfGz;
  options.command_line = "test";
  auto writer = VcfWriter::Open(out_path, (*reader)->header(), options);
  BcfRecord record;
  while (*(*reader)->Read(record.record)) EXPECT_TRUE((*writer)->Write(record.record).ok());
  EXPECT_TRUE((*writer)->Close().ok());
  return testing::ReadFile(out_path);
}

// Start offsets of the BGZF blocks in `bytes`.
std::vector<size_t> BlockOffsets(const std::string& bytes) {
  std::vector<size_t> offsets;
  for (size_t at = 0; at + 18 <= bytes.size();) {
    offsets.push_back(at);
    size_t block_size = static_cast<unsigned char>(bytes[at + 16]) |
                        (static_cast<size_t>(static_cast<unsigned char>(bytes[at + 17])) << 8);
    at += block_size + 1;
  }
  return offsets;
}

TEST(HostileVcf, TruncatedOrCorruptBgzipIsNamedNotCalledEmpty) {
  TempDir dir;
  std::string bytes = BgzippedVcf(dir, 50);
  std::string truncated = dir.File("truncated.vcf.gz");
  WriteFile(truncated, bytes.substr(0, 40));  // inside the first block
  ReadOutcome cut = ReadAllSkipping(truncated);
  EXPECT_EQ(cut.stopped.code(), ErrorCode::kIo);
  EXPECT_EQ(cut.stopped.message(),
            truncated +
                ": truncated or corrupt compressed file (decompression failed; the BGZF "
                "end-of-file marker is missing)");

  std::string corrupt = dir.File("corrupt.vcf.gz");
  std::string flipped = bytes;
  flipped[30] = static_cast<char>(flipped[30] ^ 0xff);  // deflate data of the first block
  WriteFile(corrupt, flipped);
  ReadOutcome bad = ReadAllSkipping(corrupt);
  EXPECT_EQ(bad.stopped.code(), ErrorCode::kIo);
  EXPECT_EQ(bad.stopped.message(), corrupt + ": truncated or corrupt compressed file (decompression failed)");

  std::string gzip_stub = dir.File("stub.vcf.gz");
  WriteFile(gzip_stub, bytes.substr(0, 2));  // just the gzip magic
  ReadOutcome stub = ReadAllSkipping(gzip_stub);
  EXPECT_EQ(stub.stopped.code(), ErrorCode::kIo) << stub.stopped.message();
  EXPECT_NE(stub.stopped.message().find("truncated or corrupt compressed file"), std::string::npos)
      << stub.stopped.message();

  // A real empty file is still called empty.
  std::string empty = dir.File("empty.vcf");
  WriteFile(empty, "");
  EXPECT_EQ(ReadAllSkipping(empty).stopped.message(),
            empty + ": file is empty; expected a VCF or BCF header");
}

// With a thread pool attached, htslib 1.16 can wait for ever in its EOF check on a corrupt file,
// and its threaded reader drops blocks when it cannot read one. Every attempt must end with an
// I/O error (a hang would hit ctest's timeout), never a clean but short read.
TEST(HostileVcf, CorruptBgzipReadWithThreadsFailsEveryTime) {
  TempDir dir;
  std::string bytes = BgzippedVcf(dir, 20000);
  std::vector<size_t> blocks = BlockOffsets(bytes);
  ASSERT_GE(blocks.size(), 6u);
  const size_t middle = blocks[blocks.size() / 2];
  struct Damage {
    std::string name;
    std::string bytes;
  };
  std::vector<Damage> damaged;
  damaged.push_back({"truncated", bytes.substr(0, middle + 100)});
  std::string bad_size = bytes;
  bad_size[middle + 16] = static_cast<char>(0xff);  // BSIZE beyond the end of the file
  bad_size[middle + 17] = static_cast<char>(0xff);
  damaged.push_back({"bad_size", bad_size});
  std::string bad_magic = bytes;
  bad_magic[middle] = 0;
  damaged.push_back({"bad_magic", bad_magic});
  std::string bad_data = bytes;
  bad_data[middle + 40] = static_cast<char>(bad_data[middle + 40] ^ 0xff);
  damaged.push_back({"bad_data", bad_data});
  HtsThreadPool pool(2);
  for (const Damage& d : damaged) {
    std::string path = dir.File(d.name + ".vcf.gz");
    WriteFile(path, d.bytes);
    for (int attempt = 0; attempt < 25; ++attempt) {
      Diagnostics diagnostics(5, [](const std::string&) {});
      ReadOutcome outcome = ReadAllSkipping(path, {pool.get(), &diagnostics});
      ASSERT_EQ(outcome.stopped.code(), ErrorCode::kIo)
          << d.name << " attempt " << attempt << ": read " << outcome.positions.size() << " records, "
          << outcome.stopped.message();
      EXPECT_NE(outcome.stopped.message().find("truncated or corrupt compressed file"), std::string::npos)
          << outcome.stopped.message();
      EXPECT_LT(outcome.positions.size(), 20000u);
    }
  }
  // The intact file reads completely with threads.
  std::string intact = dir.File("intact.vcf.gz");
  WriteFile(intact, bytes);
  ReadOutcome whole = ReadAllSkipping(intact, {pool.get(), nullptr});
  EXPECT_TRUE(whole.stopped.ok()) << whole.stopped.message();
  EXPECT_EQ(whole.positions.size(), 20000u);
}

class NormSortTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string chr1;
    for (int i = 0; i < 5000; ++i) chr1.push_back("ACGT"[(i * 7 + i / 3) % 4]);
    WriteFasta(dir_.File("ref.fa"), {{"chr1", chr1}, {"chr2", chr1}});
  }
  Result<NormalizeVcfStats> Norm(const std::string& body, int64_t window, RefCheck check = RefCheck::kError,
                                 Diagnostics* diagnostics = nullptr) {
    WriteFile(dir_.File("in.vcf"),
              "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=5000>\n"
              "##contig=<ID=chr2,length=5000>\n"
              "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" +
                  body);
    std::filesystem::remove(dir_.File("out.vcf"));
    NormalizeVcfOptions options;
    options.input = dir_.File("in.vcf");
    options.reference_fasta = dir_.File("ref.fa");
    options.output = dir_.File("out.vcf");
    options.sort_window = window;
    options.writer.command_line = "test";
    options.normalizer.ref_check = check;
    Diagnostics quiet(5, [](const std::string&) {});
    return NormalizeVcf(options, diagnostics != nullptr ? *diagnostics : quiet);
  }
  std::string Ref(int pos1) const {
    std::string chr1;
    for (int i = 0; i < 5000; ++i) chr1.push_back("ACGT"[(i * 7 + i / 3) % 4]);
    return chr1.substr(pos1 - 1, 1);
  }
  std::string Snv(const std::string& contig, int pos1) const {
    std::string ref = Ref(pos1);
    return contig + "\t" + std::to_string(pos1) + "\t.\t" + ref + "\t" + (ref == "A" ? "C" : "A") +
           "\t.\t.\t.\n";
  }
  TempDir dir_;
};

TEST_F(NormSortTest, RecordsBeyondTheWindowAreAnErrorNotUnsortedOutput) {
  // Within the window: re-sorted quietly.
  Result<NormalizeVcfStats> within = Norm(Snv("chr1", 900) + Snv("chr1", 400), 1000);
  ASSERT_TRUE(within.ok()) << within.status().message();
  EXPECT_EQ(within->records_out, 2);
  // 4500 releases 3000; then position 5 would be written after 3000.
  Result<NormalizeVcfStats> beyond = Norm(Snv("chr1", 3000) + Snv("chr1", 4500) + Snv("chr1", 5), 1000);
  ASSERT_FALSE(beyond.ok());
  EXPECT_EQ(beyond.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(
      beyond.status().message(),
      dir_.File("in.vcf") +
          ":7: POS: not sorted: this record, at chr1:5 after normalisation, would follow position 3000, "
          "further back than the re-sorting window of 1000 bases (--site-win); sort the input first "
          "(bcftools sort) or widen the window");
  EXPECT_FALSE(std::filesystem::exists(dir_.File("out.vcf")));
  // A wider window puts them in order.
  ASSERT_TRUE(Norm(Snv("chr1", 3000) + Snv("chr1", 4500) + Snv("chr1", 5), 5000).ok());
  // A contig that comes back.
  Result<NormalizeVcfStats> back = Norm(Snv("chr1", 10) + Snv("chr2", 10) + Snv("chr1", 20), 1000);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.status().message(), dir_.File("in.vcf") +
                                         ":7: CHROM: not sorted: records of contig chr1 are not together; "
                                         "sort the input first (bcftools sort)");
}

// norm -c s replaces a wrong REF with the reference's bases; when an ALT is those bases, the
// record would become ALT = REF: it is dropped and counted instead.
TEST_F(NormSortTest, SettingRefNeverMakesAltEqualRef) {
  const std::string ref = Ref(100);
  const std::string other = ref == "A" ? "C" : "A";
  std::vector<std::string> messages;
  Diagnostics diagnostics(5, [&](const std::string& m) { messages.push_back(m); });
  Result<NormalizeVcfStats> stats =
      Norm("chr1\t100\t.\t" + other + "\t" + ref + "\t.\t.\t.\n" + Snv("chr1", 200), 1000, RefCheck::kSet,
           &diagnostics);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  EXPECT_EQ(stats->records_in, 2);
  EXPECT_EQ(stats->records_out, 1);
  EXPECT_EQ(diagnostics.Count("REF mismatch (ALT is the reference: record dropped)"), 1);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], dir_.File("in.vcf") + ":5: REF: REF '" + other + "' does not match the reference '" +
                             ref + "' at chr1:100; ALT '" + ref +
                             "' is the reference base(s), so the record is dropped");
  std::string out = testing::ReadFile(dir_.File("out.vcf"));
  EXPECT_EQ(out.find("\t100\t"), std::string::npos);
  EXPECT_NE(out.find("\t200\t"), std::string::npos);
}

}  // namespace
}  // namespace zenome
