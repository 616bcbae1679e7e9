#pragma once
// Synthetic gene models and their sequences. Layout (positions, exon structure, IDs) is decided
// for the whole genome first, cheaply and without sequence, so the disease catalogue and cases
// can be planned up front; the sequences are then written into each contig's background: real
// ORFs (ATG, no premature stop, stop codon, length a multiple of 3) spliced across exons, GT..AG
// introns with a polypyrimidine tract, UTRs, promoter CpG islands. Alternative transcripts share
// the canonical transcript's exons (exon skipping, alternative ends); skipping an exon that is not
// a multiple of 3 gives nonsense_mediated_decay transcripts whose CDS runs to the first premature
// stop. Output as Ensembl-style GFF3 and GTF.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/interval.h"
#include "core/status.h"
#include "simulate/genome_plan.h"

namespace zenome::simulate {

struct GeneOptions {
  int64_t count = 0;            // 0: about 60,000 per 3.1 Gb (at least 60 when the genome allows)
  double genic_fraction = 0.4;  // share of the usable genome inside gene spans
  double protein_coding_share = 0.34;
  double lncrna_share = 0.31;
  double pseudogene_share = 0.22;  // the rest are small RNAs (miRNA, snRNA, snoRNA)
};

enum class GeneKind { kProteinCoding, kLncRna, kProcessedPseudogene, kMiRna, kSnRna, kSnoRna };

std::string_view GeneBiotypeName(GeneKind kind);

struct SimTranscript {
  std::string id;                     // ZT00001
  std::string name;                   // ZG00001-201
  std::string biotype;                // protein_coding, nonsense_mediated_decay, lncRNA, ...
  std::string protein_id;             // ZP00001; empty when non-coding
  std::vector<Interval0> exons;       // genomic, ascending
  std::vector<std::string> exon_ids;  // parallel to `exons`
  // CDS in spliced-transcript coordinates (5'→3'), stop codon included; -1 when non-coding.
  int64_t cds_start = -1;
  int64_t cds_end = -1;
  bool canonical = false;    // Ensembl_canonical
  bool mane_select = false;  // MANE_Select
  bool basic = false;
  int tsl = 1;
  // An alternative that skips a coding exon of length not divisible by 3; becomes an NMD
  // transcript once its premature stop is found in the written sequence (or is dropped).
  bool nmd_candidate = false;

  bool is_coding() const { return cds_start >= 0; }
};

struct SimGene {
  std::string id;  // ZG00001, also its symbol
  int number = 0;  // 1-based, genome-wide
  GeneKind kind = GeneKind::kProteinCoding;
  int contig = 0;
  bool reverse = false;  // minus strand
  Interval0 span;
  std::vector<SimTranscript> transcripts;  // the canonical transcript first
  // Seed of the random stream that writes this gene's sequence.
  uint64_t sequence_seed = 0;

  const SimTranscript& canonical() const { return transcripts.front(); }
  std::string_view biotype() const { return GeneBiotypeName(kind); }
};

// Genes of every contig, in genomic order; IDs are genome-wide and do not depend on threads.
struct GeneLayout {
  std::vector<std::vector<SimGene>> by_contig;
  int64_t gene_count = 0;
};

Result<GeneLayout> LayOutGenes(const GenomePlan& genome, const GeneOptions& options, uint64_t seed);

// Writes the genes' sequences into `bases` (the contig's background) and settles what needs the
// sequence: NMD transcripts get their CDS, alternative transcripts whose ORF broke are dropped.
// Internal error if a canonical ORF is broken (a bug).
Status WriteGeneSequences(std::string& bases, std::vector<SimGene>& genes);

// Transcript coordinates (0-based, 5'→3' along the spliced transcript) and genomic positions.
class TranscriptMap {
 public:
  TranscriptMap(const SimTranscript& transcript, bool reverse);
  int64_t length() const { return length_; }
  // Genomic position of transcript offset `t` (0 <= t < length()).
  int64_t ToGenomic(int64_t t) const;
  // Transcript offset of a genomic position, or -1 when it is not exonic.
  int64_t ToTranscript(int64_t pos0) const;
  // The spliced sequence, 5'→3' (reverse complemented on the minus strand).
  std::string Spliced(const std::string& bases) const;
  // CDS pieces as genomic intervals, ascending; for [from, to) in transcript coordinates.
  std::vector<Interval0> GenomicPieces(int64_t from, int64_t to) const;
  bool reverse() const { return reverse_; }

 private:
  const SimTranscript* transcript_;
  bool reverse_;
  int64_t length_ = 0;
  std::vector<int64_t> exon_tx_start_;  // per exon in transcript order
};

// Ensembl-style annotation text.
std::string Gff3Header(const GenomePlan& genome);
void AppendGff3Gene(const SimGene& gene, const std::string& contig_name, std::string& out);
void AppendGtfGene(const SimGene& gene, const std::string& contig_name, std::string& out);

}  // namespace zenome::simulate
