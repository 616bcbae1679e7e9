#pragma once
// Small text helpers every folder needs, written once: ASCII case (identifiers, codes and file
// extensions are ASCII; the locale never matters), trimming, and splitting user-typed lists.
// Prefix and suffix tests are std::string_view's starts_with/ends_with.

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace zenome {

std::string AsciiLower(std::string_view text);
std::string AsciiUpper(std::string_view text);
bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix);

// Without leading and trailing spaces, tabs and carriage returns.
std::string_view TrimBlanks(std::string_view text);

// "a, b,,c" → {"a", "b", "c"}: items split at `separator`, trimmed, empty ones dropped — the one
// rule for every list a user types (--populations eas,eur) or a file cell holds (HP:1;HP:2).
std::vector<std::string> SplitList(std::string_view text, char separator);

// ".csv" for "dir/Table.CSV": the last extension, lower-cased ("" when there is none).
std::string LowerExtension(std::string_view path);

// The longest line the text readers accept: a longer one (a binary or hostile file) is an error
// instead of a buffer that grows until memory runs out.
inline constexpr size_t kMaxLineBytes = size_t{64} << 20;  // 64 MiB

enum class LineRead { kLine, kEnd, kTooLong };
// std::getline with a bound: the next line of `in`, without its '\n', into `line`. kTooLong when
// it holds more than `max_bytes` bytes (the rest of that line is skipped); kEnd at the end.
LineRead ReadLine(std::istream& in, std::string& line, size_t max_bytes = kMaxLineBytes);

}  // namespace zenome
