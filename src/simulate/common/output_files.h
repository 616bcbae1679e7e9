#pragma once
// How the simulator writes its files. Each contig's share of a VCF is compressed by the worker that
// made it, as its own BGZF "part" file, recording every record's span and end offset; the parts
// are then concatenated in contig order behind the header (BGZF blocks concatenate as they are)
// and the tabix index is built from the recorded offsets, so nothing is decompressed or parsed
// again. Output is byte-identical whatever the number of threads, and every final file appears
// under its name only once complete (written to a temporary name, then renamed).

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

typedef struct BGZF BGZF;            // NOLINT(modernize-use-using): htslib's spelling
typedef struct hts_idx_t hts_idx_t;  // NOLINT(modernize-use-using)

namespace zenome::simulate {

struct IndexEntry {
  int64_t beg = 0;       // 0-based start
  int64_t end = 0;       // 0-based exclusive end (POS + length of REF)
  uint64_t voffset = 0;  // BGZF virtual offset just after the record
};

struct VcfPart {
  std::string path;
  std::vector<IndexEntry> entries;
};

class BgzfPartWriter {
 public:
  static Result<std::unique_ptr<BgzfPartWriter>> Create(const std::string& path);
  ~BgzfPartWriter();
  BgzfPartWriter(const BgzfPartWriter&) = delete;
  BgzfPartWriter& operator=(const BgzfPartWriter&) = delete;

  // One complete VCF line, newline included.
  Status Write(int64_t beg0, int64_t end0, std::string_view line);
  // Writes raw text that is not a record (the header part).
  Status WriteText(std::string_view text);
  // Flushes and closes; the part can then be appended to an assembler.
  Result<VcfPart> Finish();
  int64_t records() const { return static_cast<int64_t>(part_.entries.size()); }

 private:
  BgzfPartWriter() = default;
  BGZF* file_ = nullptr;
  VcfPart part_;
};

class IndexedVcfAssembler {
 public:
  // Starts `final_path` (bgzipped VCF) with `header` (complete header text, "#CHROM" line
  // included); `scratch_dir` holds the temporary header part.
  static Result<std::unique_ptr<IndexedVcfAssembler>> Create(const std::string& final_path,
                                                             const std::string& header,
                                                             const std::string& scratch_dir);
  ~IndexedVcfAssembler();  // without Finish(), removes the temporary outputs
  IndexedVcfAssembler(const IndexedVcfAssembler&) = delete;
  IndexedVcfAssembler& operator=(const IndexedVcfAssembler&) = delete;

  // Appends one contig's part (records of `contig` only, sorted) and deletes the part file.
  Status Append(const std::string& contig, const VcfPart& part);
  // Writes the end-of-file block and the .tbi, and renames both into place.
  Status Finish();
  int64_t records() const { return records_; }
  const std::string& path() const { return final_path_; }

 private:
  IndexedVcfAssembler() = default;
  Status CopyBlocks(const std::string& part_path, uint64_t& compressed_size);

  std::string final_path_;
  std::string temp_path_;
  std::string temp_index_path_;
  std::FILE* out_ = nullptr;
  uint64_t written_ = 0;  // compressed bytes so far
  hts_idx_t* index_ = nullptr;
  std::vector<std::string> index_names_;
  int64_t records_ = 0;
  bool finished_ = false;
};

// Writes `content` to `path` through a temporary file and a rename.
Status WriteFileAtomically(const std::string& path, std::string_view content);

// A text file written in pieces (FASTA, GFF3), renamed into place by Finish().
class AtomicTextFile {
 public:
  static Result<std::unique_ptr<AtomicTextFile>> Create(const std::string& path);
  ~AtomicTextFile();
  AtomicTextFile(const AtomicTextFile&) = delete;
  AtomicTextFile& operator=(const AtomicTextFile&) = delete;
  Status Write(std::string_view text);
  Status Finish();
  const std::string& path() const { return path_; }
  // The temporary file, for writers that fill it at known offsets (pwrite) from other threads.
  const std::string& temp_path() const { return temp_path_; }
  int64_t bytes() const { return bytes_; }

 private:
  AtomicTextFile() = default;
  std::string path_;
  std::string temp_path_;
  std::FILE* out_ = nullptr;
  int64_t bytes_ = 0;
  bool finished_ = false;
};

}  // namespace zenome::simulate
