#include "store/layers/table_reader.h"
#include "core/text.h"

#include <filesystem>
#include <set>

namespace zenome::layers {

namespace {
// A NUL would cut a value short when read back; other control characters break every TSV/VCF the
// value reaches. Tabs (CSV) and the line breaks of quoted CSV cells are text.
std::string CellProblem(std::string_view cell, char delimiter) {
  return TextProblem(cell, delimiter == ',' ? "\t\n" : "", " of the cell");
}
}  // namespace

std::string DelimitedReader::ColumnLabel(size_t column) const {
  std::string label = "column " + std::to_string(column + 1);
  if (name_columns_ && column < header_.size() && !header_[column].empty()) label = header_[column];
  return label;
}

Result<DelimitedReader> DelimitedReader::Open(const std::string& path, ProblemList& problems,
                                              HeaderCells header_cells) {
  auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*in) return Status::NotFound(path + ": cannot open the file");
  std::string extension = LowerExtension(path);
  char delimiter = extension == ".csv"                                                   ? ','
                   : (extension == ".tsv" || extension == ".tab" || extension == ".txt") ? '\t'
                                                                                         : 0;
  if (delimiter == 0) {
    // Unknown extension: a tab in the first non-blank line means TSV.
    std::string first;
    while (ReadLine(*in, first) == LineRead::kLine && TrimBlanks(first).empty()) {
    }
    delimiter = first.find('\t') != std::string::npos ? '\t' : ',';
    in->clear();
    in->seekg(0);
  }
  DelimitedReader reader(delimiter);
  reader.in_ = std::move(in);
  TableRow header;
  if (!reader.ReadRecord(header, problems)) {
    if (!reader.too_long_)
      problems.Add(0, "", "the file is empty; expected a header line naming the columns");
    return reader;
  }
  reader.header_line_ = header.line;
  reader.name_columns_ = header_cells == HeaderCells::kColumnNames;
  for (size_t column = 0; column < header.cells.size(); ++column) {
    std::string problem = CellProblem(header.cells[column], delimiter);
    if (!problem.empty()) problems.Add(header.line, "header column " + std::to_string(column + 1), problem);
  }
  for (auto& cell : header.cells) {
    std::string name(TrimBlanks(cell));
    reader.raw_header_.push_back(name);
    reader.header_.push_back(AsciiLower(name));
  }
  return reader;
}

bool DelimitedReader::ReadRecord(TableRow& row, ProblemList& problems) {
  row.cells.clear();
  if (too_long_) return false;
  std::string line;
  auto too_long = [&](const std::string& what) {
    problems.Add(line_, "",
                 what + " is longer than " + std::to_string(kMaxLineBytes >> 20) +
                     " MiB (not a text table?); the rest of the file is not read");
    too_long_ = true;
    return false;
  };
  for (;;) {
    const LineRead got = ReadLine(*in_, line);
    if (got == LineRead::kEnd) return false;
    ++line_;
    if (got == LineRead::kTooLong) return too_long("the line");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_ == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 byte order mark
    if (!TrimBlanks(line).empty()) break;
  }
  row.line = line_;
  if (delimiter_ == '\t') {
    size_t start = 0;
    for (;;) {
      size_t end = line.find('\t', start);
      row.cells.emplace_back(
          TrimBlanks(std::string_view(line).substr(start, end == std::string::npos ? end : end - start)));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return true;
  }
  // CSV: a quoted cell may continue on the next physical line.
  std::string cell;
  bool quoted = false;
  bool was_quoted = false;
  bool text_after_quote = false;
  size_t i = 0;
  for (;;) {
    if (i == line.size()) {
      if (!quoted) break;
      std::string next;
      const LineRead got = ReadLine(*in_, next);
      if (got == LineRead::kTooLong) {
        ++line_;
        return too_long("the line");
      }
      if (got == LineRead::kEnd) {
        problems.Add(
            row.line, ColumnLabel(row.cells.size()),
            "a quoted cell is not closed before the end of the file; expected a closing '\"' (a '\"' "
            "inside a quoted cell is written '\"\"')");
        break;
      }
      ++line_;
      if (!next.empty() && next.back() == '\r') next.pop_back();
      if (cell.size() + next.size() >= kMaxLineBytes) return too_long("a quoted cell (a '\"' not closed?)");
      cell += '\n';
      line = std::move(next);
      i = 0;
      continue;
    }
    char c = line[i++];
    if (quoted) {
      if (c == '"') {
        if (i < line.size() && line[i] == '"') {
          cell += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cell += c;
      }
    } else if (c == '"' && TrimBlanks(cell).empty()) {
      quoted = true;
      was_quoted = true;
      cell.clear();
    } else if (c == ',') {
      row.cells.push_back(was_quoted ? cell : std::string(TrimBlanks(cell)));
      cell.clear();
      was_quoted = false;
    } else if (was_quoted) {
      // RFC 4180: a closing quote ends the cell; "ab"cd would otherwise silently become abcd.
      if (c != ' ' && c != '\t' && !text_after_quote) {
        problems.Add(
            row.line, ColumnLabel(row.cells.size()),
            "text after the closing '\"' of a quoted cell; expected ',' (a '\"' inside a quoted cell is "
            "written '\"\"')");
        text_after_quote = true;
      }
    } else {
      cell += c;
    }
  }
  row.cells.push_back(was_quoted ? cell : std::string(TrimBlanks(cell)));
  return true;
}

bool DelimitedReader::Next(TableRow& row, ProblemList& problems) {
  for (;;) {
    if (!ReadRecord(row, problems)) return false;
    if (row.cells.size() != header_.size()) {
      problems.Add(row.line, "",
                   "expected " + std::to_string(header_.size()) + " cells (one per header column), found " +
                       std::to_string(row.cells.size()));
      continue;
    }
    bool text = true;
    for (size_t column = 0; column < row.cells.size(); ++column) {
      std::string problem = CellProblem(row.cells[column], delimiter_);
      if (problem.empty()) continue;
      problems.Add(row.line, ColumnLabel(column), problem);
      text = false;
    }
    if (!text) continue;
    return true;
  }
}

std::vector<int> BindColumns(const DelimitedReader& reader, std::span<const ColumnSpec> specs,
                             ProblemList& problems) {
  std::vector<int> indices(specs.size(), -1);
  std::set<std::string> seen;
  const auto& header = reader.header();
  for (size_t column = 0; column < header.size(); ++column) {
    const std::string& name = header[column];
    if (!seen.insert(name).second) {
      problems.Add(reader.header_line(), name, "the column appears more than once in the header");
      continue;
    }
    bool known = false;
    for (size_t s = 0; s < specs.size(); ++s) {
      if (specs[s].name == name) {
        indices[s] = static_cast<int>(column);
        known = true;
      }
    }
    if (!known) {
      std::string expected;
      for (const auto& spec : specs) expected += (expected.empty() ? "" : ", ") + std::string(spec.name);
      problems.Add(reader.header_line(), name.empty() ? "column " + std::to_string(column + 1) : name,
                   "unknown column; expected " + expected);
    }
  }
  for (size_t s = 0; s < specs.size(); ++s) {
    if (specs[s].required && indices[s] < 0 && !header.empty()) {
      problems.Add(reader.header_line(), specs[s].name, "required column is missing from the header");
    }
  }
  return indices;
}

}  // namespace zenome::layers
