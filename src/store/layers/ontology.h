#pragma once
// Ontologies (HPO's hp.obo, MONDO, ...) imported from OBO files into the catalog, and the term
// lookups the importers and cohort filters need: is an id current (alt_id and obsolete ids mapped to
// their replacement), and which terms lie below a term by is_a.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/catalog/catalog.h"
#include "store/layers/values.h"

namespace zenome {

// One [Term] stanza.
struct OboTerm {
  std::string id;
  std::string name;
  bool obsolete = false;
  std::string replaced_by;
  std::vector<std::string> alt_ids;
  std::vector<std::string> parents;  // is_a targets
  int64_t line = 0;                  // of the [Term] header
};

struct OboOntology {
  std::string name;          // header "ontology:" (e.g. "hp"), else the file name stem
  std::string data_version;  // header "data-version:", "" when absent
  std::vector<OboTerm> terms;
};

// Parses OBO 1.2/1.4: header tags, [Term] stanzas (id, name, is_a, alt_id, is_obsolete, replaced_by;
// other tags ignored); other stanza types skipped. Problems are collected in `problems`.
Result<OboOntology> ParseOboFile(const std::string& path, layers::ProblemList& problems);

// Term lookups against the imported ontologies, cached per instance.
class TermResolver {
 public:
  explicit TermResolver(Catalog& catalog) : catalog_(catalog) {}

  // Whether an imported ontology has terms with this CURIE prefix ("HP").
  Result<bool> Covers(std::string_view prefix);

  enum class Outcome {
    kCurrent,     // a current term
    kRemapped,    // an alt_id, or obsolete with replaced_by: `id` is the current term
    kObsolete,    // obsolete without a replacement
    kUnknown,     // not in the ontology that covers its prefix
    kNotCovered,  // no imported ontology covers its prefix
  };
  struct Resolution {
    Outcome outcome = Outcome::kNotCovered;
    std::string id;      // the id to store (the input when not remapped)
    std::string detail;  // why it was remapped or rejected
  };
  Result<Resolution> Resolve(std::string_view id);

  // `id` and every term below it (transitively by is_a), `id` first.
  Result<std::vector<std::string>> SelfAndDescendants(std::string_view id);
  // True when `id` is `ancestor` or lies below it.
  Result<bool> IsSelfOrDescendant(std::string_view id, std::string_view ancestor);
  // data-version of the ontology covering `prefix` ("" when unknown).
  Result<std::string> DataVersion(std::string_view prefix);

 private:
  Catalog& catalog_;
  bool schema_checked_ = false;
  bool has_schema_ = false;
  std::map<std::string, bool, std::less<>> covered_;
  std::map<std::string, Resolution, std::less<>> resolved_;
};

}  // namespace zenome
