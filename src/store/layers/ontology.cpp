#include "store/layers/ontology.h"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text.h"
#include "store/layers/schema.h"

namespace zenome {

namespace {

using layers::ProblemList;

// The identifier an OBO tag value starts with: "HP:0000118 ! Phenotypic abnormality" → "HP:0000118".
std::string_view FirstToken(std::string_view value) {
  value = TrimBlanks(value);
  size_t end = value.find_first_of(" \t!{");
  return value.substr(0, end);
}

// A tag value without its trailing "{qualifiers}" and "! comment" (name values keep '!' only when
// escaped, which OBO files do not use for names in practice).
std::string_view StripComment(std::string_view value) {
  size_t bang = value.find(" !");
  if (bang != std::string_view::npos) value = value.substr(0, bang);
  return TrimBlanks(value);
}

// is_a links must form a hierarchy: a term that is its own ancestor makes every descendant
// query of the cycle's terms return all of them. Iterative depth-first search over the file's
// terms (links to terms of other files are not followed).
void ReportIsACycles(const OboOntology& ontology, ProblemList& problems) {
  const auto& terms = ontology.terms;
  std::unordered_map<std::string_view, size_t> index;
  for (size_t i = 0; i < terms.size(); ++i) index.emplace(terms[i].id, i);
  enum : uint8_t { kNew, kOnPath, kDone };
  std::vector<uint8_t> state(terms.size(), kNew);
  std::vector<std::pair<size_t, size_t>> path;  // (term, next parent to follow)
  for (size_t root = 0; root < terms.size(); ++root) {
    if (state[root] != kNew) continue;
    state[root] = kOnPath;
    path.push_back({root, 0});
    while (!path.empty()) {
      auto& [term, next] = path.back();
      if (next == terms[term].parents.size()) {
        state[term] = kDone;
        path.pop_back();
        continue;
      }
      const std::string& parent = terms[term].parents[next++];
      if (parent == terms[term].id) {
        problems.Add(terms[term].line, "is_a", "the term " + parent + " is_a itself; expected a parent term");
        continue;
      }
      auto found = index.find(parent);
      if (found == index.end()) continue;
      size_t above = found->second;
      if (state[above] == kOnPath) {
        std::string cycle;
        size_t from = 0;
        while (path[from].first != above) ++from;
        size_t length = path.size() - from;
        for (size_t i = from; i < path.size(); ++i) {
          if (length > 8 && i == from + 3) {
            cycle += "... → ";
            i = path.size() - 3;
          }
          cycle += terms[path[i].first].id + " → ";
        }
        problems.Add(terms[above].line, "is_a",
                     "is_a cycle " + cycle + terms[above].id +
                         "; expected a hierarchy (a term cannot be its own ancestor)");
      } else if (state[above] == kNew) {
        state[above] = kOnPath;
        path.push_back({above, 0});
      }
    }
  }
}

}  // namespace

Result<OboOntology> ParseOboFile(const std::string& path, ProblemList& problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open the file");
  OboOntology ontology;
  std::string line;
  int64_t line_number = 0;
  enum class Section { kHeader, kTerm, kOther } section = Section::kHeader;
  OboTerm* term = nullptr;
  std::set<std::string, std::less<>> seen;
  auto finish_term = [&]() {
    if (term == nullptr) return;
    if (term->id.empty()) {
      problems.Add(term->line, "id", "the [Term] stanza has no id");
      ontology.terms.pop_back();
    } else if (!seen.insert(term->id).second) {
      problems.Add(term->line, "id", "term " + layers::Quote(term->id) + " is defined twice");
      ontology.terms.pop_back();
    }
    term = nullptr;
  };
  for (LineRead got; (got = ReadLine(in, line)) != LineRead::kEnd;) {
    ++line_number;
    if (got == LineRead::kTooLong) {
      problems.Add(line_number, "",
                   "the line is longer than " + std::to_string(kMaxLineBytes >> 20) +
                       " MiB (not an OBO file?); the rest of the file is not read");
      break;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    // A NUL in a name would cut it short when read back; other control bytes break exports.
    if (std::string problem = layers::TextProblem(line, "\t"); !problem.empty()) {
      problems.Add(line_number, "", problem);
      continue;
    }
    std::string_view text = TrimBlanks(line);
    if (text.empty() || text[0] == '!') continue;
    if (text.front() == '[') {
      finish_term();
      if (text == "[Term]") {
        section = Section::kTerm;
        ontology.terms.emplace_back();
        term = &ontology.terms.back();
        term->line = line_number;
      } else {
        section = Section::kOther;
      }
      continue;
    }
    size_t colon = text.find(':');
    if (colon == std::string_view::npos) {
      problems.Add(line_number, "", "expected 'tag: value'");
      continue;
    }
    std::string_view tag = TrimBlanks(text.substr(0, colon));
    std::string_view value = TrimBlanks(text.substr(colon + 1));
    if (section == Section::kHeader) {
      if (tag == "ontology") ontology.name = std::string(StripComment(value));
      if (tag == "data-version") ontology.data_version = std::string(StripComment(value));
      continue;
    }
    if (section != Section::kTerm) continue;
    auto identifier = [&](std::string_view tag_name) -> std::string {
      std::string_view id = FirstToken(value);
      if (!layers::IsCurie(id)) {
        problems.Add(line_number, tag_name,
                     "expected a term id such as HP:0001250, found " + layers::Quote(value));
        return {};
      }
      return std::string(id);
    };
    if (tag == "id") {
      if (!term->id.empty()) {
        problems.Add(line_number, "id", "the stanza has a second id");
        continue;
      }
      term->id = identifier("id");
    } else if (tag == "name") {
      term->name = std::string(StripComment(value));
    } else if (tag == "is_a") {
      std::string parent = identifier("is_a");
      if (!parent.empty()) term->parents.push_back(std::move(parent));
    } else if (tag == "alt_id") {
      std::string alt = identifier("alt_id");
      if (!alt.empty()) term->alt_ids.push_back(std::move(alt));
    } else if (tag == "is_obsolete") {
      std::string_view flag = StripComment(value);
      if (flag != "true" && flag != "false") {
        problems.Add(line_number, "is_obsolete", "expected true or false, found " + layers::Quote(flag));
      }
      term->obsolete = flag == "true";
    } else if (tag == "replaced_by") {
      term->replaced_by = identifier("replaced_by");
    }
  }
  finish_term();
  ReportIsACycles(ontology, problems);
  if (ontology.name.empty()) ontology.name = std::filesystem::path(path).stem().string();
  if (ontology.terms.empty() && problems.empty()) {
    problems.Add(0, "", "no [Term] stanzas; expected an OBO ontology such as hp.obo");
  }
  return ontology;
}

Result<bool> TermResolver::Covers(std::string_view prefix) {
  auto found = covered_.find(prefix);
  if (found != covered_.end()) return found->second;
  if (!schema_checked_) {
    ZENOME_ASSIGN_OR_RETURN(has_schema_, LayerSchemaExists(catalog_));
    schema_checked_ = true;
  }
  bool covers = false;
  if (has_schema_ && !prefix.empty()) {
    ZENOME_ASSIGN_OR_RETURN(
        Statement statement,
        catalog_.Prepare("SELECT 1 FROM ontology_terms WHERE id >= ?1 AND id < ?2 LIMIT 1"));
    std::string low = std::string(prefix) + ":";
    statement.Bind(1, low).Bind(2, layers::PrefixUpperBound(low));
    ZENOME_ASSIGN_OR_RETURN(covers, statement.Step());
  }
  covered_.emplace(std::string(prefix), covers);
  return covers;
}

Result<TermResolver::Resolution> TermResolver::Resolve(std::string_view id) {
  auto cached = resolved_.find(id);
  if (cached != resolved_.end()) return cached->second;
  Resolution resolution;
  resolution.id = std::string(id);
  ZENOME_ASSIGN_OR_RETURN(bool covered, Covers(layers::CuriePrefix(id)));
  if (!covered) {
    resolution.outcome = Outcome::kNotCovered;
  } else {
    ZENOME_ASSIGN_OR_RETURN(
        Statement term, catalog_.Prepare("SELECT obsolete, replaced_by FROM ontology_terms WHERE id = ?1"));
    term.Bind(1, id);
    ZENOME_ASSIGN_OR_RETURN(bool found, term.Step());
    if (found && term.ColumnInt(0) == 0) {
      resolution.outcome = Outcome::kCurrent;
    } else if (found) {
      std::string replacement = term.ColumnIsNull(1) ? std::string() : term.ColumnText(1);
      if (replacement.empty()) {
        resolution.outcome = Outcome::kObsolete;
        resolution.detail = "obsolete in the imported ontology, with no replacement";
      } else {
        resolution.outcome = Outcome::kRemapped;
        resolution.id = replacement;
        resolution.detail = "obsolete, replaced by " + replacement;
      }
    } else {
      ZENOME_ASSIGN_OR_RETURN(Statement alt,
                              catalog_.Prepare("SELECT id FROM ontology_alt_ids WHERE alt_id = ?1"));
      alt.Bind(1, id);
      ZENOME_ASSIGN_OR_RETURN(bool is_alt, alt.Step());
      if (is_alt) {
        resolution.outcome = Outcome::kRemapped;
        resolution.id = alt.ColumnText(0);
        resolution.detail = "alternative id of " + resolution.id;
      } else {
        resolution.outcome = Outcome::kUnknown;
        resolution.detail = "not a term of the imported ontology";
      }
    }
  }
  resolved_.emplace(std::string(id), resolution);
  return resolution;
}

Result<std::vector<std::string>> TermResolver::SelfAndDescendants(std::string_view id) {
  std::vector<std::string> ids = {std::string(id)};
  ZENOME_ASSIGN_OR_RETURN(bool covered, Covers(layers::CuriePrefix(id)));
  if (!covered) return ids;
  // UNION (not UNION ALL) visits each term once, so a cycle in a broken ontology still ends.
  ZENOME_ASSIGN_OR_RETURN(Statement statement,
                          catalog_.Prepare("WITH RECURSIVE below(id) AS (SELECT ?1 UNION SELECT i.child FROM "
                                           "ontology_is_a i JOIN below b ON i.parent = b.id) "
                                           "SELECT id FROM below WHERE id <> ?1"));
  statement.Bind(1, id);
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    ids.push_back(statement.ColumnText(0));
  }
  return ids;
}

Result<bool> TermResolver::IsSelfOrDescendant(std::string_view id, std::string_view ancestor) {
  if (id == ancestor) return true;
  ZENOME_ASSIGN_OR_RETURN(bool covered, Covers(layers::CuriePrefix(id)));
  if (!covered) return false;
  ZENOME_ASSIGN_OR_RETURN(
      Statement statement,
      catalog_.Prepare("WITH RECURSIVE above(id) AS (SELECT ?1 UNION SELECT i.parent FROM "
                       "ontology_is_a i JOIN above a ON i.child = a.id) "
                       "SELECT 1 FROM above WHERE id = ?2 LIMIT 1"));
  statement.Bind(1, id).Bind(2, ancestor);
  return statement.Step();
}

Result<std::string> TermResolver::DataVersion(std::string_view prefix) {
  ZENOME_ASSIGN_OR_RETURN(bool covered, Covers(prefix));
  if (!covered) return std::string();
  ZENOME_ASSIGN_OR_RETURN(Statement statement,
                          catalog_.Prepare("SELECT o.data_version FROM ontology_terms t JOIN ontologies o ON "
                                           "o.ontology = t.ontology WHERE t.id >= ?1 AND t.id < ?2 LIMIT 1"));
  std::string low = std::string(prefix) + ":";
  statement.Bind(1, low).Bind(2, layers::PrefixUpperBound(low));
  ZENOME_ASSIGN_OR_RETURN(bool row, statement.Step());
  if (!row || statement.ColumnIsNull(0)) return std::string();
  return statement.ColumnText(0);
}

}  // namespace zenome
