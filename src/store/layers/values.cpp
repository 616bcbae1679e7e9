#include "store/layers/values.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "core/text.h"
#include "core/utf8.h"

namespace zenome::layers {

namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool IsAlpha(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// Reads exactly `width` digits at `pos`.
std::optional<int> Digits(std::string_view text, size_t pos, size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (!IsDigit(text[i])) return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

struct ParsedTime {
  int64_t epoch = 0;
  bool date_only = false;
};

std::optional<ParsedTime> ParseIso(std::string_view text) {
  auto year = Digits(text, 0, 4);
  auto month = Digits(text, 5, 2);
  auto day = Digits(text, 8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(*month),
                                         std::chrono::day(*day)};
  if (*year < 1800 || *year > 2200 || !date.ok()) return std::nullopt;
  ParsedTime parsed;
  parsed.epoch = static_cast<int64_t>(std::chrono::sys_days(date).time_since_epoch().count()) * 86400;
  if (text.size() == 10) {
    parsed.date_only = true;
    return parsed;
  }
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;
  auto hour = Digits(text, 11, 2);
  auto minute = Digits(text, 14, 2);
  if (!hour || !minute || text.size() < 16 || text[13] != ':' || *hour > 23 || *minute > 59)
    return std::nullopt;
  size_t pos = 16;
  int second = 0;
  if (pos < text.size() && text[pos] == ':') {
    auto parsed_second = Digits(text, pos + 1, 2);
    if (!parsed_second || *parsed_second > 59) return std::nullopt;
    second = *parsed_second;
    pos += 3;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      size_t start = ++pos;
      while (pos < text.size() && IsDigit(text[pos])) ++pos;
      if (pos == start) return std::nullopt;  // fraction truncated: whole seconds are kept
    }
  }
  int64_t offset = 0;
  if (pos < text.size()) {
    char zone = text[pos];
    if ((zone == 'Z' || zone == 'z') && pos + 1 == text.size()) {
      pos = text.size();
    } else if (zone == '+' || zone == '-') {
      auto zone_hour = Digits(text, pos + 1, 2);
      if (!zone_hour || *zone_hour > 14) return std::nullopt;
      size_t rest = pos + 3;
      int zone_minute = 0;
      if (rest < text.size()) {
        if (text[rest] == ':') ++rest;
        auto parsed_minute = Digits(text, rest, 2);
        if (!parsed_minute || *parsed_minute > 59 || rest + 2 != text.size()) return std::nullopt;
        zone_minute = *parsed_minute;
      }
      offset = (zone == '+' ? 1 : -1) * (*zone_hour * 3600 + zone_minute * 60);
      pos = text.size();
    } else {
      return std::nullopt;
    }
  }
  parsed.epoch += *hour * 3600 + *minute * 60 + second - offset;
  return parsed;
}

}  // namespace

void ProblemList::Add(int64_t line, std::string_view column, std::string_view problem) {
  ++count_;
  if (static_cast<int>(reported_.size()) >= max_reported_) return;
  // Column labels and problems quote the input; its control bytes and malformed UTF-8 stay out.
  reported_.push_back(FormatLocation(InputLocation{file_, line, PercentEncodeUnsafe(column)}) + ": " +
                      PercentEncodeUnsafe(problem));
}

Status ProblemList::ToStatus() const {
  if (count_ == 0) return Status::Ok();
  std::string message = file_ + ": " + std::to_string(count_) + (count_ == 1 ? " problem" : " problems") +
                        "; nothing was imported";
  for (const auto& problem : reported_) message += "\n  " + problem;
  if (count_ > static_cast<int64_t>(reported_.size())) {
    message += "\n  ... and " + std::to_string(count_ - static_cast<int64_t>(reported_.size())) + " more";
  }
  return Status::BadInput(message);
}

std::string TextProblem(std::string_view text, std::string_view allowed, std::string_view in) {
  for (size_t at = 0; at < text.size();) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c < 0x80) {
      if ((c < 0x20 || c == 0x7f) && allowed.find(static_cast<char>(c)) == std::string_view::npos) {
        char code[8];
        std::snprintf(code, sizeof(code), "U+%04X", c);
        std::string problem = std::string("control character ") + code + (c == 0 ? " (NUL)" : "") +
                              " at byte " + std::to_string(at + 1) + std::string(in);
        problem += "; expected text";
        if (c == '\r') problem += " (a carriage return not followed by a line feed: old Mac line endings?)";
        return problem;
      }
      ++at;
      continue;
    }
    size_t length = Utf8SequenceLength(text, at);
    if (length == 0)
      return "not valid UTF-8 at byte " + std::to_string(at + 1) + std::string(in) + "; expected UTF-8 text";
    at += length;
  }
  return "";
}

std::string Quote(std::string_view value) {
  constexpr size_t kMax = 40;
  std::string out = "'";
  for (char c : value.substr(0, kMax)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  if (value.size() > kMax) out += "...";
  return out + "'";
}

std::optional<int64_t> ParseIsoTimestamp(std::string_view text) {
  auto parsed = ParseIso(TrimBlanks(text));
  if (!parsed) return std::nullopt;
  return parsed->epoch;
}

std::optional<int64_t> ParseTimestampCell(std::string_view text) {
  text = TrimBlanks(text);
  if (AllDigits(text) && text.size() != 8)
    return ParseInteger(text);  // 8 digits would be a basic-format date
  return ParseIsoTimestamp(text);
}

std::optional<std::string> NormalizeIsoDate(std::string_view text) {
  auto parsed = ParseIso(TrimBlanks(text));
  if (!parsed) return std::nullopt;
  std::string formatted = FormatUtc(parsed->epoch);
  return parsed->date_only ? formatted.substr(0, 10) : formatted;
}

std::string FormatUtc(int64_t epoch_seconds) {
  int64_t days = epoch_seconds >= 0 ? epoch_seconds / 86400 : -((-epoch_seconds + 86399) / 86400);
  int64_t seconds = epoch_seconds - days * 86400;
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(days))};
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60),
                static_cast<int>(seconds % 60));
  return buffer;
}

std::optional<int64_t> YearsInIsoDuration(std::string_view text) {
  text = TrimBlanks(text);
  if (text.size() < 3 || text[0] != 'P') return std::nullopt;
  double years = 0;
  bool in_time = false;
  bool any = false;
  size_t pos = 1;
  while (pos < text.size()) {
    if (text[pos] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++pos;
      continue;
    }
    size_t start = pos;
    while (pos < text.size() && (IsDigit(text[pos]) || text[pos] == '.')) ++pos;
    if (pos == start || pos == text.size()) return std::nullopt;
    auto number = ParseNumber(text.substr(start, pos - start));
    if (!number) return std::nullopt;
    char unit = text[pos++];
    if (!in_time) {
      if (unit == 'Y')
        years += *number;
      else if (unit == 'M')
        years += *number / 12.0;
      else if (unit == 'W')
        years += *number * 7 / 365.25;
      else if (unit == 'D')
        years += *number / 365.25;
      else
        return std::nullopt;
    } else if (unit != 'H' && unit != 'M' && unit != 'S') {
      return std::nullopt;
    }
    any = true;
  }
  if (!any) return std::nullopt;
  // Saturated: "P1e300Y" is a duration, just not an age, and converting it unclamped is undefined.
  constexpr double kMaxYears = 1e15;
  return static_cast<int64_t>(std::floor(std::min(years, kMaxYears) + 1e-9));
}

std::optional<double> ParseNumber(std::string_view text) {
  text = TrimBlanks(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  text = TrimBlanks(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool IsMissingValue(std::string_view text) {
  std::string lower = AsciiLower(TrimBlanks(text));
  return lower.empty() || lower == "na" || lower == "n/a" || lower == "nan" || lower == "null" ||
         lower == ".";
}

std::optional<std::string> ParseSex(std::string_view text) {
  std::string lower = AsciiLower(TrimBlanks(text));
  if (lower == "male" || lower == "female" || lower == "other" || lower == "unknown") return lower;
  return std::nullopt;
}

std::optional<std::string> ParseSecondaryFindings(std::string_view text) {
  std::string lower = AsciiLower(TrimBlanks(text));
  for (char& c : lower) {
    if (c == '-') c = '_';
  }
  if (lower == "opt_in" || lower == "opt_out" || lower == "unknown") return lower;
  return std::nullopt;
}

std::optional<std::string> ParseModality(std::string_view text) {
  static constexpr std::array<std::string_view, 9> kModalities = {"CT", "MR", "PT", "US", "MG",
                                                                  "CR", "DX", "NM", "XA"};
  std::string upper = AsciiUpper(TrimBlanks(text));
  for (auto modality : kModalities) {
    if (upper == modality) return upper;
  }
  return std::nullopt;
}

bool IsHpoId(std::string_view text) {
  return text.size() == 10 && text.substr(0, 3) == "HP:" && AllDigits(text.substr(3));
}

bool IsCurie(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size() || !IsAlpha(text[0]))
    return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = text[i];
    if (!IsAlpha(c) && !IsDigit(c) && c != '_' && c != '-' && c != '.') return false;
  }
  for (char c : text.substr(colon + 1)) {
    if (static_cast<unsigned char>(c) <= ' ' || c == '\x7f' || c == ';' || c == ',' || c == '"') return false;
  }
  return true;
}

namespace {
// ICD-10 category with optional subdivision: C50, C50.9, S72.001A (ICD-10-CM extensions).
bool IsIcd10Body(std::string_view code) {
  if (code.size() < 3 || !IsUpper(code[0]) || !IsDigit(code[1]) || !(IsDigit(code[2]) || IsUpper(code[2]))) {
    return false;
  }
  if (code.size() == 3) return true;
  if (code[3] != '.' || code.size() < 5 || code.size() > 8) return false;
  for (char c : code.substr(4)) {
    if (!IsDigit(c) && !IsUpper(c)) return false;
  }
  return true;
}
}  // namespace

std::optional<std::string> NormalizeDiagnosisCode(std::string_view text) {
  text = TrimBlanks(text);
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    std::string upper = AsciiUpper(text);
    if (IsIcd10Body(upper)) return "ICD10:" + upper;
    return std::nullopt;
  }
  std::string prefix = AsciiUpper(text.substr(0, colon));
  std::string_view local = text.substr(colon + 1);
  if (prefix == "ICD10" || prefix == "ICD-10") {
    std::string upper = AsciiUpper(local);
    if (IsIcd10Body(upper)) return "ICD10:" + upper;
    return std::nullopt;
  }
  if (prefix == "MONDO" && local.size() == 7 && AllDigits(local)) return "MONDO:" + std::string(local);
  if (prefix == "OMIM" && local.size() == 6 && AllDigits(local)) return "OMIM:" + std::string(local);
  if ((prefix == "ORPHA" || prefix == "ORPHANET") && AllDigits(local) && local.size() <= 7) {
    return "ORPHA:" + std::string(local);
  }
  if (prefix == "NCIT" && local.size() >= 2 && (local[0] == 'C' || local[0] == 'c') &&
      AllDigits(local.substr(1))) {
    return "NCIT:C" + std::string(local.substr(1));
  }
  return std::nullopt;
}

std::optional<std::string> NormalizePathologyCode(std::string_view text) {
  text = TrimBlanks(text);
  std::string_view body = text;
  if (StartsWithIgnoreCase(body, "ICDO3:")) body.remove_prefix(6);
  if (!body.empty() && (body[0] == 'M' || body[0] == 'm') && body.size() == 7) body.remove_prefix(1);
  if (body.size() == 6 && AllDigits(body.substr(0, 4)) && body[4] == '/' && IsDigit(body[5])) {
    return "ICDO3:" + std::string(body);
  }
  if (body != text && StartsWithIgnoreCase(text, "ICDO3:")) {
    // ICD-O-3 topography codes share ICD-10's shape (C50.9).
    std::string upper = AsciiUpper(body);
    if (IsIcd10Body(upper)) return "ICDO3:" + upper;
    return std::nullopt;
  }
  return NormalizeDiagnosisCode(text);
}

bool HasPrefixHierarchy(std::string_view code) {
  std::string_view prefix = CuriePrefix(code);
  return prefix == "ICD10" || prefix == "ICDO3" || prefix == "ATC";
}

std::string_view CuriePrefix(std::string_view code) {
  size_t colon = code.find(':');
  return colon == std::string_view::npos ? std::string_view() : code.substr(0, colon);
}

std::string PrefixUpperBound(std::string_view prefix) {
  std::string bound(prefix);
  while (!bound.empty()) {
    auto last = static_cast<unsigned char>(bound.back());
    if (last != 0xFF) {
      bound.back() = static_cast<char>(last + 1);
      return bound;
    }
    bound.pop_back();
  }
  return bound;
}

std::optional<std::string> NormalizeTreatmentCode(std::string_view text, std::string& problem) {
  std::string code(TrimBlanks(text));
  if (!IsCurie(code)) {
    problem = "expected a treatment code as PREFIX:ID (ATC:L01XC03, DrugCentral:1610, NCIT:C15632), found " +
              Quote(text);
    return std::nullopt;
  }
  std::string prefix(CuriePrefix(code));
  std::string upper_prefix = AsciiUpper(prefix);
  if (upper_prefix == "ATC") {
    // ATC levels: L, L01, L01X, L01XC, L01XC03.
    std::string local = AsciiUpper(code.substr(prefix.size() + 1));
    auto is_letter = [&](size_t i) { return i < local.size() && local[i] >= 'A' && local[i] <= 'Z'; };
    auto is_digit = [&](size_t i) { return i < local.size() && local[i] >= '0' && local[i] <= '9'; };
    bool ok =
        (local.size() == 1 && is_letter(0)) ||
        (local.size() == 3 && is_letter(0) && is_digit(1) && is_digit(2)) ||
        (local.size() == 4 && is_letter(0) && is_digit(1) && is_digit(2) && is_letter(3)) ||
        (local.size() == 5 && is_letter(0) && is_digit(1) && is_digit(2) && is_letter(3) && is_letter(4)) ||
        (local.size() == 7 && is_letter(0) && is_digit(1) && is_digit(2) && is_letter(3) && is_letter(4) &&
         is_digit(5) && is_digit(6));
    if (!ok) {
      problem = "malformed ATC code " + Quote(text) + "; expected a level such as ATC:L01 or ATC:L01XC03";
      return std::nullopt;
    }
    return "ATC:" + local;
  }
  return code;
}

}  // namespace zenome::layers
