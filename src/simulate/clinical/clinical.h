#pragma once
// The clinical room: knowledge about disease and the patients who have it.
//   hpo_terms.h          real HPO terms grouped by organ system
//   clinvar_generator.h  the disease catalogue (diseases.tsv) and ClinVar-style entries
//   case_generator.h     rare-disease cases: causal genotypes, Phenopackets, truth.tsv
// Code outside this folder includes this header, never the files above one by one.

#include "simulate/clinical/case_generator.h"
#include "simulate/clinical/clinvar_generator.h"
#include "simulate/clinical/hpo_terms.h"
