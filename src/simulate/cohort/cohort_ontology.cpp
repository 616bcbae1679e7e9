#include "simulate/cohort/cohort_ontology.h"

#include <map>
#include <vector>

#include "simulate/clinical/clinical.h"

namespace zenome::simulate {

namespace {

struct OboEntry {
  std::string_view id;
  std::string_view name;
  std::string_view parent;  // empty for the root
};

// Grouping terms above the simulator's terms (HPO ids; labels as HPO has used them).
constexpr OboEntry kGroups[] = {
    {"HP:0000001", "All", ""},
    {"HP:0000118", "Phenotypic abnormality", "HP:0000001"},
    {"HP:0000707", "Abnormality of the nervous system", "HP:0000118"},
    {"HP:0012638", "Abnormal nervous system physiology", "HP:0000707"},
    {"HP:0012639", "Abnormal nervous system morphology", "HP:0000707"},
    {"HP:0012443", "Abnormality of brain morphology", "HP:0012639"},
    {"HP:0012759", "Neurodevelopmental abnormality", "HP:0000707"},
    {"HP:0012758", "Neurodevelopmental delay", "HP:0012759"},
    {"HP:0000708", "Atypical behavior", "HP:0000707"},
    {"HP:0011443", "Abnormality of coordination", "HP:0012638"},
    {"HP:0100022", "Abnormality of movement", "HP:0012638"},
    {"HP:0004305", "Involuntary movements", "HP:0100022"},
    {"HP:0000152", "Abnormality of head or neck", "HP:0000118"},
    {"HP:0000234", "Abnormality of the head", "HP:0000152"},
    {"HP:0000929", "Abnormal skull morphology", "HP:0000234"},
    {"HP:0000240", "Abnormality of skull size", "HP:0000929"},
    {"HP:0000271", "Abnormality of the face", "HP:0000234"},
    {"HP:0000478", "Abnormality of the eye", "HP:0000118"},
    {"HP:0000504", "Abnormality of vision", "HP:0000478"},
    {"HP:0000496", "Abnormality of eye movement", "HP:0000478"},
    {"HP:0000517", "Abnormality of the lens", "HP:0000478"},
    {"HP:0000479", "Abnormal retinal morphology", "HP:0000478"},
    {"HP:0000598", "Abnormality of the ear", "HP:0000118"},
    {"HP:0000364", "Hearing abnormality", "HP:0000598"},
    {"HP:0001626", "Abnormality of the cardiovascular system", "HP:0000118"},
    {"HP:0030680", "Abnormality of cardiovascular system morphology", "HP:0001626"},
    {"HP:0001627", "Abnormal heart morphology", "HP:0030680"},
    {"HP:0001671", "Abnormal cardiac septum morphology", "HP:0001627"},
    {"HP:0011025", "Abnormal cardiovascular system physiology", "HP:0001626"},
    {"HP:0001507", "Growth abnormality", "HP:0000118"},
    {"HP:0000002", "Abnormality of body height", "HP:0001507"},
    {"HP:0000098", "Tall stature", "HP:0000002"},
    {"HP:0000924", "Abnormality of the skeletal system", "HP:0000118"},
    {"HP:0000925", "Abnormality of the vertebral column", "HP:0000924"},
    {"HP:0010674", "Abnormality of the curvature of the vertebral column", "HP:0000925"},
    {"HP:0011729", "Abnormality of joint mobility", "HP:0000924"},
    {"HP:0004349", "Reduced bone mineral density", "HP:0000924"},
    {"HP:0002659", "Increased susceptibility to fractures", "HP:0000924"},
    {"HP:0040064", "Abnormality of limbs", "HP:0000118"},
    {"HP:0001167", "Abnormality of finger", "HP:0040064"},
    {"HP:0001939", "Abnormality of metabolism/homeostasis", "HP:0000118"},
    {"HP:0011014", "Abnormal glucose homeostasis", "HP:0001939"},
    {"HP:0001941", "Acidosis", "HP:0001939"},
    {"HP:0025031", "Abnormality of the digestive system", "HP:0000118"},
    {"HP:0001392", "Abnormality of the liver", "HP:0025031"},
    {"HP:0000119", "Abnormality of the genitourinary system", "HP:0000118"},
    {"HP:0000079", "Abnormality of the urinary system", "HP:0000119"},
    {"HP:0000077", "Abnormality of the kidney", "HP:0000079"},
    {"HP:0001871", "Abnormality of blood and blood-forming tissues", "HP:0000118"},
    {"HP:0001877", "Abnormality of erythrocytes", "HP:0001871"},
    {"HP:0001872", "Abnormality of thrombocytes", "HP:0001871"},
    {"HP:0002715", "Abnormality of the immune system", "HP:0000118"},
    {"HP:0002719", "Recurrent infections", "HP:0002715"},
    {"HP:0001574", "Abnormality of the integument", "HP:0000118"},
    {"HP:0000951", "Abnormality of the skin", "HP:0001574"},
    {"HP:0003011", "Abnormality of the musculature", "HP:0000118"},
    {"HP:0011804", "Abnormal muscle physiology", "HP:0003011"},
    {"HP:0003808", "Abnormal muscle tone", "HP:0011804"},
    {"HP:0001276", "Hypertonia", "HP:0003808"},
    {"HP:0002086", "Abnormality of the respiratory system", "HP:0000118"},
    {"HP:0002664", "Neoplasm", "HP:0000118"},
    {"HP:0100013", "Neoplasm of the breast", "HP:0002664"},
    {"HP:0100273", "Neoplasm of the colon", "HP:0002664"},
};

// Parent of each term the simulator uses (hpo_terms.cpp).
constexpr std::pair<std::string_view, std::string_view> kParentOf[] = {
    {"HP:0001250", "HP:0012638"}, {"HP:0001263", "HP:0012758"}, {"HP:0001249", "HP:0012759"},
    {"HP:0001252", "HP:0003808"}, {"HP:0002376", "HP:0012759"}, {"HP:0000252", "HP:0000240"},
    {"HP:0000256", "HP:0000240"}, {"HP:0001251", "HP:0011443"}, {"HP:0002072", "HP:0004305"},
    {"HP:0001332", "HP:0004305"}, {"HP:0001257", "HP:0001276"}, {"HP:0000729", "HP:0000708"},
    {"HP:0007359", "HP:0001250"}, {"HP:0002069", "HP:0001250"}, {"HP:0002119", "HP:0012443"},
    {"HP:0001274", "HP:0012443"}, {"HP:0002059", "HP:0012443"}, {"HP:0000505", "HP:0000504"},
    {"HP:0000639", "HP:0000496"}, {"HP:0000486", "HP:0000496"}, {"HP:0000518", "HP:0000517"},
    {"HP:0000365", "HP:0000364"}, {"HP:0000407", "HP:0000365"}, {"HP:0000510", "HP:0000479"},
    {"HP:0001631", "HP:0001671"}, {"HP:0001629", "HP:0001671"}, {"HP:0001639", "HP:0001638"},
    {"HP:0001644", "HP:0001638"}, {"HP:0011675", "HP:0011025"}, {"HP:0001657", "HP:0011675"},
    {"HP:0002647", "HP:0030680"}, {"HP:0001638", "HP:0001627"}, {"HP:0004322", "HP:0000002"},
    {"HP:0001519", "HP:0000098"}, {"HP:0002650", "HP:0010674"}, {"HP:0001166", "HP:0001167"},
    {"HP:0001382", "HP:0011729"}, {"HP:0002757", "HP:0002659"}, {"HP:0000939", "HP:0004349"},
    {"HP:0001156", "HP:0001167"}, {"HP:0001159", "HP:0001167"}, {"HP:0010442", "HP:0040064"},
    {"HP:0000316", "HP:0000271"}, {"HP:0000175", "HP:0000271"}, {"HP:0000369", "HP:0000598"},
    {"HP:0000494", "HP:0000271"}, {"HP:0000343", "HP:0000271"}, {"HP:0001508", "HP:0001507"},
    {"HP:0001943", "HP:0011014"}, {"HP:0001942", "HP:0001941"}, {"HP:0003128", "HP:0001942"},
    {"HP:0001397", "HP:0001392"}, {"HP:0002240", "HP:0001392"}, {"HP:0001744", "HP:0002715"},
    {"HP:0000083", "HP:0000077"}, {"HP:0000107", "HP:0000077"}, {"HP:0000822", "HP:0011025"},
    {"HP:0001903", "HP:0001877"}, {"HP:0001873", "HP:0001872"}, {"HP:0002721", "HP:0002715"},
    {"HP:0002205", "HP:0002719"}, {"HP:0000964", "HP:0000951"}, {"HP:0003198", "HP:0011804"},
    {"HP:0003560", "HP:0003198"}, {"HP:0001324", "HP:0011804"}, {"HP:0002093", "HP:0002086"},
    {"HP:0003002", "HP:0100013"}, {"HP:0003003", "HP:0100273"},
};

// Where a term missing from kParentOf goes (a term added to hpo_terms.cpp later).
std::string_view SystemRoot(PhenotypeSystem system) {
  switch (system) {
    case PhenotypeSystem::kNeurological: return "HP:0000707";
    case PhenotypeSystem::kEyeEar: return "HP:0000478";
    case PhenotypeSystem::kCardiac: return "HP:0001626";
    case PhenotypeSystem::kSkeletal: return "HP:0000924";
    case PhenotypeSystem::kCraniofacial: return "HP:0000152";
    case PhenotypeSystem::kMetabolic: return "HP:0001939";
    case PhenotypeSystem::kRenal: return "HP:0000119";
    case PhenotypeSystem::kBloodImmune: return "HP:0001871";
    case PhenotypeSystem::kMuscle: return "HP:0003011";
    case PhenotypeSystem::kCancer: return "HP:0002664";
  }
  return "HP:0000118";
}

struct Stanza {
  std::string name;
  std::string parent;
  std::vector<std::string> alt_ids;
  std::string replaced_by;
  bool obsolete = false;
};

}  // namespace

std::string HpoOboText() {
  std::map<std::string, Stanza> terms;  // sorted by id, as HPO releases are
  for (const OboEntry& entry : kGroups)
    terms[std::string(entry.id)] = {std::string(entry.name), std::string(entry.parent), {}, "", false};
  std::map<std::string_view, std::string_view> parent_of(std::begin(kParentOf), std::end(kParentOf));
  for (const HpoTerm& term : HpoTerms()) {
    auto found = parent_of.find(term.id);
    std::string_view parent = found != parent_of.end() ? found->second : SystemRoot(term.system);
    terms[std::string(term.id)] = {std::string(term.label), std::string(parent), {}, "", false};
  }
  terms["HP:0001250"].alt_ids.push_back(std::string(kSeizureAltId));
  terms["HP:0000822"].alt_ids.push_back(std::string(kHypertensionAltId));
  terms[std::string(kObsoleteHypertensionId)] = {"obsolete High blood pressure", "", {}, "HP:0000822", true};

  std::string out =
      "format-version: 1.2\n"
      "data-version: hp/releases/zenome-sim\n"
      "saved-by: zenome simulate\n"
      "default-namespace: human_phenotype\n"
      "ontology: hp\n"
      "remark: A slice of the Human Phenotype Ontology for simulated data: HPO ids and labels (a few "
      "grouping terms may have been renamed since) with simplified is_a edges; the ids HP:99000xx "
      "(alternative and obsolete ids) are synthetic.\n";
  for (const auto& [id, stanza] : terms) {
    out += "\n[Term]\nid: " + id + "\nname: " + stanza.name + "\n";
    for (const std::string& alt : stanza.alt_ids) out += "alt_id: " + alt + "\n";
    if (!stanza.parent.empty()) {
      auto parent = terms.find(stanza.parent);
      out += "is_a: " + stanza.parent + (parent != terms.end() ? " ! " + parent->second.name : "") + "\n";
    }
    if (stanza.obsolete) out += "is_obsolete: true\nreplaced_by: " + stanza.replaced_by + "\n";
  }
  out += "\n[Typedef]\nid: part_of\nname: part of\nxref: BFO:0000050\nis_transitive: true\n";
  return out;
}

}  // namespace zenome::simulate
