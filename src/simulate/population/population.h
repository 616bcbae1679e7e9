#pragma once
// The population room: people's genomes drawn from a population model.
//   population_generator.h  variant sites per window, populations' frequencies, genotypes,
//                           reference-panel counts, the individuals themselves
//   tumour_generator.h      tumour/normal pairs: somatic mutations from mutational signatures
//   gvcf_writer.h           per-sample gVCF records: the calls plus simulated coverage (reference
//                           blocks, uncovered stretches), drawn as they are written
// Code outside this folder includes this header, never the files above one by one.

#include "simulate/population/gvcf_writer.h"
#include "simulate/population/population_generator.h"
#include "simulate/population/tumour_generator.h"
