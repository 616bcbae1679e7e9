#include "store/catalog/store_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace zenome {

Result<std::unique_ptr<StoreLock>> StoreLock::Acquire(const std::string& store_dir) {
  std::string path = store_dir + "/LOCK";
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::Io(path + ": cannot open the store lock (" + std::strerror(errno) + ")");
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    return Status::Conflict(store_dir +
                            ": another zenome process is writing to this store; try again when it ends");
  }
  return std::unique_ptr<StoreLock>(new StoreLock(fd));
}

StoreLock::~StoreLock() {
  flock(fd_, LOCK_UN);
  close(fd_);
}

}  // namespace zenome
