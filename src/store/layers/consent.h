#pragma once
// Participant consent as GA4GH Data Use Ontology (DUO) codes: parsing the spellings clinical files
// use (shorthands "GRU", "HMB", "DS:MONDO:0007254", or ids "DUO:0000042"), the stored form (DUO id
// plus an optional modifier), and the permission hierarchy cohort filters apply (a broader
// permission satisfies a narrower request: NRES ⊇ GRU ⊇ HMB ⊇ DS, GRU ⊇ POA). Internal to the store.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zenome::layers {

struct ConsentCode {
  std::string duo_id;    // "DUO:0000007"
  std::string modifier;  // "" or, for DS, a disease code ("MONDO:0007254"); GS/MOR/TS: free text
  friend bool operator==(const ConsentCode&, const ConsentCode&) = default;
  friend auto operator<=>(const ConsentCode&, const ConsentCode&) = default;
};

// "GRU", "hmb", "DUO:0000042", "DS:MONDO:0007254", "DUO:0000007:MONDO:0007254", "GS:Japan". On
// failure `problem` says what was expected.
std::optional<ConsentCode> ParseConsentCode(std::string_view text, std::string& problem);
// The shorthand of a DUO id ("DUO:0000006" → "HMB"); the id itself when it has none.
std::string DuoShorthand(std::string_view duo_id);
// "HMB", "DS:MONDO:0007254": the spelling clinical files use, so exports re-import unchanged.
std::string FormatConsentCode(const ConsentCode& code);
// DUO ids whose consent also permits what `duo_id` asks for, `duo_id` first ("DS" → DS, HMB, GRU,
// NRES). Codes outside the permission hierarchy (modifiers such as NCU, IRB) only satisfy
// themselves.
std::vector<std::string> SatisfyingPermissions(std::string_view duo_id);
// Shorthands clinical files may use, for error messages.
std::string KnownConsentCodes();

}  // namespace zenome::layers
