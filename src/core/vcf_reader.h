#pragma once
// Streaming VCF/BCF reader over htslib (plain, bgzip or BCF; "-" is stdin). For VCF text it reads
// lines itself so every problem names the file, the line and the field, and checks each record's
// columns before htslib parses it.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/genome_build.h"
#include "core/status.h"

typedef struct bcf_hdr_t bcf_hdr_t;  // NOLINT(modernize-use-using): htslib's own spelling
typedef struct bcf1_t bcf1_t;        // NOLINT(modernize-use-using)
struct hts_tpool;

namespace zenome {

class Diagnostics;

struct VcfReaderOptions {
  hts_tpool* thread_pool = nullptr;    // BGZF decompression threads (shared, optional)
  Diagnostics* diagnostics = nullptr;  // where tolerated oddities (undeclared tags) are counted
};

// What checking one line teaches about the next ones of the same file: INFO keys found declared
// in the header, and the last FORMAT column found well formed and declared. A header only gains
// declarations while a file is read, so what was declared stays declared.
struct VcfLineCheckCache {
  std::vector<std::string> declared_info;
  std::string checked_format;
};

class VcfReader {
 public:
  static Result<std::unique_ptr<VcfReader>> Open(const std::string& path,
                                                 const VcfReaderOptions& options = {});
  ~VcfReader();
  VcfReader(const VcfReader&) = delete;
  VcfReader& operator=(const VcfReader&) = delete;

  // The path as given ("<stdin>" for "-").
  const std::string& path() const { return display_path_; }
  bcf_hdr_t* header() const { return header_; }
  bool is_bcf() const { return is_bcf_; }
  // 1-based line of the last record read (VCF), or its 1-based record number (BCF).
  int64_t line() const { return line_; }
  InputLocation Location(std::string_view field = {}) const;
  int samples() const;

  std::vector<ContigLength> HeaderContigs() const;
  // Declares contigs the header lacks (e.g. from the reference .fai), so records on them parse
  // cleanly and outputs carry complete ##contig lines.
  Status AddMissingContigs(const std::vector<ContigLength>& contigs);

  // Reads the next record into `record`. Returns true for a record and false at end of input.
  // BadInput: this record is malformed; its line is consumed and reading may continue.
  // Io: the stream itself is broken (truncated bgzip); stop reading.
  Result<bool> Read(bcf1_t* record);

 private:
  VcfReader() = default;
  Status ReadTextHeader();
  Result<bool> ReadText(bcf1_t* record);
  Result<bool> ReadBinary(bcf1_t* record);

  struct Handle;
  std::unique_ptr<Handle> handle_;
  bcf_hdr_t* header_ = nullptr;
  std::string display_path_;
  bool is_bcf_ = false;
  bool missing_eof_ = false;  // bgzip without its end-of-file marker: probably truncated
  int64_t line_ = 0;
  InputLocation where_;  // this file, line_ (set per record; no field)
  VcfLineCheckCache check_cache_;
  VcfReaderOptions options_;
};

// Checks one VCF data line (no trailing newline) against the header: column count, CHROM, POS,
// REF, ALT, QUAL, FILTER and INFO syntax. Undeclared contigs and tags are reported to
// `diagnostics` (when given), not treated as errors. `cache` (optional, one per file and header)
// saves looking the same keys up for every line. Exposed for tests and fuzzing.
Status ValidateVcfDataLine(std::string_view line, const bcf_hdr_t* header, const InputLocation& where,
                           Diagnostics* diagnostics, VcfLineCheckCache* cache = nullptr);

}  // namespace zenome
