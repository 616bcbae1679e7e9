#pragma once
// Parsing and validation of the values clinical layer files carry (dates, codes, vocabularies), and
// the problem list that lets one rejected file report every bad cell at once. Internal to the
// store's layer importers and cohort filters.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace zenome::layers {

// Located problems of one input file, reported together: "FILE:LINE: column: problem". The first
// `max_reported` are kept with their text, the rest only counted.
class ProblemList {
 public:
  ProblemList(std::string file, int max_reported) : file_(std::move(file)), max_reported_(max_reported) {}
  void Add(int64_t line, std::string_view column, std::string_view problem);
  bool empty() const { return count_ == 0; }
  int64_t count() const { return count_; }
  const std::string& file() const { return file_; }
  // BadInput listing every kept problem, one per line, and how many more there were.
  Status ToStatus() const;

 private:
  std::string file_;
  int max_reported_;
  int64_t count_ = 0;
  std::vector<std::string> reported_;
};

// What keeps `text` from being UTF-8 text, or "": "control character U+0000 (NUL) at byte 4`in`;
// expected text" or "not valid UTF-8 at byte 2`in`; ...". Control characters in `allowed` are text.
std::string TextProblem(std::string_view text, std::string_view allowed = {}, std::string_view in = {});
// A value short enough to quote in an error message (long values are cut).
std::string Quote(std::string_view value);

// ISO 8601 calendar date or date-time: YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS[.fraction]] with an
// optional zone (Z, ±HH:MM, ±HHMM; none means UTC), years 1800-2200. Seconds since the Unix epoch.
std::optional<int64_t> ParseIsoTimestamp(std::string_view text);
// ISO 8601 as above, or whole seconds since the epoch.
std::optional<int64_t> ParseTimestampCell(std::string_view text);
// The stored form of a date column: "YYYY-MM-DD" for dates, "YYYY-MM-DDTHH:MM:SSZ" (UTC) otherwise.
std::optional<std::string> NormalizeIsoDate(std::string_view text);
std::string FormatUtc(int64_t epoch_seconds);
// Years in an ISO 8601 duration ("P14Y6M" → 14); nullopt when it is not a duration.
std::optional<int64_t> YearsInIsoDuration(std::string_view text);

// A finite decimal number (no hex, no inf/nan).
std::optional<double> ParseNumber(std::string_view text);
std::optional<int64_t> ParseInteger(std::string_view text);
// True for the cells omics matrices use for "not measured".
bool IsMissingValue(std::string_view text);

// Vocabularies, matched case-insensitively, returned in their stored spelling.
std::optional<std::string> ParseSex(std::string_view text);                // male female other unknown
std::optional<std::string> ParseSecondaryFindings(std::string_view text);  // opt_in opt_out unknown
// DICOM modality codes for imaging metadata (CT, MR, PT, US, MG, CR, DX, NM, XA).
std::optional<std::string> ParseModality(std::string_view text);

// HP: followed by exactly seven digits.
bool IsHpoId(std::string_view text);
// PREFIX:local with a letter-led prefix and no spaces or ';' ("ATC:L01XC03", "RID:5827").
bool IsCurie(std::string_view text);
// Diagnosis codes in their stored spelling: ICD-10 ("C50.9" or "ICD10:C50.9" → "ICD10:C50.9"),
// MONDO:nnnnnnn, OMIM:nnnnnn, ORPHA:n (also "Orphanet:n"), NCIT:Cn. nullopt: not well-formed.
std::optional<std::string> NormalizeDiagnosisCode(std::string_view text);
// Pathology codes: ICD-O-3 morphology ("8500/3" or "ICDO3:8500/3" → "ICDO3:8500/3") or a diagnosis code.
// Treatment codes are CURIEs; ATC codes must be well formed (L01XC03) and are upper-cased. The
// stored form, or nullopt with `problem` set.
std::optional<std::string> NormalizeTreatmentCode(std::string_view text, std::string& problem);
std::optional<std::string> NormalizePathologyCode(std::string_view text);
// Codes whose hierarchy is spelled in the code itself, so a shorter code covers every code it
// prefixes: ICD-10 ("ICD10:C50" covers "ICD10:C50.9"), ICD-O-3 and ATC.
bool HasPrefixHierarchy(std::string_view code);
// The prefix of a CURIE ("HP" for "HP:0001250"); empty when there is none.
std::string_view CuriePrefix(std::string_view code);
// The smallest string greater than every string starting with `prefix` (for index range scans).
std::string PrefixUpperBound(std::string_view prefix);

}  // namespace zenome::layers
