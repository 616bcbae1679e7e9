// Contig alias files through LoadContigAliases, as every command's `--contig-alias FILE` reads it
// (plain, gzip or bgzip). Input: the file. An accepted file must give every name on a line the
// same key, that key must be the shortest builtin canonical name of the line's contig, and with
// the table installed CanonicalContigName must give each name that key.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/contig_alias.h"
#include "core/contig_names.h"
#include "fuzz_support.h"

namespace {

// The alias lines of a plain-text file, split as the format says (the oracle: written apart from
// the parser). Gzipped inputs are not split here.
std::vector<std::vector<std::string>> AliasLines(std::string_view text) {
  std::vector<std::vector<std::string>> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string> names;
    std::string name;
    for (char c : line) {
      if (c == ' ' || c == '\t') {
        if (!name.empty()) names.push_back(std::move(name));
        name.clear();
      } else {
        name += c;
      }
    }
    if (!name.empty()) names.push_back(std::move(name));
    if (names.empty() || names[0][0] == '#') continue;
    lines.push_back(std::move(names));
  }
  return lines;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  zenome::fuzz::SilenceHtslib();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace zenome;
  const std::string path = fuzz::WriteFile("aliases.txt", data, size);
  Result<ContigAliases> aliases = LoadContigAliases(path);
  if (!aliases.ok()) {
    fuzz::FailOnInternal(aliases.status());
    if (aliases.status().message().rfind(path, 0) != 0)
      fuzz::Fail("the error does not name the file: " + aliases.status().message());
    return 0;
  }
  if (aliases->contigs() == 0) fuzz::Fail("an accepted file with no contig");
  const bool gzipped = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
  if (gzipped) return 0;
  const std::vector<std::vector<std::string>> lines =
      AliasLines(std::string_view(reinterpret_cast<const char*>(data), size));
  if (lines.empty()) fuzz::Fail("accepted a file without alias lines");
  for (const auto& names : lines) {
    if (names.size() < 2) fuzz::Fail("accepted a line of one name: " + names[0]);
    const std::string* key = aliases->KeyOf(BuiltinCanonicalContigName(names[0]));
    if (key == nullptr) fuzz::Fail("no key for " + names[0]);
    for (const std::string& name : names) {
      const std::string* other = aliases->KeyOf(BuiltinCanonicalContigName(name));
      if (other == nullptr || *other != *key) fuzz::Fail("names of one line with different keys: " + name);
    }
    // The key is the shortest builtin canonical name of the contig's names.
    bool found = false;
    for (const std::string& name : aliases->NamesOf(names[0])) {
      const std::string canonical = BuiltinCanonicalContigName(name);
      if (canonical.size() < key->size()) fuzz::Fail("key " + *key + " is longer than " + canonical);
      found = found || canonical == *key;
    }
    if (!found) fuzz::Fail("key " + *key + " is no name's builtin canonical name");
  }
  const std::string first_key = *aliases->KeyOf(BuiltinCanonicalContigName(lines[0][0]));
  ScopedContigAliases scope(std::move(*aliases));
  for (const auto& names : lines) {
    const std::string key = CanonicalContigName(names[0]);
    for (const std::string& name : names) {
      if (CanonicalContigName(name) != key) fuzz::Fail("CanonicalContigName differs on one line: " + name);
    }
  }
  if (CanonicalContigName(lines[0][0]) != first_key) fuzz::Fail("CanonicalContigName is not the key");
  return 0;
}
