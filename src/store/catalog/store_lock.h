#pragma once
// One writer per store: an exclusive flock() on DIR/LOCK, released when the process ends (so a
// killed writer never leaves the store locked). Readers do not take it.

#include <memory>
#include <string>

#include "core/status.h"

namespace zenome {

class StoreLock {
 public:
  // Fails with Conflict when another process holds the lock.
  static Result<std::unique_ptr<StoreLock>> Acquire(const std::string& store_dir);
  ~StoreLock();
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;

 private:
  explicit StoreLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace zenome
