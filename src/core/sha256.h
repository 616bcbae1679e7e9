#pragma once
// SHA-256 as lower-case hex (OpenSSL's libcrypto): what the store records for its files and for the
// layer files it imported, so that damage and repeated imports are noticed.

#include <string>
#include <string_view>

#include "core/status.h"

namespace zenome {

// Io error naming the file when it cannot be opened or read (NotFound when it does not exist).
Result<std::string> Sha256OfFile(const std::string& path);
std::string Sha256Hex(std::string_view bytes);

}  // namespace zenome
