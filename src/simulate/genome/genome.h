#pragma once
// The genome room: the simulated genome as data and the generators that make it.
//   genome_plan.h          contigs, lengths, N gaps, PARs, ploidy by sex
//   reference_generator.h  each contig's background sequence (isochores, CpG depletion, repeats)
//   gene_model.h           gene models as data (genes, transcripts, transcript coordinates)
//   gene_generator.h       lays the genes out and writes their sequences into the background
//   site_annotator.h       a small consequence classifier on the canonical transcripts
// Code outside this folder includes this header, never the files above one by one. The FASTA and
// GFF3/GTF text of the genome are written by writers/.

#include "simulate/genome/gene_generator.h"
#include "simulate/genome/gene_model.h"
#include "simulate/genome/genome_plan.h"
#include "simulate/genome/reference_generator.h"
#include "simulate/genome/site_annotator.h"
