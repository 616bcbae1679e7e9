#include "core/status.h"

namespace zenome {

namespace {
struct ErrorCodeInfo {
  ErrorCode code;
  std::string_view name;
  int exit_code;
  int http_status;
};

// The one table of error codes: name, process exit status, HTTP status.
constexpr ErrorCodeInfo kErrorCodes[] = {
    {ErrorCode::kOk, "ok", 0, 200},
    {ErrorCode::kUsage, "usage", 2, 400},
    {ErrorCode::kBadInput, "bad input", 1, 400},
    {ErrorCode::kNotFound, "not found", 1, 404},
    {ErrorCode::kIo, "I/O error", 1, 500},
    {ErrorCode::kConflict, "conflict", 1, 409},
    {ErrorCode::kPermissionDenied, "permission denied", 1, 403},
    {ErrorCode::kUnsupported, "unsupported", 1, 501},
    {ErrorCode::kInternal, "internal error", 1, 500},
};

const ErrorCodeInfo& InfoFor(ErrorCode code) {
  for (const auto& info : kErrorCodes) {
    if (info.code == code) return info;
  }
  return kErrorCodes[sizeof(kErrorCodes) / sizeof(kErrorCodes[0]) - 1];
}
}  // namespace

std::string_view ErrorCodeName(ErrorCode code) {
  return InfoFor(code).name;
}
int ExitCodeFor(ErrorCode code) {
  return InfoFor(code).exit_code;
}
int HttpStatusFor(ErrorCode code) {
  return InfoFor(code).http_status;
}

std::string FormatLocation(const InputLocation& where) {
  std::string out = where.file.empty() ? std::string("<input>") : where.file;
  if (where.line > 0) out += ":" + std::to_string(where.line);
  if (!where.field.empty()) out += ": " + where.field;
  return out;
}

Status Status::BadInputAt(const InputLocation& where, std::string_view message) {
  return {ErrorCode::kBadInput, FormatLocation(where) + ": " + std::string(message)};
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(ErrorCodeName(code_)) + ": " + message_;
}

}  // namespace zenome
