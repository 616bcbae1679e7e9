#include "kb/line_reader.h"

#include <htslib/bgzf.h>

#include <cstring>

namespace zenome {

namespace {
constexpr size_t kBufferSize = size_t{1} << 20;
}  // namespace

struct LineReader::Handle {
  BGZF* fp = nullptr;
  ~Handle() {
    if (fp != nullptr) bgzf_close(fp);
  }
};

LineReader::~LineReader() = default;

Result<std::unique_ptr<LineReader>> LineReader::Open(const std::string& path) {
  std::unique_ptr<LineReader> reader(new LineReader());
  reader->path_ = path == "-" ? "<stdin>" : path;
  reader->handle_ = std::make_unique<Handle>();
  reader->handle_->fp = bgzf_open(path.c_str(), "r");
  if (reader->handle_->fp == nullptr) {
    return Status::NotFound(reader->path_ + ": cannot open file: " + std::strerror(errno));
  }
  BGZF* fp = reader->handle_->fp;
  reader->compressed_ = fp->is_compressed != 0;
  // A BGZF file (not plain gzip) ends with an empty block; without it the file was cut short
  // exactly at a block boundary and every block we can read would decode cleanly.
  if (fp->is_compressed && !fp->is_gzip && path != "-" && bgzf_check_EOF(fp) == 0) {
    return Status::Io(reader->path_ +
                      ": bgzip end-of-file marker missing: the file is truncated (download it again)");
  }
  reader->buffer_.resize(kBufferSize);
  return reader;
}

Status LineReader::Refill() {
  // Keep the unread tail, then read more after it; grow when one line fills the whole buffer.
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
  ssize_t got = bgzf_read(handle_->fp, buffer_.data() + end_, buffer_.size() - end_);
  if (got < 0) {
    return Status::Io(path_ + ": read failed after line " + std::to_string(line_number_) +
                      ": the file is truncated or not valid gzip/bgzip");
  }
  if (got == 0) eof_ = true;
  end_ += static_cast<size_t>(got);
  return Status::Ok();
}

Result<bool> LineReader::Next(std::string_view& line) {
  size_t scanned = begin_;
  for (;;) {
    const char* start = buffer_.data() + scanned;
    const void* newline = std::memchr(start, '\n', end_ - scanned);
    if (newline != nullptr) {
      size_t stop = static_cast<size_t>(static_cast<const char*>(newline) - buffer_.data());
      size_t length = stop - begin_;
      if (length > 0 && buffer_[stop - 1] == '\r') --length;
      line = std::string_view(buffer_.data() + begin_, length);
      begin_ = stop + 1;
      ++line_number_;
      return true;
    }
    if (eof_) {
      if (begin_ == end_) return false;
      size_t length = end_ - begin_;  // last line without a newline
      if (buffer_[end_ - 1] == '\r') --length;
      line = std::string_view(buffer_.data() + begin_, length);
      begin_ = end_;
      ++line_number_;
      return true;
    }
    size_t already = end_ - begin_;
    ZENOME_RETURN_IF_ERROR(Refill());
    scanned = begin_ + already;
  }
}

}  // namespace zenome
