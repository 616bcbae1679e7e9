#include "simulate/cohort/cohort_layers.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "simulate/clinical/clinical.h"
#include "simulate/common/common.h"

namespace zenome::simulate {

namespace {

constexpr int64_t kDay = 86400;

std::string Serial(const char* prefix, int number) {
  char text[32];
  std::snprintf(text, sizeof(text), "%s%06d", prefix, number);
  return text;
}

template <size_t N>
const char* Pick(Rng& rng, const std::array<const char*, N>& options) {
  return options[rng.Below(N)];
}

// One CSV row from cells (each quoted as RFC 4180 needs).
void AppendRow(std::string& out, std::initializer_list<std::string_view> cells) {
  bool first = true;
  for (std::string_view cell : cells) {
    if (!first) out += ',';
    first = false;
    AppendCsvCell(out, cell);
  }
  out += '\n';
}

// Seconds of a time of day between two hours, whole minutes.
int64_t DaytimeSeconds(Rng& rng, int from_hour, int to_hour) {
  return rng.Range(from_hour * 60, to_hour * 60 - 1) * 60;
}

bool HasTerm(const CohortParticipant& p, std::string_view term) {
  return std::find(p.hpo_terms.begin(), p.hpo_terms.end(), term) != p.hpo_terms.end();
}

}  // namespace

std::vector<const SimGene*> OmicsFeatures(const CohortLayerInputs& inputs) {
  std::vector<const SimGene*> features;
  for (const Disease& disease : *inputs.diseases)
    features.push_back(&inputs.layout->by_contig[static_cast<size_t>(disease.contig)][disease.gene]);
  std::vector<const SimGene*> others;
  for (const auto& genes : inputs.layout->by_contig) {
    for (const SimGene& gene : genes) {
      if (gene.kind == GeneKind::kProteinCoding &&
          std::find(features.begin(), features.end(), &gene) == features.end()) {
        others.push_back(&gene);
      }
    }
  }
  const int64_t wanted =
      std::max<int64_t>(0, inputs.options->omics_features - static_cast<int64_t>(features.size()));
  if (static_cast<int64_t>(others.size()) <= wanted) {
    features.insert(features.end(), others.begin(), others.end());
  } else {
    for (int64_t k = 0; k < wanted; ++k)
      features.push_back(others[static_cast<size_t>(k * static_cast<int64_t>(others.size()) / wanted)]);
  }
  std::sort(features.begin(), features.end(),
            [](const SimGene* a, const SimGene* b) { return a->number < b->number; });
  return features;
}

std::string OmicsTsv(const CohortLayerInputs& inputs) {
  const auto& participants = *inputs.participants;
  const auto& diseases = *inputs.diseases;
  const std::vector<const SimGene*> features = OmicsFeatures(inputs);
  std::map<const SimGene*, int> disease_of_gene;
  for (size_t d = 0; d < diseases.size(); ++d) {
    disease_of_gene[&inputs.layout->by_contig[static_cast<size_t>(diseases[d].contig)][diseases[d].gene]] =
        static_cast<int>(d);
  }
  std::vector<double> mu, sigma;
  for (const SimGene* gene : features) {
    Rng rng(inputs.seed, {Label("cohort-omics-gene"), static_cast<uint64_t>(gene->number)});
    mu.push_back(rng.Normal(std::log(15.0), 1.3));
    sigma.push_back(rng.UniformIn(0.25, 0.6));
  }
  std::vector<size_t> columns;
  for (size_t j = 0; j < participants.size(); ++j) {
    Rng rng(inputs.seed, {Label("cohort-omics-sample"), Label(participants[j].id)});
    if (rng.Chance(0.9)) columns.push_back(j);
  }
  // values[f * columns + c]
  std::vector<double> values(features.size() * columns.size());
  for (size_t c = 0; c < columns.size(); ++c) {
    const CohortParticipant& p = participants[columns[c]];
    Rng rng(inputs.seed, {Label("cohort-omics"), Label(p.id)});
    for (size_t f = 0; f < features.size(); ++f) {
      double value = std::exp(mu[f] + sigma[f] * rng.Normal());
      auto disease = disease_of_gene.find(features[f]);
      if (disease != disease_of_gene.end()) {
        for (const DiseaseGenotype& genotype : (*inputs.genotypes)[columns[c]]) {
          if (genotype.disease != disease->second || genotype.lof_copies == 0) continue;
          const SimGene& gene = *features[f];
          const ContigPlan& contig = inputs.genome->contigs[static_cast<size_t>(gene.contig)];
          const bool hemizygous = p.male && contig.kind == ContigKind::kX && !contig.InPar(gene.span.start);
          // Nonsense-mediated decay: half per allele, almost none without a working copy.
          value *= genotype.lof_copies >= 2 || hemizygous ? 0.06 : 0.5;
        }
      }
      values[f * columns.size() + c] = value;
    }
  }
  std::string out = "feature";
  for (size_t j : columns) out += "\t" + participants[j].id;
  out += '\n';
  for (size_t f = 0; f < features.size(); ++f) {
    out += features[f]->id;
    for (size_t c = 0; c < columns.size(); ++c) {
      out += '\t';
      AppendFixed(out, values[f * columns.size() + c], 3);
    }
    out += '\n';
  }
  return out;
}

std::string ProCsv(const CohortLayerInputs& inputs) {
  static constexpr std::array<const char*, 5> kEq5dItems = {"MO", "SC", "UA", "PD", "AD"};
  std::string out = "participant_id,instrument,item,timestamp,value\n";
  for (const CohortParticipant& p : *inputs.participants) {
    Rng rng(inputs.seed, {Label("cohort-pro"), Label(p.id)});
    if (!rng.Chance(0.7)) continue;
    const bool depressed = p.HasDiagnosis("ICD10:F32.9");
    const bool ill = !p.rare_diseases.empty() || p.HasDiagnosis("ICD10:C50.9") ||
                     p.HasDiagnosis("ICD10:C18.9") || p.HasDiagnosis("ICD10:C61");
    const double burden = 0.3 + 0.012 * std::max(0, p.age - 40) + (ill ? 0.8 : 0.0);
    int64_t day = p.enrolled_day;
    const int64_t visits = rng.Range(2, 4);
    for (int64_t visit = 0; visit < visits; ++visit) {
      const std::string when = IsoTimestamp(day * kDay + DaytimeSeconds(rng, 8, 17));
      for (const char* item : kEq5dItems) {
        double mean = burden + (depressed && std::string_view(item) == "AD" ? 1.2 : 0.0);
        int level = static_cast<int>(std::clamp(1 + std::lround(rng.Exponential(mean)), 1L, 5L));
        AppendRow(out, {p.id, "EQ5D5L", item, when, std::to_string(level)});
      }
      int vas = static_cast<int>(std::clamp(std::lround(rng.Normal(88 - 18 * burden, 8)), 0L, 100L));
      AppendRow(out, {p.id, "EQ5D5L", "VAS", when, std::to_string(vas)});
      // Depression scores ease a little at each visit (treatment).
      const double phq_mean = depressed ? 1.7 * (1 - 0.12 * static_cast<double>(visit)) : 0.35;
      for (int item = 1; item <= 9; ++item) {
        int score = static_cast<int>(std::clamp(std::lround(rng.Normal(phq_mean, 0.7)), 0L, 3L));
        char name[16];
        std::snprintf(name, sizeof(name), "PHQ9_%02d", item);
        AppendRow(out, {p.id, "PHQ9", name, when, std::to_string(score)});
      }
      day += rng.Range(80, 100);
    }
  }
  return out;
}

std::string PathologyCsv(const CohortLayerInputs& inputs) {
  std::string out = "participant_id,specimen_id,collected,body_site,diagnosis_code,finding,grade,stage\n";
  int serial = 0;
  for (const CohortParticipant& p : *inputs.participants) {
    Rng rng(inputs.seed, {Label("cohort-pathology"), Label(p.id)});
    auto specimens = [&](auto&& describe) {
      const int64_t count = rng.Chance(0.4) ? 2 : 1;  // a biopsy, sometimes then a resection
      int64_t day = p.enrolled_day - rng.Range(30, 700);
      for (int64_t k = 0; k < count; ++k) {
        std::string site, code, finding, grade, stage;
        describe(site, code, finding, grade, stage);
        AppendRow(out, {p.id, Serial("SP", ++serial), IsoDate(day), site, code, finding, grade, stage});
        day += rng.Range(14, 60);
      }
    };
    if (p.HasDiagnosis("ICD10:C50.9")) {
      const bool left = rng.Chance(0.5), ductal = rng.Chance(0.8), er = rng.Chance(0.75),
                 her2 = rng.Chance(0.2);
      const char* grade = Pick(rng, std::array<const char*, 3>{"G1", "G2", "G3"});
      const char* stage = Pick(rng, std::array<const char*, 5>{"IA", "IIA", "IIB", "IIIA", "IV"});
      specimens(
          [&](std::string& site, std::string& code, std::string& finding, std::string& g, std::string& s) {
            site = left ? "breast, left" : "breast, right";
            code = ductal ? "ICDO3:8500/3" : "ICDO3:8520/3";
            finding = std::string(ductal ? "Invasive ductal carcinoma, no special type"
                                         : "Invasive lobular carcinoma") +
                      "; ER " + (er ? "positive" : "negative") + ", HER2 " + (her2 ? "positive" : "negative");
            g = grade;
            s = stage;
          });
    }
    if (p.HasDiagnosis("ICD10:C18.9")) {
      const char* site = Pick(
          rng, std::array<const char*, 4>{"sigmoid colon", "ascending colon", "transverse colon", "caecum"});
      const bool deficient = rng.Chance(0.15);
      const char* stage = Pick(rng, std::array<const char*, 4>{"I", "IIA", "IIIB", "IV"});
      specimens(
          [&](std::string& s_site, std::string& code, std::string& finding, std::string& g, std::string& s) {
            s_site = site;
            code = "ICDO3:8140/3";
            finding = std::string("Adenocarcinoma, moderately differentiated; mismatch repair ") +
                      (deficient ? "deficient" : "proficient");
            g = "G2";
            s = stage;
          });
    }
    if (p.HasDiagnosis("ICD10:C61")) {
      const char* grade = Pick(
          rng, std::array<const char*, 3>{"Gleason 3+3=6 (grade group 1)", "Gleason 3+4=7 (grade group 2)",
                                          "Gleason 4+4=8 (grade group 4)"});
      const char* stage = Pick(rng, std::array<const char*, 3>{"pT2", "pT3a", "pT3b"});
      specimens(
          [&](std::string& site, std::string& code, std::string& finding, std::string& g, std::string& s) {
            site = "prostate";
            code = "ICDO3:8140/3";
            finding = "Acinar adenocarcinoma";
            g = grade;
            s = stage;
          });
    }
    if (p.age >= 50 && rng.Chance(0.05)) {
      AppendRow(out, {p.id, Serial("SP", ++serial), IsoDate(p.enrolled_day + rng.Range(0, 365)), "colon",
                      "ICDO3:8211/0", "Tubular adenoma, low-grade dysplasia", "low grade", ""});
    }
  }
  return out;
}

std::string ImagingCsv(const CohortLayerInputs& inputs) {
  struct FeatureStudy {
    std::string_view hpo;
    const char* modality;
    const char* body_site;
  };
  static constexpr std::array<FeatureStudy, 15> kFeatureStudies = {{
      {"HP:0002119", "MR", "brain"},
      {"HP:0001274", "MR", "brain"},
      {"HP:0002059", "MR", "brain"},
      {"HP:0001639", "US", "heart"},
      {"HP:0001644", "US", "heart"},
      {"HP:0001638", "US", "heart"},
      {"HP:0001631", "US", "heart"},
      {"HP:0001629", "US", "heart"},
      {"HP:0002647", "CT", "thorax"},
      {"HP:0002650", "DX", "spine"},
      {"HP:0000939", "DX", "lumbar spine and hip"},
      {"HP:0000107", "US", "kidney"},
      {"HP:0002240", "US", "abdomen"},
      {"HP:0001397", "US", "abdomen"},
      {"HP:0001744", "US", "abdomen"},
  }};
  std::map<std::string_view, std::string_view> labels;
  for (const HpoTerm& term : HpoTerms()) labels[term.id] = term.label;
  std::string out = "participant_id,study_id,acquired,modality,body_site,finding_code,finding\n";
  int serial = 0;
  for (const CohortParticipant& p : *inputs.participants) {
    Rng rng(inputs.seed, {Label("cohort-imaging"), Label(p.id)});
    auto study = [&](const char* modality, std::string_view site, std::string_view code,
                     std::string_view finding) {
      const int64_t day = p.enrolled_day + rng.Range(-200, 200);
      AppendRow(out, {p.id, Serial("ST", ++serial), IsoTimestamp(day * kDay + DaytimeSeconds(rng, 8, 18)),
                      modality, site, code, finding});
    };
    if (p.HasDiagnosis("ICD10:C50.9")) {
      study("MG", "breast", "ICD10:C50.9", "Irregular spiculated mass, BI-RADS 5");
      study("CT", "chest, abdomen and pelvis", "", "Staging: no distant metastases");
    }
    if (p.HasDiagnosis("ICD10:C18.9"))
      study("CT", "abdomen and pelvis", "ICD10:C18.9", "Colonic wall thickening suspicious for malignancy");
    if (p.HasDiagnosis("ICD10:C61"))
      study("MR", "pelvis", "ICD10:C61", "PI-RADS 4 lesion in the peripheral zone");
    for (const FeatureStudy& feature : kFeatureStudies) {
      if (HasTerm(p, feature.hpo) && rng.Chance(0.85))
        study(feature.modality, feature.body_site, feature.hpo, labels[feature.hpo]);
    }
    if ((HasTerm(p, "HP:0001250") || HasTerm(p, "HP:9900001")) && rng.Chance(0.5))
      study("MR", "brain", "", "No structural abnormality");
    if (rng.Chance(0.12)) study("CR", "chest", "", "No acute cardiopulmonary abnormality");
  }
  return out;
}

std::string WearableCsv(const CohortLayerInputs& inputs) {
  std::string out = "participant_id,timestamp,metric,value\n";
  const int days = inputs.options->wearable_days;
  if (days <= 0) return out;
  for (const CohortParticipant& p : *inputs.participants) {
    Rng rng(inputs.seed, {Label("cohort-wearable"), Label(p.id)});
    if (!rng.Chance(inputs.options->wearable_fraction)) continue;
    const bool depressed = p.HasDiagnosis("ICD10:F32.9");
    const double resting = rng.Normal(64, 6) + (p.age > 60 ? 3 : 0);
    const double activity = (depressed ? 0.6 : 1.0) * rng.UniformIn(0.6, 1.4);
    const int64_t first_day = p.enrolled_day + rng.Range(0, 300);
    for (int64_t d = 0; d < days; ++d) {
      const int64_t midnight = (first_day + d) * kDay;
      for (int hour = 0; hour < 24; ++hour) {
        const std::string when = IsoTimestamp(midnight + hour * 3600);
        if (hour == 7) {
          long sleep = std::clamp(std::lround(rng.Normal(depressed ? 380 : 430, 45)), 120L, 720L);
          AppendRow(out, {p.id, when, "sleep_minutes", std::to_string(sleep)});
        }
        const bool awake = hour >= 7 && hour < 23;
        const bool busy = (hour >= 8 && hour < 10) || (hour >= 17 && hour < 20);
        const int64_t steps = awake ? rng.Poisson(activity * (busy ? 900 : 350)) : 0;
        const long heart_rate =
            std::lround(resting + (awake ? 8 : -6) + static_cast<double>(steps) / 100 + rng.Normal(0, 3));
        AppendRow(out, {p.id, when, "heart_rate", std::to_string(heart_rate)});
        AppendRow(out, {p.id, when, "steps", std::to_string(steps)});
      }
    }
  }
  return out;
}

}  // namespace zenome::simulate
