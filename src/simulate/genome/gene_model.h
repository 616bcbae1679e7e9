#pragma once
// The simulated gene models as data: genes with their transcripts (exons, CDS in transcript
// coordinates, Ensembl-style tags), per contig, and the map between transcript and genomic
// coordinates. gene_generator.h makes them; the rooms that place variants in genes read them, and
// writers/gff3_gtf_writer.h turns them into GFF3 and GTF.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/interval.h"

namespace zenome::simulate {

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

}  // namespace zenome::simulate
