#include "store/layers/export.h"

#include <array>
#include <charconv>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string_view>

#include "core/text_writer.h"
#include "store/catalog/pseudonymizer.h"
#include "store/layers/consent.h"
#include "store/layers/ontology.h"
#include "store/layers/schema.h"
#include "store/layers/values.h"

namespace zenome {

namespace {

// Buffered TSV rows into a TextWriter.
class TsvOut {
 public:
  explicit TsvOut(TextWriter& writer) : writer_(writer) {}
  void Cell(std::string_view value) {
    if (!first_) buffer_ += '\t';
    first_ = false;
    for (char c : value) buffer_ += (c == '\t' || c == '\n' || c == '\r') ? ' ' : c;
  }
  void Number(double value) {
    char text[32];
    auto [end, error] = std::to_chars(text, text + sizeof(text), value);
    Cell(error == std::errc() ? std::string_view(text, static_cast<size_t>(end - text))
                              : std::string_view("NA"));
  }
  Status EndRow() {
    buffer_ += '\n';
    first_ = true;
    if (buffer_.size() < (1 << 16)) return Status::Ok();
    return Flush();
  }
  Status Flush() {
    Status status = writer_.Write(buffer_);
    buffer_.clear();
    return status;
  }

 private:
  TextWriter& writer_;
  std::string buffer_;
  bool first_ = true;
};

std::string Join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ";") + item;
  return out;
}

// Runs `sql` and hands each row to `visit`.
Status ForEachRow(Catalog& catalog, const std::string& sql, const std::function<Status(Statement&)>& visit) {
  ZENOME_ASSIGN_OR_RETURN(Statement statement, catalog.Prepare(sql));
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    ZENOME_RETURN_IF_ERROR(visit(statement));
  }
  return Status::Ok();
}

std::string TextOrEmpty(const Statement& statement, int column) {
  return statement.ColumnIsNull(column) ? std::string() : statement.ColumnText(column);
}

struct ClinicalLists {
  std::set<std::string> diagnoses, excluded_diagnoses, hpo_terms, excluded_hpo_terms, treatments, outcomes,
      consent;
};

Status ExportClinical(Catalog& catalog, bool has_layers, TsvOut& out) {
  std::map<std::string, ClinicalLists> lists;
  ZENOME_RETURN_IF_ERROR(
      ForEachRow(catalog, "SELECT pseudonym, duo_code, modifier FROM consent", [&](Statement& s) {
        lists[s.ColumnText(0)].consent.insert(
            layers::FormatConsentCode({s.ColumnText(1), TextOrEmpty(s, 2)}));
        return Status::Ok();
      }));
  if (has_layers) {
    ZENOME_RETURN_IF_ERROR(
        ForEachRow(catalog, "SELECT pseudonym, code, excluded FROM diagnoses", [&](Statement& s) {
          auto& entry = lists[s.ColumnText(0)];
          (s.ColumnInt(2) != 0 ? entry.excluded_diagnoses : entry.diagnoses).insert(s.ColumnText(1));
          return Status::Ok();
        }));
    ZENOME_RETURN_IF_ERROR(
        ForEachRow(catalog, "SELECT pseudonym, hpo_id, excluded FROM phenotypes", [&](Statement& s) {
          auto& entry = lists[s.ColumnText(0)];
          (s.ColumnInt(2) != 0 ? entry.excluded_hpo_terms : entry.hpo_terms).insert(s.ColumnText(1));
          return Status::Ok();
        }));
    ZENOME_RETURN_IF_ERROR(ForEachRow(catalog, "SELECT pseudonym, code FROM treatments", [&](Statement& s) {
      lists[s.ColumnText(0)].treatments.insert(s.ColumnText(1));
      return Status::Ok();
    }));
    ZENOME_RETURN_IF_ERROR(ForEachRow(catalog, "SELECT pseudonym, outcome FROM outcomes", [&](Statement& s) {
      lists[s.ColumnText(0)].outcomes.insert(s.ColumnText(1));
      return Status::Ok();
    }));
  }
  for (const char* column :
       {"participant_id", "sex", "age", "population", "diagnoses", "excluded_diagnoses", "hpo_terms",
        "excluded_hpo_terms", "treatments", "outcome", "consent", "secondary_findings"}) {
    out.Cell(column);
  }
  ZENOME_RETURN_IF_ERROR(out.EndRow());
  static const ClinicalLists kNone;
  return ForEachRow(
      catalog,
      "SELECT pseudonym, sex, age, population, secondary_findings FROM participants ORDER BY pseudonym",
      [&](Statement& s) {
        auto found = lists.find(s.ColumnText(0));
        const ClinicalLists& entry = found != lists.end() ? found->second : kNone;
        out.Cell(s.ColumnText(0));
        out.Cell(s.ColumnText(1));
        out.Cell(TextOrEmpty(s, 2));
        out.Cell(TextOrEmpty(s, 3));
        out.Cell(Join(entry.diagnoses));
        out.Cell(Join(entry.excluded_diagnoses));
        out.Cell(Join(entry.hpo_terms));
        out.Cell(Join(entry.excluded_hpo_terms));
        out.Cell(Join(entry.treatments));
        out.Cell(Join(entry.outcomes));
        out.Cell(Join(entry.consent));
        out.Cell(s.ColumnText(4));
        return out.EndRow();
      });
}

// One header line, then one line per row of `sql`; `kinds` says how to write each column: 't' text
// ("" for NULL), 'n' number, 's' seconds since the epoch as ISO 8601 UTC.
Status ExportRows(Catalog& catalog, bool has_layers, TsvOut& out, std::initializer_list<const char*> header,
                  const std::string& sql, std::string_view kinds) {
  for (const char* column : header) out.Cell(column);
  ZENOME_RETURN_IF_ERROR(out.EndRow());
  if (!has_layers) return Status::Ok();
  return ForEachRow(catalog, sql, [&](Statement& s) {
    for (size_t c = 0; c < kinds.size(); ++c) {
      int column = static_cast<int>(c);
      switch (kinds[c]) {
        case 'n': out.Number(s.ColumnDouble(column)); break;
        case 's': out.Cell(layers::FormatUtc(s.ColumnInt(column))); break;
        default: out.Cell(TextOrEmpty(s, column)); break;
      }
    }
    return out.EndRow();
  });
}

Status ExportOntology(Catalog& catalog, bool has_layers, TsvOut& out) {
  for (const char* column : {"id", "ontology", "name", "obsolete", "replaced_by", "is_a", "alt_ids"})
    out.Cell(column);
  ZENOME_RETURN_IF_ERROR(out.EndRow());
  if (!has_layers) return Status::Ok();
  std::map<std::string, std::set<std::string>> parents;
  std::map<std::string, std::set<std::string>> alt_ids;
  ZENOME_RETURN_IF_ERROR(ForEachRow(catalog, "SELECT child, parent FROM ontology_is_a", [&](Statement& s) {
    parents[s.ColumnText(0)].insert(s.ColumnText(1));
    return Status::Ok();
  }));
  ZENOME_RETURN_IF_ERROR(ForEachRow(catalog, "SELECT id, alt_id FROM ontology_alt_ids", [&](Statement& s) {
    alt_ids[s.ColumnText(0)].insert(s.ColumnText(1));
    return Status::Ok();
  }));
  return ForEachRow(catalog,
                    "SELECT id, ontology, name, obsolete, replaced_by FROM ontology_terms ORDER BY id",
                    [&](Statement& s) {
                      std::string id = s.ColumnText(0);
                      out.Cell(id);
                      out.Cell(s.ColumnText(1));
                      out.Cell(TextOrEmpty(s, 2));
                      out.Cell(s.ColumnInt(3) != 0 ? "true" : "false");
                      out.Cell(TextOrEmpty(s, 4));
                      out.Cell(parents.count(id) ? Join(parents[id]) : "");
                      out.Cell(alt_ids.count(id) ? Join(alt_ids[id]) : "");
                      return out.EndRow();
                    });
}

Result<int64_t> Count(Catalog& catalog, const std::string& sql) {
  ZENOME_ASSIGN_OR_RETURN(Statement statement, catalog.Prepare(sql));
  ZENOME_ASSIGN_OR_RETURN(bool row, statement.Step());
  return row ? statement.ColumnInt(0) : int64_t{0};
}

// Tables holding a participant pseudonym in column `pseudonym`.
constexpr std::array<std::string_view, 10> kParticipantTables = {
    "consent", "diagnoses", "phenotypes", "treatments", "outcomes",
    "omics",   "pro",       "pathology",  "imaging",    "wearable"};

// Distinct codes of `table.column` checked for shape (`well_formed`) and, when an imported ontology
// covers their prefix, for being current terms.
Status CheckCodes(Catalog& catalog, TermResolver& resolver, const std::string& table,
                  const std::string& column, const std::function<bool(const std::string&)>& well_formed,
                  std::vector<std::string>& problems) {
  std::vector<std::string> malformed;
  std::vector<std::string> not_current;
  int64_t bad_rows = 0;
  ZENOME_ASSIGN_OR_RETURN(Statement statement,
                          catalog.Prepare("SELECT " + column + ", count(*) FROM " + table + " WHERE " +
                                          column + " IS NOT NULL GROUP BY " + column));
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    std::string code = statement.ColumnText(0);
    if (!well_formed(code)) {
      malformed.push_back(code);
      continue;
    }
    ZENOME_ASSIGN_OR_RETURN(TermResolver::Resolution resolution, resolver.Resolve(code));
    if (resolution.outcome != TermResolver::Outcome::kCurrent &&
        resolution.outcome != TermResolver::Outcome::kNotCovered) {
      not_current.push_back(code + " (" + resolution.detail + ")");
      bad_rows += statement.ColumnInt(1);
    }
  }
  auto list = [](const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size() && i < 10; ++i) out += (i > 0 ? ", " : "") + items[i];
    if (items.size() > 10) out += ", ... (" + std::to_string(items.size()) + " in all)";
    return out;
  };
  if (!malformed.empty()) problems.push_back(table + "." + column + ": malformed codes: " + list(malformed));
  if (!not_current.empty()) {
    problems.push_back(
        table + "." + column + ": " + std::to_string(bad_rows) +
        " rows use codes that are not current terms of the imported ontology: " + list(not_current));
  }
  return Status::Ok();
}

}  // namespace

Status ExportLayer(Catalog& catalog, LayerKind kind, const std::string& path) {
  ZENOME_ASSIGN_OR_RETURN(bool has_layers, LayerSchemaExists(catalog));
  ZENOME_ASSIGN_OR_RETURN(std::unique_ptr<TextWriter> writer, TextWriter::Open(path, false, nullptr));
  TsvOut out(*writer);
  Status status;
  switch (kind) {
    case LayerKind::kClinical: status = ExportClinical(catalog, has_layers, out); break;
    case LayerKind::kOmics:
      status = ExportRows(
          catalog, has_layers, out, {"assay", "feature", "participant_id", "value"},
          "SELECT assay, feature, pseudonym, value FROM omics ORDER BY assay, feature, pseudonym", "tttn");
      break;
    case LayerKind::kPro:
      status =
          ExportRows(catalog, has_layers, out, {"participant_id", "instrument", "item", "timestamp", "value"},
                     "SELECT pseudonym, instrument, item, timestamp, value FROM pro ORDER BY pseudonym, "
                     "instrument, item, timestamp",
                     "tttsn");
      break;
    case LayerKind::kPathology:
      status = ExportRows(
          catalog, has_layers, out,
          {"participant_id", "specimen_id", "collected", "body_site", "diagnosis_code", "finding", "grade",
           "stage"},
          "SELECT pseudonym, specimen, collected, body_site, diagnosis_code, finding, grade, stage "
          "FROM pathology ORDER BY pseudonym, specimen",
          "tttttttt");
      break;
    case LayerKind::kImaging:
      status = ExportRows(
          catalog, has_layers, out,
          {"participant_id", "study_id", "acquired", "modality", "body_site", "finding_code", "finding"},
          "SELECT pseudonym, study, acquired, modality, body_site, finding_code, finding FROM imaging "
          "ORDER BY pseudonym, study",
          "ttttttt");
      break;
    case LayerKind::kWearable:
      status =
          ExportRows(catalog, has_layers, out, {"participant_id", "timestamp", "metric", "value"},
                     "SELECT pseudonym, timestamp, metric, value FROM wearable ORDER BY pseudonym, metric, "
                     "timestamp",
                     "tstn");
      break;
    case LayerKind::kOntology: status = ExportOntology(catalog, has_layers, out); break;
  }
  ZENOME_RETURN_IF_ERROR(status);
  ZENOME_RETURN_IF_ERROR(out.Flush());
  return writer->Close();
}

Status CheckLayers(Catalog& catalog, std::vector<std::string>& problems) {
  ZENOME_ASSIGN_OR_RETURN(bool has_layers, LayerSchemaExists(catalog));
  // Identifiers must be pseudonyms: a raw identifier in the catalog is a privacy breach.
  for (const auto& [table, column] :
       std::initializer_list<std::pair<const char*, const char*>>{{"participants", "pseudonym"},
                                                                  {"samples", "pseudonym"},
                                                                  {"pathology", "specimen"},
                                                                  {"imaging", "study"}}) {
    if (!has_layers && (std::string_view(table) == "pathology" || std::string_view(table) == "imaging"))
      continue;
    int64_t raw = 0;
    ZENOME_RETURN_IF_ERROR(
        ForEachRow(catalog, std::string("SELECT ") + column + " FROM " + table, [&](Statement& s) {
          if (!Pseudonymizer::LooksLikePseudonym(s.ColumnText(0))) ++raw;
          return Status::Ok();
        }));
    if (raw > 0) {
      problems.push_back(std::string(table) + "." + column + ": " + std::to_string(raw) +
                         " values are not pseudonyms (raw identifiers must never be stored)");
    }
  }
  for (auto table : kParticipantTables) {
    if (!has_layers && table != "consent") continue;
    ZENOME_ASSIGN_OR_RETURN(int64_t orphans,
                            Count(catalog, "SELECT count(*) FROM " + std::string(table) +
                                               " x WHERE NOT EXISTS (SELECT 1 FROM participants p WHERE "
                                               "p.pseudonym = x.pseudonym)"));
    if (orphans > 0) {
      problems.push_back(std::string(table) + ": " + std::to_string(orphans) +
                         " rows reference participants the store does not know");
    }
  }
  ZENOME_RETURN_IF_ERROR(
      ForEachRow(catalog, "SELECT DISTINCT duo_code, modifier FROM consent", [&](Statement& s) {
        std::string text = s.ColumnText(0) + (s.ColumnIsNull(1) ? "" : ":" + s.ColumnText(1));
        std::string problem;
        auto parsed = layers::ParseConsentCode(text, problem);
        if (!parsed || parsed->duo_id != s.ColumnText(0)) {
          problems.push_back("consent: stored code '" + text + "' is not a DUO id with a valid modifier");
        }
        return Status::Ok();
      }));
  if (!has_layers) return Status::Ok();
  TermResolver resolver(catalog);
  ZENOME_RETURN_IF_ERROR(CheckCodes(catalog, resolver, "phenotypes", "hpo_id", layers::IsHpoId, problems));
  ZENOME_RETURN_IF_ERROR(CheckCodes(
      catalog, resolver, "diagnoses", "code",
      [](const std::string& code) { return layers::NormalizeDiagnosisCode(code) == code; }, problems));
  ZENOME_RETURN_IF_ERROR(CheckCodes(
      catalog, resolver, "pathology", "diagnosis_code",
      [](const std::string& code) { return layers::NormalizePathologyCode(code) == code; }, problems));
  ZENOME_RETURN_IF_ERROR(CheckCodes(catalog, resolver, "imaging", "finding_code", layers::IsCurie, problems));
  ZENOME_ASSIGN_OR_RETURN(int64_t dangling,
                          Count(catalog,
                                "SELECT count(*) FROM ontology_is_a i WHERE NOT EXISTS (SELECT 1 FROM "
                                "ontology_terms t WHERE t.id = i.parent)"));
  if (dangling > 0) {
    problems.push_back("ontology_is_a: " + std::to_string(dangling) +
                       " is_a edges name parents that are not terms of any imported ontology");
  }
  return Status::Ok();
}

Result<std::vector<std::pair<std::string, int64_t>>> LayerRowCounts(Catalog& catalog) {
  std::vector<std::pair<std::string, int64_t>> counts;
  for (const char* table : {"participants", "consent"}) {
    ZENOME_ASSIGN_OR_RETURN(int64_t rows, Count(catalog, std::string("SELECT count(*) FROM ") + table));
    counts.emplace_back(table, rows);
  }
  ZENOME_ASSIGN_OR_RETURN(bool has_layers, LayerSchemaExists(catalog));
  if (!has_layers) return counts;
  for (auto table : LayerTables()) {
    ZENOME_ASSIGN_OR_RETURN(int64_t rows, Count(catalog, "SELECT count(*) FROM " + std::string(table)));
    counts.emplace_back(std::string(table), rows);
  }
  return counts;
}

}  // namespace zenome
