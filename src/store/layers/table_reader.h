#pragma once
// Streaming reader for the CSV/TSV files clinical layers arrive in: one header line, then one record
// per line. CSV follows RFC 4180 (quoted cells, "" for a quote, quoted line breaks); TSV cells are
// taken as they are. Internal to the layer importers.

#include <cstdint>
#include <fstream>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/layers/values.h"

namespace zenome::layers {

struct TableRow {
  int64_t line = 0;  // 1-based line the record starts on
  std::vector<std::string> cells;
};

// Whether header cells may be quoted in messages: omics matrices name participants there, so their
// columns are reported by number.
enum class HeaderCells { kColumnNames, kIdentifiers };

class DelimitedReader {
 public:
  // The delimiter comes from the extension (.csv comma; .tsv, .tab, .txt tab), else from the header
  // (a tab in it means TSV). Reads the header; a file without one, and header cells that are not
  // text, are reported in `problems`.
  static Result<DelimitedReader> Open(const std::string& path, ProblemList& problems,
                                      HeaderCells header_cells = HeaderCells::kColumnNames);

  // Header cells, trimmed and lower-cased.
  const std::vector<std::string>& header() const { return header_; }
  // Header cells trimmed but not lower-cased (omics matrices name participants there).
  const std::vector<std::string>& raw_header() const { return raw_header_; }
  int64_t header_line() const { return header_line_; }
  // Next record, skipping blank lines. Records whose cell count differs from the header's, or with a
  // cell that is not UTF-8 text (control characters other than CSV's tab and quoted line breaks,
  // NUL included), are reported in `problems` and skipped. false at end of file.
  bool Next(TableRow& row, ProblemList& problems);

 private:
  explicit DelimitedReader(char delimiter) : delimiter_(delimiter) {}
  // One record's cells; false at end of file, or after a line or record longer than kMaxLineBytes
  // (reported; reading stops). May consume several physical lines (quoted breaks).
  bool ReadRecord(TableRow& row, ProblemList& problems);
  // The header name of a column for messages, or "column N".
  std::string ColumnLabel(size_t column) const;

  std::unique_ptr<std::ifstream> in_;
  char delimiter_;
  int64_t line_ = 0;
  int64_t header_line_ = 0;
  bool too_long_ = false;
  bool name_columns_ = true;
  std::vector<std::string> header_;
  std::vector<std::string> raw_header_;
};

struct ColumnSpec {
  std::string_view name;
  bool required = false;
};

// Maps each spec to its header index (-1 when absent). Missing required columns, unknown columns and
// repeated columns are reported at the header line.
std::vector<int> BindColumns(const DelimitedReader& reader, std::span<const ColumnSpec> specs,
                             ProblemList& problems);

}  // namespace zenome::layers
