#pragma once
// JSON documents the store takes from users (cohort queries, Phenopackets). Nesting is capped
// while parsing, before a deep document can reach code that recurses over it (the evaluators,
// nlohmann's copies), and every problem (syntax, a number out of range, invalid UTF-8, a
// duplicate member, too deep) comes back located, never as an exception.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/status.h"

namespace zenome {

// Real cohort queries and Phenopackets are under 10 levels deep.
inline constexpr int kMaxJsonDepth = 100;

struct JsonProblem {
  int64_t line = 0;     // 1-based
  int64_t column = 0;   // 1-based, in bytes
  std::string pointer;  // JSON pointer (RFC 6901) of the value being read; "" for the document
  std::string dotted;   // the same path as Phenopacket messages spell it: "[0].subject.id"
  bool syntax = true;   // not JSON at all (else valid JSON this reader refuses: too deep, duplicates)
  std::string message;  // what is wrong, and what was expected
};

// Parses `text` as one JSON document nested at most `max_depth` arrays/objects deep, rejecting
// duplicate object members. On failure `out` is unspecified and the problem is returned.
std::optional<JsonProblem> ParseJson(std::string_view text, int max_depth, nlohmann::json& out);

// "PATH:LINE:COLUMN: at POINTER: message" as BadInput.
Status JsonProblemStatus(const std::string& path, const JsonProblem& problem);

// The whole content of `path` ('-': stdin), `what` naming it in errors ("the cohort query"). A
// directory, an unreadable file or one longer than `max_bytes` (/dev/zero) is an error.
Result<std::string> ReadWholeInput(const std::string& path, std::string_view what, size_t max_bytes);

// The JSON pointer of the first array/object nested deeper than `max_depth` in a document built in
// memory (the server hands the cohort evaluator one); nullopt when there is none. Recursion is
// bounded by `max_depth`.
std::optional<std::string> FindNestedDeeperThan(const nlohmann::json& value, int max_depth);

// One JSON pointer reference token, escaped (~ as ~0, / as ~1).
std::string EscapeJsonPointerToken(std::string_view token);

}  // namespace zenome
