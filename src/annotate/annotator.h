#pragma once
// zenome annotate as a library call: stream a VCF/BCF, predict every ALT allele's effect on every
// nearby transcript, add population frequencies and ClinVar, and write VCF/BCF with a
// VEP-compatible CSQ field, or TSV, or JSON Lines. Multi-threaded with ordered output and
// bounded memory (batches of records in flight, never the whole file).

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "annotate/consequence.h"
#include "core/status.h"
#include "core/vcf_writer.h"

namespace zenome {

class Diagnostics;

enum class AnnotationFormat { kVcf, kTsv, kJson };

struct AnnotateOptions {
  std::string input = "-";
  std::string reference_fasta;
  std::string gene_model;                      // GFF3 or GTF
  std::vector<std::string> frequency_sources;  // "PATH:FIELD,..." or "NAME=PATH:FIELD,..."
  std::string clinvar;                         // ClinVar VCF (bgzipped + indexed), optional
  bool pick = false;                           // one consequence per allele (VEP --pick)
  bool hgvs = true;
  int64_t upstream_downstream_distance = 5000;
  AnnotationFormat format = AnnotationFormat::kVcf;
  std::string output = "-";
  VcfWriterOptions writer;  // VCF/BCF output
  bool bgzip_text = false;  // TSV/JSON output compressed with BGZF
  int threads = 0;
  bool strict = false;  // per-record problems are fatal
  // VCF header contig lengths that differ from the reference's are a warning, not an error.
  bool allow_contig_length_mismatch = false;
  // Records per unit of parallel work: small enough that a 100,000-record file still makes dozens of
  // batches to spread over the threads and that batches are reused warm, large enough that handing
  // one over costs nothing next to annotating it.
  int batch_size = 2048;
};

struct AnnotateStats {
  int64_t records = 0;              // records read and written
  int64_t alleles = 0;              // ALT alleles annotated
  int64_t unannotated_records = 0;  // written without CSQ (unknown contig, REF mismatch)
  int64_t skipped_records = 0;      // malformed input lines, not written
  int64_t symbolic_alleles = 0;     // <DEL>, *, breakends: not annotated
  int64_t genes = 0;
  int64_t transcripts = 0;
  double load_seconds = 0;  // gene model and knowledge bases
  double annotate_seconds = 0;
  // Alleles by their most severe consequence over all transcripts.
  std::array<int64_t, static_cast<size_t>(Consequence::kCount)> most_severe{};
};

Result<AnnotateStats> AnnotateVcf(const AnnotateOptions& options, Diagnostics& diagnostics);

// A few lines for stderr: counts, timing, and the most severe consequences seen.
std::string FormatAnnotateSummary(const AnnotateStats& stats);

}  // namespace zenome
