#include "simulate/clinical/case_generator.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "simulate/common/common.h"

namespace zenome::simulate {

std::vector<CasePlan> PlanCases(const CaseOptions& options, const std::vector<Disease>& diseases,
                                int populations, uint64_t seed) {
  std::vector<CasePlan> cases;
  if (diseases.empty()) return cases;
  Rng rng(seed, {Label("cases")});
  // Distinct diseases while they last.
  std::vector<int> order(diseases.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
  const auto terms = HpoTerms();
  for (int c = 0; c < options.count; ++c) {
    CasePlan plan;
    char id[32];
    std::snprintf(id, sizeof(id), "CASE%03d", c + 1);
    plan.id = id;
    plan.disease = order[static_cast<size_t>(c) % order.size()];
    const Disease& disease = diseases[static_cast<size_t>(plan.disease)];
    plan.population = static_cast<int>(rng.Below(static_cast<uint64_t>(std::max(1, populations))));
    switch (disease.inheritance) {
      case Inheritance::kDominant:
        plan.male = rng.Chance(0.5);
        plan.zygosity = CaseZygosity::kHeterozygous;
        break;
      case Inheritance::kRecessive:
        plan.male = rng.Chance(0.5);
        plan.zygosity = rng.Chance(0.35) ? CaseZygosity::kHomozygous : CaseZygosity::kCompoundHeterozygous;
        break;
      case Inheritance::kXLinked:
        plan.male = true;
        plan.zygosity = CaseZygosity::kHemizygous;
        break;
    }
    plan.novel = rng.Chance(options.novel_fraction);
    plan.age_months = static_cast<int>(rng.Range(3, 18 * 12));
    // Most of the disease's features, a little noise, sometimes an explicitly excluded feature.
    for (int term : disease.hpo) {
      if (rng.Chance(0.8)) plan.observed_hpo.push_back(term);
    }
    for (size_t i = 0; plan.observed_hpo.size() < 2 && i < disease.hpo.size(); ++i) {
      if (std::find(plan.observed_hpo.begin(), plan.observed_hpo.end(), disease.hpo[i]) ==
          plan.observed_hpo.end()) {
        plan.observed_hpo.push_back(disease.hpo[i]);
      }
    }
    auto unrelated = [&]() {
      for (int attempt = 0; attempt < 50; ++attempt) {
        int term = static_cast<int>(rng.Below(terms.size()));
        bool used =
            std::find(disease.hpo.begin(), disease.hpo.end(), term) != disease.hpo.end() ||
            std::find(plan.observed_hpo.begin(), plan.observed_hpo.end(), term) != plan.observed_hpo.end() ||
            std::find(plan.excluded_hpo.begin(), plan.excluded_hpo.end(), term) != plan.excluded_hpo.end();
        if (!used) return term;
      }
      return -1;
    };
    int64_t noise = rng.Chance(0.5) ? rng.Range(1, 2) : 0;
    for (int64_t i = 0; i < noise; ++i) {
      int term = unrelated();
      if (term >= 0) plan.observed_hpo.push_back(term);
    }
    if (rng.Chance(0.4)) {
      int term = unrelated();
      if (term >= 0) plan.excluded_hpo.push_back(term);
    }
    cases.push_back(std::move(plan));
  }
  return cases;
}

std::vector<CaseTruth> PlantCaseVariants(const std::vector<CasePlan>& cases,
                                         const std::vector<Disease>& diseases, const ContigPlan& contig,
                                         const std::string& bases, const std::vector<SimGene>& genes,
                                         SiteAnnotator& annotator, uint64_t seed,
                                         std::vector<Interval0>& occupied,
                                         std::vector<DiseaseVariant>& variants) {
  std::vector<CaseTruth> rows;
  for (size_t c = 0; c < cases.size(); ++c) {
    const CasePlan& plan = cases[c];
    const Disease& disease = diseases[static_cast<size_t>(plan.disease)];
    if (disease.contig != contig.index) continue;
    Rng rng(seed, {Label("case-variants"), c});
    DamagingVariantMaker maker(bases, genes[disease.gene], annotator);
    const int alleles = plan.zygosity == CaseZygosity::kCompoundHeterozygous ? 2 : 1;
    std::vector<size_t> chosen;
    for (int allele = 0; allele < alleles; ++allele) {
      std::vector<size_t> known;
      for (size_t v = 0; v < variants.size(); ++v) {
        if (variants[v].disease == plan.disease && variants[v].pathogenic && variants[v].in_clinvar &&
            std::find(chosen.begin(), chosen.end(), v) == chosen.end()) {
          known.push_back(v);
        }
      }
      bool novel = (allele == 0 && plan.novel) || known.empty();
      if (novel) {
        std::optional<DiseaseVariant> made = maker.Make(maker.RandomLossOfFunction(rng), rng, occupied);
        if (!made) made = maker.Make(SiteEffect::kStopGained, rng, occupied);
        if (made) {
          made->disease = plan.disease;
          made->in_clinvar = false;
          made->panel_frequency = 0;
          variants.push_back(std::move(*made));
          chosen.push_back(variants.size() - 1);
          continue;
        }
        if (known.empty()) break;
      }
      chosen.push_back(known[rng.Below(known.size())]);
    }
    const int copies = plan.zygosity == CaseZygosity::kHomozygous ? 2 : 1;
    for (size_t v : chosen) {
      DiseaseVariant& variant = variants[v];
      variant.forced.push_back({plan.individual, copies});
      CaseTruth row;
      row.case_index = static_cast<int>(c);
      row.chrom = contig.name;
      row.pos0 = variant.pos0;
      row.ref = variant.ref;
      row.alt = variant.alt;
      bool haploid = Ploidy(contig, variant.pos0, plan.male) == 1;
      row.genotype = haploid ? "1" : copies == 2 ? "1/1" : "0/1";
      row.effect = variant.effect;
      rows.push_back(std::move(row));
    }
  }
  std::sort(variants.begin(), variants.end(),
            [](const DiseaseVariant& a, const DiseaseVariant& b) { return a.pos0 < b.pos0; });
  std::stable_sort(rows.begin(), rows.end(), [](const CaseTruth& a, const CaseTruth& b) {
    return a.case_index != b.case_index ? a.case_index < b.case_index : a.pos0 < b.pos0;
  });
  return rows;
}

std::string PhenopacketJson(const CasePlan& plan, const Disease& disease) {
  using Json = nlohmann::ordered_json;
  const auto terms = HpoTerms();
  Json features = Json::array();
  for (int term : plan.observed_hpo) {
    const HpoTerm& hpo = terms[static_cast<size_t>(term)];
    features.push_back({{"type", {{"id", hpo.id}, {"label", hpo.label}}}});
  }
  for (int term : plan.excluded_hpo) {
    const HpoTerm& hpo = terms[static_cast<size_t>(term)];
    features.push_back({{"type", {{"id", hpo.id}, {"label", hpo.label}}}, {"excluded", true}});
  }
  std::string age = "P";
  if (plan.age_months >= 12) age += std::to_string(plan.age_months / 12) + "Y";
  if (plan.age_months % 12 != 0) age += std::to_string(plan.age_months % 12) + "M";
  Json packet = {
      {"id", plan.id},
      {"subject",
       {{"id", plan.id},
        {"timeAtLastEncounter", {{"age", {{"iso8601duration", age}}}}},
        {"sex", plan.male ? "MALE" : "FEMALE"}}},
      {"phenotypicFeatures", features},
      // The MONDO-shaped id, so stores that accept only real diagnosis vocabularies take it;
      // diseases.tsv maps it to the ZD id of truth.tsv.
      {"diseases", Json::array({{{"term", {{"id", disease.mondo_id}, {"label", disease.name}}}}})},
      {"files",
       Json::array({{{"uri", plan.id + ".vcf.gz"},
                     {"individualToFileIdentifiers", {{plan.id, plan.id}}},
                     {"fileAttributes", {{"htsFormat", "VCF"}, {"genomeAssembly", "zenome-sim"}}}}})},
      {"metaData",
       {{"created", "2024-01-01T00:00:00Z"},
        {"createdBy", "zenome simulate"},
        {"resources", Json::array({{{"id", "hp"},
                                    {"name", "human phenotype ontology"},
                                    {"url", "http://purl.obolibrary.org/obo/hp.owl"},
                                    {"version", "zenome-sim"},
                                    {"namespacePrefix", "HP"},
                                    {"iriPrefix", "http://purl.obolibrary.org/obo/HP_"}},
                                   {{"id", "mondo"},
                                    {"name", "zenome simulated diseases (MONDO-shaped ids)"},
                                    {"url", "diseases.tsv"},
                                    {"version", "zenome-sim"},
                                    {"namespacePrefix", "MONDO"},
                                    {"iriPrefix", "diseases.tsv#MONDO:"}}})},
        {"phenopacketSchemaVersion", "2.0"}}},
  };
  return packet.dump(2) + "\n";
}

std::string TruthTsv(const std::vector<CasePlan>& cases, const std::vector<Disease>& diseases,
                     const std::vector<CaseTruth>& rows) {
  std::string out =
      "case_id\tgene\tdisease_id\tinheritance\tchrom\tpos\tref\talt\tgenotype\texpected_consequence\n";
  for (const CaseTruth& row : rows) {
    const CasePlan& plan = cases[static_cast<size_t>(row.case_index)];
    const Disease& disease = diseases[static_cast<size_t>(plan.disease)];
    out += plan.id + "\t" + disease.gene_id + "\t" + disease.id + "\t" +
           std::string(InheritanceCode(disease.inheritance)) + "\t" + row.chrom + "\t" +
           std::to_string(row.pos0 + 1) + "\t" + row.ref + "\t" + row.alt + "\t" + row.genotype + "\t" +
           std::string(SiteEffectTerm(row.effect)) + "\n";
  }
  return out;
}

}  // namespace zenome::simulate
