#include "core/fault_point.h"

#include <atomic>
#include <cstring>

namespace zenome {

namespace {
std::atomic<FaultHandler> g_handler{nullptr};
}  // namespace

void SetFaultHandler(FaultHandler handler) {
  g_handler.store(handler, std::memory_order_release);
}

void FaultPoint(const char* name) {
  FaultHandler handler = g_handler.load(std::memory_order_acquire);
  if (handler != nullptr) (void)handler(name, FaultKind::kStep);
}

Status WriteFault(const char* name, const std::string& path, const char* what) {
  FaultHandler handler = g_handler.load(std::memory_order_acquire);
  if (handler == nullptr) return Status::Ok();
  int error = handler(name, FaultKind::kWrite);
  if (error == 0) return Status::Ok();
  return Status::Io(path + ": " + what + ": " + std::strerror(error));
}

}  // namespace zenome
