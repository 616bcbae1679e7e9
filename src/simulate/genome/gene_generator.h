#pragma once
// Synthetic gene models and their sequences. Layout (positions, exon structure, IDs) is decided
// for the whole genome first, cheaply and without sequence, so the disease catalogue and cases
// can be planned up front; the sequences are then written into each contig's background: real
// ORFs (ATG, no premature stop, stop codon, length a multiple of 3) spliced across exons, GT..AG
// introns with a polypyrimidine tract, UTRs, promoter CpG islands. Alternative transcripts share
// the canonical transcript's exons (exon skipping, alternative ends); skipping an exon that is not
// a multiple of 3 gives nonsense_mediated_decay transcripts whose CDS runs to the first premature
// stop. The models themselves are in gene_model.h.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "simulate/genome/gene_model.h"
#include "simulate/genome/genome_plan.h"

namespace zenome::simulate {

struct GeneOptions {
  int64_t count = 0;            // 0: about 60,000 per 3.1 Gb (at least 60 when the genome allows)
  double genic_fraction = 0.4;  // share of the usable genome inside gene spans
  double protein_coding_share = 0.34;
  double lncrna_share = 0.31;
  double pseudogene_share = 0.22;  // the rest are small RNAs (miRNA, snRNA, snoRNA)
};

Result<GeneLayout> LayOutGenes(const GenomePlan& genome, const GeneOptions& options, uint64_t seed);

// Writes the genes' sequences into `bases` (the contig's background) and settles what needs the
// sequence: NMD transcripts get their CDS, alternative transcripts whose ORF broke are dropped.
// Internal error if a canonical ORF is broken (a bug).
Status WriteGeneSequences(std::string& bases, std::vector<SimGene>& genes);

}  // namespace zenome::simulate
