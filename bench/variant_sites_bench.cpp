// Population-frequency lookup at gnomAD density: a synthetic sites VCF with a record every ~4 bp
// and a wide INFO column (30 fields), bgzipped and tabix-indexed, queried the way an annotation
// worker does — batches of query alleles (one per ~600 bp, as in a patient genome), each batch's
// match windows loaded with one Load and every allele looked up.
// Arg: query alleles per batch.

#include <benchmark/benchmark.h>
#include <htslib/bgzf.h>
#include <htslib/faidx.h>
#include <htslib/tbx.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/reference.h"
#include "kb/variant_sites.h"

namespace zenome {
namespace {

constexpr int64_t kContigLength = 1'000'000;

struct Fixture {
  std::string dir;
  std::string fasta;
  std::string sites;
  std::string sequence;
  struct Query {
    int64_t pos0;
    std::string ref;
    std::string alt;
  };
  std::vector<Query> queries;
};

const Fixture& GetFixture() {
  static Fixture fixture = [] {
    Fixture f;
    f.dir = (std::filesystem::temp_directory_path() / ("zenome_bench_sites_" + std::to_string(getpid())))
                .string();
    std::filesystem::create_directories(f.dir);
    std::mt19937_64 rng(11);
    const char bases[] = "ACGT";
    f.sequence.resize(kContigLength);
    for (auto& c : f.sequence) c = bases[rng() % 4];
    f.fasta = f.dir + "/ref.fa";
    {
      std::ofstream out(f.fasta);
      out << ">chr1\n";
      for (int64_t i = 0; i < kContigLength; i += 60) out << f.sequence.substr(i, 60) << "\n";
    }
    if (fai_build(f.fasta.c_str()) != 0) throw std::runtime_error("fai_build failed");

    std::string text =
        "##fileformat=VCFv4.2\n##contig=<ID=chr1,length=" + std::to_string(kContigLength) + ">\n";
    const std::vector<std::string> groups = {"afr", "amr", "asj", "eas", "fin",
                                             "nfe", "sas", "mid", "ami", "oth"};
    text +=
        "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"\">\n##INFO=<ID=AN,Number=1,Type=Integer,"
        "Description=\"\">\n"
        "##INFO=<ID=AF,Number=A,Type=Float,Description=\"\">\n";
    for (const auto& g : groups) {
      for (const char* k : {"AC", "AN", "AF"}) {
        text += std::string("##INFO=<ID=") + k + "_" + g + ",Number=" + (k[1] == 'N' ? "1" : "A") +
                ",Type=" + (k[1] == 'F' ? "Float" : "Integer") + ",Description=\"\">\n";
      }
    }
    text += "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
    BGZF* fp = nullptr;
    f.sites = f.dir + "/gnomad.sites.vcf.gz";
    fp = bgzf_open(f.sites.c_str(), "w");
    if (bgzf_write(fp, text.data(), text.size()) < 0) throw std::runtime_error("bgzf_write failed");
    std::string line;
    for (int64_t pos = 10; pos < kContigLength - 10; pos += 1 + static_cast<int64_t>(rng() % 7)) {
      const std::string ref(1, f.sequence[pos]);
      std::string alt;
      if (rng() % 10 == 0) {
        alt = ref + f.sequence.substr(pos + 1, 1 + rng() % 3);  // insertion
      } else {
        alt = std::string(1, bases[(std::string("ACGT").find(ref) + 1 + rng() % 3) % 4]);
      }
      line = "chr1\t" + std::to_string(pos + 1) + "\t.\t" + ref + "\t" + alt +
             "\t.\tPASS\tAC=3;AN=152000;AF=1.97e-05";
      for (const auto& g : groups) line += ";AC_" + g + "=1;AN_" + g + "=15000;AF_" + g + "=6.667e-05";
      line += "\n";
      if (bgzf_write(fp, line.data(), line.size()) < 0) throw std::runtime_error("bgzf_write failed");
      if (rng() % 150 == 0) f.queries.push_back({pos, ref, alt});  // a known allele
    }
    bgzf_close(fp);
    tbx_index_build(f.sites.c_str(), 0, &tbx_conf_vcf);
    // Novel alleles between the known ones: about one query per 600 bp in all.
    for (int64_t pos = 300; pos < kContigLength - 10; pos += 1200) {
      f.queries.push_back({pos, std::string(1, f.sequence[pos]), f.sequence[pos] == 'A' ? "G" : "A"});
    }
    std::sort(f.queries.begin(), f.queries.end(),
              [](const auto& a, const auto& b) { return a.pos0 < b.pos0; });
    return f;
  }();
  return fixture;
}

void BM_SitesLookupBatches(benchmark::State& state) {
  const Fixture& f = GetFixture();
  auto genome = ValueOrThrow(ReferenceGenome::Open(f.fasta));
  auto reference = ValueOrThrow(ReferenceReader::Open(genome));
  auto source = ValueOrThrow(
      VariantSiteSource::Open(ValueOrThrow(ParseSiteFieldSpec(f.sites + ":AF,AF_eas,AC")), genome.get()));
  auto reader = ValueOrThrow(VariantSiteReader::Open(source, *reference));
  const size_t batch = static_cast<size_t>(state.range(0));
  std::vector<Interval0> windows;
  int64_t found = 0;
  for (auto _ : state) {
    found = 0;
    for (size_t first = 0; first < f.queries.size(); first += batch) {
      const size_t last = std::min(first + batch, f.queries.size());
      windows.clear();
      for (size_t i = first; i < last; ++i) {
        const auto& q = f.queries[i];
        windows.push_back(ValueOrThrow(reader->MatchWindow("chr1", q.pos0, q.ref, q.alt)));
      }
      ThrowIfError(reader->Load("chr1", windows));
      for (size_t i = first; i < last; ++i) {
        const auto& q = f.queries[i];
        if (ValueOrThrow(reader->Lookup("chr1", q.pos0, q.ref, q.alt))) ++found;
      }
    }
    benchmark::DoNotOptimize(found);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(f.queries.size()));
  state.counters["found"] = static_cast<double>(found);
  state.counters["queries"] = static_cast<double>(f.queries.size());
}
BENCHMARK(BM_SitesLookupBatches)->Arg(64)->Arg(1024)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace zenome

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::error_code ignored;
  std::filesystem::remove_all(
      std::filesystem::temp_directory_path() / ("zenome_bench_sites_" + std::to_string(getpid())), ignored);
  return 0;
}
