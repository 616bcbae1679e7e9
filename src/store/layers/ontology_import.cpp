// Importing an OBO ontology (hp.obo, mondo.obo) into the catalog's ontology tables.
#include <ctime>
#include <set>
#include <string>

#include "store/layers/import_internal.h"
#include "store/layers/ontology.h"
#include "store/layers/schema.h"

namespace zenome::layers {

Result<ImportStats> ImportOntologyFile(Catalog& catalog, const std::string& path,
                                       const ImportOptions& options) {
  ProblemList problems(path, options.max_reported_problems);
  ZENOME_ASSIGN_OR_RETURN(OboOntology ontology, ParseOboFile(path, problems));
  ZENOME_RETURN_IF_ERROR(problems.ToStatus());
  ImportStats stats;
  stats.layer = LayerKind::kOntology;
  stats.records = static_cast<int64_t>(ontology.terms.size());
  ZENOME_RETURN_IF_ERROR(CreateLayerSchema(catalog));
  {
    ZENOME_ASSIGN_OR_RETURN(Statement count,
                            catalog.Prepare("SELECT count(*) FROM ontology_terms WHERE ontology = ?1"));
    count.Bind(1, ontology.name);
    ZENOME_ASSIGN_OR_RETURN(bool row, count.Step());
    if (row) stats.rows_removed = count.ColumnInt(0);
  }
  for (const char* table : {"ontology_terms", "ontology_alt_ids", "ontology_is_a", "ontologies"}) {
    ZENOME_ASSIGN_OR_RETURN(Statement remove,
                            catalog.Prepare("DELETE FROM " + std::string(table) + " WHERE ontology = ?1"));
    remove.Bind(1, ontology.name);
    ZENOME_RETURN_IF_ERROR(remove.Run());
  }
  ZENOME_ASSIGN_OR_RETURN(
      Statement insert_term,
      catalog.Prepare("INSERT OR REPLACE INTO ontology_terms(id, ontology, name, obsolete, "
                      "replaced_by) VALUES(?1, ?2, ?3, ?4, ?5)"));
  ZENOME_ASSIGN_OR_RETURN(Statement insert_alt,
                          catalog.Prepare("INSERT OR REPLACE INTO ontology_alt_ids(alt_id, id, ontology) "
                                          "VALUES(?1, ?2, ?3)"));
  ZENOME_ASSIGN_OR_RETURN(Statement insert_is_a,
                          catalog.Prepare("INSERT OR IGNORE INTO ontology_is_a(child, parent, ontology) "
                                          "VALUES(?1, ?2, ?3)"));
  std::set<std::string, std::less<>> term_ids;
  for (const auto& term : ontology.terms) term_ids.insert(term.id);
  for (const auto& term : ontology.terms) {
    insert_term.Bind(1, term.id).Bind(2, ontology.name);
    if (term.name.empty()) {
      insert_term.BindNull(3);
    } else {
      insert_term.Bind(3, term.name);
    }
    insert_term.Bind(4, static_cast<int64_t>(term.obsolete));
    if (term.replaced_by.empty()) {
      insert_term.BindNull(5);
    } else {
      insert_term.Bind(5, term.replaced_by);
    }
    ZENOME_RETURN_IF_ERROR(insert_term.Run());
    ++stats.rows_written;
    for (const auto& alt : term.alt_ids) {
      if (term_ids.count(alt)) continue;  // an alt_id that is also a term of its own stays a term
      insert_alt.Bind(1, alt).Bind(2, term.id).Bind(3, ontology.name);
      ZENOME_RETURN_IF_ERROR(insert_alt.Run());
    }
    for (const auto& parent : term.parents) {
      insert_is_a.Bind(1, term.id).Bind(2, parent).Bind(3, ontology.name);
      ZENOME_RETURN_IF_ERROR(insert_is_a.Run());
    }
  }
  ZENOME_ASSIGN_OR_RETURN(
      Statement insert_ontology,
      catalog.Prepare("INSERT OR REPLACE INTO ontologies(ontology, data_version, n_terms, "
                      "imported) VALUES(?1, ?2, ?3, ?4)"));
  insert_ontology.Bind(1, ontology.name);
  if (ontology.data_version.empty()) {
    insert_ontology.BindNull(2);
  } else {
    insert_ontology.Bind(2, ontology.data_version);
  }
  insert_ontology.Bind(3, stats.records).Bind(4, FormatUtc(static_cast<int64_t>(std::time(nullptr))));
  ZENOME_RETURN_IF_ERROR(insert_ontology.Run());
  stats.notes.push_back("ontology '" + ontology.name + "'" +
                        (ontology.data_version.empty() ? "" : " (" + ontology.data_version + ")"));
  // Stored phenotypes and diagnoses (with a prefix this ontology covers) that the new release does not
  // list as current terms: `db check` lists them; re-importing their clinical files maps alt ids.
  std::set<std::string> prefixes;
  for (const auto& term : ontology.terms) prefixes.emplace(layers::CuriePrefix(term.id));
  for (const auto& [table, column] : {std::pair<std::string, std::string>{"phenotypes", "hpo_id"},
                                      std::pair<std::string, std::string>{"diagnoses", "code"}}) {
    int64_t stale_rows = 0;
    ZENOME_ASSIGN_OR_RETURN(Statement stale, catalog.Prepare("SELECT count(*) FROM " + table + " x WHERE x." +
                                                             column + " >= ?1 AND x." + column +
                                                             " < ?2 AND NOT EXISTS (SELECT 1 FROM "
                                                             "ontology_terms t WHERE t.id = x." +
                                                             column + " AND t.obsolete = 0)"));
    for (const auto& prefix : prefixes) {
      std::string low = prefix + ":";
      stale.Bind(1, low).Bind(2, layers::PrefixUpperBound(low));
      ZENOME_ASSIGN_OR_RETURN(bool row, stale.Step());
      if (row) stale_rows += stale.ColumnInt(0);
      stale.Reset();
    }
    if (stale_rows > 0) {
      stats.notes.push_back(std::to_string(stale_rows) + " stored " + table +
                            " rows use ids this ontology does not list as current terms (zenome db check "
                            "lists them)");
    }
  }
  return stats;
}

}  // namespace zenome::layers
