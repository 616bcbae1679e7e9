// The table-shaped layers: omics matrices, patient-reported outcomes, pathology and imaging metadata,
// wearable time series (README.md, "Clinical layers").
#include <array>
#include <filesystem>
#include <map>
#include <set>

#include "core/utf8.h"
#include "store/layers/import_internal.h"
#include "store/layers/table_reader.h"

namespace zenome::layers {

namespace {

// The participant of a row: pseudonymised, with its participants row made on first sight.
Result<std::optional<std::string>> RowParticipant(ImportJob& job, ParticipantRows& participants,
                                                  const TableRow& row, std::string_view raw_id) {
  if (raw_id.empty()) {
    job.problems.Add(row.line, "participant_id", "empty; every row needs the participant's identifier");
    return std::optional<std::string>();
  }
  std::string pseudonym = ParticipantPseudonym(job.pseudonymizer, raw_id);
  if (job.participants.insert(pseudonym).second && job.problems.empty()) {
    ZENOME_ASSIGN_OR_RETURN(bool created, participants.Ensure(job, pseudonym));
    (void)created;
  }
  return std::optional<std::string>(std::move(pseudonym));
}

std::optional<int64_t> RowTimestamp(ImportJob& job, const TableRow& row, std::string_view column,
                                    std::string_view cell) {
  auto timestamp = ParseTimestampCell(cell);
  if (!timestamp) {
    job.problems.Add(
        row.line, column,
        "expected an ISO 8601 date or date-time (2024-03-01, 2024-03-01T08:00:00Z) or seconds since "
        "1970; found " +
            Quote(cell));
  }
  return timestamp;
}

std::optional<double> RowNumber(ImportJob& job, const TableRow& row, std::string_view column,
                                std::string_view cell) {
  auto value = ParseNumber(cell);
  if (!value) job.problems.Add(row.line, column, "expected a number; found " + Quote(cell));
  return value;
}

// An optional date column: "" → NULL; otherwise its stored ISO form.
std::optional<std::string> RowDate(ImportJob& job, const TableRow& row, std::string_view column,
                                   std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  auto date = NormalizeIsoDate(cell);
  if (!date) {
    job.problems.Add(
        row.line, column,
        "expected an ISO 8601 date or date-time (2024-03-01, 2024-03-01T08:00:00Z); found " + Quote(cell));
  }
  return date;
}

std::optional<std::string> OptionalText(std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  return std::string(cell);
}

void NoRows(ImportJob& job) {
  if (job.stats.records == 0 && job.problems.empty()) {
    job.problems.Add(0, "", "no data rows after the header");
  }
}

}  // namespace

Status ImportOmicsMatrix(ImportJob& job) {
  ZENOME_ASSIGN_OR_RETURN(DelimitedReader reader,
                          DelimitedReader::Open(job.path, job.problems, HeaderCells::kIdentifiers));
  if (!job.problems.empty()) return Status::Ok();
  std::string assay =
      job.options.assay.empty() ? std::filesystem::path(job.path).stem().string() : job.options.assay;
  if (assay.empty() || !IsValidUtf8(assay) || assay.find_first_of(" \t;") != std::string::npos) {
    job.problems.Add(0, "",
                     "the assay name " + Quote(assay) + " must be non-empty without spaces or ';' (--assay)");
    return Status::Ok();
  }
  const auto& header = reader.header();
  const auto& raw_header = reader.raw_header();
  if (header.empty() || header[0] != "feature") {
    job.problems.Add(reader.header_line(), header.empty() ? "" : raw_header[0],
                     "the first column must be 'feature', followed by one column per participant");
    return Status::Ok();
  }
  if (header.size() < 2) {
    job.problems.Add(reader.header_line(), "", "no participant columns after 'feature'");
    return Status::Ok();
  }
  ZENOME_ASSIGN_OR_RETURN(ParticipantRows participants, ParticipantRows::Prepare(job.catalog));
  ZENOME_ASSIGN_OR_RETURN(
      Statement count, job.catalog.Prepare("SELECT count(*) FROM omics WHERE assay = ?1 AND pseudonym = ?2"));
  ZENOME_ASSIGN_OR_RETURN(Statement remove,
                          job.catalog.Prepare("DELETE FROM omics WHERE assay = ?1 AND pseudonym = ?2"));
  // Columns are named "column N" in messages: the header cell is a raw identifier.
  std::vector<std::string> column_pseudonyms(header.size());
  std::map<std::string, size_t> first_column;
  for (size_t column = 1; column < header.size(); ++column) {
    std::string label = "column " + std::to_string(column + 1);
    if (raw_header[column].empty()) {
      job.problems.Add(reader.header_line(), label, "empty participant identifier in the header");
      continue;
    }
    std::string pseudonym = ParticipantPseudonym(job.pseudonymizer, raw_header[column]);
    auto [seen, inserted] = first_column.emplace(pseudonym, column);
    if (!inserted) {
      job.problems.Add(reader.header_line(), label,
                       "the participant already has column " + std::to_string(seen->second + 1));
      continue;
    }
    column_pseudonyms[column] = pseudonym;
    job.participants.insert(pseudonym);
    if (!job.problems.empty()) continue;
    ZENOME_ASSIGN_OR_RETURN(bool created, participants.Ensure(job, pseudonym));
    if (created) continue;  // nothing stored to replace
    count.Bind(1, assay).Bind(2, pseudonym);
    ZENOME_ASSIGN_OR_RETURN(bool row, count.Step());
    if (row) job.stats.rows_removed += count.ColumnInt(0);
    count.Reset();
    remove.Bind(1, assay).Bind(2, pseudonym);
    ZENOME_RETURN_IF_ERROR(remove.Run());
  }
  ZENOME_ASSIGN_OR_RETURN(Statement insert,
                          job.catalog.Prepare("INSERT INTO omics(assay, pseudonym, feature, "
                                              "value) VALUES(?1, ?2, ?3, ?4)"));
  std::map<std::string, int64_t> feature_line;
  TableRow row;
  while (reader.Next(row, job.problems)) {
    ++job.stats.records;
    const std::string& feature = row.cells[0];
    if (feature.empty()) {
      job.problems.Add(row.line, "feature", "empty feature name");
      continue;
    }
    auto [seen, inserted] = feature_line.emplace(feature, row.line);
    if (!inserted) {
      job.problems.Add(row.line, "feature",
                       Quote(feature) + " already has a row (line " + std::to_string(seen->second) + ")");
    }
    for (size_t column = 1; column < row.cells.size(); ++column) {
      const std::string& cell = row.cells[column];
      if (IsMissingValue(cell)) continue;
      auto value = ParseNumber(cell);
      if (!value) {
        job.problems.Add(row.line, "column " + std::to_string(column + 1),
                         "expected a number (or NA for not measured); found " + Quote(cell));
        continue;
      }
      if (!job.problems.empty()) continue;
      insert.Bind(1, assay).Bind(2, column_pseudonyms[column]).Bind(3, feature).Bind(4, *value);
      ZENOME_RETURN_IF_ERROR(insert.Run());
      ++job.stats.rows_written;
    }
  }
  NoRows(job);
  job.stats.notes.push_back("assay '" + assay + "'");
  return Status::Ok();
}

Status ImportProTable(ImportJob& job) {
  enum { kParticipant, kInstrument, kItem, kTimestamp, kValue, kCount };
  static constexpr std::array<ColumnSpec, kCount> kColumns = {{
      {"participant_id", true},
      {"instrument", true},
      {"item", true},
      {"timestamp", true},
      {"value", true},
  }};
  ZENOME_ASSIGN_OR_RETURN(DelimitedReader reader, DelimitedReader::Open(job.path, job.problems));
  std::vector<int> at = BindColumns(reader, kColumns, job.problems);
  if (!job.problems.empty()) return Status::Ok();
  ZENOME_ASSIGN_OR_RETURN(ParticipantRows participants, ParticipantRows::Prepare(job.catalog));
  ZENOME_ASSIGN_OR_RETURN(
      Statement insert,
      job.catalog.Prepare("INSERT OR REPLACE INTO pro(pseudonym, instrument, item, timestamp, "
                          "value) VALUES(?1, ?2, ?3, ?4, ?5)"));
  TableRow row;
  while (reader.Next(row, job.problems)) {
    ++job.stats.records;
    ZENOME_ASSIGN_OR_RETURN(auto pseudonym,
                            RowParticipant(job, participants, row, row.cells[at[kParticipant]]));
    const std::string& instrument = row.cells[at[kInstrument]];
    const std::string& item = row.cells[at[kItem]];
    if (instrument.empty())
      job.problems.Add(row.line, "instrument", "empty; name the questionnaire (e.g. EQ5D)");
    if (item.empty()) job.problems.Add(row.line, "item", "empty; name the questionnaire item or score");
    auto timestamp = RowTimestamp(job, row, "timestamp", row.cells[at[kTimestamp]]);
    auto value = RowNumber(job, row, "value", row.cells[at[kValue]]);
    if (!job.problems.empty() || !pseudonym) continue;
    insert.Bind(1, *pseudonym).Bind(2, instrument).Bind(3, item).Bind(4, *timestamp).Bind(5, *value);
    ZENOME_RETURN_IF_ERROR(insert.Run());
    ++job.stats.rows_written;
  }
  NoRows(job);
  return Status::Ok();
}

Status ImportPathologyTable(ImportJob& job) {
  enum { kParticipant, kSpecimen, kCollected, kBodySite, kCode, kFinding, kGrade, kStage, kCount };
  static constexpr std::array<ColumnSpec, kCount> kColumns = {{
      {"participant_id", true},
      {"specimen_id", true},
      {"collected"},
      {"body_site"},
      {"diagnosis_code"},
      {"finding"},
      {"grade"},
      {"stage"},
  }};
  ZENOME_ASSIGN_OR_RETURN(DelimitedReader reader, DelimitedReader::Open(job.path, job.problems));
  std::vector<int> at = BindColumns(reader, kColumns, job.problems);
  if (!job.problems.empty()) return Status::Ok();
  auto cell = [&](const TableRow& row, int column) -> std::string_view {
    return at[column] >= 0 ? std::string_view(row.cells[at[column]]) : std::string_view();
  };
  ZENOME_ASSIGN_OR_RETURN(ParticipantRows participants, ParticipantRows::Prepare(job.catalog));
  ZENOME_ASSIGN_OR_RETURN(
      Statement exists,
      job.catalog.Prepare("SELECT 1 FROM pathology WHERE pseudonym = ?1 AND specimen = ?2"));
  ZENOME_ASSIGN_OR_RETURN(Statement insert,
                          job.catalog.Prepare("INSERT OR REPLACE INTO pathology(pseudonym, "
                                              "specimen, collected, body_site, diagnosis_code, "
                                              "finding, grade, stage) VALUES(?1, ?2, ?3, ?4, ?5, "
                                              "?6, ?7, ?8)"));
  std::map<std::pair<std::string, std::string>, int64_t> key_line;
  TableRow row;
  while (reader.Next(row, job.problems)) {
    ++job.stats.records;
    ZENOME_ASSIGN_OR_RETURN(auto pseudonym, RowParticipant(job, participants, row, cell(row, kParticipant)));
    std::string_view raw_specimen = cell(row, kSpecimen);
    std::string specimen;
    if (raw_specimen.empty()) {
      job.problems.Add(row.line, "specimen_id", "empty; every report needs its specimen's identifier");
    } else {
      specimen = RecordPseudonym(job.pseudonymizer, "specimen", raw_specimen);
    }
    auto collected = RowDate(job, row, "collected", cell(row, kCollected));
    std::optional<std::string> code;
    if (!cell(row, kCode).empty()) {
      code = NormalizePathologyCode(cell(row, kCode));
      if (!code) {
        job.problems.Add(row.line, "diagnosis_code",
                         "expected an ICD-O-3 morphology code (8500/3 or ICDO3:8500/3) or a diagnosis code "
                         "(ICD10:C50.9); found " +
                             Quote(cell(row, kCode)));
      }
    }
    if (!pseudonym || specimen.empty()) continue;
    auto [seen, inserted] = key_line.emplace(std::make_pair(*pseudonym, specimen), row.line);
    if (!inserted) {
      job.problems.Add(
          row.line, "specimen_id",
          "the participant's specimen already has a row (line " + std::to_string(seen->second) + ")");
      continue;
    }
    if (!job.problems.empty()) continue;
    exists.Bind(1, *pseudonym).Bind(2, specimen);
    ZENOME_ASSIGN_OR_RETURN(bool replaced, exists.Step());
    exists.Reset();
    if (replaced) ++job.stats.rows_removed;
    insert.Bind(1, *pseudonym)
        .Bind(2, specimen)
        .Bind(3, collected)
        .Bind(4, OptionalText(cell(row, kBodySite)));
    insert.Bind(5, code).Bind(6, OptionalText(cell(row, kFinding))).Bind(7, OptionalText(cell(row, kGrade)));
    insert.Bind(8, OptionalText(cell(row, kStage)));
    ZENOME_RETURN_IF_ERROR(insert.Run());
    ++job.stats.rows_written;
  }
  NoRows(job);
  return Status::Ok();
}

Status ImportImagingTable(ImportJob& job) {
  enum { kParticipant, kStudy, kAcquired, kModality, kBodySite, kFindingCode, kFinding, kCount };
  static constexpr std::array<ColumnSpec, kCount> kColumns = {{
      {"participant_id", true},
      {"study_id", true},
      {"acquired"},
      {"modality", true},
      {"body_site"},
      {"finding_code"},
      {"finding"},
  }};
  ZENOME_ASSIGN_OR_RETURN(DelimitedReader reader, DelimitedReader::Open(job.path, job.problems));
  std::vector<int> at = BindColumns(reader, kColumns, job.problems);
  if (!job.problems.empty()) return Status::Ok();
  auto cell = [&](const TableRow& row, int column) -> std::string_view {
    return at[column] >= 0 ? std::string_view(row.cells[at[column]]) : std::string_view();
  };
  ZENOME_ASSIGN_OR_RETURN(ParticipantRows participants, ParticipantRows::Prepare(job.catalog));
  ZENOME_ASSIGN_OR_RETURN(Statement exists,
                          job.catalog.Prepare("SELECT 1 FROM imaging WHERE pseudonym = ?1 AND study = ?2"));
  ZENOME_ASSIGN_OR_RETURN(Statement insert,
                          job.catalog.Prepare("INSERT OR REPLACE INTO imaging(pseudonym, study, "
                                              "acquired, modality, body_site, finding_code, "
                                              "finding) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
  std::map<std::pair<std::string, std::string>, int64_t> key_line;
  TableRow row;
  while (reader.Next(row, job.problems)) {
    ++job.stats.records;
    ZENOME_ASSIGN_OR_RETURN(auto pseudonym, RowParticipant(job, participants, row, cell(row, kParticipant)));
    std::string_view raw_study = cell(row, kStudy);
    std::string study;
    if (raw_study.empty()) {
      job.problems.Add(row.line, "study_id", "empty; every row needs the imaging study's identifier");
    } else {
      study = RecordPseudonym(job.pseudonymizer, "study", raw_study);
    }
    auto acquired = RowDate(job, row, "acquired", cell(row, kAcquired));
    auto modality = ParseModality(cell(row, kModality));
    if (!modality) {
      job.problems.Add(row.line, "modality",
                       "expected a DICOM modality code (CT, MR, PT, US, MG, CR, DX, NM, XA); found " +
                           Quote(cell(row, kModality)));
    }
    std::optional<std::string> finding_code = OptionalText(cell(row, kFindingCode));
    if (finding_code && !IsCurie(*finding_code)) {
      job.problems.Add(
          row.line, "finding_code",
          "expected a code as PREFIX:ID (RID:5827, SCTID:126906006); found " + Quote(*finding_code));
    }
    if (!pseudonym || study.empty()) continue;
    auto [seen, inserted] = key_line.emplace(std::make_pair(*pseudonym, study), row.line);
    if (!inserted) {
      job.problems.Add(
          row.line, "study_id",
          "the participant's study already has a row (line " + std::to_string(seen->second) + ")");
      continue;
    }
    if (!job.problems.empty()) continue;
    exists.Bind(1, *pseudonym).Bind(2, study);
    ZENOME_ASSIGN_OR_RETURN(bool replaced, exists.Step());
    exists.Reset();
    if (replaced) ++job.stats.rows_removed;
    insert.Bind(1, *pseudonym).Bind(2, study).Bind(3, acquired).Bind(4, *modality);
    insert.Bind(5, OptionalText(cell(row, kBodySite))).Bind(6, finding_code);
    insert.Bind(7, OptionalText(cell(row, kFinding)));
    ZENOME_RETURN_IF_ERROR(insert.Run());
    ++job.stats.rows_written;
  }
  NoRows(job);
  return Status::Ok();
}

Status ImportWearableTable(ImportJob& job) {
  enum { kParticipant, kTimestamp, kMetric, kValue, kCount };
  static constexpr std::array<ColumnSpec, kCount> kColumns = {{
      {"participant_id", true},
      {"timestamp", true},
      {"metric", true},
      {"value", true},
  }};
  ZENOME_ASSIGN_OR_RETURN(DelimitedReader reader, DelimitedReader::Open(job.path, job.problems));
  std::vector<int> at = BindColumns(reader, kColumns, job.problems);
  if (!job.problems.empty()) return Status::Ok();
  ZENOME_ASSIGN_OR_RETURN(ParticipantRows participants, ParticipantRows::Prepare(job.catalog));
  ZENOME_ASSIGN_OR_RETURN(
      Statement insert,
      job.catalog.Prepare("INSERT OR REPLACE INTO wearable(pseudonym, metric, timestamp, value) "
                          "VALUES(?1, ?2, ?3, ?4)"));
  TableRow row;
  while (reader.Next(row, job.problems)) {
    ++job.stats.records;
    ZENOME_ASSIGN_OR_RETURN(auto pseudonym,
                            RowParticipant(job, participants, row, row.cells[at[kParticipant]]));
    const std::string& metric = row.cells[at[kMetric]];
    if (metric.empty())
      job.problems.Add(row.line, "metric", "empty; name what was measured (e.g. heart_rate)");
    auto timestamp = RowTimestamp(job, row, "timestamp", row.cells[at[kTimestamp]]);
    auto value = RowNumber(job, row, "value", row.cells[at[kValue]]);
    if (!job.problems.empty() || !pseudonym) continue;
    insert.Bind(1, *pseudonym).Bind(2, metric).Bind(3, *timestamp).Bind(4, *value);
    ZENOME_RETURN_IF_ERROR(insert.Run());
    ++job.stats.rows_written;
  }
  NoRows(job);
  return Status::Ok();
}

}  // namespace zenome::layers
