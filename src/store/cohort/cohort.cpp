#include "store/cohort/cohort.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <utility>

#include "core/utf8.h"
#include "store/cohort/clinical_filter.h"
#include "store/layers/json_input.h"
#include "store/variants/annotations.h"
#include "store/variants/variant_store.h"

namespace zenome {

namespace {

using json = nlohmann::json;
using ParticipantSet = std::set<std::string>;

// A real query is a few hundred bytes; this keeps /dev/zero or a wrong file from filling memory.
constexpr size_t kMaxQueryBytes = size_t{16} << 20;

ParticipantSet Intersect(const ParticipantSet& a, const ParticipantSet& b) {
  ParticipantSet out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

ParticipantSet Subtract(const ParticipantSet& a, const ParticipantSet& b) {
  ParticipantSet out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

// `path` is the criterion's JSON pointer, "" for the whole query ("/" is the member named "").
// Messages quote the query; its control bytes stay out of the terminal.
Status BadCriterion(const std::string& path, const std::string& expected) {
  return Status::Usage(
      PercentEncodeUnsafe("cohort query" + (path.empty() ? std::string() : " " + path) + ": " + expected));
}

// A string or an array of strings, as a list.
Result<std::vector<std::string>> StringList(const json& value, const std::string& path, const char* what) {
  std::vector<std::string> items;
  if (value.is_string()) {
    items.push_back(value.get<std::string>());
  } else if (value.is_array() && !value.empty()) {
    for (const auto& item : value) {
      if (!item.is_string()) return BadCriterion(path, std::string(what) + " must be strings");
      items.push_back(item.get<std::string>());
    }
  } else {
    return BadCriterion(path,
                        std::string("expected ") + what + " as a string or a non-empty array of strings");
  }
  return items;
}

Status CheckKeys(const json& object, const std::string& path, std::initializer_list<const char*> allowed) {
  for (const auto& [key, value] : object.items()) {
    bool known =
        std::any_of(allowed.begin(), allowed.end(), [&k = key](const char* name) { return k == name; });
    if (!known) {
      std::string list;
      for (const char* name : allowed) list += (list.empty() ? "" : ", ") + std::string(name);
      return BadCriterion(path + "/" + EscapeJsonPointerToken(key),
                          "unknown field \"" + key + "\" (expected " + list + ")");
    }
  }
  return Status::Ok();
}

enum class GenotypeFilter { kAny, kHet, kHomAlt };

Result<GenotypeFilter> ParseGenotypeFilter(const json& object, const std::string& path) {
  if (!object.contains("genotype")) return GenotypeFilter::kAny;
  const json& value = object["genotype"];
  std::string text = value.is_string() ? value.get<std::string>() : "";
  if (text == "any") return GenotypeFilter::kAny;
  if (text == "het") return GenotypeFilter::kHet;
  if (text == "hom_alt") return GenotypeFilter::kHomAlt;
  return BadCriterion(path + "/genotype", "expected \"any\", \"het\" or \"hom_alt\"");
}

bool Accepts(GenotypeFilter filter, GenotypeCode genotype) {
  switch (filter) {
    case GenotypeFilter::kAny: return genotype == GenotypeCode::kHet || genotype == GenotypeCode::kHomAlt;
    case GenotypeFilter::kHet: return genotype == GenotypeCode::kHet;
    case GenotypeFilter::kHomAlt: return genotype == GenotypeCode::kHomAlt;
  }
  return false;
}

}  // namespace

Result<json> ReadCohortQuery(const std::string& path) {
  ZENOME_ASSIGN_OR_RETURN(std::string text, ReadWholeInput(path, "a cohort query (JSON)", kMaxQueryBytes));
  const std::string shown = path == "-" ? "<stdin>" : path;
  json query;
  if (auto problem = ParseJson(text, kMaxJsonDepth, query)) return JsonProblemStatus(shown, *problem);
  if (!query.is_object()) {
    return Status::BadInput(
        shown + ": a cohort query is a JSON object of criteria such as {\"sex\": \"female\"}; found " +
        std::string(query.type_name()));
  }
  return query;
}

CohortEvaluator::CohortEvaluator(const StoreHandle& store) : store_(store) {}
CohortEvaluator::~CohortEvaluator() = default;

Result<CohortResult> CohortEvaluator::Evaluate(const json& query, std::string_view source) {
  // The evaluator recurses over the query; ReadCohortQuery caps files, this caps built documents.
  if (auto deep = FindNestedDeeperThan(query, kMaxJsonDepth)) {
    return Status::BadInput("cohort query " + *deep + ": arrays and objects nested deeper than " +
                            std::to_string(kMaxJsonDepth) + " levels (the limit)");
  }
  CohortResult result;
  Result<ParticipantSet> participants = EvaluateNode(query, "", result.steps);
  if (!participants.ok()) {
    const Status& status = participants.status();
    if (source.empty() || status.code() != ErrorCode::kUsage) return status;
    return Status::BadInput((source == "-" ? std::string("<stdin>") : std::string(source)) + ": " +
                            status.message());
  }
  result.participants = std::move(participants).value();
  return result;
}

Result<const VariantStore*> CohortEvaluator::Variants() {
  if (!variants_) {
    ZENOME_ASSIGN_OR_RETURN(variants_, VariantStore::Open(store_));
  }
  return variants_.get();
}

Result<ParticipantSet> CohortEvaluator::WithGenome() {
  ZENOME_ASSIGN_OR_RETURN(const VariantStore* variants, Variants());
  ParticipantSet out;
  for (const auto& sample : variants->samples()) out.insert(sample.pseudonym);
  return out;
}

// Everyone the store knows: participants of the clinical layers and genomes without clinical data.
Result<const ParticipantSet*> CohortEvaluator::Universe() {
  if (!universe_) {
    ZENOME_ASSIGN_OR_RETURN(auto participants, AllParticipants(*store_.catalog));
    ZENOME_ASSIGN_OR_RETURN(auto genomes, WithGenome());
    participants.insert(genomes.begin(), genomes.end());
    universe_ = std::make_unique<ParticipantSet>(std::move(participants));
  }
  return universe_.get();
}

Result<ParticipantSet> CohortEvaluator::EvaluateNode(const json& node, const std::string& path,
                                                     std::vector<CohortStep>& steps) {
  if (!node.is_object() || node.empty()) {
    return BadCriterion(path, "expected an object of criteria such as {\"sex\": \"female\"}");
  }
  // Several keys in one object are combined with AND.
  std::optional<ParticipantSet> result;
  for (const auto& [key, value] : node.items()) {
    std::string child_path = path + "/" + EscapeJsonPointerToken(key);
    ParticipantSet matched;
    if (key == "all" || key == "any") {
      if (!value.is_array() || value.empty())
        return BadCriterion(child_path, "expected a non-empty array of criteria");
      for (size_t i = 0; i < value.size(); ++i) {
        ZENOME_ASSIGN_OR_RETURN(auto part,
                                EvaluateNode(value[i], child_path + "/" + std::to_string(i), steps));
        if (i == 0) {
          matched = std::move(part);
        } else if (key == "all") {
          matched = Intersect(matched, part);
        } else {
          matched.insert(part.begin(), part.end());
        }
      }
    } else if (key == "not") {
      ZENOME_ASSIGN_OR_RETURN(auto excluded, EvaluateNode(value, child_path, steps));
      ZENOME_ASSIGN_OR_RETURN(const ParticipantSet* universe, Universe());
      matched = Subtract(*universe, excluded);
    } else {
      ZENOME_ASSIGN_OR_RETURN(matched, EvaluateLeaf(key, value, child_path));
    }
    steps.push_back({child_path, key, static_cast<int64_t>(matched.size())});
    result = result ? Intersect(*result, matched) : std::move(matched);
  }
  return std::move(*result);
}

Result<ParticipantSet> CohortEvaluator::EvaluateLeaf(const std::string& key, const json& value,
                                                     const std::string& path) {
  if (key == "carrier") return Carriers(value, path);
  if (key == "burden") return Burden(value, path);
  if (key == "genome") {
    if (!value.is_boolean()) return BadCriterion(path, "expected true (has a stored genome) or false");
    ZENOME_ASSIGN_OR_RETURN(auto genomes, WithGenome());
    if (value.get<bool>()) return genomes;
    ZENOME_ASSIGN_OR_RETURN(const ParticipantSet* universe, Universe());
    return Subtract(*universe, genomes);
  }
  if (IsClinicalCriterion(key)) {
    auto matched = MatchClinicalCriterion(*store_.catalog, key, value);
    if (!matched.ok() && matched.status().code() == ErrorCode::kUsage) {
      return BadCriterion(path, matched.status().message());
    }
    return matched;
  }
  return BadCriterion(
      path, "unknown criterion \"" + key +
                "\" (expected all, any, not, genome, carrier, burden, or a clinical criterion: diagnosis, "
                "hpo, sex, age, population, consent, secondary_findings, treatment, outcome, omics, pro, "
                "wearable, pathology, imaging)");
}

// {"variant": "chr1-123-A-G" | [...], "genotype": "any|het|hom_alt"}, or just the variant(s).
Result<ParticipantSet> CohortEvaluator::Carriers(const json& value, const std::string& path) {
  json object = value.is_object() ? value : json{{"variant", value}};
  ZENOME_RETURN_IF_ERROR(CheckKeys(object, path, {"variant", "genotype"}));
  if (!object.contains("variant")) return BadCriterion(path, "a carrier criterion needs \"variant\"");
  ZENOME_ASSIGN_OR_RETURN(auto variants, StringList(object["variant"], path + "/variant", "variants"));
  ZENOME_ASSIGN_OR_RETURN(GenotypeFilter filter, ParseGenotypeFilter(object, path));
  ZENOME_ASSIGN_OR_RETURN(const VariantStore* store, Variants());
  ParticipantSet out;
  for (const auto& text : variants) {
    auto key = ParseVariantKey(store_, text);
    if (!key.ok()) return BadCriterion(path + "/variant", key.status().message());
    ZENOME_ASSIGN_OR_RETURN(auto carriers, store->Carriers(*key));
    for (const auto& carrier : carriers) {
      if (Accepts(filter, carrier.genotype)) out.insert(carrier.pseudonym);
    }
  }
  return out;
}

// {"gene": "BRCA2" | [...], "consequences": [SO terms] and/or "impact": [HIGH, MODERATE],
//  "max_af": 0.01, "min_variants": 1, "genotype": "any|hom_alt"}: participants carrying at least
// min_variants qualifying variants in the gene(s) (a hom-alt call counts 2 with "count": "alleles").
Result<ParticipantSet> CohortEvaluator::Burden(const json& value, const std::string& path) {
  if (!value.is_object()) return BadCriterion(path, "expected an object with \"gene\"");
  ZENOME_RETURN_IF_ERROR(CheckKeys(
      value, path, {"gene", "consequences", "impact", "max_af", "min_variants", "genotype", "count"}));
  if (!value.contains("gene")) return BadCriterion(path, "a burden criterion needs \"gene\"");
  ZENOME_ASSIGN_OR_RETURN(auto genes, StringList(value["gene"], path + "/gene", "genes"));
  std::set<std::string> consequences;
  std::set<std::string> impacts;
  if (value.contains("consequences")) {
    ZENOME_ASSIGN_OR_RETURN(auto list, StringList(value["consequences"], path + "/consequences", "SO terms"));
    consequences.insert(list.begin(), list.end());
  }
  if (value.contains("impact")) {
    ZENOME_ASSIGN_OR_RETURN(auto list, StringList(value["impact"], path + "/impact", "impacts"));
    for (const auto& impact : list) {
      if (impact != "HIGH" && impact != "MODERATE" && impact != "LOW" && impact != "MODIFIER") {
        return BadCriterion(path + "/impact",
                            "expected HIGH, MODERATE, LOW or MODIFIER, not \"" + impact + "\"");
      }
      impacts.insert(impact);
    }
  }
  if (consequences.empty() && impacts.empty()) impacts = {"HIGH", "MODERATE"};
  double max_af = 1.0;
  if (value.contains("max_af")) {
    if (!value["max_af"].is_number() || value["max_af"].get<double>() < 0 ||
        value["max_af"].get<double>() > 1) {
      return BadCriterion(path + "/max_af", "expected a frequency between 0 and 1");
    }
    max_af = value["max_af"].get<double>();
  }
  int64_t min_variants = 1;
  if (value.contains("min_variants")) {
    if (!value["min_variants"].is_number_integer() || value["min_variants"].get<int64_t>() < 1) {
      return BadCriterion(path + "/min_variants", "expected an integer of at least 1");
    }
    min_variants = value["min_variants"].get<int64_t>();
  }
  bool count_alleles = false;
  if (value.contains("count")) {
    std::string count = value["count"].is_string() ? value["count"].get<std::string>() : "";
    if (count != "variants" && count != "alleles") {
      return BadCriterion(path + "/count", "expected \"variants\" or \"alleles\"");
    }
    count_alleles = count == "alleles";
  }
  ZENOME_ASSIGN_OR_RETURN(GenotypeFilter filter, ParseGenotypeFilter(value, path));
  ZENOME_ASSIGN_OR_RETURN(const VariantStore* store, Variants());

  std::map<std::string, int64_t> qualifying_per_participant;
  for (const auto& name : genes) {
    auto gene = FindGene(*store_.catalog, name);
    if (!gene.ok()) return BadCriterion(path + "/gene", gene.status().message());
    ZENOME_ASSIGN_OR_RETURN(auto effects, EffectsOnGene(*store_.catalog, gene->gene_id));
    std::set<std::tuple<int64_t, std::string, std::string>> qualifying;
    for (const auto& effect : effects) {
      if (consequences.count(effect.consequence) > 0 || impacts.count(effect.impact) > 0) {
        qualifying.emplace(effect.key.pos0, effect.key.ref, effect.key.alt);
      }
    }
    if (qualifying.empty()) continue;
    ZENOME_RETURN_IF_ERROR(store->ForEachSiteWithCarriers(
        gene->contig, std::max<int64_t>(0, gene->start0 - kGeneFlank), gene->end0 + kGeneFlank,
        [&](const SiteSummary& site, const std::vector<Carrier>& carriers) -> Status {
          if (qualifying.count({site.key.pos0, site.key.ref, site.key.alt}) == 0) return Status::Ok();
          if (site.counts.frequency() > max_af) return Status::Ok();
          for (const auto& carrier : carriers) {
            if (!Accepts(filter, carrier.genotype)) continue;
            int64_t weight = count_alleles && carrier.genotype == GenotypeCode::kHomAlt ? 2 : 1;
            qualifying_per_participant[carrier.pseudonym] += weight;
          }
          return Status::Ok();
        }));
  }
  ParticipantSet out;
  for (const auto& [pseudonym, count] : qualifying_per_participant) {
    if (count >= min_variants) out.insert(pseudonym);
  }
  return out;
}

}  // namespace zenome
