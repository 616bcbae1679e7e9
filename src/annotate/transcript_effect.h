#pragma once
// What one ALT allele does to each transcript it touches: SO consequence terms, positions in the
// cDNA, CDS and protein, codon and amino-acid changes, and HGVS c./n./p. — the per-transcript
// content of one VEP CSQ entry. Intergenic alleles get one effect with no transcript.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "annotate/consequence.h"
#include "core/status.h"
#include "kb/gene_model.h"

namespace zenome {

class ReferenceReader;

// One REF→ALT change in VCF representation: 0-based position of REF's first base, REF and ALT
// as written (shared anchor bases allowed; they are trimmed internally). ALT must be bases.
struct AlleleChange {
  std::string_view contig;
  int64_t pos0 = 0;
  std::string_view ref;
  std::string_view alt;
};

// A structural allele: a symbolic ALT (<DEL>, <DUP>, <DUP:TANDEM>, <INS>, <INS:ME:ALU>, <INV>,
// <CNV>, <CNV:GAIN>, <CNV:LOSS>, <CN0>, ...) or a breakend, on the reference span VCF gives it.
enum class StructuralKind : uint8_t {
  kDeletion,
  kDuplication,  // also tandem duplications
  kInsertion,    // also mobile-element insertions
  kInversion,
  kCopyNumberGain,
  kCopyNumberLoss,
  kCopyNumberChange,  // <CNV> without a direction
  kBreakend,
};
// VEP's name for the class, written as the CSQ Allele of a structural allele ("deletion", ...).
std::string_view StructuralKindName(StructuralKind kind);

struct StructuralChange {
  std::string_view contig;
  // 0-based, half-open reference span the event affects: for DEL/DUP/INV/CNV the bases after the
  // VCF padding base up to END ([POS, END) in 0-based terms); for an insertion or a breakend an
  // empty span at the join (start == end: between bases start - 1 and start).
  int64_t start = 0;
  int64_t end = 0;
  StructuralKind kind = StructuralKind::kDeletion;
};

struct TranscriptEffect {
  const Transcript* transcript = nullptr;  // null: intergenic_variant
  ConsequenceSet consequences;
  // VEP-style fields; empty when they do not apply.
  std::string exon;           // "3/12"
  std::string intron;         // "2/11"
  std::string cdna_position;  // "123", "123-125", "?-125" (VEP's notation)
  std::string cds_position;
  std::string protein_position;
  std::string amino_acids;  // "R/*", "L" (synonymous), "KV/K"
  std::string codons;       // "Cga/Tga" (changed bases upper case)
  std::string hgvsc;        // "ENST00000311936.8:c.35G>A" (n. for non-coding transcripts)
  std::string hgvsp;        // "ENSP00000256078.5:p.Gly12Asp"; '=' unescaped ("p.Leu54=")
  int64_t distance = -1;    // bases to the transcript for upstream/downstream, else -1
  std::string flags;        // "cds_start_NF&cds_end_NF"
  // Bases the indel was shifted 3' (in transcript orientation) for HGVS; 0 when not shifted.
  int64_t hgvs_shift = 0;
  // The other alleles on this allele's haplotype whose combined change the consequence, amino
  // acids, codons and HGVSp describe ("POS:REF>ALT&..."); empty for a per-record answer.
  std::string haplotype;
};

struct TranscriptEffectOptions {
  int64_t upstream_downstream_distance = 5000;  // VEP's default
  bool hgvs = true;                             // compute hgvsc/hgvsp
  bool shift_hgvs = true;                       // 3'-shift indels in repeats per the HGVS rule
};

// Thread-compatible: one per worker thread (it owns scratch buffers and uses that thread's
// ReferenceReader). The gene model is shared read-only.
class TranscriptEffectPredictor {
 public:
  TranscriptEffectPredictor(const GeneModel& genes, ReferenceReader& reference,
                            TranscriptEffectOptions options = {});
  ~TranscriptEffectPredictor();

  // Appends one effect per transcript within the upstream/downstream distance of the allele, in
  // genomic order of the transcripts; one intergenic effect when there is none. As VEP does by
  // default, consequences and positions use the allele where it is given (trimmed to its minimal
  // form) and only HGVS is 3'-shifted. Fails (appending nothing) when the allele is not made of
  // bases or equals REF (kBadInput), or when the reference cannot be read (unknown contig, I/O).
  Status Predict(const AlleleChange& change, std::vector<TranscriptEffect>& out);
  // Whether the allele of the last Predict lies on reference bases that are N (or another
  // non-ACGT code): its effects then carry no HGVS, which would otherwise describe N as a base.
  bool LastAlleleOnUnknownReference() const;
  // Structural alleles get VEP's structural terms: transcript_ablation (a loss covering the
  // transcript), transcript_amplification (a gain covering it), feature_truncation /
  // feature_elongation (a loss / gain or insertion, or a breakend, touching its exons without
  // covering it), and the location terms of the span (coding_sequence_variant, UTR, intron,
  // splice, non-coding exon, upstream/downstream). No HGVS, codons or protein positions.
  Status PredictStructural(const StructuralChange& change, std::vector<TranscriptEffect>& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// HGVS genomic description of one allele against the reference, 3'-shifted as HGVS requires:
// "chr1:g.12345A>G", "chr1:g.12346_12348del", "chr1:g.12345dup", "chr1:g.12345_12346insT",
// "chr1:g.12345_12347delinsTG", "chr1:g.100_101inv"; "chrM:m.73A>G" on the mitochondrion. The
// contig is written as given in `change`. kBadInput when there is nothing to describe, or when
// the reference under the allele is N (unknown bases).
Result<std::string> HgvsGenomic(const AlleleChange& change, ReferenceReader& reference);

}  // namespace zenome
