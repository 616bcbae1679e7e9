#include "store/layers/import.h"

#include <array>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include "core/fault_point.h"
#include "core/sha256.h"
#include "core/text.h"
#include "store/layers/import_internal.h"
#include "store/layers/ontology.h"
#include "store/layers/schema.h"

namespace zenome {

namespace {

// Runs `import` inside one transaction with the layer tables present, then logs the import; any
// problem or error rolls everything back.
template <typename ImportFn>
Result<ImportStats> RunImport(Catalog& catalog, LayerKind kind, const std::string& path, ImportFn&& import) {
  std::error_code error;
  auto status = std::filesystem::status(path, error);
  if (!std::filesystem::exists(status)) return Status::NotFound(path + ": no such file");
  if (std::filesystem::is_directory(status)) {
    return Status::BadInput(path + ": is a directory; expected a file (layer " +
                            std::string(LayerKindName(kind)) + ")");
  }
  if (!std::filesystem::is_regular_file(status)) {
    // A FIFO or device (/dev/zero) could not be checksummed and then read again.
    return Status::BadInput(path +
                            ": not a regular file (a device, FIFO or socket); expected a file (layer " +
                            std::string(LayerKindName(kind)) + ")");
  }
  // Recorded so that a repeated import of the same bytes is noticed.
  ZENOME_ASSIGN_OR_RETURN(std::string checksum, Sha256OfFile(path));
  // Layer rows are keyed by pseudonym (a hash), so a large file touches B-tree pages all over; a
  // 64 MiB page cache keeps the transaction's pages in memory instead of spilling them to the WAL.
  ZENOME_RETURN_IF_ERROR(catalog.Exec("PRAGMA cache_size = -65536"));
  ZENOME_ASSIGN_OR_RETURN(auto transaction, catalog.Begin());
  ZENOME_RETURN_IF_ERROR(CreateLayerSchema(catalog));
  ZENOME_ASSIGN_OR_RETURN(ImportStats stats, import());
  FaultPoint("import.rows-written");
  stats.layer = kind;
  ZENOME_ASSIGN_OR_RETURN(Statement previous,
                          catalog.Prepare("SELECT 1 FROM layer_imports WHERE layer = ?1 AND checksum = ?2"));
  previous.Bind(1, LayerKindName(kind)).Bind(2, checksum);
  ZENOME_ASSIGN_OR_RETURN(stats.previously_imported, previous.Step());
  if (stats.previously_imported) stats.notes.push_back("the same file was imported into this layer before");
  ZENOME_ASSIGN_OR_RETURN(Statement log,
                          catalog.Prepare("INSERT INTO layer_imports(layer, checksum, n_records, "
                                          "imported) VALUES(?1, ?2, ?3, ?4)"));
  log.Bind(1, LayerKindName(kind))
      .Bind(2, checksum)
      .Bind(3, stats.records)
      .Bind(4, layers::FormatUtc(static_cast<int64_t>(std::time(nullptr))));
  ZENOME_RETURN_IF_ERROR(log.Run());
  ZENOME_RETURN_IF_ERROR(transaction->Commit());
  return stats;
}

}  // namespace

Result<ImportStats> ImportLayer(Catalog& catalog, const Pseudonymizer& pseudonymizer, LayerKind kind,
                                const std::string& path, const ImportOptions& options) {
  if (kind == LayerKind::kOntology) return ImportOntology(catalog, path, options);
  return RunImport(catalog, kind, path, [&]() -> Result<ImportStats> {
    layers::ImportJob job(catalog, pseudonymizer, path, options);
    job.stats.layer = kind;
    Status status;
    switch (kind) {
      case LayerKind::kClinical:
        status = LowerExtension(path) == ".json" ? layers::ImportPhenopackets(job)
                                                 : layers::ImportClinicalTable(job);
        break;
      case LayerKind::kOmics: status = layers::ImportOmicsMatrix(job); break;
      case LayerKind::kPro: status = layers::ImportProTable(job); break;
      case LayerKind::kPathology: status = layers::ImportPathologyTable(job); break;
      case LayerKind::kImaging: status = layers::ImportImagingTable(job); break;
      case LayerKind::kWearable: status = layers::ImportWearableTable(job); break;
      case LayerKind::kOntology: break;
    }
    ZENOME_RETURN_IF_ERROR(status);
    ZENOME_RETURN_IF_ERROR(job.problems.ToStatus());
    job.stats.participants = static_cast<int64_t>(job.participants.size());
    return job.stats;
  });
}

Result<ImportStats> ImportOntology(Catalog& catalog, const std::string& path, const ImportOptions& options) {
  return RunImport(catalog, LayerKind::kOntology, path, [&]() -> Result<ImportStats> {
    return layers::ImportOntologyFile(catalog, path, options);
  });
}

Result<std::vector<ImportStats>> ImportFiles(Catalog& catalog, const ImportRequest& request) {
  if (!request.options.assay.empty() && request.layer != LayerKind::kOmics) {
    return Status::Usage("an assay name (--assay) applies to the omics layer only");
  }
  // The ontology layer holds no participant data, so it needs no key.
  std::optional<Pseudonymizer> pseudonymizer;
  if (request.layer != LayerKind::kOntology) {
    ZENOME_ASSIGN_OR_RETURN(pseudonymizer, Pseudonymizer::FromOptionOrEnvironment(request.key_file));
  }
  std::vector<ImportStats> imported;
  for (const std::string& file : request.files) {
    Result<ImportStats> stats =
        request.layer == LayerKind::kOntology
            ? ImportOntology(catalog, file, request.options)
            : ImportLayer(catalog, *pseudonymizer, request.layer, file, request.options);
    if (!stats.ok()) {
      std::string message = stats.status().message();
      size_t done = imported.size();
      if (done > 0) {
        message += "\n(" + std::to_string(done) +
                   (done == 1 ? " file before it was" : " files before it were") +
                   " imported; the rest were not tried)";
      }
      return Status(stats.status().code(), message);
    }
    if (request.on_imported) request.on_imported(file, *stats);
    imported.push_back(std::move(*stats));
  }
  return imported;
}

namespace layers {

std::string ParticipantPseudonym(const Pseudonymizer& pseudonymizer, std::string_view raw_id) {
  if (Pseudonymizer::LooksLikePseudonym(raw_id)) return std::string(raw_id);
  return pseudonymizer.Pseudonym(raw_id);
}

std::string RecordPseudonym(const Pseudonymizer& pseudonymizer, std::string_view kind,
                            std::string_view raw_id) {
  if (Pseudonymizer::LooksLikePseudonym(raw_id)) return std::string(raw_id);
  std::string namespaced(kind);
  namespaced += '\x1f';  // a separator no identifier contains
  namespaced += raw_id;
  return pseudonymizer.Pseudonym(namespaced);
}

Result<ParticipantRows> ParticipantRows::Prepare(Catalog& catalog) {
  ZENOME_ASSIGN_OR_RETURN(Statement exists,
                          catalog.Prepare("SELECT 1 FROM participants WHERE pseudonym = ?1"));
  ZENOME_ASSIGN_OR_RETURN(Statement insert,
                          catalog.Prepare("INSERT INTO participants(pseudonym) VALUES(?1)"));
  return ParticipantRows(std::move(exists), std::move(insert));
}

Result<bool> ParticipantRows::Ensure(ImportJob& job, const std::string& pseudonym) {
  exists_.Bind(1, pseudonym);
  ZENOME_ASSIGN_OR_RETURN(bool known, exists_.Step());
  exists_.Reset();
  if (known) return false;
  insert_.Bind(1, pseudonym);
  ZENOME_RETURN_IF_ERROR(insert_.Run());
  ++job.stats.new_participants;
  return true;
}

namespace {

// ClinicalWriter's statements: participant attributes, then (count, delete, insert) per list table.
enum WriterStatement {
  kSetSex,
  kSetAge,
  kSetPopulation,
  kSetSecondaryFindings,
  kListStart,  // + 3 * list table + {0 count, 1 delete, 2 insert}
};
enum ListTable { kConsent, kDiagnoses, kPhenotypes, kTreatments, kOutcomes, kListTables };
constexpr std::array<std::pair<const char*, const char*>, kListTables> kListTableSql = {{
    {"consent", "INSERT INTO consent(pseudonym, duo_code, modifier) VALUES(?1, ?2, ?3)"},
    {"diagnoses", "INSERT INTO diagnoses(pseudonym, code, excluded) VALUES(?1, ?2, ?3)"},
    {"phenotypes", "INSERT INTO phenotypes(pseudonym, hpo_id, excluded) VALUES(?1, ?2, ?3)"},
    {"treatments", "INSERT INTO treatments(pseudonym, code, kind) VALUES(?1, ?2, ?3)"},
    {"outcomes", "INSERT INTO outcomes(pseudonym, outcome) VALUES(?1, ?2)"},
}};

}  // namespace

Result<ClinicalWriter> ClinicalWriter::Prepare(Catalog& catalog) {
  ZENOME_ASSIGN_OR_RETURN(ParticipantRows participants, ParticipantRows::Prepare(catalog));
  std::vector<std::string> sql = {
      "UPDATE participants SET sex = ?2 WHERE pseudonym = ?1",
      "UPDATE participants SET age = ?2 WHERE pseudonym = ?1",
      "UPDATE participants SET population = ?2 WHERE pseudonym = ?1",
      "UPDATE participants SET secondary_findings = ?2 WHERE pseudonym = ?1",
  };
  for (const auto& [table, insert] : kListTableSql) {
    sql.push_back(std::string("SELECT count(*) FROM ") + table + " WHERE pseudonym = ?1");
    sql.push_back(std::string("DELETE FROM ") + table + " WHERE pseudonym = ?1");
    sql.push_back(insert);
  }
  std::vector<Statement> statements;
  for (const auto& text : sql) {
    ZENOME_ASSIGN_OR_RETURN(Statement statement, catalog.Prepare(text));
    statements.push_back(std::move(statement));
  }
  return ClinicalWriter(std::move(participants), std::move(statements));
}

Status ClinicalWriter::Write(ImportJob& job, const ClinicalRecord& record) {
  const std::string& who = record.pseudonym;
  ZENOME_ASSIGN_OR_RETURN(bool is_new, participants_.Ensure(job, who));
  auto set = [&](WriterStatement index, auto&& bind) -> Status {
    Statement& statement = statements_[index];
    statement.Bind(1, who);
    bind(statement);
    return statement.Run();
  };
  if (record.has_sex) {
    ZENOME_RETURN_IF_ERROR(set(kSetSex, [&](Statement& s) { s.Bind(2, record.sex); }));
  }
  if (record.has_age) {
    ZENOME_RETURN_IF_ERROR(set(kSetAge, [&](Statement& s) {
      if (record.age) {
        s.Bind(2, *record.age);
      } else {
        s.BindNull(2);
      }
    }));
  }
  if (record.has_population) {
    ZENOME_RETURN_IF_ERROR(set(kSetPopulation, [&](Statement& s) { s.Bind(2, record.population); }));
  }
  if (record.has_secondary_findings) {
    ZENOME_RETURN_IF_ERROR(
        set(kSetSecondaryFindings, [&](Statement& s) { s.Bind(2, record.secondary_findings); }));
  }
  // Replaces the participant's rows of one list table (a new participant has none) with the rows
  // `bind_row` binds, one per item.
  auto replace = [&](ListTable table, const auto& items, auto&& bind_row) -> Status {
    size_t base = kListStart + 3 * static_cast<size_t>(table);
    if (!is_new) {
      Statement& count = statements_[base];
      count.Bind(1, who);
      ZENOME_ASSIGN_OR_RETURN(bool row, count.Step());
      if (row) job.stats.rows_removed += count.ColumnInt(0);
      count.Reset();
      Statement& remove = statements_[base + 1];
      remove.Bind(1, who);
      ZENOME_RETURN_IF_ERROR(remove.Run());
    }
    Statement& insert = statements_[base + 2];
    for (const auto& item : items) {
      insert.Bind(1, who);
      bind_row(insert, item);
      ZENOME_RETURN_IF_ERROR(insert.Run());
      ++job.stats.rows_written;
    }
    return Status::Ok();
  };
  if (record.has_consent) {
    ZENOME_RETURN_IF_ERROR(replace(kConsent, record.consent, [](Statement& s, const ConsentCode& code) {
      s.Bind(2, code.duo_id);
      if (code.modifier.empty()) {
        s.BindNull(3);
      } else {
        s.Bind(3, code.modifier);
      }
    }));
  }
  auto code_and_flag = [](Statement& s, const std::pair<std::string, bool>& entry) {
    s.Bind(2, entry.first).Bind(3, int64_t{entry.second});
  };
  if (record.has_diagnoses) ZENOME_RETURN_IF_ERROR(replace(kDiagnoses, record.diagnoses, code_and_flag));
  if (record.has_phenotypes) ZENOME_RETURN_IF_ERROR(replace(kPhenotypes, record.phenotypes, code_and_flag));
  if (record.has_treatments) {
    ZENOME_RETURN_IF_ERROR(replace(kTreatments, record.treatments,
                                   [](Statement& s, const std::pair<std::string, std::string>& entry) {
                                     s.Bind(2, entry.first).Bind(3, entry.second);
                                   }));
  }
  if (record.has_outcomes) {
    ZENOME_RETURN_IF_ERROR(replace(kOutcomes, record.outcomes,
                                   [](Statement& s, const std::string& outcome) { s.Bind(2, outcome); }));
  }
  return Status::Ok();
}

Result<std::optional<std::string>> CodeChecker::Resolve(ImportJob& job, const std::string& id,
                                                        std::string& problem) {
  ZENOME_ASSIGN_OR_RETURN(TermResolver::Resolution resolution, resolver_.Resolve(id));
  switch (resolution.outcome) {
    case TermResolver::Outcome::kCurrent:
    case TermResolver::Outcome::kNotCovered: return std::optional<std::string>(id);
    case TermResolver::Outcome::kRemapped:
      ++job.stats.terms_remapped;
      return std::optional<std::string>(resolution.id);
    case TermResolver::Outcome::kObsolete:
    case TermResolver::Outcome::kUnknown: break;
  }
  problem = Quote(id) + " is " + resolution.detail;
  return std::optional<std::string>();
}

Result<std::optional<std::string>> CodeChecker::Phenotype(ImportJob& job, std::string_view text,
                                                          std::string& problem) {
  std::string id(TrimBlanks(text));
  if (id.size() == 10 && (id.starts_with("hp:") || id.starts_with("Hp:") || id.starts_with("hP:"))) {
    id.replace(0, 2, "HP");
  }
  if (!IsHpoId(id)) {
    problem = "expected an HPO id (HP: and 7 digits, e.g. HP:0001250), found " + Quote(text);
    return std::optional<std::string>();
  }
  return Resolve(job, id, problem);
}

Result<std::optional<std::string>> CodeChecker::Diagnosis(ImportJob& job, std::string_view text,
                                                          std::string& problem) {
  auto code = NormalizeDiagnosisCode(text);
  if (!code) {
    problem =
        "expected a diagnosis code (ICD10:C50.9 or C50.9, MONDO:0007254, OMIM:114480, ORPHA:227, "
        "NCIT:C4872), found " +
        Quote(text);
    return std::optional<std::string>();
  }
  return Resolve(job, *code, problem);
}

std::optional<int64_t> ParseAgeYears(std::string_view text) {
  text = TrimBlanks(text);
  std::optional<int64_t> years =
      !text.empty() && (text[0] == 'P' || text[0] == 'p') ? YearsInIsoDuration(text) : ParseInteger(text);
  if (!years || *years < 0 || *years > 150) return std::nullopt;
  return years;
}

}  // namespace layers

}  // namespace zenome
