#pragma once
// Everything a reader can ask a store, through the library (not the CLI, for speed): the
// frequency of chosen variants, every site of chosen contigs, carriers, the sites and genotype
// exports, and a cohort query. Each answer is text, or the error that stopped it; answers of one
// store state can be compared with another's.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/catalog/store_dir.h"
#include "store/cohort/cohort.h"
#include "store/variants/export.h"
#include "store/variants/variant_store.h"
#include "support/test_support.h"

namespace zenome::testing {

struct StoreAnswer {
  std::string question;  // "frequency chr1-20-C-T", "export samples", ...
  bool ok = false;
  std::string text;  // the answer, or the error message
};

struct StoreQuestions {
  std::vector<std::string> variants;  // "chr1-20-C-T": frequency and carriers of each
  std::vector<std::string> contigs;   // every site of each
  nlohmann::json cohort;              // a cohort query (null: none)
};

// Export text without the ##zenome_store line (it counts the segments, which an upgrade renumbers).
inline std::string WithoutStoreLine(const std::string& vcf) {
  std::string out;
  size_t start = 0;
  while (start < vcf.size()) {
    size_t end = vcf.find('\n', start);
    end = end == std::string::npos ? vcf.size() : end + 1;
    if (vcf.compare(start, 15, "##zenome_store=") != 0) out.append(vcf, start, end - start);
    start = end;
  }
  return out;
}

inline std::string CountsText(const AlleleCounts& counts) {
  return std::to_string(counts.allele_count) + " " + std::to_string(counts.allele_number) + " " +
         std::to_string(counts.het) + " " + std::to_string(counts.hom_alt);
}

// Each question on the store as it is now (opened afresh); `scratch` is a directory for exports.
inline std::vector<StoreAnswer> AskStore(const std::string& store_dir, const StoreQuestions& questions,
                                         const std::string& scratch) {
  std::vector<StoreAnswer> answers;
  auto answer = [&](const std::string& question, const Result<std::string>& result) {
    answers.push_back({question, result.ok(), result.ok() ? *result : result.status().message()});
  };
  Result<StoreHandle> store = OpenStore(store_dir, false);
  if (!store.ok()) {
    answer("open", store.status());
    return answers;
  }
  Result<std::unique_ptr<VariantStore>> opened = VariantStore::Open(*store);
  if (!opened.ok()) {
    answer("open", opened.status());
    return answers;
  }
  const VariantStore& variants = **opened;
  for (const auto& text : questions.variants) {
    Result<VariantKey> key = ParseVariantKey(*store, text);
    if (!key.ok()) {
      answer("variant " + text, key.status());
      continue;
    }
    Result<std::optional<SiteSummary>> site = variants.Variant(*key, nullptr);
    answer("frequency " + text, site.ok()
                                    ? Result<std::string>(*site ? CountsText((*site)->counts) : "absent")
                                    : Result<std::string>(site.status()));
    Result<std::vector<Carrier>> carriers = variants.Carriers(*key);
    std::string listed;
    if (carriers.ok()) {
      for (const auto& carrier : *carriers) {
        listed += carrier.pseudonym + ":" + std::to_string(static_cast<int>(carrier.genotype)) + " ";
      }
    }
    answer("carriers " + text,
           carriers.ok() ? Result<std::string>(listed) : Result<std::string>(carriers.status()));
  }
  for (const auto& contig : questions.contigs) {
    Result<std::vector<SiteSummary>> sites = variants.Region(contig, 0, INT64_MAX / 2, nullptr);
    std::string listed;
    if (sites.ok()) {
      for (const auto& site : *sites) listed += site.key.ToString() + " " + CountsText(site.counts) + "\n";
    }
    answer("region " + contig,
           sites.ok() ? Result<std::string>(listed) : Result<std::string>(sites.status()));
  }
  SitesExportOptions sites_options;
  sites_options.output = scratch + "/sites.vcf";
  sites_options.writer.record_version = false;
  Result<ExportStats> exported = ExportSites(*store, sites_options);
  answer("export sites", exported.ok() ? Result<std::string>(WithoutStoreLine(ReadFile(sites_options.output)))
                                       : Result<std::string>(exported.status()));
  SamplesExportOptions samples_options;
  samples_options.output = scratch + "/samples.vcf";
  samples_options.writer.record_version = false;
  for (const auto& sample : variants.samples()) samples_options.samples.push_back(sample.pseudonym);
  exported = ExportSamples(*store, samples_options);
  answer("export samples", exported.ok()
                               ? Result<std::string>(WithoutStoreLine(ReadFile(samples_options.output)))
                               : Result<std::string>(exported.status()));
  if (!questions.cohort.is_null()) {
    CohortEvaluator evaluator(*store);
    Result<CohortResult> cohort = evaluator.Evaluate(questions.cohort);
    std::string listed;
    if (cohort.ok()) {
      for (const auto& participant : cohort->participants) listed += participant + " ";
    }
    answer("cohort", cohort.ok() ? Result<std::string>(listed) : Result<std::string>(cohort.status()));
  }
  return answers;
}

}  // namespace zenome::testing
