#pragma once
// Variant-site knowledge bases: population frequencies (gnomAD, jMorp/ToMMo, zenome's own export)
// and ClinVar (clinvar.h), read from bgzipped, tabix/CSI-indexed sites VCFs and copied onto
// matching query alleles.
//
// Matching is exact on the allele after normalisation of both sides (left-aligned and trimmed
// against the reference, core/normalize.h), with the sites file's multi-allelic records split
// into one entry per ALT; contig spellings (chr1/1, chrM/MT) are unified.
//
// Genome scale: a sites file is never loaded whole. VariantSiteSource is opened and checked once
// and shared; each worker thread owns a VariantSiteReader (its own file handle, index and
// reference reader) and, per batch of query alleles, loads just the records that can match them:
//
//   std::vector<Interval0> windows;
//   for (each query allele) windows.push_back(*reader.MatchWindow(contig, pos0, ref, alt));
//   reader.Load(contig, windows);
//   for (each query allele) if (auto hit = *reader.Lookup(contig, pos0, ref, alt)) use hit->value(i);

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/contig_names.h"
#include "core/genome_build.h"
#include "core/interval.h"
#include "core/normalize.h"
#include "core/status.h"

namespace zenome {

class Diagnostics;
class ReferenceGenome;
class ReferenceReader;

// One --af argument: "PATH:AF,AF_eas,nhomalt" or "NAME=PATH:AF,...". NAME prefixes the output
// keys (gnomad_AF); by default it is the file name up to its first '.'. A PATH containing
// "{chr}" names one file per contig, as gnomAD v3/v4 genomes ship
// ("gnomad.genomes.v4.1.sites.{chr}.vcf.bgz"); the contig is tried as the reference spells it,
// without and with "chr" (and M/MT for the mitochondrion).
inline constexpr std::string_view kContigPlaceholder = "{chr}";

struct SiteFieldSpec {
  std::string name;
  std::string path;                 // a file, or a pattern with kContigPlaceholder
  std::vector<std::string> fields;  // INFO fields to copy, in output order

  std::string OutputKey(size_t field) const { return name + "_" + fields[field]; }
};

// Parses "[NAME=]PATH:FIELD[,FIELD...]". Usage error naming the argument when a part is missing.
Result<SiteFieldSpec> ParseSiteFieldSpec(std::string_view text);
// "gnomad.genomes.v4.1.sites.chr1.vcf.bgz" → "gnomad"; characters that cannot appear in a VCF
// INFO key become '_'.
std::string DefaultSiteSourceName(std::string_view path);

// How a field's values map onto the split per-ALT entries.
enum class SiteFieldNumber {
  kPerAlt,         // Number=A: the value for this ALT
  kPerAltWithRef,  // Number=R: "REF value,ALT value"
  kWhole,          // Number=1, ., G or a fixed count: copied as written
};

struct SiteField {
  std::string name;
  SiteFieldNumber number = SiteFieldNumber::kWhole;
  std::string type;  // VCF header Type: Integer, Float, String, Flag, Character
  std::string description;
};

// A sites VCF, opened and checked once; immutable and shared by every worker thread.
class VariantSiteSource {
 public:
  // Fails with a message naming the file when it is not bgzip-compressed VCF, has no .tbi/.csi
  // index ("index it with tabix -p vcf FILE"), lacks a requested INFO field (listing those it
  // has), or has ##contig lengths that contradict `reference` (when given). With a "{chr}" pattern
  // every matching file is checked; `reference` is then required.
  static Result<std::shared_ptr<const VariantSiteSource>> Open(SiteFieldSpec spec,
                                                               const ReferenceGenome* reference);

  const SiteFieldSpec& spec() const { return spec_; }
  const std::string& path() const { return spec_.path; }
  // The files behind the source: one, or one per contig for a "{chr}" pattern.
  const std::vector<std::string>& files() const { return files_; }
  // Index into files() of the file holding `contig` (any spelling), or -1.
  int FileFor(std::string_view contig) const;
  const std::vector<SiteField>& fields() const { return fields_; }
  const std::vector<ContigLength>& contigs() const { return contigs_; }
  // What the header says about the release: "fileDate=20230702; source=ClinVar; reference=GRCh38"
  // (fileDate, source, reference and any *version* header line); may be empty.
  const std::string& version() const { return version_; }

 private:
  VariantSiteSource() = default;
  Status CheckFile(const std::string& path, bool first, const ReferenceGenome* reference);
  SiteFieldSpec spec_;
  std::vector<std::string> files_;
  std::unordered_map<std::string, int> file_by_contig_;  // canonical contig → file; empty: one file
  std::vector<SiteField> fields_;
  std::vector<ContigLength> contigs_;
  std::string version_;
};

class VariantSiteReader;

// The requested field values of one matched allele, in SiteFieldSpec::fields order. Views stay
// valid until the reader's next Load.
class SiteValues {
 public:
  size_t size() const;
  // False when the file has no value for this allele ('.', absent, or a Number=A/R list with the
  // wrong number of values).
  bool has(size_t field) const;
  // The value as written in the file ("" when missing). Number=R gives "REF,ALT".
  std::string_view value(size_t field) const;
  // The record's ID column (ClinVar: the variation ID); "" for '.'.
  std::string_view id() const;

 private:
  friend class VariantSiteReader;
  SiteValues(const VariantSiteReader* reader, uint32_t entry) : reader_(reader), entry_(entry) {}
  const VariantSiteReader* reader_;
  uint32_t entry_;
};

// One worker thread's view of a sites file. Not thread-safe; make one per thread.
class VariantSiteReader {
 public:
  // `reference` is this thread's reader; it must outlive the VariantSiteReader. Problems in
  // individual records (a Number=A list of the wrong length) are counted in `diagnostics`.
  static Result<std::unique_ptr<VariantSiteReader>> Open(std::shared_ptr<const VariantSiteSource> source,
                                                         ReferenceReader& reference,
                                                         Diagnostics* diagnostics = nullptr);
  ~VariantSiteReader();
  VariantSiteReader(const VariantSiteReader&) = delete;
  VariantSiteReader& operator=(const VariantSiteReader&) = delete;

  const VariantSiteSource& source() const { return *source_; }

  // Where the sites file's records for this allele can lie (0-based half-open): from its
  // left-normalised position to the end of the repeat it can slide through, so a file that writes
  // an indel elsewhere in a homopolymer is still found. `pos0` is REF's first base.
  Result<Interval0> MatchWindow(std::string_view contig, int64_t pos0, std::string_view ref,
                                std::string_view alt);
  // Loads the records overlapping `windows` on `contig` (any spelling), replacing whatever was
  // loaded before. One index query per cluster of nearby windows; only records overlapping a
  // window are decoded. A contig the file does not have loads nothing.
  Status Load(std::string_view contig, std::vector<Interval0> windows);
  Status LoadRegion(std::string_view contig, int64_t start, int64_t end) {
    return Load(contig, {Interval0{start, end}});
  }
  // The file's values for this allele, or nullopt when the file does not have it. The allele's
  // MatchWindow must have been loaded (Internal error otherwise, so a missed Load never reads as
  // "absent from gnomAD"); symbolic alleles (<DEL>, breakends), matched only as written, are
  // simply absent when their window was not loaded. '*' and REF==ALT never match.
  Result<std::optional<SiteValues>> Lookup(std::string_view contig, int64_t pos0, std::string_view ref,
                                           std::string_view alt);
  // Alleles (per-ALT entries) held since the last Load.
  size_t loaded_alleles() const { return entries_.size(); }

 private:
  friend class SiteValues;
  struct Entry {
    int64_t pos0;
    uint64_t hash;
    uint32_t ref_offset, ref_length;
    uint32_t alt_offset, alt_length;
    uint32_t id_offset, id_length;
    uint32_t values;  // index of the first of fields().size() values in values_
  };
  struct Span {
    uint32_t offset;
    uint32_t length;  // kMissing: no value
  };
  static constexpr uint32_t kMissing = UINT32_MAX;

  VariantSiteReader() = default;
  Status OpenFile(int file);
  Status DecodeRecord(std::string_view line, int64_t pos0);
  // Normalises scratch_ in place (left-align + trim, or kept as is when not normalisable).
  Status Normalise(std::string_view contig);
  bool InLoadedWindows(int64_t pos0) const;
  std::string_view Text(uint32_t offset, uint32_t length) const { return {arena_.data() + offset, length}; }

  std::shared_ptr<const VariantSiteSource> source_;
  ReferenceReader* reference_ = nullptr;
  Diagnostics* diagnostics_ = nullptr;
  struct Handle;
  std::vector<std::unique_ptr<Handle>> handles_;  // per file of the source, opened on first use

  // What the last Load put in memory.
  std::string loaded_contig_;           // canonical name; empty before the first Load
  std::string loaded_contig_spelling_;  // as the caller wrote it
  int loaded_file_ = -1;
  std::vector<Interval0> windows_;  // sorted, merged
  std::string arena_;
  std::vector<Entry> entries_;
  std::vector<Span> values_;
  std::vector<std::pair<uint64_t, uint32_t>> by_hash_;  // (hash, entry), sorted

  AlleleSet scratch_;
  std::vector<std::string_view> scratch_alts_;
  std::vector<std::string_view> scratch_raw_;
  std::vector<uint8_t> scratch_found_;
};

// Makes a value safe inside a VEP CSQ field, as VEP's VCF output does: ',' → '&', '|' → '&',
// ';' → "%3B", runs of whitespace → '_'. VEP leaves '=' alone; zenome writes it as "%3D" (VCF 4.3
// percent-encoding) so the INFO column always parses. Other control characters and bytes that
// are not UTF-8 become "%XX" too.
std::string EscapeCsqValue(std::string_view value);
void AppendCsqEscaped(std::string_view value, std::string& out);

}  // namespace zenome
