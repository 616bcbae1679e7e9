#include "core/contig_alias.h"

#include <htslib/bgzf.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/contig_alias_internal.h"
#include "core/contig_names.h"
#include "core/text.h"
#include "core/utf8.h"

namespace zenome {

namespace internal {
std::atomic<const ContigAliases*> installed_contig_aliases{nullptr};
}  // namespace internal

namespace {

// An alias file lists a few hundred to a few thousand contigs (a few hundred kB); a file this
// large is something else, read no further.
constexpr size_t kMaxAliasFileBytes = kMaxLineBytes;

// What makes `name` unusable as a contig name, or "" when nothing does.
std::string NameProblem(std::string_view name) {
  for (size_t at = 0; at < name.size();) {
    const auto c = static_cast<unsigned char>(name[at]);
    if (c < 0x80) {
      if (c < 0x20 || c == 0x7f) {
        char code[8];
        std::snprintf(code, sizeof(code), "U+%04X", c);
        return std::string("control character ") + code + (c == 0 ? " (NUL)" : "") + " at byte " +
               std::to_string(at + 1) + " of the name; expected a contig name";
      }
      ++at;
      continue;
    }
    size_t length = Utf8SequenceLength(name, at);
    if (length == 0) {
      return "not valid UTF-8 at byte " + std::to_string(at + 1) + " of the name; expected a contig name";
    }
    at += length;
  }
  return "";
}

// The names on a line, split at runs of spaces and tabs.
std::vector<std::string_view> SplitNames(std::string_view line) {
  std::vector<std::string_view> names;
  size_t at = 0;
  while (at < line.size()) {
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) ++at;
    size_t end = at;
    while (end < line.size() && line[end] != ' ' && line[end] != '\t') ++end;
    if (end > at) names.push_back(line.substr(at, end - at));
    at = end;
  }
  return names;
}

std::string Quoted(std::string_view name) {
  return "'" + PercentEncodeUnsafe(name) + "'";
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : " ") + name;
  return out;
}

}  // namespace

const std::string* ContigAliases::KeyOf(const std::string& builtin_canonical) const {
  auto it = group_by_canonical_.find(builtin_canonical);
  return it == group_by_canonical_.end() ? nullptr : &groups_[it->second].key;
}

std::vector<std::string> ContigAliases::NamesOf(std::string_view any_name) const {
  auto it = group_by_canonical_.find(BuiltinCanonicalContigName(any_name));
  if (it == group_by_canonical_.end()) return {};
  return groups_[it->second].names;
}

Result<ContigAliases> ParseContigAliases(std::string_view text, const std::string& path) {
  ContigAliases aliases;
  aliases.path_ = path;
  int64_t line_number = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::vector<std::string_view> names = SplitNames(line);
    if (names.empty() || names[0].front() == '#') continue;
    auto at = [&](size_t field) {
      return InputLocation{path, line_number, "field " + std::to_string(field + 1)};
    };
    for (size_t field = 0; field < names.size(); ++field) {
      std::string problem = NameProblem(names[field]);
      if (!problem.empty()) return Status::BadInputAt(at(field), problem);
    }
    if (names.size() < 2) {
      return Status::BadInputAt(at(1), "missing: expected the alias of " + Quoted(names[0]) +
                                           " (two columns: a contig name and its alias, NC_000001.11 chr1)");
    }
    std::vector<std::string> canonical;
    canonical.reserve(names.size());
    for (std::string_view name : names) canonical.push_back(BuiltinCanonicalContigName(name));

    // The contig an earlier line gave one of these names, if any: every name must then be one of
    // its names (a repeated line), else the file gives a name two contigs.
    const size_t kNone = static_cast<size_t>(-1);
    size_t known = kNone;
    size_t known_field = 0;
    for (size_t field = 0; field < names.size() && known == kNone; ++field) {
      auto it = aliases.group_by_canonical_.find(canonical[field]);
      if (it != aliases.group_by_canonical_.end()) {
        known = it->second;
        known_field = field;
      }
    }
    if (known != kNone) {
      const ContigAliases::Group& group = aliases.groups_[known];
      for (size_t field = 0; field < names.size(); ++field) {
        auto it = aliases.group_by_canonical_.find(canonical[field]);
        if (it != aliases.group_by_canonical_.end() && it->second == known) continue;
        const std::string first = Quoted(names[known_field]) + " (field " + std::to_string(known_field + 1) +
                                  ") is a name of the contig of line " + std::to_string(group.line) + " (" +
                                  JoinNames(group.names) + ")";
        if (it != aliases.group_by_canonical_.end()) {
          const ContigAliases::Group& other = aliases.groups_[it->second];
          return Status::BadInputAt(at(field), Quoted(names[field]) + " is a name of the contig of line " +
                                                   std::to_string(other.line) + " (" +
                                                   JoinNames(other.names) + "), but " + first +
                                                   ": one line, one contig");
        }
        return Status::BadInputAt(at(field), Quoted(names[field]) + " is not a name on line " +
                                                 std::to_string(group.line) + ", but " + first +
                                                 ": a name on two lines must name the same contig; put "
                                                 "all names of a contig on one line");
      }
      continue;  // the same contig again
    }

    ContigAliases::Group group;
    group.line = line_number;
    size_t shortest = 0;
    for (size_t field = 0; field < names.size(); ++field) {
      if (canonical[field].size() < canonical[shortest].size()) shortest = field;
      std::string name(names[field]);
      if (std::find(group.names.begin(), group.names.end(), name) == group.names.end())
        group.names.push_back(std::move(name));
    }
    group.key = canonical[shortest];
    const size_t index = aliases.groups_.size();
    for (std::string& name : canonical) aliases.group_by_canonical_.emplace(std::move(name), index);
    aliases.groups_.push_back(std::move(group));
  }
  if (aliases.groups_.empty()) {
    return Status::BadInput(path +
                            ": no alias line; expected lines of two columns: a contig name and its alias "
                            "(NC_000001.11 chr1), '#' comments");
  }
  return aliases;
}

Result<ContigAliases> LoadContigAliases(const std::string& path) {
  // BGZF reads plain, gzip and bgzip files alike.
  BGZF* fp = bgzf_open(path.c_str(), "r");
  if (fp == nullptr) {
    return Status::NotFound(path + ": cannot open the contig alias file: " + std::strerror(errno));
  }
  std::string text;
  char buffer[64 * 1024];
  ssize_t got = 0;
  while ((got = bgzf_read(fp, buffer, sizeof(buffer))) > 0) {
    text.append(buffer, static_cast<size_t>(got));
    if (text.size() > kMaxAliasFileBytes) {
      bgzf_close(fp);
      return Status::BadInput(path + ": more than " + std::to_string(kMaxAliasFileBytes >> 20) +
                              " MiB: not a contig alias file");
    }
  }
  const bool broken = got < 0;
  bgzf_close(fp);
  if (broken) return Status::Io(path + ": read failed: the file is truncated or not valid gzip/bgzip");
  return ParseContigAliases(text, path);
}

namespace {
std::unique_ptr<const ContigAliases>& InstalledTable() {
  static std::unique_ptr<const ContigAliases> table;
  return table;
}
}  // namespace

void InstallContigAliases(ContigAliases aliases) {
  auto table = std::make_unique<const ContigAliases>(std::move(aliases));
  internal::installed_contig_aliases.store(table.get(), std::memory_order_release);
  InstalledTable() = std::move(table);
}

const ContigAliases* InstalledContigAliases() {
  return internal::installed_contig_aliases.load(std::memory_order_acquire);
}

ScopedContigAliases::ScopedContigAliases(ContigAliases aliases)
    : table_(std::make_unique<const ContigAliases>(std::move(aliases))),
      previous_(internal::installed_contig_aliases.load(std::memory_order_acquire)) {
  internal::installed_contig_aliases.store(table_.get(), std::memory_order_release);
}

ScopedContigAliases::~ScopedContigAliases() {
  internal::installed_contig_aliases.store(previous_, std::memory_order_release);
}

}  // namespace zenome
