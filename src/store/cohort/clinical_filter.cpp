#include "store/cohort/clinical_filter.h"

#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "core/text.h"
#include "store/layers/consent.h"
#include "store/layers/ontology.h"
#include "store/layers/schema.h"
#include "store/layers/values.h"

namespace zenome {

namespace {

using nlohmann::json;
using Participants = std::set<std::string>;

constexpr std::array<std::string_view, 14> kCriteria = {
    "diagnosis", "hpo",     "sex",   "age", "population", "consent",   "secondary_findings",
    "treatment", "outcome", "omics", "pro", "wearable",   "pathology", "imaging",
};

Status Usage(std::string_view key, std::string_view expected) {
  return Status::Usage("cohort criterion '" + std::string(key) + "': " + std::string(expected));
}

// A string or a non-empty array of strings.
Result<std::vector<std::string>> StringList(std::string_view key, const json& value, std::string_view what) {
  std::vector<std::string> items;
  if (value.is_string()) {
    items.push_back(value.get<std::string>());
  } else if (value.is_array() && !value.empty()) {
    for (const auto& item : value) {
      if (!item.is_string()) break;
      items.push_back(item.get<std::string>());
    }
    if (items.size() != value.size()) items.clear();
  }
  if (items.empty()) return Usage(key, "expected " + std::string(what) + " or a list of them");
  return items;
}

// The members of an object criterion, checked against the allowed names.
class Members {
 public:
  static Result<Members> Of(std::string_view key, const json& value,
                            std::initializer_list<std::string_view> allowed) {
    std::string names;
    for (auto name : allowed) names += (names.empty() ? "" : ", ") + std::string(name);
    if (!value.is_object() || value.empty()) return Usage(key, "expected an object with " + names);
    for (const auto& [member, ignored] : value.items()) {
      if (std::find(allowed.begin(), allowed.end(), member) == allowed.end()) {
        return Usage(key, "unknown member '" + member + "'; expected " + names);
      }
    }
    return Members(key, value);
  }

  bool Has(const char* name) const { return value_->contains(name); }
  Result<std::optional<std::string>> Text(const char* name, bool required) const {
    auto found = value_->find(name);
    if (found == value_->end()) {
      if (required) return Usage(key_, std::string("'") + name + "' is required");
      return std::optional<std::string>();
    }
    if (!found->is_string() || found->get<std::string>().empty()) {
      return Usage(key_, std::string("'") + name + "' must be a non-empty string");
    }
    return std::optional<std::string>(found->get<std::string>());
  }
  Result<std::optional<double>> Number(const char* name) const {
    auto found = value_->find(name);
    if (found == value_->end()) return std::optional<double>();
    if (!found->is_number()) return Usage(key_, std::string("'") + name + "' must be a number");
    return std::optional<double>(found->get<double>());
  }
  // "from"/"to" as seconds since the epoch; a date-only "to" covers its whole day.
  Result<std::optional<int64_t>> Time(const char* name, bool end_of_day) const {
    ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> text, Text(name, false));
    if (!text) return std::optional<int64_t>();
    auto seconds = layers::ParseIsoTimestamp(*text);
    if (!seconds) {
      return Usage(
          key_, std::string("'") + name + "' must be an ISO 8601 date or date-time, found '" + *text + "'");
    }
    if (end_of_day && TrimBlanks(*text).size() == 10) *seconds += 86399;
    return std::optional<int64_t>(*seconds);
  }

 private:
  Members(std::string_view key, const json& value) : key_(key), value_(&value) {}
  std::string key_;
  const json* value_;
};

Status Collect(Statement& statement, Participants& out) {
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    out.insert(statement.ColumnText(0));
  }
  statement.Reset();
  return Status::Ok();
}

// Participants with a row whose `column` equals `code` or (for codes with a prefix hierarchy) starts
// with it: one index range scan.
Status MatchCodePrefix(Catalog& catalog, const std::string& table, const std::string& column,
                       const std::string& extra_condition, const std::string& code, Participants& out) {
  ZENOME_ASSIGN_OR_RETURN(Statement statement,
                          catalog.Prepare("SELECT pseudonym FROM " + table + " WHERE " + column +
                                          " >= ?1 AND " + column + " < ?2" + extra_condition));
  statement.Bind(1, code).Bind(2, layers::PrefixUpperBound(code));
  return Collect(statement, out);
}

// Participants with a row whose `column` is `id` or one of its descendants by is_a (when an imported
// ontology covers the id; otherwise `id` alone). The CROSS JOIN keeps the term list as the outer
// loop, so each term is one seek in the column's index.
Status MatchTermAndDescendants(Catalog& catalog, const std::string& table, const std::string& column,
                               const std::string& extra_condition, const std::string& id, Participants& out) {
  ZENOME_ASSIGN_OR_RETURN(
      Statement statement,
      catalog.Prepare("WITH RECURSIVE below(id) AS (SELECT ?1 UNION SELECT i.child FROM ontology_is_a i JOIN "
                      "below b ON i.parent = b.id) SELECT x.pseudonym FROM below CROSS JOIN " +
                      table + " x ON x." + column + " = below.id" + extra_condition));
  statement.Bind(1, id);
  return Collect(statement, out);
}

// The current id of an ontology term a query names (alternative ids mapped), or the id itself.
Result<std::string> CurrentTerm(TermResolver& resolver, const std::string& id) {
  ZENOME_ASSIGN_OR_RETURN(TermResolver::Resolution resolution, resolver.Resolve(id));
  return resolution.outcome == TermResolver::Outcome::kRemapped ? resolution.id : id;
}

Result<Participants> MatchDiagnosis(Catalog& catalog, bool has_layers, const json& value) {
  ZENOME_ASSIGN_OR_RETURN(auto codes,
                          StringList("diagnosis", value, "a diagnosis code (ICD10:C50, MONDO:0007254)"));
  std::vector<std::string> normalized;
  for (const auto& code : codes) {
    auto parsed = layers::NormalizeDiagnosisCode(code);
    if (!parsed) {
      return Usage("diagnosis",
                   "'" + code +
                       "' is not a diagnosis code; expected ICD10:C50 (covers C50.x), MONDO:0007254, "
                       "OMIM:114480, ORPHA:227 or NCIT:C4872");
    }
    normalized.push_back(*parsed);
  }
  Participants out;
  if (!has_layers) return out;
  TermResolver resolver(catalog);
  for (const auto& code : normalized) {
    if (layers::HasPrefixHierarchy(code)) {
      ZENOME_RETURN_IF_ERROR(MatchCodePrefix(catalog, "diagnoses", "code", " AND excluded = 0", code, out));
    } else {
      ZENOME_ASSIGN_OR_RETURN(std::string current, CurrentTerm(resolver, code));
      ZENOME_RETURN_IF_ERROR(
          MatchTermAndDescendants(catalog, "diagnoses", "code", " WHERE x.excluded = 0", current, out));
    }
  }
  return out;
}

Result<Participants> MatchHpo(Catalog& catalog, bool has_layers, const json& value) {
  ZENOME_ASSIGN_OR_RETURN(auto ids, StringList("hpo", value, "an HPO id (HP:0001250)"));
  for (const auto& id : ids) {
    if (!layers::IsHpoId(id)) return Usage("hpo", "'" + id + "' is not an HPO id; expected HP: and 7 digits");
  }
  Participants out;
  if (!has_layers) return out;
  TermResolver resolver(catalog);
  for (const auto& id : ids) {
    ZENOME_ASSIGN_OR_RETURN(std::string current, CurrentTerm(resolver, id));
    ZENOME_RETURN_IF_ERROR(
        MatchTermAndDescendants(catalog, "phenotypes", "hpo_id", " WHERE x.excluded = 0", current, out));
  }
  return out;
}

// Participants whose `column` equals one of `values` (participants table).
Result<Participants> MatchParticipantColumn(Catalog& catalog, const std::string& column,
                                            const std::vector<std::string>& values) {
  Participants out;
  ZENOME_ASSIGN_OR_RETURN(Statement statement,
                          catalog.Prepare("SELECT pseudonym FROM participants WHERE " + column + " = ?1"));
  for (const auto& value : values) {
    statement.Bind(1, value);
    ZENOME_RETURN_IF_ERROR(Collect(statement, out));
  }
  return out;
}

Result<Participants> MatchVocabulary(
    Catalog& catalog, std::string_view key, const std::string& column, const json& value,
    std::string_view expected, const std::function<std::optional<std::string>(std::string_view)>& parse) {
  ZENOME_ASSIGN_OR_RETURN(auto items, StringList(key, value, expected));
  std::vector<std::string> parsed;
  for (const auto& item : items) {
    auto stored = parse(item);
    if (!stored) return Usage(key, "'" + item + "' is not one of " + std::string(expected));
    parsed.push_back(*stored);
  }
  return MatchParticipantColumn(catalog, column, parsed);
}

Result<Participants> MatchAge(Catalog& catalog, const json& value) {
  ZENOME_ASSIGN_OR_RETURN(Members members, Members::Of("age", value, {"min", "max"}));
  ZENOME_ASSIGN_OR_RETURN(std::optional<double> min, members.Number("min"));
  ZENOME_ASSIGN_OR_RETURN(std::optional<double> max, members.Number("max"));
  ZENOME_ASSIGN_OR_RETURN(
      Statement statement,
      catalog.Prepare("SELECT pseudonym FROM participants WHERE age IS NOT NULL AND age >= ?1 "
                      "AND age <= ?2"));
  statement.Bind(1, min.value_or(-std::numeric_limits<double>::infinity()))
      .Bind(2, max.value_or(std::numeric_limits<double>::infinity()));
  Participants out;
  ZENOME_RETURN_IF_ERROR(Collect(statement, out));
  return out;
}

// Participants whose consent permits every listed use: a code is satisfied by itself or a broader
// permission (NRES ⊇ GRU ⊇ HMB ⊇ DS; GRU ⊇ POA); DS:<disease> by DS for that disease or a disease
// above it in an imported ontology; a request for DS without a disease by any DS.
Result<Participants> MatchConsent(Catalog& catalog, const json& value) {
  ZENOME_ASSIGN_OR_RETURN(auto items,
                          StringList("consent", value, "a DUO code (GRU, HMB, DS:MONDO:0007254)"));
  std::vector<layers::ConsentCode> codes;
  for (const auto& item : items) {
    std::string problem;
    auto code = layers::ParseConsentCode(item, problem);
    if (!code) return Usage("consent", problem);
    codes.push_back(std::move(*code));
  }
  ZENOME_ASSIGN_OR_RETURN(Statement rows, catalog.Prepare("SELECT pseudonym, modifier FROM consent WHERE "
                                                          "duo_code = ?1"));
  TermResolver resolver(catalog);
  std::optional<Participants> result;
  for (const auto& code : codes) {
    Participants satisfied;
    for (const auto& duo_id : layers::SatisfyingPermissions(code.duo_id)) {
      bool same_code = duo_id == code.duo_id;
      rows.Bind(1, duo_id);
      for (;;) {
        ZENOME_ASSIGN_OR_RETURN(bool row, rows.Step());
        if (!row) break;
        std::string modifier = rows.ColumnIsNull(1) ? std::string() : rows.ColumnText(1);
        bool ok = !same_code || code.modifier.empty();
        if (!ok && !modifier.empty()) {
          if (code.duo_id == "DUO:0000007") {
            ZENOME_ASSIGN_OR_RETURN(ok, resolver.IsSelfOrDescendant(code.modifier, modifier));
          } else {
            ok = AsciiLower(code.modifier) == AsciiLower(modifier);
          }
        }
        if (ok) satisfied.insert(rows.ColumnText(0));
      }
      rows.Reset();
    }
    if (!result) {
      result = std::move(satisfied);
    } else {
      Participants both;
      for (const auto& who : *result) {
        if (satisfied.count(who)) both.insert(who);
      }
      result = std::move(both);
    }
  }
  return std::move(*result);
}

Result<Participants> MatchTreatment(Catalog& catalog, bool has_layers, const json& value) {
  ZENOME_ASSIGN_OR_RETURN(auto items,
                          StringList("treatment", value, "a treatment code (ATC:L01, DrugCentral:1610)"));
  std::vector<std::string> codes;
  for (const auto& item : items) {
    std::string problem;
    auto code = layers::NormalizeTreatmentCode(item, problem);
    if (!code) return Usage("treatment", problem);
    codes.push_back(*code);
  }
  Participants out;
  if (!has_layers) return out;
  for (const auto& code : codes) {
    if (layers::HasPrefixHierarchy(code)) {
      ZENOME_RETURN_IF_ERROR(MatchCodePrefix(catalog, "treatments", "code", "", code, out));
    } else {
      ZENOME_ASSIGN_OR_RETURN(Statement statement,
                              catalog.Prepare("SELECT pseudonym FROM treatments WHERE code = ?1"));
      statement.Bind(1, code);
      ZENOME_RETURN_IF_ERROR(Collect(statement, out));
    }
  }
  return out;
}

Result<Participants> MatchOutcome(Catalog& catalog, bool has_layers, const json& value) {
  ZENOME_ASSIGN_OR_RETURN(auto outcomes, StringList("outcome", value, "an outcome"));
  Participants out;
  if (!has_layers) return out;
  ZENOME_ASSIGN_OR_RETURN(
      Statement statement,
      catalog.Prepare("SELECT pseudonym FROM outcomes WHERE outcome = ?1 COLLATE NOCASE"));
  for (const auto& outcome : outcomes) {
    statement.Bind(1, std::string_view(TrimBlanks(outcome)));
    ZENOME_RETURN_IF_ERROR(Collect(statement, out));
  }
  return out;
}

bool InRange(double value, const std::optional<double>& above, const std::optional<double>& below) {
  return (!above || value > *above) && (!below || value < *below);
}

Result<Participants> MatchOmics(Catalog& catalog, bool has_layers, const json& value) {
  ZENOME_ASSIGN_OR_RETURN(Members members,
                          Members::Of("omics", value, {"assay", "feature", "above", "below"}));
  ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> assay, members.Text("assay", true));
  ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> feature, members.Text("feature", true));
  ZENOME_ASSIGN_OR_RETURN(std::optional<double> above, members.Number("above"));
  ZENOME_ASSIGN_OR_RETURN(std::optional<double> below, members.Number("below"));
  Participants out;
  if (!has_layers) return out;
  // One range scan of omics_feature_value (assay, feature, value).
  ZENOME_ASSIGN_OR_RETURN(
      Statement statement,
      catalog.Prepare("SELECT pseudonym FROM omics WHERE assay = ?1 AND feature = ?2 AND value "
                      "> ?3 AND value < ?4"));
  statement.Bind(1, *assay)
      .Bind(2, *feature)
      .Bind(3, above.value_or(-std::numeric_limits<double>::infinity()))
      .Bind(4, below.value_or(std::numeric_limits<double>::infinity()));
  ZENOME_RETURN_IF_ERROR(Collect(statement, out));
  return out;
}

// Per-participant summary of readings in a time window; participants without readings in the
// window do not match.
Result<Participants> MatchPro(Catalog& catalog, bool has_layers, const json& value) {
  ZENOME_ASSIGN_OR_RETURN(
      Members members,
      Members::Of("pro", value, {"instrument", "item", "summary", "above", "below", "from", "to"}));
  ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> instrument, members.Text("instrument", true));
  ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> item, members.Text("item", true));
  ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> summary, members.Text("summary", false));
  ZENOME_ASSIGN_OR_RETURN(std::optional<double> above, members.Number("above"));
  ZENOME_ASSIGN_OR_RETURN(std::optional<double> below, members.Number("below"));
  ZENOME_ASSIGN_OR_RETURN(std::optional<int64_t> from, members.Time("from", false));
  ZENOME_ASSIGN_OR_RETURN(std::optional<int64_t> to, members.Time("to", true));
  static const std::map<std::string, std::string, std::less<>> kAggregates = {
      {"latest", "value, max(timestamp)"},
      {"mean", "avg(value)"},
      {"min", "min(value)"},
      {"max", "max(value)"}};
  auto aggregate = kAggregates.find(summary.value_or("latest"));
  if (aggregate == kAggregates.end()) return Usage("pro", "'summary' must be latest, mean, min or max");
  Participants out;
  if (!has_layers) return out;
  // pro_item (instrument, item, timestamp) serves the window; SQLite takes the bare `value` of
  // the row holding max(timestamp), which is "latest".
  ZENOME_ASSIGN_OR_RETURN(
      Statement statement,
      catalog.Prepare("SELECT pseudonym, " + aggregate->second +
                      " FROM pro WHERE instrument = ?1 AND item = ?2 AND timestamp >= ?3 AND "
                      "timestamp <= ?4 GROUP BY pseudonym"));
  statement.Bind(1, *instrument)
      .Bind(2, *item)
      .Bind(3, from.value_or(std::numeric_limits<int64_t>::min()))
      .Bind(4, to.value_or(std::numeric_limits<int64_t>::max()));
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    if (!statement.ColumnIsNull(1) && InRange(statement.ColumnDouble(1), above, below)) {
      out.insert(statement.ColumnText(0));
    }
  }
  return out;
}

Result<Participants> MatchWearable(Catalog& catalog, bool has_layers, const json& value) {
  ZENOME_ASSIGN_OR_RETURN(
      Members members, Members::Of("wearable", value, {"metric", "summary", "above", "below", "from", "to"}));
  ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> metric, members.Text("metric", true));
  ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> summary, members.Text("summary", false));
  ZENOME_ASSIGN_OR_RETURN(std::optional<double> above, members.Number("above"));
  ZENOME_ASSIGN_OR_RETURN(std::optional<double> below, members.Number("below"));
  ZENOME_ASSIGN_OR_RETURN(std::optional<int64_t> from, members.Time("from", false));
  ZENOME_ASSIGN_OR_RETURN(std::optional<int64_t> to, members.Time("to", true));
  static const std::map<std::string, std::string, std::less<>> kAggregates = {
      {"mean", "avg(w.value)"}, {"min", "min(w.value)"}, {"max", "max(w.value)"}, {"count", "count(*)"}};
  auto aggregate = kAggregates.find(summary.value_or("mean"));
  if (aggregate == kAggregates.end()) return Usage("wearable", "'summary' must be mean, min, max or count");
  Participants out;
  if (!has_layers) return out;
  // Each participant's readings of the metric in the window are one primary-key range scan of
  // wearable (pseudonym, metric, timestamp); series can be long, participants are few.
  ZENOME_ASSIGN_OR_RETURN(
      Statement statement,
      catalog.Prepare(
          "SELECT p.pseudonym, (SELECT " + aggregate->second +
          " FROM wearable w WHERE w.pseudonym = p.pseudonym AND w.metric = ?1 AND w.timestamp >= ?2 "
          "AND w.timestamp <= ?3), (SELECT count(*) FROM wearable w WHERE w.pseudonym = p.pseudonym "
          "AND w.metric = ?1 AND w.timestamp >= ?2 AND w.timestamp <= ?3) FROM participants p"));
  statement.Bind(1, *metric)
      .Bind(2, from.value_or(std::numeric_limits<int64_t>::min()))
      .Bind(3, to.value_or(std::numeric_limits<int64_t>::max()));
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    if (statement.ColumnInt(2) > 0 && InRange(statement.ColumnDouble(1), above, below)) {
      out.insert(statement.ColumnText(0));
    }
  }
  return out;
}

// A pathology code as queried: a full code (8500/3, ICD10:C50.9) or an ICD-O-3 prefix (ICDO3:850).
std::optional<std::string> PathologyQueryCode(std::string_view text) {
  auto code = layers::NormalizePathologyCode(text);
  if (code) return code;
  std::string upper = AsciiUpper(TrimBlanks(text));
  if (upper.starts_with("ICDO3:") && upper.size() > 6 && layers::IsCurie(upper)) return upper;
  return std::nullopt;
}

Result<Participants> MatchPathology(Catalog& catalog, bool has_layers, const json& value) {
  ZENOME_ASSIGN_OR_RETURN(Members members,
                          Members::Of("pathology", value, {"diagnosis_code", "body_site", "grade", "stage"}));
  std::string where = "1";
  std::vector<std::string> binds;
  ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> code_text, members.Text("diagnosis_code", false));
  if (code_text) {
    auto code = PathologyQueryCode(*code_text);
    if (!code) {
      return Usage("pathology",
                   "'diagnosis_code' must be an ICD-O-3 code (ICDO3:8500/3, 8500/3, or a prefix such "
                   "as ICDO3:850) or a diagnosis code (ICD10:C50)");
    }
    if (layers::HasPrefixHierarchy(*code)) {
      binds.push_back(*code);
      binds.push_back(layers::PrefixUpperBound(*code));
      where += " AND diagnosis_code >= ?" + std::to_string(binds.size() - 1) + " AND diagnosis_code < ?" +
               std::to_string(binds.size());
    } else {
      binds.push_back(*code);
      where += " AND diagnosis_code = ?" + std::to_string(binds.size());
    }
  }
  for (const char* column : {"body_site", "grade", "stage"}) {
    ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> text, members.Text(column, false));
    if (!text) continue;
    binds.push_back(*text);
    where += std::string(" AND ") + column + " = ?" + std::to_string(binds.size()) + " COLLATE NOCASE";
  }
  Participants out;
  if (!has_layers) return out;
  ZENOME_ASSIGN_OR_RETURN(Statement statement,
                          catalog.Prepare("SELECT pseudonym FROM pathology WHERE " + where));
  for (size_t i = 0; i < binds.size(); ++i) statement.Bind(static_cast<int>(i + 1), binds[i]);
  ZENOME_RETURN_IF_ERROR(Collect(statement, out));
  return out;
}

Result<Participants> MatchImaging(Catalog& catalog, bool has_layers, const json& value) {
  ZENOME_ASSIGN_OR_RETURN(Members members,
                          Members::Of("imaging", value, {"modality", "body_site", "finding_code"}));
  ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> finding_code, members.Text("finding_code", false));
  if (finding_code && !layers::IsCurie(*finding_code)) {
    return Usage("imaging", "'finding_code' must be a code as PREFIX:ID (RID:5827, HP:0001250)");
  }
  // With a finding code, ?1 is the code and the other values follow.
  std::vector<std::string> binds;
  if (finding_code) binds.push_back(*finding_code);
  std::string where = " WHERE 1";
  ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> modality_text, members.Text("modality", false));
  if (modality_text) {
    auto modality = layers::ParseModality(*modality_text);
    if (!modality)
      return Usage("imaging", "'modality' must be a DICOM modality (CT, MR, PT, US, MG, CR, DX, NM, XA)");
    binds.push_back(*modality);
    where += " AND x.modality = ?" + std::to_string(binds.size());
  }
  ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> body_site, members.Text("body_site", false));
  if (body_site) {
    binds.push_back(*body_site);
    where += " AND x.body_site = ?" + std::to_string(binds.size()) + " COLLATE NOCASE";
  }
  Participants out;
  if (!has_layers) return out;
  std::string sql = "SELECT x.pseudonym FROM imaging x" + where;
  if (finding_code) {
    // Finding codes from an imported ontology (e.g. HPO) match their descendants too.
    TermResolver resolver(catalog);
    ZENOME_ASSIGN_OR_RETURN(binds[0], CurrentTerm(resolver, *finding_code));
    sql =
        "WITH RECURSIVE below(id) AS (SELECT ?1 UNION SELECT i.child FROM ontology_is_a i JOIN below b ON "
        "i.parent = b.id) SELECT x.pseudonym FROM below CROSS JOIN imaging x ON x.finding_code = below.id" +
        where;
  }
  ZENOME_ASSIGN_OR_RETURN(Statement statement, catalog.Prepare(sql));
  for (size_t i = 0; i < binds.size(); ++i) statement.Bind(static_cast<int>(i + 1), binds[i]);
  ZENOME_RETURN_IF_ERROR(Collect(statement, out));
  return out;
}

}  // namespace

bool IsClinicalCriterion(std::string_view key) {
  return std::find(kCriteria.begin(), kCriteria.end(), key) != kCriteria.end();
}

Result<std::set<std::string>> MatchClinicalCriterion(Catalog& catalog, std::string_view key,
                                                     const json& value) {
  ZENOME_ASSIGN_OR_RETURN(bool has_layers, LayerSchemaExists(catalog));
  if (key == "diagnosis") return MatchDiagnosis(catalog, has_layers, value);
  if (key == "hpo") return MatchHpo(catalog, has_layers, value);
  if (key == "sex") {
    return MatchVocabulary(catalog, key, "sex", value, "male, female, other, unknown", layers::ParseSex);
  }
  if (key == "population") {
    return MatchVocabulary(catalog, key, "population", value, "a population label (eas, nfe, ...)",
                           [](std::string_view text) -> std::optional<std::string> {
                             std::string lower = AsciiLower(TrimBlanks(text));
                             if (lower.empty()) return std::nullopt;
                             return lower;
                           });
  }
  if (key == "secondary_findings") {
    return MatchVocabulary(catalog, key, "secondary_findings", value, "opt_in, opt_out, unknown",
                           layers::ParseSecondaryFindings);
  }
  if (key == "age") return MatchAge(catalog, value);
  if (key == "consent") return MatchConsent(catalog, value);
  if (key == "treatment") return MatchTreatment(catalog, has_layers, value);
  if (key == "outcome") return MatchOutcome(catalog, has_layers, value);
  if (key == "omics") return MatchOmics(catalog, has_layers, value);
  if (key == "pro") return MatchPro(catalog, has_layers, value);
  if (key == "wearable") return MatchWearable(catalog, has_layers, value);
  if (key == "pathology") return MatchPathology(catalog, has_layers, value);
  if (key == "imaging") return MatchImaging(catalog, has_layers, value);
  std::string known;
  for (auto criterion : kCriteria) known += (known.empty() ? "" : ", ") + std::string(criterion);
  return Status::Usage("unknown clinical criterion '" + std::string(key) + "'; expected one of " + known);
}

Result<std::set<std::string>> AllParticipants(Catalog& catalog) {
  ZENOME_ASSIGN_OR_RETURN(
      Statement statement,
      catalog.Prepare("SELECT pseudonym FROM participants UNION SELECT pseudonym FROM samples "
                      "WHERE replaced_by IS NULL"));
  Participants out;
  ZENOME_RETURN_IF_ERROR(Collect(statement, out));
  return out;
}

}  // namespace zenome
