#pragma once
// Shared pieces of the layer importers (layer_import.cpp dispatches to one per format). Each importer
// runs inside the transaction ImportLayer opened: it validates every record, writes rows while no
// problem has been seen, and leaves problems in `job.problems` (ImportLayer then rolls back). SQL
// failures are returned as Status.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "store/catalog/catalog.h"
#include "store/catalog/pseudonymizer.h"
#include "store/layers/consent.h"
#include "store/layers/import.h"
#include "store/layers/ontology.h"
#include "store/layers/values.h"

namespace zenome::layers {

struct ImportJob {
  ImportJob(Catalog& catalog_in, const Pseudonymizer& pseudonymizer_in, std::string path_in,
            const ImportOptions& options_in)
      : catalog(catalog_in),
        pseudonymizer(pseudonymizer_in),
        path(std::move(path_in)),
        options(options_in),
        problems(path, options_in.max_reported_problems) {}
  Catalog& catalog;
  const Pseudonymizer& pseudonymizer;
  std::string path;
  ImportOptions options;
  ProblemList problems;
  ImportStats stats;
  std::set<std::string> participants;  // pseudonyms the file names
};

// The stored pseudonym of a raw participant id (ids already shaped like pseudonyms are kept, so
// exported files re-import onto the same participants).
std::string ParticipantPseudonym(const Pseudonymizer& pseudonymizer, std::string_view raw_id);
// Specimen and imaging-study ids can identify a person too; they are pseudonymised in their own
// namespace ("specimen", "study") so they never collide with participant pseudonyms.
std::string RecordPseudonym(const Pseudonymizer& pseudonymizer, std::string_view kind,
                            std::string_view raw_id);

// Makes sure a participants row exists for each pseudonym a layer row will reference (layer rows
// may arrive before the clinical file); counts the new ones in the job's stats.
class ParticipantRows {
 public:
  static Result<ParticipantRows> Prepare(Catalog& catalog);
  // true when the row was created now (so the participant has no stored layer rows yet).
  Result<bool> Ensure(ImportJob& job, const std::string& pseudonym);

 private:
  ParticipantRows(Statement exists, Statement insert)
      : exists_(std::move(exists)), insert_(std::move(insert)) {}
  Statement exists_;
  Statement insert_;
};

// Everything a clinical file (table row or Phenopacket) says about one participant. `has_*` says
// whether the file carries that attribute at all; what it carries replaces what was stored.
struct ClinicalRecord {
  std::string pseudonym;
  bool has_sex = false;
  std::string sex = "unknown";
  bool has_age = false;
  std::optional<int64_t> age;
  bool has_population = false;
  std::optional<std::string> population;
  bool has_secondary_findings = false;
  std::string secondary_findings = "unknown";
  bool has_consent = false;
  std::vector<ConsentCode> consent;
  bool has_diagnoses = false;
  std::vector<std::pair<std::string, bool>> diagnoses;  // (code, excluded)
  bool has_phenotypes = false;
  std::vector<std::pair<std::string, bool>> phenotypes;  // (HPO id, excluded)
  bool has_treatments = false;
  std::vector<std::pair<std::string, std::string>> treatments;  // (code, kind)
  bool has_outcomes = false;
  std::vector<std::string> outcomes;
};

// Writes ClinicalRecords: upserts the participant, then replaces the rows of each attribute the
// record carries.
class ClinicalWriter {
 public:
  static Result<ClinicalWriter> Prepare(Catalog& catalog);
  Status Write(ImportJob& job, const ClinicalRecord& record);

 private:
  // Statements prepared once per file, indexed by the enums in layer_import.cpp.
  ClinicalWriter(ParticipantRows participants, std::vector<Statement> statements)
      : participants_(std::move(participants)), statements_(std::move(statements)) {}
  ParticipantRows participants_;
  std::vector<Statement> statements_;
};

// Validates diagnosis, phenotype and treatment codes; with an imported ontology covering a code's
// prefix, the code must be a term of it (alternative and obsolete ids are mapped to current ones).
class CodeChecker {
 public:
  explicit CodeChecker(Catalog& catalog) : resolver_(catalog) {}
  // The stored form, or nullopt with `problem` set.
  Result<std::optional<std::string>> Phenotype(ImportJob& job, std::string_view text, std::string& problem);
  Result<std::optional<std::string>> Diagnosis(ImportJob& job, std::string_view text, std::string& problem);

 private:
  Result<std::optional<std::string>> Resolve(ImportJob& job, const std::string& id, std::string& problem);
  TermResolver resolver_;
};

// Age in whole years: "45", or an ISO 8601 duration ("P45Y6M").
std::optional<int64_t> ParseAgeYears(std::string_view text);

Status ImportClinicalTable(ImportJob& job);
Status ImportPhenopackets(ImportJob& job);
Status ImportOmicsMatrix(ImportJob& job);
Status ImportProTable(ImportJob& job);
Status ImportPathologyTable(ImportJob& job);
Status ImportImagingTable(ImportJob& job);
Status ImportWearableTable(ImportJob& job);

// Replaces everything previously imported under the same ontology name (a new release replaces
// the old one). Runs inside the caller's transaction.
Result<ImportStats> ImportOntologyFile(Catalog& catalog, const std::string& path,
                                       const ImportOptions& options);

}  // namespace zenome::layers
