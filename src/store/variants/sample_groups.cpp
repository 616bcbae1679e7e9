#include "store/variants/sample_groups.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "store/layers/schema.h"

namespace zenome {

Result<SampleGroups> LoadSampleGroups(Catalog& catalog, std::string_view dimension) {
  SampleGroups groups;
  groups.dimension = std::string(dimension);
  std::string sql;
  if (dimension == "population") {
    sql =
        "SELECT s.sample_id, p.population FROM samples s JOIN participants p ON p.pseudonym = s.pseudonym "
        "WHERE s.replaced_by IS NULL AND p.population IS NOT NULL AND p.population <> ''";
  } else if (dimension == "sex") {
    sql =
        "SELECT s.sample_id, p.sex FROM samples s JOIN participants p ON p.pseudonym = s.pseudonym "
        "WHERE s.replaced_by IS NULL";
  } else if (dimension == "diagnosis") {
    ZENOME_ASSIGN_OR_RETURN(bool has_layers, LayerSchemaExists(catalog));
    if (!has_layers) return groups;
    sql =
        "SELECT s.sample_id, d.code FROM samples s JOIN diagnoses d ON d.pseudonym = s.pseudonym "
        "WHERE s.replaced_by IS NULL AND d.excluded = 0";
  } else {
    return Status::Usage("cannot group genomes by '" + std::string(dimension) +
                         "'; expected population, sex or diagnosis");
  }
  ZENOME_ASSIGN_OR_RETURN(Statement statement, catalog.Prepare(sql));
  std::vector<std::pair<int64_t, std::string>> memberships;
  std::map<std::string, int> index_of;
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool row, statement.Step());
    if (!row) break;
    std::string name = statement.ColumnText(1);
    index_of.emplace(name, 0);
    memberships.emplace_back(statement.ColumnInt(0), std::move(name));
  }
  for (auto& [name, index] : index_of) {
    index = static_cast<int>(groups.names.size());
    groups.names.push_back(name);
  }
  for (const auto& [sample_id, name] : memberships) {
    auto& of_sample = groups.groups_of_sample[sample_id];
    int index = index_of.at(name);
    if (std::find(of_sample.begin(), of_sample.end(), index) == of_sample.end()) of_sample.push_back(index);
  }
  for (auto& [sample_id, indices] : groups.groups_of_sample) std::sort(indices.begin(), indices.end());
  return groups;
}

}  // namespace zenome
