#include "store/segment/io.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/fault_point.h"

namespace zenome {

namespace {
constexpr size_t kWriteBuffer = 1 << 20;

Status ErrnoStatus(const std::string& path, std::string_view what) {
  return Status::Io(path + ": " + std::string(what) + ": " + std::strerror(errno));
}

}  // namespace

Result<std::unique_ptr<MappedFile>> MappedFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(path, "cannot open");
  struct stat info;
  if (fstat(fd, &info) != 0) {
    Status error = ErrnoStatus(path, "cannot stat");
    ::close(fd);
    return error;
  }
  std::unique_ptr<MappedFile> file(new MappedFile());
  file->path_ = path;
  file->size_ = static_cast<size_t>(info.st_size);
  if (file->size_ > 0) {
    void* mapped = mmap(nullptr, file->size_, PROT_READ, MAP_SHARED, fd, 0);
    if (mapped == MAP_FAILED) {
      Status error = ErrnoStatus(path, "cannot map");
      ::close(fd);
      return error;
    }
    file->data_ = static_cast<const uint8_t*>(mapped);
  }
  ::close(fd);
  return file;
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) munmap(const_cast<uint8_t*>(data_), size_);
}

Result<std::unique_ptr<SegmentFileWriter>> SegmentFileWriter::Create(const std::string& path) {
  ZENOME_RETURN_IF_ERROR(WriteFault("file.create", path, "cannot create"));
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus(path, "cannot create");
  std::unique_ptr<SegmentFileWriter> writer(new SegmentFileWriter());
  writer->fd_ = fd;
  writer->path_ = path;
  writer->buffer_.reserve(kWriteBuffer);
  return writer;
}

SegmentFileWriter::~SegmentFileWriter() {
  if (fd_ >= 0) ::close(fd_);
}

Status SegmentFileWriter::Flush() {
  const char* data = buffer_.data();
  size_t left = buffer_.size();
  if (left > 0) ZENOME_RETURN_IF_ERROR(WriteFault("file.write", path_, "write failed"));
  while (left > 0) {
    ssize_t written = ::write(fd_, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(path_, "write failed");
    }
    data += written;
    left -= static_cast<size_t>(written);
  }
  buffer_.clear();
  return Status::Ok();
}

Status SegmentFileWriter::Write(const void* data, size_t size) {
  if (buffer_.size() + size > kWriteBuffer) ZENOME_RETURN_IF_ERROR(Flush());
  if (size >= kWriteBuffer) {
    buffer_.assign(static_cast<const char*>(data), size);
    ZENOME_RETURN_IF_ERROR(Flush());
  } else {
    buffer_.append(static_cast<const char*>(data), size);
  }
  offset_ += size;
  return Status::Ok();
}

Status SegmentFileWriter::WriteAt(uint64_t offset, const void* data, size_t size) {
  ZENOME_RETURN_IF_ERROR(Flush());
  ZENOME_RETURN_IF_ERROR(WriteFault("file.write", path_, "write failed"));
  const char* bytes = static_cast<const char*>(data);
  while (size > 0) {
    ssize_t written = ::pwrite(fd_, bytes, size, static_cast<off_t>(offset));
    if (written < 0) {
      if (errno == EINTR) continue;
      return ErrnoStatus(path_, "write failed");
    }
    bytes += written;
    size -= static_cast<size_t>(written);
    offset += static_cast<uint64_t>(written);
  }
  return Status::Ok();
}

Status SegmentFileWriter::Close(bool sync) {
  ZENOME_RETURN_IF_ERROR(Flush());
  if (sync) ZENOME_RETURN_IF_ERROR(WriteFault("file.fsync", path_, "fsync failed"));
  if (sync && ::fsync(fd_) != 0) return ErrnoStatus(path_, "fsync failed");
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return ErrnoStatus(path_, "close failed");
  return Status::Ok();
}

Status SyncDirectory(const std::string& path) {
  ZENOME_RETURN_IF_ERROR(WriteFault("dir.fsync", path, "fsync of directory failed"));
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(path, "cannot open directory");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return ErrnoStatus(path, "fsync of directory failed");
  return Status::Ok();
}

Status WriteFileDurably(const std::string& path, std::string_view content) {
  ZENOME_ASSIGN_OR_RETURN(auto writer, SegmentFileWriter::Create(path));
  ZENOME_RETURN_IF_ERROR(writer->Write(content));
  return writer->Close();
}

uint64_t DirectoryBytes(const std::string& dir) {
  uint64_t bytes = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, error)) {
    if (entry.is_regular_file(error)) bytes += entry.file_size(error);
  }
  return bytes;
}

}  // namespace zenome
