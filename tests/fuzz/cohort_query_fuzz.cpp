// Cohort query JSON through ReadCohortQuery and CohortEvaluator, as `zenome db cohort DIR
// QUERY.json` runs them, on a store with four participants in every clinical layer, their
// genomes and gene annotations (store_fuzz_support.h), so every criterion has data to match.
// Input: the query file. Invariant: {"not": Q} matches exactly the participants Q does not.
#include <algorithm>
#include <cstdint>
#include <iterator>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "store/cohort/cohort.h"
#include "store/layers/json_input.h"
#include "store_fuzz_support.h"

namespace {

using namespace zenome;

std::string store_dir;
std::set<std::string> everyone;

// Deepest nesting of [ and { outside strings.
int Depth(std::string_view text) {
  int depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return deepest;
}

Result<std::set<std::string>> Evaluate(const StoreHandle& store, const nlohmann::json& query) {
  CohortEvaluator evaluator(store);
  Result<CohortResult> result = evaluator.Evaluate(query);
  if (!result.ok()) return result.status();
  return std::move(result->participants);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::SilenceHtslib();
  store_dir = fuzz::BuildStore("cohort-store", /*genomes=*/true);
  Result<StoreHandle> store = OpenStore(store_dir, false);
  fuzz::MustOk(store.status(), "open store");
  Result<std::set<std::string>> with = Evaluate(*store, {{"genome", true}});
  Result<std::set<std::string>> without = Evaluate(*store, {{"genome", false}});
  fuzz::MustOk(with.status(), "genome: true");
  fuzz::MustOk(without.status(), "genome: false");
  everyone = *with;
  everyone.insert(without->begin(), without->end());
  if (everyone.size() != 4) fuzz::Fail("the cohort store should know 4 participants");
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string path = fuzz::WriteFile("query.json", text);
  Result<nlohmann::json> query = ReadCohortQuery(path);
  if (!query.ok()) {
    fuzz::FailOnInternal(query.status());
    return 0;
  }
  Result<StoreHandle> store = OpenStore(store_dir, /*for_writing=*/false);
  fuzz::MustOk(store.status(), "open store");
  Result<std::set<std::string>> matched = Evaluate(*store, *query);
  if (!matched.ok()) {
    fuzz::FailOnInternal(matched.status());
    return 0;
  }
  if (!std::includes(everyone.begin(), everyone.end(), matched->begin(), matched->end())) {
    fuzz::Fail("a participant the store does not know matched");
  }
  Result<std::set<std::string>> complement = Evaluate(*store, {{"not", *query}});
  // Wrapping a query already at the depth limit in "not" passes the limit.
  if (!complement.ok() && Depth(text) >= kMaxJsonDepth - 1) return 0;
  if (!complement.ok()) fuzz::Fail("{\"not\": Q} fails where Q does not: " + complement.status().message());
  std::set<std::string> both = *matched;
  both.insert(complement->begin(), complement->end());
  if (both != everyone || both.size() != matched->size() + complement->size()) {
    fuzz::Fail("{\"not\": Q} is not the complement of Q");
  }
  return 0;
}
