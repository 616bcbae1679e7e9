#pragma once
// Tiny genomes for the transcript-effect tests. A transcript is described in transcript
// orientation (exon and intron sequences, 5' to 3') and placed on a contig on either strand, so
// one test body checks both strands: everything VEP reports in transcript terms (consequences,
// cDNA/CDS/protein positions, codons, HGVS c./p.) must come out the same.

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "annotate/transcript_effect.h"
#include "core/reference.h"
#include "core/sequence.h"
#include "kb/gene_model.h"
#include "support/test_support.h"

namespace zenome::testing {

struct TranscriptSpec {
  std::string id;
  std::string version = "1";
  std::string biotype = "protein_coding";
  std::string protein_id;
  std::vector<std::string> exons;    // transcript orientation
  std::vector<std::string> introns;  // transcript orientation, exons.size() - 1 of them
  int64_t cdna_coding_start = 0;     // 1-based; 0: non-coding
  int64_t cdna_coding_end = 0;
  bool cds_start_nf = false;
  bool cds_end_nf = false;
  int cds_start_phase = 0;  // GFF3 phase of the first CDS segment
};

// A transcript placed on a contig.
struct Placed {
  TranscriptSpec spec;
  std::string contig;
  Strand strand = Strand::kForward;
  int64_t offset = 0;                                // 0-based genomic start of the unspliced transcript
  std::string unspliced;                             // transcript orientation
  std::vector<std::pair<int64_t, int64_t>> exons_u;  // [start, end) in `unspliced`

  int64_t length() const { return static_cast<int64_t>(unspliced.size()); }
  // 0-based genomic position of unspliced index u (u may lie outside the transcript).
  int64_t Genomic(int64_t u) const {
    return strand == Strand::kForward ? offset + u : offset + length() - 1 - u;
  }
  // Unspliced index of 1-based cDNA position c.
  int64_t CdnaU(int64_t c) const {
    for (const auto& [s, e] : exons_u) {
      if (c <= e - s) return s + c - 1;
      c -= e - s;
    }
    return -1;
  }
  int64_t CdsU(int64_t k) const { return CdnaU(spec.cdna_coding_start - 1 + k); }
  // Intron i (0-based, transcript order): base +k after the donor, base -k before the acceptor.
  int64_t DonorU(int i, int64_t k) const { return exons_u[i].second - 1 + k; }
  int64_t AcceptorU(int i, int64_t k) const { return exons_u[i + 1].first - k; }
};

// One allele in VCF form (anchored indels), owning its strings.
struct Vcf {
  std::string contig;
  int64_t pos0 = 0;
  std::string ref, alt;
  AlleleChange change() const { return {contig, pos0, ref, alt}; }
};

class World {
 public:
  // Contigs are filled with a fixed pseudo-random background.
  void AddContig(const std::string& name, int64_t length) {
    std::string seq(static_cast<size_t>(length), 'A');
    uint64_t state = 0x9E3779B97F4A7C15ull ^ std::hash<std::string>()(name);
    for (char& c : seq) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      c = "ACGT"[(state >> 33) & 3];
    }
    contigs_[name] = std::move(seq);
    order_.push_back(name);
  }
  void SetBases(const std::string& contig, int64_t pos0, const std::string& bases) {
    contigs_.at(contig).replace(static_cast<size_t>(pos0), bases.size(), bases);
  }
  const std::string& Sequence(const std::string& contig) const { return contigs_.at(contig); }

  const Placed& Place(const TranscriptSpec& spec, const std::string& contig, Strand strand, int64_t offset) {
    Placed p;
    p.spec = spec;
    p.contig = contig;
    p.strand = strand;
    p.offset = offset;
    for (size_t i = 0; i < spec.exons.size(); ++i) {
      const int64_t s = static_cast<int64_t>(p.unspliced.size());
      p.unspliced += spec.exons[i];
      p.exons_u.emplace_back(s, static_cast<int64_t>(p.unspliced.size()));
      if (i < spec.introns.size()) p.unspliced += spec.introns[i];
    }
    SetBases(contig, offset, strand == Strand::kForward ? p.unspliced : ReverseComplement(p.unspliced));
    placed_.push_back(std::make_unique<Placed>(std::move(p)));
    return *placed_.back();
  }

  // Writes the FASTA and builds the gene model and a reader.
  void Finish() {
    std::vector<std::pair<std::string, std::string>> fasta;
    for (const auto& name : order_) fasta.emplace_back(name, contigs_[name]);
    path_ = dir_.File("genome.fa");
    WriteFasta(path_, fasta);
    genome_ = ValueOrThrow(ReferenceGenome::Open(path_));
    reader_ = ValueOrThrow(ReferenceReader::Open(genome_));
    std::vector<Transcript> transcripts;
    std::vector<Gene> genes;
    for (const auto& p : placed_) transcripts.push_back(MakeTranscript(*p));
    for (size_t i = 0; i < transcripts.size(); ++i) {
      Gene g;
      g.id = transcripts[i].gene_id;
      g.name = transcripts[i].gene_name;
      g.contig = transcripts[i].contig;
      g.strand = transcripts[i].strand;
      g.span = transcripts[i].span;
      g.transcripts = {static_cast<int>(i)};
      genes.push_back(g);
    }
    model_ = ValueOrThrow(GeneModel::Build({"test", "GFF3", ""}, order_, genes, transcripts));
  }

  ReferenceReader& reader() { return *reader_; }
  const GeneModel& model() const { return model_; }

  // A change written in transcript orientation: unspliced bases [u, u + ref_t.size()) become
  // alt_t (an insertion when ref_t is empty: before index u). Indels get a VCF anchor base.
  Vcf Edit(const Placed& p, int64_t u, const std::string& ref_t, const std::string& alt_t) const {
    if (p.unspliced.compare(static_cast<size_t>(u), ref_t.size(), ref_t) != 0) {
      throw std::runtime_error("fixture: expected " + ref_t + " at " + std::to_string(u) + " of " +
                               p.spec.id + ", found " +
                               p.unspliced.substr(static_cast<size_t>(u), ref_t.size()));
    }
    const bool forward = p.strand == Strand::kForward;
    std::string ref_g = forward ? ref_t : ReverseComplement(ref_t);
    std::string alt_g = forward ? alt_t : ReverseComplement(alt_t);
    const int64_t len = static_cast<int64_t>(ref_t.size());
    // 0-based genomic start of the REF bases, or the insertion point.
    int64_t start = forward ? p.Genomic(u) : (len > 0 ? p.Genomic(u + len - 1) : p.Genomic(u - 1));
    Vcf v;
    v.contig = p.contig;
    if (ref_g.size() == alt_g.size()) {
      v.pos0 = start;
      v.ref = ref_g;
      v.alt = alt_g;
    } else {
      const char anchor = contigs_.at(p.contig)[static_cast<size_t>(start - 1)];
      v.pos0 = start - 1;
      v.ref = std::string(1, anchor) + ref_g;
      v.alt = std::string(1, anchor) + alt_g;
    }
    return v;
  }
  Vcf Snv(const Placed& p, int64_t u, char alt_t) const {
    return Edit(p, u, p.unspliced.substr(static_cast<size_t>(u), 1), std::string(1, alt_t));
  }
  Vcf Genomic(const std::string& contig, int64_t pos1, const std::string& ref, const std::string& alt) const {
    return Vcf{contig, pos1 - 1, ref, alt};
  }

 private:
  Transcript MakeTranscript(const Placed& p) const {
    Transcript t;
    t.id = p.spec.id;
    t.version = p.spec.version;
    t.gene_id = "G" + p.spec.id;
    t.gene_name = "SYM" + p.spec.id;
    t.biotype = p.spec.biotype;
    t.gene_biotype = p.spec.biotype;
    t.protein_id = p.spec.protein_id;
    t.contig = static_cast<int>(std::find(order_.begin(), order_.end(), p.contig) - order_.begin());
    t.strand = p.strand;
    for (const auto& [s, e] : p.exons_u) {
      const int64_t a = p.Genomic(s);
      const int64_t b = p.Genomic(e - 1);
      t.exons.push_back({std::min(a, b), std::max(a, b) + 1});
    }
    std::sort(t.exons.begin(), t.exons.end(),
              [](const Interval0& x, const Interval0& y) { return x.start < y.start; });
    t.span = {t.exons.front().start, t.exons.back().end};
    if (p.spec.cdna_coding_start > 0) {
      const int64_t a = p.Genomic(p.CdnaU(p.spec.cdna_coding_start));
      const int64_t b = p.Genomic(p.CdnaU(p.spec.cdna_coding_end));
      const Interval0 coding{std::min(a, b), std::max(a, b) + 1};
      for (const Interval0& exon : t.exons) {
        const Interval0 part{std::max(exon.start, coding.start), std::min(exon.end, coding.end)};
        if (!part.empty()) t.cds.push_back(part);
      }
    }
    t.cds_start_incomplete = p.spec.cds_start_nf;
    t.cds_end_incomplete = p.spec.cds_end_nf;
    t.cds_start_phase = p.spec.cds_start_phase;
    return t;
  }

  TempDir dir_;
  std::string path_;
  std::map<std::string, std::string> contigs_;
  std::vector<std::string> order_;
  std::vector<std::unique_ptr<Placed>> placed_;
  std::shared_ptr<const ReferenceGenome> genome_;
  std::unique_ptr<ReferenceReader> reader_;
  GeneModel model_;
};

}  // namespace zenome::testing
