#pragma once
// Cohort queries across layers (`zenome db cohort DIR QUERY.json`, and the server's cohort API,
// which accepts the same JSON): clinical criteria (src/store/clinical_filter.h) combined with
// genotype criteria — carriers of given variants, and gene burden of qualifying variants by
// consequence and frequency — under all / any / not. The answer is a set of participant
// pseudonyms; the CLI prints its size or the list. The JSON grammar is in README.md, "Cohort
// queries".

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/status.h"
#include "store/catalog/store_dir.h"

namespace zenome {

class VariantStore;

// How many participants each criterion matched on its own, for --explain.
struct CohortStep {
  std::string path;  // JSON pointer of the criterion ("/all/1")
  std::string key;   // "sex", "carrier", "burden", "all", ...
  int64_t matched = 0;
};

struct CohortResult {
  std::set<std::string> participants;  // pseudonyms
  std::vector<CohortStep> steps;
};

// Reads a query file ('-' for stdin); syntax errors name the file, line and column.
Result<nlohmann::json> ReadCohortQuery(const std::string& path);

class CohortEvaluator {
 public:
  // Genotype criteria open the store's variants on first use.
  explicit CohortEvaluator(const StoreHandle& store);
  ~CohortEvaluator();
  CohortEvaluator(const CohortEvaluator&) = delete;
  CohortEvaluator& operator=(const CohortEvaluator&) = delete;

  // Usage errors name the JSON pointer of the offending criterion and what was expected.
  // With `source` (the query file's name, "-" for stdin), they are bad input naming it.
  Result<CohortResult> Evaluate(const nlohmann::json& query, std::string_view source = "");

 private:
  Result<std::set<std::string>> EvaluateNode(const nlohmann::json& node, const std::string& path,
                                             std::vector<CohortStep>& steps);
  Result<std::set<std::string>> EvaluateLeaf(const std::string& key, const nlohmann::json& value,
                                             const std::string& path);
  Result<std::set<std::string>> Carriers(const nlohmann::json& value, const std::string& path);
  Result<std::set<std::string>> Burden(const nlohmann::json& value, const std::string& path);
  Result<std::set<std::string>> WithGenome();
  Result<const std::set<std::string>*> Universe();
  Result<const VariantStore*> Variants();

  const StoreHandle& store_;
  std::unique_ptr<VariantStore> variants_;
  std::unique_ptr<std::set<std::string>> universe_;
};

}  // namespace zenome
