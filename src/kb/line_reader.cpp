#include "kb/line_reader.h"

#include <htslib/bgzf.h>

#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "core/text.h"

namespace zenome {

namespace {
constexpr size_t kBufferSize = size_t{1} << 20;
constexpr size_t kChunkSize = size_t{4} << 20;  // decompressed bytes per hand-over
// Room before a chunk's data for the unfinished line of the previous one, so a chunk becomes
// the line buffer without copying it.
constexpr size_t kHeadroom = size_t{64} << 10;
constexpr int kMaxChunks = 3;  // in flight between the threads
}  // namespace

// For compressed input a background thread decompresses ahead into a few chunks, so inflating
// (about a third of the time for a gzipped GENCODE file) overlaps the caller's parsing.
struct LineReader::Handle {
  BGZF* fp = nullptr;
  std::thread worker;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::string> ready;   // filled chunks, in file order
  std::vector<std::string> spare;  // consumed chunks, for reuse
  int chunks = 0;                  // chunks allocated so far
  bool finished = false;           // the worker hit the end of the stream or an error
  bool failed = false;
  bool stopping = false;

  void Run() {
    for (;;) {
      std::string chunk;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return stopping || !spare.empty() || chunks < kMaxChunks; });
        if (stopping) return;
        if (!spare.empty()) {
          chunk = std::move(spare.back());
          spare.pop_back();
        } else {
          ++chunks;
        }
      }
      chunk.resize(kHeadroom + kChunkSize);
      char* data = chunk.data() + kHeadroom;
      size_t filled = 0;
      ssize_t got = 0;
      while (filled < kChunkSize && (got = bgzf_read(fp, data + filled, kChunkSize - filled)) > 0) {
        filled += static_cast<size_t>(got);
      }
      chunk.resize(kHeadroom + filled);
      std::lock_guard<std::mutex> lock(mutex);
      if (filled > 0) ready.push_back(std::move(chunk));
      if (got <= 0) {  // end of stream (0) or a broken one (< 0)
        failed = got < 0;
        finished = true;
      }
      changed.notify_all();
      if (finished) return;
    }
  }

  ~Handle() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
    }
    changed.notify_all();
    if (worker.joinable()) worker.join();
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
  if (reader->compressed_) {
    Handle* handle = reader->handle_.get();
    handle->worker = std::thread([handle] { handle->Run(); });
  }
  return reader;
}

Status LineReader::Refill() {
  auto broken = [&] {
    return Status::Io(path_ + ": read failed after line " + std::to_string(line_number_) +
                      ": the file is truncated or not valid gzip/bgzip");
  };
  const size_t tail = end_ - begin_;  // the unfinished line
  if (!compressed_) {
    // Keep the tail, then read after it; grow when one line fills the whole buffer.
    std::memmove(buffer_.data(), buffer_.data() + begin_, tail);
    begin_ = 0;
    end_ = tail;
    if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    ssize_t got = bgzf_read(handle_->fp, buffer_.data() + end_, buffer_.size() - end_);
    if (got < 0) return broken();
    if (got == 0) eof_ = true;
    end_ += static_cast<size_t>(got);
    return Status::Ok();
  }
  std::string chunk;
  {
    std::unique_lock<std::mutex> lock(handle_->mutex);
    handle_->changed.wait(lock, [&] { return !handle_->ready.empty() || handle_->finished; });
    if (handle_->ready.empty()) {
      if (handle_->failed) return broken();
      eof_ = true;
      return Status::Ok();
    }
    chunk = std::move(handle_->ready.front());
    handle_->ready.pop_front();
  }
  const size_t n = chunk.size() - kHeadroom;
  if (tail <= kHeadroom) {
    // The chunk becomes the buffer, the tail copied into its headroom.
    std::memcpy(chunk.data() + kHeadroom - tail, buffer_.data() + begin_, tail);
    buffer_.swap(chunk);
    begin_ = kHeadroom - tail;
    end_ = kHeadroom + n;
  } else {
    // A line longer than the headroom: append the chunk after it.
    std::memmove(buffer_.data(), buffer_.data() + begin_, tail);
    begin_ = 0;
    end_ = tail;
    if (buffer_.size() < end_ + n) buffer_.resize(std::max(buffer_.size() * 2, end_ + n));
    std::memcpy(buffer_.data() + end_, chunk.data() + kHeadroom, n);
    end_ += n;
  }
  {
    std::lock_guard<std::mutex> lock(handle_->mutex);
    handle_->spare.push_back(std::move(chunk));
  }
  handle_->changed.notify_all();
  return Status::Ok();
}

Result<bool> LineReader::Next(std::string_view& line) {
  size_t scanned = begin_;
  auto too_long = [this] {
    return Status::BadInputAt({path_, line_number_ + 1, "line"},
                              "longer than " + std::to_string(kMaxLineBytes >> 20) +
                                  " MiB without a line break (not a text file?)");
  };
  for (;;) {
    const char* start = buffer_.data() + scanned;
    const void* newline = std::memchr(start, '\n', end_ - scanned);
    if (newline != nullptr) {
      size_t stop = static_cast<size_t>(static_cast<const char*>(newline) - buffer_.data());
      size_t length = stop - begin_;
      if (length > kMaxLineBytes) return too_long();
      if (length > 0 && buffer_[stop - 1] == '\r') --length;
      line = std::string_view(buffer_.data() + begin_, length);
      begin_ = stop + 1;
      ++line_number_;
      return true;
    }
    if (eof_) {
      if (begin_ == end_) return false;
      size_t length = end_ - begin_;  // last line without a newline
      if (length > kMaxLineBytes) return too_long();
      if (buffer_[end_ - 1] == '\r') --length;
      line = std::string_view(buffer_.data() + begin_, length);
      begin_ = end_;
      ++line_number_;
      return true;
    }
    size_t already = end_ - begin_;
    if (already > kMaxLineBytes) return too_long();  // before reading more of it
    ZENOME_RETURN_IF_ERROR(Refill());
    scanned = begin_ + already;
  }
}

}  // namespace zenome
