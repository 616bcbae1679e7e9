#pragma once
// Whole-file normalisation (zenome norm): read VCF/BCF, check REF, split, left-align, re-sort,
// write. The library entry point behind the CLI command.

#include <cstdint>
#include <string>

#include "core/record_normalizer.h"
#include "core/status.h"
#include "core/vcf_writer.h"

namespace zenome {

class Diagnostics;

struct NormalizeVcfOptions {
  std::string input = "-";
  std::string reference_fasta;  // empty: trim only, no REF check or left-alignment
  std::string output = "-";
  VcfWriterOptions writer;
  RecordNormalizerOptions normalizer;
  int64_t sort_window = 1000;  // bases (bcftools norm --site-win)
  int threads = 0;
  bool strict = false;  // malformed records are errors instead of counted and skipped
  // VCF header contig lengths that differ from the reference's are a warning, not an error.
  bool allow_contig_length_mismatch = false;
};

struct NormalizeVcfStats {
  int64_t records_in = 0;
  int64_t records_out = 0;
  int64_t split = 0;
  int64_t realigned = 0;
  int64_t skipped = 0;
};

Result<NormalizeVcfStats> NormalizeVcf(const NormalizeVcfOptions& options, Diagnostics& diagnostics);

}  // namespace zenome
