#include "core/text_writer.h"

#include "core/atomic_file.h"

#include <htslib/bgzf.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace zenome {

struct TextWriter::Handle {
  BGZF* file = nullptr;
};

TextWriter::~TextWriter() {
  if (closed_ || handle_ == nullptr) return;
  if (handle_->file != nullptr) bgzf_close(handle_->file);
  if (!temp_path_.empty()) std::remove(temp_path_.c_str());
}

Result<std::unique_ptr<TextWriter>> TextWriter::Open(const std::string& path, bool bgzip, hts_tpool* pool,
                                                     int level) {
  std::unique_ptr<TextWriter> writer(new TextWriter());
  writer->handle_ = std::make_unique<Handle>();
  writer->path_ = path;
  std::string open_path = path;
  if (path != "-") {
    writer->temp_path_ = TemporaryPathFor(path);
    open_path = writer->temp_path_;
  }
  writer->handle_->file = bgzf_open(open_path.c_str(), bgzip ? ("w" + std::to_string(level)).c_str() : "wu");
  if (writer->handle_->file == nullptr) {
    return Status::Io(path + ": cannot create output file (" + std::strerror(errno) + ")");
  }
  if (bgzip && pool != nullptr) bgzf_thread_pool(writer->handle_->file, pool, 0);
  return writer;
}

Status TextWriter::Write(std::string_view text) {
  if (text.empty()) return Status::Ok();
  if (bgzf_write(handle_->file, text.data(), text.size()) < 0) {
    return Status::Io(path_ + ": write failed (disk full?)");
  }
  return Status::Ok();
}

Status TextWriter::Close() {
  if (closed_) return Status::Ok();
  int ret = bgzf_close(handle_->file);
  handle_->file = nullptr;
  if (ret < 0) return Status::Io(path_ + ": error closing the output (disk full?)");
  if (!temp_path_.empty()) ZENOME_RETURN_IF_ERROR(MoveIntoPlace(temp_path_, path_));
  closed_ = true;
  return Status::Ok();
}

}  // namespace zenome
