#include "store/catalog/pseudonymizer.h"

#include <openssl/evp.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace zenome {

namespace {
constexpr size_t kMinKeyBytes = 16;
constexpr std::string_view kPrefix = "ZP-";
constexpr std::string_view kBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr size_t kPseudonymChars = 16;  // 80 bits
}  // namespace

Result<Pseudonymizer> Pseudonymizer::FromKey(std::string key) {
  if (key.size() < kMinKeyBytes) {
    return Status::Usage("the pseudonymisation key must be at least " + std::to_string(kMinKeyBytes) +
                         " bytes");
  }
  return Pseudonymizer(std::move(key));
}

Result<Pseudonymizer> Pseudonymizer::FromKeyFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot read the pseudonymisation key file");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string key = bytes.str();
  while (!key.empty() && (key.back() == '\n' || key.back() == '\r')) key.pop_back();
  if (key.size() < kMinKeyBytes) {
    return Status::BadInput(path + ": the pseudonymisation key must be at least " +
                            std::to_string(kMinKeyBytes) +
                            " bytes (e.g. head -c 32 /dev/urandom | base64 > " + path + ")");
  }
  return Pseudonymizer(std::move(key));
}

Result<Pseudonymizer> Pseudonymizer::FromOptionOrEnvironment(const std::string& key_file) {
  if (!key_file.empty()) return FromKeyFile(key_file);
  const char* from_environment = std::getenv("ZENOME_PSEUDONYM_KEY_FILE");
  if (from_environment != nullptr && *from_environment != '\0') return FromKeyFile(from_environment);
  return Status::Usage(
      "writing to the store needs the pseudonymisation key: --key-file FILE or "
      "ZENOME_PSEUDONYM_KEY_FILE=FILE (the key is kept outside the store)");
}

std::string Pseudonymizer::Pseudonym(std::string_view raw_id) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  size_t length = 0;
  EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key_.data(), key_.size(),
            reinterpret_cast<const unsigned char*>(raw_id.data()), raw_id.size(), digest, sizeof(digest),
            &length);
  std::string out(kPrefix);
  // Base32 of the first 80 bits: 16 characters of 5 bits each.
  uint64_t buffer = 0;
  int bits = 0;
  size_t byte = 0;
  while (out.size() < kPrefix.size() + kPseudonymChars) {
    if (bits < 5) {
      buffer = (buffer << 8) | digest[byte++];
      bits += 8;
    }
    out.push_back(kBase32[(buffer >> (bits - 5)) & 31]);
    bits -= 5;
  }
  return out;
}

bool Pseudonymizer::LooksLikePseudonym(std::string_view id) {
  if (id.size() != kPrefix.size() + kPseudonymChars || id.substr(0, kPrefix.size()) != kPrefix) return false;
  for (char c : id.substr(kPrefix.size())) {
    if (kBase32.find(c) == std::string_view::npos) return false;
  }
  return true;
}

}  // namespace zenome
