#include "core/atomic_file.h"

#include <unistd.h>

#include <filesystem>

namespace zenome {

std::string TemporaryPathFor(const std::string& path) {
  std::filesystem::path target(path);
  return (target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(getpid())))
      .string();
}

Status MoveIntoPlace(const std::string& temporary, const std::string& path) {
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) return Status::Io(path + ": cannot move the finished file into place: " + error.message());
  return Status::Ok();
}

}  // namespace zenome
