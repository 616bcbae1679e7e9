#pragma once
// File plumbing for segments: read-only memory maps, buffered writers that fsync, SHA-256 of a
// file, and fsync of a directory (so a rename is durable before the catalog commit refers to it).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "core/sha256.h"  // Sha256OfFile, Sha256Hex: what segments record
#include "core/status.h"

namespace zenome {

class MappedFile {
 public:
  // Maps the whole file read-only (an empty file maps to no bytes).
  static Result<std::unique_ptr<MappedFile>> Open(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  const std::string& path() const { return path_; }

 private:
  MappedFile() = default;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
  std::string path_;
};

// Writes a new file through a large buffer; Close() flushes and fsyncs it. Errors name the file.
class SegmentFileWriter {
 public:
  static Result<std::unique_ptr<SegmentFileWriter>> Create(const std::string& path);
  ~SegmentFileWriter();
  SegmentFileWriter(const SegmentFileWriter&) = delete;
  SegmentFileWriter& operator=(const SegmentFileWriter&) = delete;

  Status Write(const void* data, size_t size);
  Status Write(std::string_view bytes) { return Write(bytes.data(), bytes.size()); }
  // Overwrites bytes already written at `offset` (for headers filled in at the end).
  Status WriteAt(uint64_t offset, const void* data, size_t size);
  uint64_t offset() const { return offset_; }
  // `sync`: fsync before closing (segment files); temporary files skip it.
  Status Close(bool sync = true);
  const std::string& path() const { return path_; }

 private:
  SegmentFileWriter() = default;
  Status Flush();
  int fd_ = -1;
  std::string path_;
  std::string buffer_;
  uint64_t offset_ = 0;
};

// fsync of a directory, so that entries created or renamed in it survive a crash.
Status SyncDirectory(const std::string& path);
// Writes `content` to `path` and fsyncs it.
Status WriteFileDurably(const std::string& path, std::string_view content);
// Bytes of the regular files under `dir` (0 when it cannot be read).
uint64_t DirectoryBytes(const std::string& dir);

}  // namespace zenome
