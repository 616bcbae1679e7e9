#pragma once
// Gene models (genes, transcripts, exons, CDS) loaded into memory from GFF3 (Ensembl, GENCODE,
// RefSeq-like) or GTF. Coordinates are 0-based half-open genomic; the strand says which way the
// transcript reads. Everything the consequence caller needs is precomputed once at load time.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/interval.h"
#include "core/status.h"

namespace zenome {

class Diagnostics;

enum class Strand : int8_t { kForward = 1, kReverse = -1 };

struct Transcript {
  std::string id;         // as in the file, without Ensembl's "transcript:" prefix
  std::string version;    // Ensembl's version= attribute, or the ".N" suffix of a GENCODE ID; may be empty
  std::string gene_id;    // without "gene:" prefix
  std::string gene_name;  // symbol (Name= / gene_name), may be empty
  std::string gene_biotype;
  std::string biotype;     // transcript biotype (biotype= / transcript_type / transcript_biotype)
  std::string protein_id;  // from the CDS features, may be empty
  int contig = -1;         // index into GeneModel::contigs()
  Strand strand = Strand::kForward;
  Interval0 span;  // first exon start .. last exon end
  // Exons sorted by genomic start (ascending, whatever the strand), non-overlapping.
  std::vector<Interval0> exons;
  // CDS segments sorted by genomic start, each inside one exon. Empty for non-coding transcripts.
  // Includes the stop codon (GTF stop_codon features are merged in). Disjoint, except that with
  // ribosomal_slippage consecutive segments may overlap by 1-3 bases.
  std::vector<Interval0> cds;
  // Consecutive CDS segments may overlap (programmed frameshift); the CDS sequence is the segments
  // joined in transcript order, overlapping bases read twice. Set when two do, or when the file
  // marks the CDS exception=ribosomal slippage (RefSeq).
  bool ribosomal_slippage = false;
  // Genomic codons the model marks as Sec (GTF/GFF3 Selenocysteine features, RefSeq transl_except
  // aa:Sec), sorted by start, inside the coding span; a codon split by an intron is listed as its pieces.
  std::vector<Interval0> selenocysteine_codons;
  // Phase of the CDS segment that comes first in transcript order (0, 1 or 2); non-zero only for
  // transcripts whose CDS start is incomplete (cds_start_NF).
  int cds_start_phase = 0;
  bool cds_start_incomplete = false;  // tag cds_start_NF
  bool cds_end_incomplete = false;    // tag cds_end_NF
  bool mane_select = false;           // tag MANE_Select
  bool mane_plus_clinical = false;    // tag MANE_Plus_Clinical
  bool canonical = false;             // tag Ensembl_canonical (or is_canonical)
  bool basic = false;                 // tag basic
  int tsl = 0;                        // transcript_support_level, 0 when absent

  bool is_coding() const { return !cds.empty(); }
  // Coding region span (genomic), empty interval when non-coding.
  Interval0 coding_span() const {
    return cds.empty() ? Interval0{} : Interval0{cds.front().start, cds.back().end};
  }
  // Sum of exon lengths (the cDNA length).
  int64_t cdna_length() const;
  // Sum of CDS segment lengths.
  int64_t cds_length() const;
  // "ENST00000311936.8" when a version is known, the bare id otherwise (HGVS reference).
  std::string versioned_id() const { return version.empty() ? id : id + "." + version; }
};

struct Gene {
  std::string id;
  std::string name;
  std::string biotype;
  int contig = -1;
  Strand strand = Strand::kForward;
  Interval0 span;
  std::vector<int> transcripts;  // indices into GeneModel::transcripts()
};

struct GeneModelSource {
  std::string path;
  std::string format;   // "GFF3" or "GTF"
  std::string version;  // from header lines (#!genome-build, #!genome-version, ##date), may be empty
};

class GeneModel {
 public:
  GeneModel();
  ~GeneModel();
  GeneModel(GeneModel&&) noexcept;
  GeneModel& operator=(GeneModel&&) noexcept;

  const GeneModelSource& source() const { return source_; }
  // Contig names as spelled in the file.
  const std::vector<std::string>& contigs() const { return contigs_; }
  const std::vector<Transcript>& transcripts() const { return transcripts_; }
  const std::vector<Gene>& genes() const { return genes_; }

  // Index of a contig given under any spelling (chr1 / 1), or -1.
  int ContigIndex(std::string_view any_name) const;
  // Transcripts whose span, widened by `padding` on both sides, overlaps [start, end) on the
  // contig (any spelling). An empty query interval (an insertion point) overlaps a span when it
  // lies strictly inside it or touches it. Appends to `out` in genomic order. O(log n + k).
  void Overlapping(std::string_view contig, int64_t start, int64_t end, int64_t padding,
                   std::vector<const Transcript*>& out) const;
  // Same, by contig index.
  void Overlapping(int contig, int64_t start, int64_t end, int64_t padding,
                   std::vector<const Transcript*>& out) const;

  // Builds the model from parsed parts; validates and indexes. Used by the loaders and tests.
  static Result<GeneModel> Build(GeneModelSource source, std::vector<std::string> contigs,
                                 std::vector<Gene> genes, std::vector<Transcript> transcripts);

 private:
  GeneModelSource source_;
  std::vector<std::string> contigs_;
  std::vector<Transcript> transcripts_;
  std::vector<Gene> genes_;
  struct Index;
  std::unique_ptr<Index> index_;
};

// Checks one transcript's internal consistency: exons sorted and disjoint, CDS segments sorted,
// disjoint (with ribosomal_slippage: consecutive segments may overlap by at most
// kMaxSlippageOverlap bases, each reaching past the one before) and each inside an exon, span
// equal to the exon hull, selenocysteine codons sorted and inside the coding span. The message
// names the transcript and what is wrong.
Status ValidateTranscript(const Transcript& transcript);

// The largest overlap of two consecutive CDS segments read as a programmed frameshift.
inline constexpr int64_t kMaxSlippageOverlap = 3;

struct GeneModelLoadOptions {
  // Keep only transcripts with these biotypes (empty: all).
  std::vector<std::string> biotypes;
  bool strict = false;  // per-record problems become errors
};

// Loads GFF3 or GTF (plain or gzip/bgzip; format detected from content). Quirks with one clear
// meaning (CDS phase '.', a transcript line wider than its exons, a missing gene line, overlapping
// CDS read as ribosomal slippage, ...: src/kb/README.md) are accepted with a warning counted in
// `diagnostics`. Per-record problems (a CDS whose parent is missing, a CDS outside its exons, a bad
// phase, overlapping exons) are reported naming the file, line and field, and the affected
// transcript is dropped. With options.strict both are errors.
Result<GeneModel> LoadGeneModel(const std::string& path, const GeneModelLoadOptions& options,
                                Diagnostics* diagnostics);

}  // namespace zenome
