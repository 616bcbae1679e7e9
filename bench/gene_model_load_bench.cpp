// Loading a genome-scale gene model: a synthetic Ensembl-style GFF3 with the shape of the human
// annotation (about 4 transcripts per gene, 6-7 exons per transcript, CDS and UTR lines for coding
// transcripts), written once to a temporary file and loaded repeatedly.
// Arg: number of genes (60000 ≈ a full human Ensembl/GENCODE GFF3, ~3M lines).

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>

#include "kb/gene_model.h"

namespace zenome {
namespace {

// Writes the synthetic GFF3 and returns its path; cached per size for the process's lifetime.
const std::string& SyntheticGff3(int n_genes) {
  static std::map<int, std::string> paths;
  auto it = paths.find(n_genes);
  if (it != paths.end()) return it->second;
  std::string path =
      (std::filesystem::temp_directory_path() /
       ("zenome_bench_genes_" + std::to_string(getpid()) + "_" + std::to_string(n_genes) + ".gff3"))
          .string();
  std::ofstream out(path);
  std::mt19937_64 rng(42);
  out << "##gff-version 3\n#!genome-build GRCh38.p14\n#!genebuild-last-updated 2023-03\n";
  const int n_contigs = 24;
  const int genes_per_contig = (n_genes + n_contigs - 1) / n_contigs;
  int gene_number = 0;
  char buffer[1024];
  for (int c = 0; c < n_contigs && gene_number < n_genes; ++c) {
    std::string contig = c < 22 ? std::to_string(c + 1) : (c == 22 ? "X" : "Y");
    int64_t cursor = 10000;
    for (int g = 0; g < genes_per_contig && gene_number < n_genes; ++g, ++gene_number) {
      const char strand = rng() % 2 ? '+' : '-';
      const int n_exons_max = 3 + static_cast<int>(rng() % 9);
      std::vector<std::pair<int64_t, int64_t>> exons;  // 1-based closed
      int64_t pos = cursor;
      for (int e = 0; e < n_exons_max; ++e) {
        int64_t length = 80 + static_cast<int64_t>(rng() % 300);
        exons.push_back({pos, pos + length - 1});
        pos += length + 500 + static_cast<int64_t>(rng() % 5000);
      }
      const int64_t gene_start = exons.front().first;
      const int64_t gene_end = exons.back().second;
      cursor = gene_end + 2000 + static_cast<int64_t>(rng() % 20000);
      const bool coding = rng() % 3 != 0;
      std::snprintf(buffer, sizeof buffer,
                    "%s\tensembl_havana\tgene\t%lld\t%lld\t.\t%c\t.\tID=gene:ENSG%011d;Name=GENE%d;"
                    "biotype=%s;description=synthetic gene %d [Source:HGNC Symbol%%3BAcc:HGNC:%d];"
                    "gene_id=ENSG%011d;logic_name=ensembl_havana_gene_homo_sapiens;version=%d\n",
                    contig.c_str(), static_cast<long long>(gene_start), static_cast<long long>(gene_end),
                    strand, gene_number, gene_number, coding ? "protein_coding" : "lncRNA", gene_number,
                    gene_number, gene_number, 1 + gene_number % 9);
      out << buffer;
      const int n_transcripts = 1 + static_cast<int>(rng() % 7);
      for (int t = 0; t < n_transcripts; ++t) {
        // Each transcript uses a contiguous run of the gene's exons (first and last always kept so
        // the gene span is right for the first transcript).
        int first = t == 0 ? 0 : static_cast<int>(rng() % 2);
        int last = t == 0 ? n_exons_max - 1 : n_exons_max - 1 - static_cast<int>(rng() % 2);
        if (last < first) last = first;
        const int transcript_number = gene_number * 8 + t;
        std::snprintf(buffer, sizeof buffer,
                      "%s\tensembl_havana\t%s\t%lld\t%lld\t.\t%c\t.\tID=transcript:ENST%011d;"
                      "Parent=gene:ENSG%011d;Name=GENE%d-%d;biotype=%s;tag=basic%s;"
                      "transcript_id=ENST%011d;transcript_support_level=1 (assigned previously);version=2\n",
                      contig.c_str(), coding ? "mRNA" : "lnc_RNA", static_cast<long long>(exons[first].first),
                      static_cast<long long>(exons[last].second), strand, transcript_number, gene_number,
                      gene_number, 201 + t, coding ? "protein_coding" : "lncRNA",
                      t == 0 ? ",Ensembl_canonical,MANE_Select" : "", transcript_number);
        out << buffer;
        // CDS from the middle of the first exon to the middle of the last, in transcript order.
        std::vector<std::pair<int64_t, int64_t>> cds;
        if (coding) {
          for (int e = first; e <= last; ++e) {
            int64_t s = exons[e].first;
            int64_t en = exons[e].second;
            if (e == first) s += (en - s) / 2;
            if (e == last && last > first) en -= (en - exons[e].first) / 2;
            cds.push_back({s, en});
          }
        }
        std::vector<int> phases(cds.size(), 0);
        int64_t before = 0;
        for (size_t k = 0; k < cds.size(); ++k) {
          size_t i = strand == '+' ? k : cds.size() - 1 - k;
          phases[i] = static_cast<int>(((0 - before) % 3 + 3) % 3);
          before += cds[i].second - cds[i].first + 1;
        }
        for (int e = first; e <= last; ++e) {
          std::snprintf(buffer, sizeof buffer,
                        "%s\tensembl_havana\texon\t%lld\t%lld\t.\t%c\t.\tParent=transcript:ENST%011d;"
                        "Name=ENSE%011d;constitutive=0;ensembl_end_phase=-1;ensembl_phase=-1;"
                        "exon_id=ENSE%011d;rank=%d;version=1\n",
                        contig.c_str(), static_cast<long long>(exons[e].first),
                        static_cast<long long>(exons[e].second), strand, transcript_number,
                        gene_number * 16 + e, gene_number * 16 + e, e - first + 1);
          out << buffer;
          if (coding) {
            const auto& segment = cds[e - first];
            std::snprintf(buffer, sizeof buffer,
                          "%s\tensembl_havana\tCDS\t%lld\t%lld\t.\t%c\t%d\tID=CDS:ENSP%011d;"
                          "Parent=transcript:ENST%011d;protein_id=ENSP%011d\n",
                          contig.c_str(), static_cast<long long>(segment.first),
                          static_cast<long long>(segment.second), strand, phases[e - first],
                          transcript_number, transcript_number, transcript_number);
            out << buffer;
          }
        }
        if (coding) {
          std::snprintf(
              buffer, sizeof buffer,
              "%s\tensembl_havana\tfive_prime_UTR\t%lld\t%lld\t.\t%c\t.\tParent=transcript:ENST%011d\n",
              contig.c_str(), static_cast<long long>(exons[first].first),
              static_cast<long long>(cds.front().first - 1), strand, transcript_number);
          out << buffer;
        }
      }
      out << "###\n";
    }
  }
  out.close();
  return paths.emplace(n_genes, path).first->second;
}

void BM_LoadGeneModelGff3(benchmark::State& state) {
  const std::string& path = SyntheticGff3(static_cast<int>(state.range(0)));
  const auto bytes = static_cast<int64_t>(std::filesystem::file_size(path));
  size_t transcripts = 0;
  for (auto _ : state) {
    Result<GeneModel> model = LoadGeneModel(path, {}, nullptr);
    if (!model.ok()) {
      state.SkipWithError(model.status().ToString().c_str());
      return;
    }
    transcripts = model->transcripts().size();
    benchmark::DoNotOptimize(transcripts);
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["transcripts"] = static_cast<double>(transcripts);
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_LoadGeneModelGff3)->Arg(6000)->Arg(60000)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace
}  // namespace zenome

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  // Remove the generated files.
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("zenome_bench_genes_" + std::to_string(getpid()) + "_", 0) == 0) {
      std::error_code ignored;
      std::filesystem::remove(entry.path(), ignored);
    }
  }
  return 0;
}
