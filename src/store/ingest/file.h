#pragma once
// Ingest, first pass: one input VCF/BCF/gVCF becomes sorted, normalised, biallelic runs per contig
// (ingest_runs.h) plus, per sample and contig, the intervals where the sample is callable and its
// ploidy there. Runs on one thread per file; the second pass (ingest.cpp) merges the files.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/genome_build.h"
#include "core/status.h"
#include "store/segment/format.h"

struct hts_tpool;

namespace zenome {

class Diagnostics;
class Pseudonymizer;
class ReferenceGenome;
class StoreContigs;

struct IngestSample {
  std::string pseudonym;  // never the raw name
  segment::Coverage coverage = segment::Coverage::kAssumed;
  bool haploid_x = false;  // had a haploid call on chrX (or any call on chrY): X and Y default haploid
};

struct FileContigRun {
  std::string contig;  // the store's spelling when the store knows it, else the file's
  uint64_t offset = 0;
  uint64_t length = 0;
  int64_t records = 0;
  // Per sample of the file, sorted and disjoint. gVCF: the callable intervals (reference blocks
  // and calls) with their ploidy. Plain VCF: runs of calls of one ploidy, each from its first call
  // to its last (the merge extends them over the gaps). Empty: the sample had no called genotype
  // here; the contig default (segment::DefaultPloidy) applies.
  std::vector<std::vector<segment::PloidyInterval>> intervals;
};

struct FileRuns {
  std::string path;
  std::string run_path;
  std::vector<IngestSample> samples;
  std::vector<FileContigRun> contigs;  // in file order
  int64_t records_read = 0;
  int64_t variants_written = 0;
  int64_t reference_blocks = 0;
  int64_t skipped_alleles = 0;    // symbolic, '*' and breakend ALTs
  int64_t merged_duplicates = 0;  // the same variant twice in one file
};

struct IngestFileContext {
  const Pseudonymizer* pseudonymizer = nullptr;
  const StoreContigs* contigs = nullptr;  // the store's contigs (snapshot; read only)
  std::string store_name;                 // for messages ("the store DIR")
  GenomeBuild build = GenomeBuild::kUnknown;
  // The store's reference (left-alignment, REF check, unknown contigs are errors); may be null.
  std::shared_ptr<const ReferenceGenome> reference;
  Diagnostics* diagnostics = nullptr;
  hts_tpool* thread_pool = nullptr;  // BGZF decompression threads shared by all files (optional)
};

// Checks the header of `path` against the store (build, contig lengths, samples present) without
// reading records. Fails with a message naming the file.
Status CheckIngestHeader(const std::string& path, const IngestFileContext& context);

// Reads `path` whole and writes its runs to `run_path`. Any malformed record, unknown contig,
// REF mismatch or unsorted input fails the whole file with its location.
Result<FileRuns> ReadIngestFile(const std::string& path, const std::string& run_path,
                                const IngestFileContext& context);

// "hg19"/"GRCh37"/"b37"/"hs37d5" → GRCh37, "hg38"/"GRCh38" → GRCh38 in a ##reference value; kUnknown
// when it names neither.
GenomeBuild BuildFromReferenceLine(std::string_view value);

}  // namespace zenome
