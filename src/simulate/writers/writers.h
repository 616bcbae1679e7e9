#pragma once
// The writers room: file formats of the generated genome, kept apart from the generators that
// make the data (genome/). The orchestration (contig_worker, simulate.cpp) calls them.
//   fasta_writer.h     reference.fa, written in place by parallel contig workers, and its .fai
//   gff3_gtf_writer.h  genes.gff3 and genes.gtf from the gene models
// Code outside this folder includes this header, never the files above one by one.

#include "simulate/writers/fasta_writer.h"
#include "simulate/writers/gff3_gtf_writer.h"
