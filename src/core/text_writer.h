#pragma once
// Line-oriented text output (TSV, JSON Lines): plain or BGZF-compressed, multi-threaded
// compression, and the same atomic temp-then-rename behaviour as VcfWriter.

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

struct hts_tpool;

namespace zenome {

class TextWriter {
 public:
  // "-" writes to stdout. bgzip: compress with BGZF at `level` (0-9); "name.gz" is then readable
  // by zcat and tabix.
  static Result<std::unique_ptr<TextWriter>> Open(const std::string& path, bool bgzip, hts_tpool* pool,
                                                  int level = 4);
  ~TextWriter();  // without Close(), removes the partial output
  TextWriter(const TextWriter&) = delete;
  TextWriter& operator=(const TextWriter&) = delete;

  Status Write(std::string_view text);
  Status Close();

 private:
  TextWriter() = default;
  struct Handle;
  std::unique_ptr<Handle> handle_;
  std::string path_;
  std::string temp_path_;
  bool closed_ = false;
};

}  // namespace zenome
