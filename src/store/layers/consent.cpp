#include "store/layers/consent.h"

#include <array>

#include "core/text.h"
#include "store/layers/values.h"

namespace zenome::layers {

namespace {

enum class ModifierKind { kNone, kDisease, kText };

struct DuoTerm {
  std::string_view shorthand;
  std::string_view id;
  ModifierKind modifier;
};

// DUO release 2021-02-23 and later (github.com/EBISPOT/DUO, duo.csv). NPO is accepted as another
// spelling of NPU.
constexpr std::array<DuoTerm, 24> kDuoTerms = {{
    {"NRES", "DUO:0000004", ModifierKind::kNone},  {"HMB", "DUO:0000006", ModifierKind::kNone},
    {"DS", "DUO:0000007", ModifierKind::kDisease}, {"POA", "DUO:0000011", ModifierKind::kNone},
    {"RS", "DUO:0000012", ModifierKind::kText},    {"NMDS", "DUO:0000015", ModifierKind::kNone},
    {"GSO", "DUO:0000016", ModifierKind::kNone},   {"NPUNCU", "DUO:0000018", ModifierKind::kNone},
    {"PUB", "DUO:0000019", ModifierKind::kNone},   {"COL", "DUO:0000020", ModifierKind::kNone},
    {"IRB", "DUO:0000021", ModifierKind::kNone},   {"GS", "DUO:0000022", ModifierKind::kText},
    {"MOR", "DUO:0000024", ModifierKind::kText},   {"TS", "DUO:0000025", ModifierKind::kText},
    {"US", "DUO:0000026", ModifierKind::kNone},    {"PS", "DUO:0000027", ModifierKind::kNone},
    {"IS", "DUO:0000028", ModifierKind::kNone},    {"RTN", "DUO:0000029", ModifierKind::kNone},
    {"GRU", "DUO:0000042", ModifierKind::kNone},   {"CC", "DUO:0000043", ModifierKind::kNone},
    {"NPOA", "DUO:0000044", ModifierKind::kNone},  {"NPU", "DUO:0000045", ModifierKind::kNone},
    {"NPO", "DUO:0000045", ModifierKind::kNone},   {"NCU", "DUO:0000046", ModifierKind::kNone},
}};

const DuoTerm* ByShorthand(std::string_view shorthand) {
  std::string upper = AsciiUpper(shorthand);
  for (const auto& term : kDuoTerms) {
    if (term.shorthand == upper) return &term;
  }
  return nullptr;
}

const DuoTerm* ById(std::string_view id) {
  for (const auto& term : kDuoTerms) {
    if (term.id == id) return &term;
  }
  return nullptr;
}

bool IsDuoId(std::string_view text) {
  if (text.size() != 11 || AsciiUpper(text.substr(0, 4)) != "DUO:") return false;
  for (char c : text.substr(4)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<ConsentCode> ParseConsentCode(std::string_view text, std::string& problem) {
  text = TrimBlanks(text);
  std::string_view head = text;
  std::string_view modifier;
  const DuoTerm* term = nullptr;
  ConsentCode code;
  if (text.size() >= 11 && IsDuoId(text.substr(0, 11)) && (text.size() == 11 || text[11] == ':')) {
    head = text.substr(0, 11);
    if (text.size() > 11) modifier = text.substr(12);
    code.duo_id = "DUO:" + std::string(head.substr(4));
    term = ById(code.duo_id);
  } else {
    size_t colon = text.find(':');
    head = text.substr(0, colon);
    if (colon != std::string_view::npos) modifier = text.substr(colon + 1);
    term = ByShorthand(head);
    if (term == nullptr) {
      problem = "unknown consent code " + Quote(text) + "; expected a DUO shorthand (" + KnownConsentCodes() +
                ") or a DUO id such as DUO:0000042, with DS taking a disease (DS:MONDO:0007254)";
      return std::nullopt;
    }
    code.duo_id = std::string(term->id);
  }
  ModifierKind kind = term != nullptr ? term->modifier : ModifierKind::kText;
  if (text.find(':', head.size()) != std::string_view::npos && TrimBlanks(modifier).empty()) {
    problem = "consent code " + Quote(text) + " has an empty modifier after ':'";
    return std::nullopt;
  }
  modifier = TrimBlanks(modifier);
  if (modifier.empty()) return code;
  switch (kind) {
    case ModifierKind::kNone:
      problem = "consent code " + Quote(head) + " takes no modifier (found " + Quote(modifier) + ")";
      return std::nullopt;
    case ModifierKind::kDisease: {
      auto disease = NormalizeDiagnosisCode(modifier);
      if (!disease) {
        problem =
            "disease-specific consent needs a disease code (MONDO:nnnnnnn, OMIM:nnnnnn, ICD10:Cnn, ...); "
            "found " +
            Quote(modifier);
        return std::nullopt;
      }
      code.modifier = *disease;
      return code;
    }
    case ModifierKind::kText: code.modifier = std::string(modifier); return code;
  }
  return code;
}

std::string DuoShorthand(std::string_view duo_id) {
  const DuoTerm* term = ById(duo_id);
  return term != nullptr ? std::string(term->shorthand) : std::string(duo_id);
}

std::string FormatConsentCode(const ConsentCode& code) {
  std::string text = DuoShorthand(code.duo_id);
  if (!code.modifier.empty()) text += ":" + code.modifier;
  return text;
}

std::vector<std::string> SatisfyingPermissions(std::string_view duo_id) {
  constexpr std::string_view kNres = "DUO:0000004";
  constexpr std::string_view kGru = "DUO:0000042";
  constexpr std::string_view kHmb = "DUO:0000006";
  constexpr std::string_view kDs = "DUO:0000007";
  constexpr std::string_view kPoa = "DUO:0000011";
  std::vector<std::string> ids = {std::string(duo_id)};
  if (duo_id == kDs) ids.insert(ids.end(), {std::string(kHmb), std::string(kGru), std::string(kNres)});
  if (duo_id == kHmb || duo_id == kPoa) ids.insert(ids.end(), {std::string(kGru), std::string(kNres)});
  if (duo_id == kGru) ids.emplace_back(kNres);
  return ids;
}

std::string KnownConsentCodes() {
  std::string list;
  for (const auto& term : kDuoTerms) list += (list.empty() ? "" : " ") + std::string(term.shorthand);
  return list;
}

}  // namespace zenome::layers
