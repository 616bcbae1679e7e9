// The clinical layer as a CSV/TSV table: one row per participant (README.md, "Clinical layers").
#include <algorithm>
#include <array>
#include <map>

#include "core/text.h"
#include "store/layers/import_internal.h"
#include "store/layers/table_reader.h"

namespace zenome::layers {

namespace {

enum Column {
  kParticipant,
  kSex,
  kAge,
  kPopulation,
  kDiagnoses,
  kExcludedDiagnoses,
  kHpoTerms,
  kExcludedHpoTerms,
  kTreatments,
  kOutcome,
  kConsent,
  kSecondaryFindings,
  kColumnCount,
};

constexpr std::array<ColumnSpec, kColumnCount> kColumns = {{
    {"participant_id", true},
    {"sex"},
    {"age"},
    {"population"},
    {"diagnoses"},
    {"excluded_diagnoses"},
    {"hpo_terms"},
    {"excluded_hpo_terms"},
    {"treatments"},
    {"outcome"},
    {"consent"},
    {"secondary_findings"},
}};

// Codes of one list cell, validated by `check`; (code, excluded) pairs appended to `out` once each.
template <typename Check>
Status AddCodes(ImportJob& job, const TableRow& row, std::string_view column, std::string_view cell,
                bool excluded, Check&& check, std::vector<std::pair<std::string, bool>>& out) {
  for (const auto& item : SplitList(cell, ';')) {
    std::string problem;
    ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> code, check(item, problem));
    if (!code) {
      job.problems.Add(row.line, column, problem);
      continue;
    }
    auto same = std::find_if(out.begin(), out.end(), [&](const auto& entry) { return entry.first == *code; });
    if (same == out.end()) {
      out.emplace_back(*code, excluded);
    } else if (same->second != excluded) {
      job.problems.Add(row.line, column,
                       Quote(*code) + " is listed both as present and as excluded for the same participant");
    }
  }
  return Status::Ok();
}

}  // namespace

Status ImportClinicalTable(ImportJob& job) {
  ZENOME_ASSIGN_OR_RETURN(DelimitedReader reader, DelimitedReader::Open(job.path, job.problems));
  std::vector<int> at = BindColumns(reader, kColumns, job.problems);
  if (!job.problems.empty()) return Status::Ok();
  auto has = [&](Column column) { return at[column] >= 0; };
  ZENOME_ASSIGN_OR_RETURN(ClinicalWriter writer, ClinicalWriter::Prepare(job.catalog));
  CodeChecker checker(job.catalog);
  std::map<std::string, int64_t> first_line;  // pseudonym → line it was first seen on
  TableRow row;
  while (reader.Next(row, job.problems)) {
    ++job.stats.records;
    auto cell = [&](Column column) -> std::string_view {
      return has(column) ? std::string_view(row.cells[at[column]]) : std::string_view();
    };
    ClinicalRecord record;
    std::string_view raw_id = cell(kParticipant);
    if (raw_id.empty()) {
      job.problems.Add(row.line, "participant_id", "empty; every row needs the participant's identifier");
      continue;
    }
    record.pseudonym = ParticipantPseudonym(job.pseudonymizer, raw_id);
    auto [seen, inserted] = first_line.emplace(record.pseudonym, row.line);
    if (!inserted) {
      // The identifier itself is never echoed: error messages end up in logs. The row's other
      // cells are still checked, so every problem is reported at once.
      job.problems.Add(row.line, "participant_id",
                       "the participant already has a row (line " + std::to_string(seen->second) +
                           "); one row per participant");
    }
    job.participants.insert(record.pseudonym);
    if (has(kSex)) {
      record.has_sex = true;
      if (!cell(kSex).empty()) {
        auto sex = ParseSex(cell(kSex));
        if (sex) {
          record.sex = *sex;
        } else {
          job.problems.Add(row.line, "sex",
                           "expected male, female, other or unknown; found " + Quote(cell(kSex)));
        }
      }
    }
    if (has(kAge)) {
      record.has_age = true;
      if (!cell(kAge).empty()) {
        record.age = ParseAgeYears(cell(kAge));
        if (!record.age) {
          job.problems.Add(row.line, "age",
                           "expected whole years 0-150 (or an ISO 8601 duration such as P45Y); found " +
                               Quote(cell(kAge)));
        }
      }
    }
    if (has(kPopulation)) {
      record.has_population = true;
      if (!cell(kPopulation).empty()) record.population = AsciiLower(cell(kPopulation));
    }
    if (has(kSecondaryFindings)) {
      record.has_secondary_findings = true;
      if (!cell(kSecondaryFindings).empty()) {
        auto choice = ParseSecondaryFindings(cell(kSecondaryFindings));
        if (choice) {
          record.secondary_findings = *choice;
        } else {
          job.problems.Add(row.line, "secondary_findings",
                           "expected opt_in, opt_out or unknown; found " + Quote(cell(kSecondaryFindings)));
        }
      }
    }
    auto diagnosis = [&](std::string_view text, std::string& problem) {
      return checker.Diagnosis(job, text, problem);
    };
    auto phenotype = [&](std::string_view text, std::string& problem) {
      return checker.Phenotype(job, text, problem);
    };
    if (has(kDiagnoses) || has(kExcludedDiagnoses)) {
      record.has_diagnoses = true;
      ZENOME_RETURN_IF_ERROR(
          AddCodes(job, row, "diagnoses", cell(kDiagnoses), false, diagnosis, record.diagnoses));
      ZENOME_RETURN_IF_ERROR(AddCodes(job, row, "excluded_diagnoses", cell(kExcludedDiagnoses), true,
                                      diagnosis, record.diagnoses));
    }
    if (has(kHpoTerms) || has(kExcludedHpoTerms)) {
      record.has_phenotypes = true;
      ZENOME_RETURN_IF_ERROR(
          AddCodes(job, row, "hpo_terms", cell(kHpoTerms), false, phenotype, record.phenotypes));
      ZENOME_RETURN_IF_ERROR(AddCodes(job, row, "excluded_hpo_terms", cell(kExcludedHpoTerms), true,
                                      phenotype, record.phenotypes));
    }
    if (has(kTreatments)) {
      record.has_treatments = true;
      for (const auto& item : SplitList(cell(kTreatments), ';')) {
        std::string problem;
        auto code = NormalizeTreatmentCode(item, problem);
        if (!code) {
          job.problems.Add(row.line, "treatments", problem);
        } else if (std::none_of(record.treatments.begin(), record.treatments.end(),
                                [&](const auto& entry) { return entry.first == *code; })) {
          record.treatments.emplace_back(*code, "");
        }
      }
    }
    if (has(kOutcome)) {
      record.has_outcomes = true;
      for (auto& outcome : SplitList(cell(kOutcome), ';')) {
        if (std::find(record.outcomes.begin(), record.outcomes.end(), outcome) == record.outcomes.end()) {
          record.outcomes.push_back(std::move(outcome));
        }
      }
    }
    if (has(kConsent)) {
      record.has_consent = true;
      for (const auto& item : SplitList(cell(kConsent), ';')) {
        std::string problem;
        auto code = ParseConsentCode(item, problem);
        if (!code) {
          job.problems.Add(row.line, "consent", problem);
        } else if (std::find(record.consent.begin(), record.consent.end(), *code) == record.consent.end()) {
          record.consent.push_back(std::move(*code));
        }
      }
    }
    if (job.problems.empty()) ZENOME_RETURN_IF_ERROR(writer.Write(job, record));
  }
  if (job.stats.records == 0 && job.problems.empty()) {
    job.problems.Add(0, "", "no data rows; expected one row per participant after the header");
  }
  return Status::Ok();
}

}  // namespace zenome::layers
