#pragma once
// Line-at-a-time reading of knowledge-base text files, plain, gzip or bgzip (htslib BGZF reads all
// three; "-" is stdin). Lines come back as views into an internal buffer, valid until the next
// call, without the trailing "\n" or "\r\n", so parsers can tokenize without copying.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace zenome {

class LineReader {
 public:
  // NotFound when the file cannot be opened; Io when a bgzip file lacks its end-of-file marker
  // (it was cut short at a block boundary).
  static Result<std::unique_ptr<LineReader>> Open(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  // The next line into `line`: true for a line, false at end of input. Io when the stream is
  // broken (truncated or corrupt gzip).
  Result<bool> Next(std::string_view& line);

  const std::string& path() const { return path_; }
  // 1-based number of the line last returned.
  int64_t line_number() const { return line_number_; }
  bool compressed() const { return compressed_; }

 private:
  LineReader() = default;
  Status Refill();

  struct Handle;
  std::unique_ptr<Handle> handle_;
  std::string path_;
  std::string buffer_;
  size_t begin_ = 0;  // start of unread data in buffer_
  size_t end_ = 0;    // end of valid data in buffer_
  bool eof_ = false;
  bool compressed_ = false;
  int64_t line_number_ = 0;
};

}  // namespace zenome
