// The clinical layer as GA4GH Phenopacket v2 JSON: one phenopacket, or an array of them. A
// phenopacket is its subject's case record, so it replaces the subject's phenotypes, diseases and
// treatments; sex and age are set when it states them (README.md, "Clinical layers").
#include <algorithm>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "store/layers/import_internal.h"
#include "store/layers/json_input.h"

namespace zenome::layers {

namespace {

using nlohmann::json;

// One phenopacket's fields, read with their JSON path for error messages.
class PacketReader {
 public:
  PacketReader(ImportJob& job, int64_t line, std::string prefix)
      : job_(job), line_(line), prefix_(std::move(prefix)) {}

  void Problem(const std::string& path, std::string_view problem) {
    job_.problems.Add(line_, prefix_ + path, problem);
  }

  // The member `key` of `object` when it is an object; nullptr when absent (a type error is reported).
  const json* Object(const json& object, const char* key, const std::string& path) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) return nullptr;
    if (!found->is_object()) {
      Problem(path, "expected a JSON object");
      return nullptr;
    }
    return &*found;
  }
  const json* Array(const json& object, const char* key, const std::string& path) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) return nullptr;
    if (!found->is_array()) {
      Problem(path, "expected a JSON array");
      return nullptr;
    }
    return &*found;
  }
  std::optional<std::string> String(const json& object, const char* key, const std::string& path) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) return std::nullopt;
    if (!found->is_string()) {
      Problem(path, "expected a string");
      return std::nullopt;
    }
    return found->get<std::string>();
  }
  bool Bool(const json& object, const char* key, const std::string& path) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) return false;
    if (!found->is_boolean()) {
      Problem(path, "expected true or false");
      return false;
    }
    return found->get<bool>();
  }
  // The "id" of an OntologyClass member `key` ({"id": "HP:0001250", "label": ...}).
  std::optional<std::string> OntologyId(const json& object, const char* key, const std::string& path) {
    const json* term = Object(object, key, path);
    if (term == nullptr) return std::nullopt;
    auto id = String(*term, "id", path + ".id");
    if (!id || id->empty()) Problem(path + ".id", "missing; an ontology class needs an id");
    return id;
  }

 private:
  ImportJob& job_;
  int64_t line_;
  std::string prefix_;
};

std::optional<std::string> PhenopacketSex(std::string_view value) {
  if (value == "MALE") return "male";
  if (value == "FEMALE") return "female";
  if (value == "OTHER_SEX") return "other";
  if (value == "UNKNOWN_SEX") return "unknown";
  return std::nullopt;
}

}  // namespace

Status ImportPhenopackets(ImportJob& job) {
  ZENOME_ASSIGN_OR_RETURN(std::string text, ReadWholeInput(job.path, "a Phenopacket v2 JSON file",
                                                           std::numeric_limits<size_t>::max()));
  json document;
  if (auto problem = ParseJson(text, kMaxJsonDepth, document)) {
    std::string column = std::to_string(problem->column);
    job.problems.Add(problem->line, problem->dotted,
                     problem->syntax ? "not valid JSON at column " + column + " (" + problem->message +
                                           "); expected a GA4GH Phenopacket v2 or an array of them"
                                     : "at column " + column + ": " + problem->message);
    return Status::Ok();
  }
  std::vector<const json*> packets;
  bool is_array = document.is_array();
  if (is_array) {
    for (const auto& packet : document) packets.push_back(&packet);
  } else {
    packets.push_back(&document);
  }
  if (packets.empty()) {
    job.problems.Add(0, "", "an empty array; expected at least one phenopacket");
    return Status::Ok();
  }
  ZENOME_ASSIGN_OR_RETURN(ClinicalWriter writer, ClinicalWriter::Prepare(job.catalog));
  CodeChecker checker(job.catalog);
  std::map<std::string, size_t> first_index;  // pseudonym → index of the phenopacket naming it first
  for (size_t index = 0; index < packets.size(); ++index) {
    const json& packet = *packets[index];
    ++job.stats.records;
    std::string prefix = is_array ? "[" + std::to_string(index) + "]." : "";
    PacketReader read(job, 0, prefix);
    if (!packet.is_object()) {
      job.problems.Add(0, is_array ? "[" + std::to_string(index) + "]" : "",
                       "expected a phenopacket (a JSON object)");
      continue;
    }
    ClinicalRecord record;
    const json* subject = read.Object(packet, "subject", "subject");
    std::optional<std::string> raw_id;
    if (subject != nullptr) raw_id = read.String(*subject, "id", "subject.id");
    if (subject != nullptr && !raw_id && subject->contains("id") && !subject->find("id")->is_null()) {
      continue;  // an id of the wrong type, reported by String()
    }
    if (!raw_id || raw_id->empty()) {
      read.Problem("subject.id", "missing; a phenopacket needs its subject's identifier");
      continue;
    }
    record.pseudonym = ParticipantPseudonym(job.pseudonymizer, *raw_id);
    auto [seen, inserted] = first_index.emplace(record.pseudonym, index);
    if (!inserted) {
      read.Problem("subject.id", "the subject already has a phenopacket in this file (index " +
                                     std::to_string(seen->second) + "); one per subject");
    }
    job.participants.insert(record.pseudonym);
    if (auto sex = read.String(*subject, "sex", "subject.sex")) {
      auto parsed = PhenopacketSex(*sex);
      if (parsed) {
        record.has_sex = true;
        record.sex = *parsed;
      } else {
        read.Problem("subject.sex", "expected MALE, FEMALE, OTHER_SEX or UNKNOWN_SEX; found " + Quote(*sex));
      }
    }
    if (const json* encounter = read.Object(*subject, "timeAtLastEncounter", "subject.timeAtLastEncounter")) {
      if (const json* age = read.Object(*encounter, "age", "subject.timeAtLastEncounter.age")) {
        auto duration =
            read.String(*age, "iso8601duration", "subject.timeAtLastEncounter.age.iso8601duration");
        if (duration) {
          record.age = ParseAgeYears(*duration);
          record.has_age = record.age.has_value();
          if (!record.age) {
            read.Problem(
                "subject.timeAtLastEncounter.age.iso8601duration",
                "expected an ISO 8601 duration such as P45Y6M (0-150 years); found " + Quote(*duration));
          }
        }
      }
    }
    record.has_phenotypes = true;
    if (const json* features = read.Array(packet, "phenotypicFeatures", "phenotypicFeatures")) {
      for (size_t i = 0; i < features->size(); ++i) {
        std::string path = "phenotypicFeatures[" + std::to_string(i) + "]";
        const json& feature = (*features)[i];
        if (!feature.is_object()) {
          read.Problem(path, "expected a JSON object");
          continue;
        }
        auto id = read.OntologyId(feature, "type", path + ".type");
        bool excluded = read.Bool(feature, "excluded", path + ".excluded");
        if (!id || id->empty()) continue;
        std::string problem;
        ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> hpo, checker.Phenotype(job, *id, problem));
        if (!hpo) {
          read.Problem(path + ".type.id", problem);
          continue;
        }
        auto same = std::find_if(record.phenotypes.begin(), record.phenotypes.end(),
                                 [&](const auto& entry) { return entry.first == *hpo; });
        if (same == record.phenotypes.end()) {
          record.phenotypes.emplace_back(*hpo, excluded);
        } else if (same->second != excluded) {
          read.Problem(path, Quote(*hpo) + " is listed both as observed and as excluded");
        }
      }
    }
    record.has_diagnoses = true;
    if (const json* diseases = read.Array(packet, "diseases", "diseases")) {
      for (size_t i = 0; i < diseases->size(); ++i) {
        std::string path = "diseases[" + std::to_string(i) + "]";
        const json& disease = (*diseases)[i];
        if (!disease.is_object()) {
          read.Problem(path, "expected a JSON object");
          continue;
        }
        auto id = read.OntologyId(disease, "term", path + ".term");
        bool excluded = read.Bool(disease, "excluded", path + ".excluded");
        if (!id || id->empty()) continue;
        std::string problem;
        ZENOME_ASSIGN_OR_RETURN(std::optional<std::string> code, checker.Diagnosis(job, *id, problem));
        if (!code) {
          read.Problem(path + ".term.id", problem);
          continue;
        }
        auto same = std::find_if(record.diagnoses.begin(), record.diagnoses.end(),
                                 [&](const auto& entry) { return entry.first == *code; });
        if (same == record.diagnoses.end()) {
          record.diagnoses.emplace_back(*code, excluded);
        } else if (same->second != excluded) {
          read.Problem(path, Quote(*code) + " is listed both as present and as excluded");
        }
      }
    }
    record.has_treatments = true;
    if (const json* actions = read.Array(packet, "medicalActions", "medicalActions")) {
      for (size_t i = 0; i < actions->size(); ++i) {
        std::string path = "medicalActions[" + std::to_string(i) + "]";
        const json& action = (*actions)[i];
        if (!action.is_object()) {
          read.Problem(path, "expected a JSON object");
          continue;
        }
        std::optional<std::string> id;
        std::string kind;
        std::string id_path;
        if (const json* treatment = read.Object(action, "treatment", path + ".treatment")) {
          id = read.OntologyId(*treatment, "agent", path + ".treatment.agent");
          kind = "drug";
          id_path = path + ".treatment.agent.id";
        } else if (const json* procedure = read.Object(action, "procedure", path + ".procedure")) {
          id = read.OntologyId(*procedure, "code", path + ".procedure.code");
          kind = "procedure";
          id_path = path + ".procedure.code.id";
        } else if (const json* radiation =
                       read.Object(action, "radiationTherapy", path + ".radiationTherapy")) {
          id = read.OntologyId(*radiation, "modality", path + ".radiationTherapy.modality");
          kind = "radiation";
          id_path = path + ".radiationTherapy.modality.id";
        } else if (const json* regimen =
                       read.Object(action, "therapeuticRegimen", path + ".therapeuticRegimen")) {
          const char* member = regimen->contains("ontologyClass") ? "ontologyClass" : "externalReference";
          id = read.OntologyId(*regimen, member, path + ".therapeuticRegimen." + member);
          kind = "regimen";
          id_path = path + ".therapeuticRegimen." + member + ".id";
        } else {
          read.Problem(path, "expected treatment, procedure, radiationTherapy or therapeuticRegimen");
          continue;
        }
        if (!id || id->empty()) continue;
        std::string problem;
        auto code = NormalizeTreatmentCode(*id, problem);
        if (!code) {
          read.Problem(id_path, problem);
        } else if (std::none_of(record.treatments.begin(), record.treatments.end(),
                                [&](const auto& entry) { return entry.first == *code; })) {
          record.treatments.emplace_back(*code, kind);
        }
      }
    }
    if (job.problems.empty()) ZENOME_RETURN_IF_ERROR(writer.Write(job, record));
  }
  return Status::Ok();
}

}  // namespace zenome::layers
