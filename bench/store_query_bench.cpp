// In-process latency of the genome store's read side (src/store/variant_store.h, cohort.h) on a
// store built by bench/store_scaling.sh: what a server or a library user pays once the store is
// open, without the process start and catalog open that dominate `zenome db query` wall time.
//
// The store and the queries come from the environment (the script sets them):
//   ZENOME_BENCH_STORE    store directory (required)
//   ZENOME_BENCH_VARIANT  a stored variant, chr1-POS-REF-ALT (required for the variant benchmarks)
//   ZENOME_BENCH_REGION   CHR:START-END, 1-based inclusive (default chr1:1-1000000)
//   ZENOME_BENCH_COHORT   a cohort query JSON file (the cohort benchmark is skipped without it)
// Without ZENOME_BENCH_STORE every benchmark reports "skipped" with the variable it needs.

#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/catalog/store_dir.h"
#include "store/cohort/cohort.h"
#include "store/variants/sample_groups.h"
#include "store/variants/variant_store.h"

namespace zenome {
namespace {

std::string Env(const char* name, const char* fallback = "") {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

struct QueryRegion {
  std::string contig;
  int64_t start0 = 0;
  int64_t end0 = 0;
};

// "chr1:1-1000000" (1-based, inclusive) → 0-based half-open.
std::optional<QueryRegion> ParseRegion(const std::string& text) {
  size_t colon = text.rfind(':');
  size_t dash = text.find('-', colon == std::string::npos ? 0 : colon);
  if (colon == std::string::npos || dash == std::string::npos) return std::nullopt;
  QueryRegion region;
  region.contig = text.substr(0, colon);
  region.start0 = std::stoll(text.substr(colon + 1, dash - colon - 1)) - 1;
  region.end0 = std::stoll(text.substr(dash + 1));
  if (region.start0 < 0 || region.end0 <= region.start0) return std::nullopt;
  return region;
}

// Everything the benchmarks share, opened once per process. `error` is set when something the
// benchmarks need is missing; each benchmark then skips with that message.
struct Fixture {
  std::string error;
  StoreHandle store;
  std::unique_ptr<VariantStore> variants;
  std::optional<SampleGroups> populations;
  std::optional<VariantKey> variant;
  std::optional<QueryRegion> region;
  std::vector<VariantKey> region_keys;  // every stored variant of the region, for varied lookups
  std::optional<nlohmann::json> cohort_query;
  std::unique_ptr<CohortEvaluator> cohort;
};

Fixture& GetFixture() {
  static Fixture* fixture = [] {
    auto* f = new Fixture;
    std::string dir = Env("ZENOME_BENCH_STORE");
    if (dir.empty()) {
      f->error = "set ZENOME_BENCH_STORE to a store directory (bench/store_scaling.sh does)";
      return f;
    }
    auto store = OpenStore(dir, /*for_writing=*/false);
    if (!store.ok()) {
      f->error = store.status().ToString();
      return f;
    }
    f->store = std::move(store).value();
    auto variants = VariantStore::Open(f->store);
    if (!variants.ok()) {
      f->error = variants.status().ToString();
      return f;
    }
    f->variants = std::move(variants).value();
    auto groups = LoadSampleGroups(*f->store.catalog, "population");
    if (groups.ok() && !groups->names.empty()) f->populations = std::move(groups).value();
    std::string variant_text = Env("ZENOME_BENCH_VARIANT");
    if (!variant_text.empty()) {
      auto key = ParseVariantKey(f->store, variant_text);
      if (key.ok()) f->variant = *key;
    }
    f->region = ParseRegion(Env("ZENOME_BENCH_REGION", "chr1:1-1000000"));
    if (f->region) {
      auto sites = f->variants->Region(f->region->contig, f->region->start0, f->region->end0, nullptr);
      if (sites.ok()) {
        for (const auto& site : *sites) f->region_keys.push_back(site.key);
      }
    }
    std::string cohort_file = Env("ZENOME_BENCH_COHORT");
    if (!cohort_file.empty()) {
      auto query = ReadCohortQuery(cohort_file);
      if (query.ok()) {
        f->cohort_query = *query;
        f->cohort = std::make_unique<CohortEvaluator>(f->store);
      }
    }
    return f;
  }();
  return *fixture;
}

// Returns the fixture, or null after telling the benchmark why it cannot run.
Fixture* Ready(benchmark::State& state) {
  Fixture& f = GetFixture();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return nullptr;
  }
  return &f;
}

// The same, also needing ZENOME_BENCH_VARIANT (or ZENOME_BENCH_REGION).
Fixture* ReadyWithVariant(benchmark::State& state) {
  Fixture* f = Ready(state);
  if (f != nullptr && !f->variant) {
    state.SkipWithError("set ZENOME_BENCH_VARIANT to a stored variant (chr1-POS-REF-ALT)");
    return nullptr;
  }
  return f;
}
Fixture* ReadyWithRegion(benchmark::State& state) {
  Fixture* f = Ready(state);
  if (f != nullptr && !f->region) {
    state.SkipWithError("ZENOME_BENCH_REGION is not CHR:START-END");
    return nullptr;
  }
  return f;
}

void ReportGenomes(benchmark::State& state, const Fixture& f) {
  state.counters["genomes"] = static_cast<double>(f.variants->samples().size());
  state.counters["segments"] = static_cast<double>(f.variants->segments().size());
}

// What a fresh `zenome db query` process pays before its first lookup: open the catalog read-only
// and take the snapshot of every committed segment (manifests, memory-mapped sites).
void BM_OpenSnapshot(benchmark::State& state) {
  Fixture* f = Ready(state);
  if (f == nullptr) return;
  for (auto _ : state) {
    auto store = OpenStore(f->store.dir, /*for_writing=*/false);
    if (!store.ok()) {
      state.SkipWithError(store.status().ToString().c_str());
      return;
    }
    auto variants = VariantStore::Open(*store);
    if (!variants.ok()) {
      state.SkipWithError(variants.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(variants->get());
  }
  ReportGenomes(state, *f);
}

// Frequency of one variant across all genomes (sums the segments' pre-computed counts).
void BM_VariantFrequency(benchmark::State& state) {
  Fixture* f = ReadyWithVariant(state);
  if (f == nullptr) return;
  int64_t allele_number = 0;
  for (auto _ : state) {
    auto site = f->variants->Variant(*f->variant, nullptr);
    if (!site.ok() || !*site) {
      state.SkipWithError("the variant is not in the store");
      return;
    }
    allele_number = (*site)->counts.allele_number;
    benchmark::DoNotOptimize(allele_number);
  }
  state.counters["AN"] = static_cast<double>(allele_number);
  ReportGenomes(state, *f);
}

// The same lookup cycling over every stored variant of the region (no single hot key).
void BM_VariantFrequencyVaried(benchmark::State& state) {
  Fixture* f = Ready(state);
  if (f == nullptr) return;
  if (f->region_keys.empty()) {
    state.SkipWithError("no stored variants in ZENOME_BENCH_REGION");
    return;
  }
  size_t next = 0;
  for (auto _ : state) {
    auto site = f->variants->Variant(f->region_keys[next], nullptr);
    if (!site.ok() || !*site) {
      state.SkipWithError("a variant of the region was not found again");
      return;
    }
    benchmark::DoNotOptimize((*site)->counts.allele_count);
    if (++next == f->region_keys.size()) next = 0;
  }
  ReportGenomes(state, *f);
}

// Per-population counts of one variant (reads the variant's genotype rows).
void BM_VariantFrequencyByPopulation(benchmark::State& state) {
  Fixture* f = Ready(state);
  if (f == nullptr) return;
  if (!f->variant || !f->populations) {
    state.SkipWithError("needs ZENOME_BENCH_VARIANT and an imported clinical layer with populations");
    return;
  }
  for (auto _ : state) {
    auto site = f->variants->Variant(*f->variant, &*f->populations);
    if (!site.ok() || !*site) {
      state.SkipWithError("the variant is not in the store");
      return;
    }
    benchmark::DoNotOptimize((*site)->groups.data());
  }
  state.counters["groups"] = static_cast<double>(f->populations->names.size());
  ReportGenomes(state, *f);
}

void RunRegion(benchmark::State& state, const SampleGroups* groups) {
  Fixture* f = ReadyWithRegion(state);
  if (f == nullptr) return;
  size_t sites = 0;
  for (auto _ : state) {
    auto result = f->variants->Region(f->region->contig, f->region->start0, f->region->end0, groups);
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    sites = result->size();
    benchmark::DoNotOptimize(result->data());
  }
  state.counters["sites"] = static_cast<double>(sites);
  ReportGenomes(state, *f);
}

// The frequency table of every variant in the region (1 Mb by default).
void BM_RegionFrequency(benchmark::State& state) {
  RunRegion(state, nullptr);
}

// The same sites streamed (ForEachSiteInRegion): the scan and the counts without building the
// result vector (what a server streaming its answer pays).
void BM_RegionFrequencyStreamed(benchmark::State& state) {
  Fixture* f = ReadyWithRegion(state);
  if (f == nullptr) return;
  size_t sites = 0;
  for (auto _ : state) {
    uint64_t allele_count = 0;
    sites = 0;
    Status status = f->variants->ForEachSiteInRegion(f->region->contig, f->region->start0, f->region->end0,
                                                     nullptr, [&](const SiteSummary& site) {
                                                       ++sites;
                                                       allele_count += site.counts.allele_count;
                                                       return Status::Ok();
                                                     });
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(allele_count);
  }
  state.counters["sites"] = static_cast<double>(sites);
  ReportGenomes(state, *f);
}
BENCHMARK(BM_RegionFrequencyStreamed)->Unit(benchmark::kMillisecond);

void BM_RegionFrequencyByPopulation(benchmark::State& state) {
  Fixture& f = GetFixture();
  if (f.error.empty() && !f.populations) {
    state.SkipWithError("needs an imported clinical layer with populations");
    return;
  }
  RunRegion(state, f.populations ? &*f.populations : nullptr);
}

// Which genomes carry the variant (decompresses its genotype block in every segment).
void BM_Carriers(benchmark::State& state) {
  Fixture* f = ReadyWithVariant(state);
  if (f == nullptr) return;
  size_t carriers = 0;
  for (auto _ : state) {
    auto result = f->variants->Carriers(*f->variant);
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    carriers = result->size();
    benchmark::DoNotOptimize(result->data());
  }
  state.counters["carriers"] = static_cast<double>(carriers);
  ReportGenomes(state, *f);
}

// A cohort query on an evaluator that has already opened the variant store (as a server would).
void BM_CohortQuery(benchmark::State& state) {
  Fixture* f = Ready(state);
  if (f == nullptr) return;
  if (!f->cohort) {
    state.SkipWithError("set ZENOME_BENCH_COHORT to a cohort query JSON file");
    return;
  }
  size_t matched = 0;
  for (auto _ : state) {
    auto result = f->cohort->Evaluate(*f->cohort_query);
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    matched = result->participants.size();
    benchmark::DoNotOptimize(matched);
  }
  state.counters["matched"] = static_cast<double>(matched);
  ReportGenomes(state, *f);
}

BENCHMARK(BM_OpenSnapshot)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_VariantFrequency)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_VariantFrequencyVaried)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_VariantFrequencyByPopulation)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RegionFrequency)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RegionFrequencyByPopulation)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Carriers)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CohortQuery)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace zenome

BENCHMARK_MAIN();
