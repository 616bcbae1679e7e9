#pragma once
// genes.gff3 and genes.gtf: the gene models (genome/gene_model.h) as Ensembl writes them. GFF3:
// gene/ncRNA_gene/pseudogene, then each transcript (mRNA, NMD_transcript_variant, lnc_RNA, ...)
// with its exons, CDS (with phase and protein ID) and UTRs sorted by start, "###" after each gene.
// GTF: gene, transcript, exon, CDS without the stop codon, start_codon, stop_codon and the UTRs.
// Text only; the caller writes it (contig by contig, in contig order).

#include <string>

#include "simulate/genome/genome.h"

namespace zenome::simulate {

// "##gff-version 3", a ##sequence-region per contig and the genome build lines.
std::string Gff3Header(const GenomePlan& genome);
// The genome build lines.
std::string GtfHeader();
// One gene's lines, appended to `out`.
void AppendGff3Gene(const SimGene& gene, const std::string& contig_name, std::string& out);
void AppendGtfGene(const SimGene& gene, const std::string& contig_name, std::string& out);

}  // namespace zenome::simulate
