#include "store/layer_values.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

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
char ToLower(char c) {
  return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
char ToUpper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}
std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ToLower(c);
  return out;
}
std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ToUpper(c);
  return out;
}
bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}
bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && Lower(text.substr(0, prefix.size())) == Lower(prefix);
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

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int64_t& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = yoe + era * 400 + (m <= 2);
}

int DaysInMonth(int64_t year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
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
  if (*year < 1800 || *year > 2200 || *month < 1 || *month > 12 || *day < 1 ||
      *day > DaysInMonth(*year, *month)) {
    return std::nullopt;
  }
  ParsedTime parsed;
  parsed.epoch = DaysFromCivil(*year, *month, *day) * 86400;
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
  reported_.push_back(FormatLocation(InputLocation{file_, line, std::string(column)}) + ": " +
                      std::string(problem));
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

std::string_view Trim(std::string_view text) {
  size_t begin = 0;
  size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t' || text[begin] == '\r')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r')) --end;
  return text.substr(begin, end - begin);
}

std::vector<std::string> SplitList(std::string_view cell) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= cell.size()) {
    size_t end = cell.find(';', start);
    if (end == std::string_view::npos) end = cell.size();
    std::string_view item = Trim(cell.substr(start, end - start));
    if (!item.empty()) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

bool IsValidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    if (byte < 0x80)
      extra = 0;
    else if (byte >= 0xC2 && byte <= 0xDF)
      extra = 1;
    else if (byte >= 0xE0 && byte <= 0xEF)
      extra = 2;
    else if (byte >= 0xF0 && byte <= 0xF4)
      extra = 3;
    else
      return false;
    if (i + extra >= text.size() && extra > 0) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string Quote(std::string_view value) {
  constexpr size_t kMax = 40;
  std::string out = "'";
  for (char c : value.substr(0, kMax)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
  if (value.size() > kMax) out += "...";
  return out + "'";
}

std::optional<int64_t> ParseIsoTimestamp(std::string_view text) {
  auto parsed = ParseIso(Trim(text));
  if (!parsed) return std::nullopt;
  return parsed->epoch;
}

std::optional<int64_t> ParseTimestampCell(std::string_view text) {
  text = Trim(text);
  if (AllDigits(text) && text.size() != 8)
    return ParseInteger(text);  // 8 digits would be a basic-format date
  return ParseIsoTimestamp(text);
}

std::optional<std::string> NormalizeIsoDate(std::string_view text) {
  auto parsed = ParseIso(Trim(text));
  if (!parsed) return std::nullopt;
  std::string formatted = FormatUtc(parsed->epoch);
  return parsed->date_only ? formatted.substr(0, 10) : formatted;
}

std::string FormatUtc(int64_t epoch_seconds) {
  int64_t days = epoch_seconds >= 0 ? epoch_seconds / 86400 : -((-epoch_seconds + 86399) / 86400);
  int64_t seconds = epoch_seconds - days * 86400;
  int64_t year = 0;
  int month = 0;
  int day = 0;
  CivilFromDays(days, year, month, day);
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04lld-%02d-%02dT%02d:%02d:%02dZ", static_cast<long long>(year),
                month, day, static_cast<int>(seconds / 3600), static_cast<int>(seconds / 60 % 60),
                static_cast<int>(seconds % 60));
  return buffer;
}

std::optional<int64_t> YearsInIsoDuration(std::string_view text) {
  text = Trim(text);
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
  text = Trim(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::general);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<int64_t> ParseInteger(std::string_view text) {
  text = Trim(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool IsMissingValue(std::string_view text) {
  std::string lower = Lower(Trim(text));
  return lower.empty() || lower == "na" || lower == "n/a" || lower == "nan" || lower == "null" ||
         lower == ".";
}

std::optional<std::string> ParseSex(std::string_view text) {
  std::string lower = Lower(Trim(text));
  if (lower == "male" || lower == "female" || lower == "other" || lower == "unknown") return lower;
  return std::nullopt;
}

std::optional<std::string> ParseSecondaryFindings(std::string_view text) {
  std::string lower = Lower(Trim(text));
  for (char& c : lower) {
    if (c == '-') c = '_';
  }
  if (lower == "opt_in" || lower == "opt_out" || lower == "unknown") return lower;
  return std::nullopt;
}

std::optional<std::string> ParseModality(std::string_view text) {
  static constexpr std::array<std::string_view, 9> kModalities = {"CT", "MR", "PT", "US", "MG",
                                                                  "CR", "DX", "NM", "XA"};
  std::string upper = Upper(Trim(text));
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
    if (static_cast<unsigned char>(c) <= ' ' || c == ';' || c == ',' || c == '"') return false;
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
  text = Trim(text);
  size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    std::string upper = Upper(text);
    if (IsIcd10Body(upper)) return "ICD10:" + upper;
    return std::nullopt;
  }
  std::string prefix = Upper(text.substr(0, colon));
  std::string_view local = text.substr(colon + 1);
  if (prefix == "ICD10" || prefix == "ICD-10") {
    std::string upper = Upper(local);
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
  text = Trim(text);
  std::string_view body = text;
  if (StartsWithNoCase(body, "ICDO3:")) body.remove_prefix(6);
  if (!body.empty() && (body[0] == 'M' || body[0] == 'm') && body.size() == 7) body.remove_prefix(1);
  if (body.size() == 6 && AllDigits(body.substr(0, 4)) && body[4] == '/' && IsDigit(body[5])) {
    return "ICDO3:" + std::string(body);
  }
  if (body != text && StartsWithNoCase(text, "ICDO3:")) {
    // ICD-O-3 topography codes share ICD-10's shape (C50.9).
    std::string upper = Upper(body);
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

}  // namespace zenome::layers
