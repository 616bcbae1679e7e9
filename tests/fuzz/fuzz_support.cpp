#include "fuzz_support.h"

#include <htslib/faidx.h>
#include <htslib/hts.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/record_normalizer.h"
#include "core/vcf_reader.h"

namespace zenome::fuzz {

namespace fs = std::filesystem;

const std::string& TempDir() {
  // Never destroyed: the exit handler below still needs it after static destructors have run.
  static const std::string* dir = [] {
    const char* base = std::getenv("TMPDIR");
    std::string pattern =
        std::string(base != nullptr && *base != '\0' ? base : "/tmp") + "/zenome-fuzz-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) Fail("cannot create a scratch directory from " + pattern);
    return new std::string(pattern);
  }();
  static const bool cleanup_registered = [] {
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(*dir, ignored);
    });
    return true;
  }();
  (void)cleanup_registered;
  return *dir;
}

std::string WriteFile(std::string_view name, std::string_view bytes) {
  std::string path = TempDir() + "/" + std::string(name);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) Fail("cannot write " + path);
  return path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string CopyTestData(std::string_view relative) {
  fs::path from = fs::path(ZENOME_TEST_DATA_DIR) / relative;
  fs::path to = fs::path(TempDir()) / from.filename();
  std::error_code error;
  fs::copy_file(from, to, fs::copy_options::overwrite_existing, error);
  if (error) Fail("cannot copy " + from.string() + ": " + error.message());
  return to.string();
}

const std::string& SmallReference() {
  static const std::string path = [] {
    std::string fasta = WriteFile("small_reference.fa",
                                  ">chr1 test contig\n"
                                  "ACGTACGTAAAAAAAAAACGCGCGCGTTTAGCTAGCTAGGGATCCAATTGGCCAACGTTGCA\n"
                                  "TTTTTTTTTGACGACGACGACTGATCGATCGGGGGGGCCCCCATATATATATATGCATGCAA\n"
                                  "CAGCAGCAGCAGTT\n"
                                  ">chr2\n"
                                  "NNNNACGTTTTTGGGGCCCCAAAATTTTACACACACACGTGTGTGTGTAACCGGTTAACCGG\n"
                                  "ACGT\n"
                                  ">chrM\n"
                                  "GATCACAGGTCTATCACCCTATTAACCAC\n");
    if (fai_build(fasta.c_str()) != 0) Fail("cannot index " + fasta);
    return fasta;
  }();
  return path;
}

void CheckOutputReadsBack(const std::string& path, int64_t expected, std::string_view tool) {
  const std::string name(tool);
  Diagnostics diagnostics = QuietDiagnostics();
  Result<std::unique_ptr<VcfReader>> reader = VcfReader::Open(path, {nullptr, &diagnostics});
  if (!reader.ok()) Fail(name + "'s output does not open: " + reader.status().message());
  BcfRecordPtr record = NewBcfRecord();
  int64_t records = 0;
  for (;;) {
    Result<bool> got = (*reader)->Read(record.get());
    if (!got.ok()) Fail(name + "'s output does not read back: " + got.status().message());
    if (!*got) break;
    ++records;
  }
  if (records != expected) {
    Fail(name + " wrote " + std::to_string(expected) + " records, " + std::to_string(records) + " read back");
  }
}

Diagnostics QuietDiagnostics() {
  return Diagnostics(0, [](const std::string&) {});
}

void SilenceHtslib() {
  hts_set_log_level(HTS_LOG_OFF);
}

void Fail(const std::string& message) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", message.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace zenome::fuzz
