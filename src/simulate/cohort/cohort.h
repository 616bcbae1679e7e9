#pragma once
// The cohort room: the listed samples as a research cohort with clinical and other data layers.
//   cohort_plan.h    the cohort's genetics: patients planted before the genomes are drawn, and
//                    the carriers the contig workers report back
//   cohort_writer.h  writes OUTDIR/cohort/ from them
// Inside the room (not for other code): cohort_clinical.h (clinical.csv), cohort_layers.h (omics,
// PRO, pathology, imaging, wearables) and cohort_ontology.h (hp.obo).
// Code outside this folder includes this header, never the files above one by one.

#include "simulate/cohort/cohort_plan.h"
#include "simulate/cohort/cohort_writer.h"
