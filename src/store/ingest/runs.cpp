#include "store/ingest/runs.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "store/segment/io.h"

namespace zenome {

namespace {
constexpr size_t kRecordHeader = 16;

void PutU32(std::string& out, uint32_t value) {
  char bytes[4];
  std::memcpy(bytes, &value, 4);
  out.append(bytes, 4);
}
uint32_t GetU32(const char* data) {
  uint32_t value;
  std::memcpy(&value, data, 4);
  return value;
}
}  // namespace

Result<std::unique_ptr<RunWriter>> RunWriter::Create(const std::string& path) {
  std::unique_ptr<RunWriter> writer(new RunWriter());
  ZENOME_ASSIGN_OR_RETURN(writer->file_, SegmentFileWriter::Create(path));
  writer->path_ = path;
  return writer;
}

RunWriter::~RunWriter() = default;

Status RunWriter::Append(uint32_t pos0, std::string_view ref, std::string_view alt, std::string_view row) {
  record_.clear();
  PutU32(record_, pos0);
  PutU32(record_, static_cast<uint32_t>(ref.size()));
  PutU32(record_, static_cast<uint32_t>(alt.size()));
  PutU32(record_, static_cast<uint32_t>(row.size()));
  record_.append(ref);
  record_.append(alt);
  record_.append(row);
  return file_->Write(record_);
}

uint64_t RunWriter::offset() const {
  return file_->offset();
}

Status RunWriter::Close() {
  return file_->Close(/*sync=*/false);  // temporary: never part of a committed state
}

RunReader::RunReader(int fd, std::string path, uint64_t offset, uint64_t length, size_t buffer_size)
    : fd_(fd),
      path_(std::move(path)),
      next_offset_(offset),
      end_(offset + length),
      buffer_size_(buffer_size) {}

Status RunReader::Fill(size_t need) {
  if (filled_ - begin_ >= need) return Status::Ok();
  // Move what is left to the front, grow when one record is larger than the buffer.
  size_t left = filled_ - begin_;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, left);
    begin_ = 0;
    filled_ = left;
  }
  size_t want = std::max(buffer_size_, need);
  if (buffer_.size() < want) buffer_.resize(want);
  while (filled_ < need) {
    uint64_t remaining = end_ - next_offset_;
    if (remaining == 0) return Status::Io(path_ + ": temporary run truncated");
    size_t room = buffer_.size() - filled_;
    size_t ask = static_cast<size_t>(std::min<uint64_t>(room, remaining));
    ssize_t got = ::pread(fd_, buffer_.data() + filled_, ask, static_cast<off_t>(next_offset_));
    if (got < 0) {
      if (errno == EINTR) continue;
      return Status::Io(path_ + ": read failed: " + std::strerror(errno));
    }
    if (got == 0) return Status::Io(path_ + ": temporary run truncated");
    filled_ += static_cast<size_t>(got);
    next_offset_ += static_cast<uint64_t>(got);
  }
  return Status::Ok();
}

Result<bool> RunReader::Next() {
  if (filled_ == begin_ && next_offset_ == end_) return false;
  ZENOME_RETURN_IF_ERROR(Fill(kRecordHeader));
  const char* header = buffer_.data() + begin_;
  uint32_t pos0 = GetU32(header);
  size_t ref_length = GetU32(header + 4);
  size_t alt_length = GetU32(header + 8);
  size_t row_length = GetU32(header + 12);
  size_t total = kRecordHeader + ref_length + alt_length + row_length;
  ZENOME_RETURN_IF_ERROR(Fill(total));
  const char* data = buffer_.data() + begin_ + kRecordHeader;
  pos0_ = pos0;
  ref_ = std::string_view(data, ref_length);
  alt_ = std::string_view(data + ref_length, alt_length);
  row_ = std::string_view(data + ref_length + alt_length, row_length);
  begin_ += total;
  return true;
}

}  // namespace zenome
