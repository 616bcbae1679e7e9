#pragma once
// Errors as values. Expected failures (a malformed line, an unknown contig, a missing field)
// travel as Status / Result<T>; exceptions (ZenomeError) only end an operation and are caught at
// the CLI main, the HTTP handler and in tests. One table maps codes to exit codes and HTTP statuses.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace zenome {

enum class ErrorCode {
  kOk,
  kUsage,             // bad command line
  kBadInput,          // malformed or inconsistent input data
  kNotFound,          // a named file, contig, sample or record does not exist
  kIo,                // reading or writing failed (truncated file, disk full)
  kConflict,          // the operation contradicts stored state (e.g. build mismatch)
  kPermissionDenied,  // access control refused the operation
  kUnsupported,       // valid input that this version cannot handle
  kInternal,          // a bug: an invariant did not hold
};

std::string_view ErrorCodeName(ErrorCode code);
// Process exit status: 0 ok, 2 usage, 1 everything else (bad input, I/O, ...).
int ExitCodeFor(ErrorCode code);
int HttpStatusFor(ErrorCode code);

// Where in an input a problem was found. Line is 1-based; 0 means "not line-oriented".
struct InputLocation {
  std::string file;
  int64_t line = 0;
  std::string field;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }
  static Status Usage(std::string message) { return {ErrorCode::kUsage, std::move(message)}; }
  static Status BadInput(std::string message) { return {ErrorCode::kBadInput, std::move(message)}; }
  // "FILE:LINE: FIELD: message" — the shape every input error takes.
  static Status BadInputAt(const InputLocation& where, std::string_view message);
  static Status NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
  static Status Io(std::string message) { return {ErrorCode::kIo, std::move(message)}; }
  static Status Conflict(std::string message) { return {ErrorCode::kConflict, std::move(message)}; }
  static Status Unsupported(std::string message) { return {ErrorCode::kUnsupported, std::move(message)}; }
  static Status Internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

std::string FormatLocation(const InputLocation& where);

// Thrown only to end an operation; carries the Status that explains why.
class ZenomeError : public std::runtime_error {
 public:
  explicit ZenomeError(Status status) : std::runtime_error(status.message()), status_(std::move(status)) {}
  const Status& status() const { return status_; }

 private:
  Status status_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(data_).ok()) data_ = Status::Internal("Result constructed from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(data_);
  }
  T& value() & { return Get(); }
  const T& value() const& { return const_cast<Result*>(this)->Get(); }
  T&& value() && { return std::move(Get()); }
  T* operator->() { return &Get(); }
  const T* operator->() const { return &const_cast<Result*>(this)->Get(); }
  T& operator*() & { return Get(); }
  const T& operator*() const& { return const_cast<Result*>(this)->Get(); }

 private:
  T& Get() {
    if (!ok()) throw ZenomeError(std::get<Status>(data_));
    return std::get<T>(data_);
  }
  std::variant<T, Status> data_;
};

// Throws ZenomeError when status is not OK; for the boundaries where failure ends the operation.
inline void ThrowIfError(const Status& status) {
  if (!status.ok()) throw ZenomeError(status);
}
template <typename T>
T ValueOrThrow(Result<T>&& result) {
  return std::move(result).value();
}

}  // namespace zenome

#define ZENOME_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::zenome::Status zenome_status_ = (expr);        \
    if (!zenome_status_.ok()) return zenome_status_; \
  } while (0)

#define ZENOME_CONCAT_INNER(a, b) a##b
#define ZENOME_CONCAT(a, b) ZENOME_CONCAT_INNER(a, b)
#define ZENOME_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()
// ZENOME_ASSIGN_OR_RETURN(auto x, MakeX()); returns the error Status if MakeX() failed.
#define ZENOME_ASSIGN_OR_RETURN(lhs, expr) \
  ZENOME_ASSIGN_OR_RETURN_IMPL(ZENOME_CONCAT(zenome_result_, __LINE__), lhs, expr)
