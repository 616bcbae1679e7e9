#pragma once
// Ingest's intermediate "runs": the first pass turns each input file into sorted, normalised,
// biallelic records per contig, written to one temporary file per input under the staging
// directory; the second pass merges every file's run of a contig into the segment. Records are
// (pos0, REF, ALT, genotype row over the file's own samples, genotype_codec.h).

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace zenome {

class SegmentFileWriter;

class RunWriter {
 public:
  static Result<std::unique_ptr<RunWriter>> Create(const std::string& path);
  ~RunWriter();
  Status Append(uint32_t pos0, std::string_view ref, std::string_view alt, std::string_view row);
  uint64_t offset() const;
  Status Close();
  const std::string& path() const { return path_; }

 private:
  RunWriter() = default;
  std::unique_ptr<SegmentFileWriter> file_;
  std::string path_;
  std::string record_;
};

// Reads records from [offset, offset + length) of a run file through its own buffer (pread, so
// several readers may share one descriptor).
class RunReader {
 public:
  RunReader(int fd, std::string path, uint64_t offset, uint64_t length, size_t buffer_size = 64 * 1024);
  // Loads the next record; false at the end of the range.
  Result<bool> Next();
  uint32_t pos0() const { return pos0_; }
  std::string_view ref() const { return ref_; }
  std::string_view alt() const { return alt_; }
  std::string_view row() const { return row_; }

 private:
  Status Fill(size_t need);
  int fd_;
  std::string path_;
  uint64_t next_offset_;
  uint64_t end_;
  std::string buffer_;
  size_t begin_ = 0;  // unread bytes are buffer_[begin_, filled_)
  size_t filled_ = 0;
  size_t buffer_size_;
  uint32_t pos0_ = 0;
  std::string_view ref_, alt_, row_;
};

}  // namespace zenome
