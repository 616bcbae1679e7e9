// Transcript consequences (and HGVS) per allele on a synthetic genome: one 4 Mb contig with a
// gene every ~20 kb on alternating strands, 3 overlapping coding isoforms and one non-coding
// isoform per gene, 8 exons each; alleles (80% SNVs, 10% deletions, 10% insertions) drawn in
// gene regions and visited in genomic order, as a sorted VCF would. Reports predictions/second.
// Arg 0: HGVS off (1: on).

#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "annotate/transcript_effect.h"
#include "core/reference.h"
#include "core/sequence.h"
#include "kb/gene_model.h"

namespace zenome {
namespace {

struct Allele {
  int64_t pos0;
  std::string ref, alt;
};

struct SyntheticWorld {
  std::string fasta_path;
  std::shared_ptr<const ReferenceGenome> genome;
  GeneModel model;
  std::vector<Allele> alleles;
};

SyntheticWorld& World() {
  static SyntheticWorld* world = [] {
    auto* w = new SyntheticWorld();
    std::mt19937_64 rng(7);
    const int64_t length = 4'000'000;
    std::string seq(length, 'A');
    for (char& c : seq) c = "ACGT"[rng() & 3];
    std::vector<Transcript> transcripts;
    std::vector<Gene> genes;
    int64_t cursor = 10'000;
    int number = 0;
    while (cursor < length - 60'000) {
      const Strand strand = genes.size() % 2 == 0 ? Strand::kForward : Strand::kReverse;
      std::vector<Interval0> exons;
      int64_t pos = cursor;
      for (int e = 0; e < 8; ++e) {
        const int64_t exon_length = 80 + static_cast<int64_t>(rng() % 220);
        exons.push_back({pos, pos + exon_length});
        pos += exon_length + 500 + static_cast<int64_t>(rng() % 2500);
      }
      Gene gene;
      gene.id = "ENSG" + std::to_string(genes.size());
      gene.name = "GENE" + std::to_string(genes.size());
      gene.biotype = "protein_coding";
      gene.contig = 0;
      gene.strand = strand;
      gene.span = {exons.front().start, exons.back().end};
      for (int isoform = 0; isoform < 4; ++isoform) {
        Transcript t;
        t.id = "ENST" + std::to_string(number++);
        t.version = "1";
        t.gene_id = gene.id;
        t.gene_name = gene.name;
        t.biotype = isoform < 3 ? "protein_coding" : "lncRNA";
        t.protein_id = isoform < 3 ? "ENSP" + std::to_string(number) + ".1" : "";
        t.contig = 0;
        t.strand = strand;
        for (size_t e = 0; e < exons.size(); ++e) {
          if (isoform == 1 && e == 3) continue;  // an isoform skipping one exon
          t.exons.push_back(exons[e]);
        }
        if (isoform == 2) t.exons.pop_back();
        t.span = {t.exons.front().start, t.exons.back().end};
        if (isoform < 3) {
          // CDS from the middle of the first exon to the middle of the last, whole codons.
          const Interval0 first = t.exons.front();
          const Interval0 last = t.exons.back();
          int64_t cds_start = (first.start + first.end) / 2;
          int64_t cds_end = (last.start + last.end) / 2;
          int64_t cds_length = 0;
          for (const Interval0& exon : t.exons) {
            cds_length += std::max<int64_t>(0, std::min(exon.end, cds_end) - std::max(exon.start, cds_start));
          }
          if (strand == Strand::kForward) {
            cds_end -= cds_length % 3;
          } else {
            cds_start += cds_length % 3;
          }
          for (const Interval0& exon : t.exons) {
            Interval0 part{std::max(exon.start, cds_start), std::min(exon.end, cds_end)};
            if (!part.empty()) t.cds.push_back(part);
          }
          if (isoform == 0) {  // a start codon for the principal isoform
            if (strand == Strand::kForward) {
              seq.replace(static_cast<size_t>(cds_start), 3, "ATG");
            } else {
              seq.replace(static_cast<size_t>(cds_end - 3), 3, "CAT");
            }
          }
        }
        gene.transcripts.push_back(static_cast<int>(transcripts.size()));
        transcripts.push_back(std::move(t));
      }
      genes.push_back(gene);
      // Alleles inside the gene and its flanks.
      for (int k = 0; k < 60; ++k) {
        const int64_t at = gene.span.start - 2000 + static_cast<int64_t>(rng() % (gene.span.length() + 4000));
        const int kind = static_cast<int>(rng() % 10);
        Allele a;
        a.pos0 = at;
        if (kind < 8) {
          a.ref = seq.substr(static_cast<size_t>(at), 1);
          a.alt = std::string(1, "ACGT"[(std::string("ACGT").find(a.ref[0]) + 1 + rng() % 3) % 4]);
        } else if (kind == 8) {
          a.ref = seq.substr(static_cast<size_t>(at), 2 + rng() % 3);
          a.alt = a.ref.substr(0, 1);
        } else {
          a.ref = seq.substr(static_cast<size_t>(at), 1);
          a.alt = a.ref + std::string(1 + rng() % 3, "ACGT"[rng() & 3]);
        }
        w->alleles.push_back(std::move(a));
      }
      cursor = pos + 8'000 + static_cast<int64_t>(rng() % 8'000);
    }
    std::sort(w->alleles.begin(), w->alleles.end(),
              [](const Allele& a, const Allele& b) { return a.pos0 < b.pos0; });
    w->fasta_path = (std::filesystem::temp_directory_path() /
                     ("zenome_bench_effects_" + std::to_string(getpid()) + ".fa"))
                        .string();
    {
      std::ofstream out(w->fasta_path);
      out << ">1\n";
      for (size_t i = 0; i < seq.size(); i += 60) out << seq.substr(i, 60) << '\n';
    }
    w->genome = ValueOrThrow(ReferenceGenome::Open(w->fasta_path));
    w->model = ValueOrThrow(GeneModel::Build({"synthetic", "GFF3", ""}, {"1"}, genes, transcripts));
    return w;
  }();
  return *world;
}

void BM_PredictTranscriptEffects(benchmark::State& state) {
  SyntheticWorld& w = World();
  auto reader = ValueOrThrow(ReferenceReader::Open(w.genome));
  TranscriptEffectOptions options;
  options.hgvs = state.range(0) != 0;
  TranscriptEffectPredictor predictor(w.model, *reader, options);
  std::vector<TranscriptEffect> effects;
  size_t next = 0;
  int64_t effect_count = 0;
  for (auto _ : state) {
    const Allele& a = w.alleles[next];
    next = next + 1 == w.alleles.size() ? 0 : next + 1;
    effects.clear();
    Status status = predictor.Predict({"1", a.pos0, a.ref, a.alt}, effects);
    if (!status.ok()) {
      state.SkipWithError(status.message().c_str());
      break;
    }
    effect_count += static_cast<int64_t>(effects.size());
    benchmark::DoNotOptimize(effects.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["effects_per_allele"] = benchmark::Counter(
      static_cast<double>(effect_count) / static_cast<double>(std::max<int64_t>(1, state.iterations())));
}
BENCHMARK(BM_PredictTranscriptEffects)->Arg(0)->Arg(1)->ArgName("hgvs");

}  // namespace
}  // namespace zenome

BENCHMARK_MAIN();
