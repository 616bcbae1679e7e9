#pragma once
// One renderer for what the store's queries return: the TSV/text the command line prints and the
// JSON both the command line and the server send. Pure functions of the typed results, so a front
// end never formats a row itself.

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/admin/stats.h"
#include "store/cohort/cohort.h"
#include "store/layers/import.h"
#include "store/variants/frequency_query.h"

namespace zenome {

enum class OutputFormat { kTsv, kJson, kText };

std::string_view OutputFormatName(OutputFormat format);
// One of `allowed` by name ("tsv", "json", "text"); a Usage error listing them otherwise.
Result<OutputFormat> ParseOutputFormat(std::string_view name, std::initializer_list<OutputFormat> allowed);

// Frequency tables: TSV in long form (one line per variant and group, "all" first), or JSON (an
// array of variants, groups nested).
nlohmann::json FrequencyTableJson(const FrequencyTable& table);
void WriteFrequencyTable(const FrequencyTable& table, OutputFormat format, std::ostream& out);

// Cohort results: the count (or the pseudonyms with `list`), and each criterion's own count with
// `explain`.
struct CohortView {
  bool list = false;
  bool explain = false;
};
nlohmann::json CohortResultJson(const CohortResult& result, const CohortView& view);
void WriteCohortResult(const CohortResult& result, const CohortView& view, OutputFormat format,
                       std::ostream& out);

// Store statistics: text (one "name<TAB>value" per line) or JSON.
nlohmann::json StoreStatsJson(const StoreStats& stats);
void WriteStoreStats(const StoreStats& stats, OutputFormat format, std::ostream& out);

// One line about an imported layer file: counts only, never identifiers.
std::string ImportSummaryLine(const std::string& file, const ImportStats& stats);

}  // namespace zenome
