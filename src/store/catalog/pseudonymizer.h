#pragma once
// Participant identifiers are replaced at the store boundary by keyed-hash pseudonyms:
// HMAC-SHA256(key, raw id) → "ZP-" + 16 base32 characters (80 bits). The same key always gives
// the same pseudonym, so layers imported at different times join up; without the key nobody can
// recompute or test a guess. The key is kept outside the store.

#include <string>
#include <string_view>

#include "core/status.h"

namespace zenome {

class Pseudonymizer {
 public:
  // Reads the key from a file (at least 16 bytes; a trailing newline is ignored). The error never
  // echoes the key.
  static Result<Pseudonymizer> FromKeyFile(const std::string& path);
  // `--key-file` when given, else the file named by ZENOME_PSEUDONYM_KEY_FILE; Usage error when
  // neither is set.
  static Result<Pseudonymizer> FromOptionOrEnvironment(const std::string& key_file);
  static Result<Pseudonymizer> FromKey(std::string key);

  std::string Pseudonym(std::string_view raw_id) const;
  // True for strings shaped like a pseudonym (so already-pseudonymised inputs are not hashed twice).
  static bool LooksLikePseudonym(std::string_view id);

 private:
  explicit Pseudonymizer(std::string key) : key_(std::move(key)) {}
  std::string key_;
};

}  // namespace zenome
