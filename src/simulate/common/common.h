#pragma once
// The common room: what every other room of the simulator uses.
//   random.h        deterministic random streams keyed by the seed and by what they generate
//   text_format.h   locale-free number formatting for the text outputs
//   output_files.h  how files are written: per-contig BGZF parts stitched in contig order with a
//                   tabix index built from recorded offsets; text files renamed into place
// Code outside this folder includes this header, never the files above one by one.

#include "simulate/common/output_files.h"
#include "simulate/common/random.h"
#include "simulate/common/text_format.h"
