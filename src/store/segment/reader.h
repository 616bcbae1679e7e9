#pragma once
// Read side of one segment (format.h): the manifest, and per contig the memory-mapped sites,
// alleles, genotype blocks and coverage. Reads every format version from
// segment::kOldestReadableFormatVersion on (one decoder per version, format_decoder_internal.h).
// What it reads it verifies: in format 5 the tables and footers when a contig is opened, and each
// block's checksum before the block is decompressed; damage is an Io error naming the store,
// segment, file and block. Immutable once opened; safe to share between threads (decompressed
// blocks live in caller-owned caches).

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "store/segment/format.h"
#include "store/segment/genotype_codec.h"

namespace zenome {

class MappedFile;

struct SegmentSampleInfo {
  std::string pseudonym;
  segment::Coverage coverage = segment::Coverage::kAssumed;
  bool haploid_x = false;
};

struct SegmentFileInfo {
  std::string name;
  uint64_t bytes = 0;
  std::string sha256;
};

struct SegmentContigInfo {
  std::string name;  // the store's spelling
  std::string stem;  // file stem (c0000)
  uint64_t sites = 0;
};

struct SegmentManifest {
  int version = segment::kFormatVersion;
  std::vector<SegmentSampleInfo> samples;  // column order
  std::vector<std::string> source;         // input file names (not paths)
  std::vector<SegmentContigInfo> contigs;
  std::vector<SegmentFileInfo> files;
  uint64_t n_variants = 0;
};

std::string SegmentManifestJson(const SegmentManifest& manifest);
// `where` names the file in errors. Any readable version is accepted (manifest.version says which).
Result<SegmentManifest> ParseSegmentManifest(std::string_view json, const std::string& where);

// The last decompressed genotype block, owned by whoever reads (one per thread or per query).
struct GenotypeBlockCache {
  const void* view = nullptr;
  uint32_t block = 0xFFFFFFFFu;
  std::string data;
};

// The last decompressed block of sites, owned by whoever reads (one per cursor).
struct SiteBlockCache {
  const void* view = nullptr;
  uint32_t block = 0xFFFFFFFFu;
  std::string data;
};

// One site: a copy of its record, and its alleles (views into the SiteBlockCache it was read
// through, valid until that cache loads another block).
struct SiteView {
  size_t index = 0;
  segment::SiteRecord record{};
  std::string_view ref;
  std::string_view alt;
};

// The order sites are stored and merged in: (POS, REF, ALT). True when `x` sorts after `y`.
inline bool SiteAfter(const SiteView& x, const SiteView& y) {
  if (x.record.pos0 != y.record.pos0) return x.record.pos0 > y.record.pos0;
  if (int ref = x.ref.compare(y.ref); ref != 0) return ref > 0;
  return x.alt.compare(y.alt) > 0;
}

class SegmentContigView {
 public:
  // A contig of a segment in the current format (SegmentReader::Open reads any version).
  static Result<std::unique_ptr<SegmentContigView>> Open(const std::string& dir,
                                                         const SegmentContigInfo& info, size_t n_columns);
  ~SegmentContigView();

  const std::string& name() const { return name_; }
  size_t n_sites() const { return n_sites_; }
  uint32_t max_ref_length() const { return max_ref_length_; }
  // Site i (0 <= i < n_sites()).
  Status Site(size_t i, SiteBlockCache& cache, SiteView& out) const;
  // Index of the first site whose pos0 >= `pos0` (n_sites() when none).
  Result<size_t> LowerBound(int64_t pos0, SiteBlockCache& cache) const;
  Result<std::optional<SiteView>> Find(int64_t pos0, std::string_view ref, std::string_view alt,
                                       SiteBlockCache& cache) const;

  // Sum of ploidy over the columns callable at `pos0`: a variant this segment lacks has this AN.
  uint32_t BaselineAn(int64_t pos0) const;
  std::span<const segment::PloidyInterval> intervals(size_t column) const;
  // Ploidy of `column` at `pos0`; 0 where it is not callable.
  uint32_t Ploidy(size_t column, int64_t pos0) const;
  // Where the interval structure of `column` next changes after `pos0` (for cursors).
  int64_t NextChange(size_t column, int64_t pos0) const;

  // Non-hom-ref entries of a site's genotype row.
  Status DecodeRow(const segment::SiteRecord& site, GenotypeBlockCache& cache,
                   std::vector<GenotypeEntry>& entries) const;
  size_t n_blocks() const { return n_blocks_; }

  // The baseline AN step function (from .cover).
  std::span<const segment::Breakpoint> breakpoints() const { return {breakpoints_, n_breakpoints_}; }
  // Whether the blocks carry checksums (format 5 on).
  bool has_checksums() const { return site_checksums_ != nullptr; }
  // Checks every block's checksum (what a reader checks block by block as it goes); the first
  // damaged block's error, else Ok. Nothing to check in format 4.
  Status VerifyBlocks() const;

 private:
  friend class SegmentReader;
  SegmentContigView() = default;
  // `segment` names the store and segment in errors; `sizes` are the manifest's byte counts of the
  // .sites, .gt and .cover files (null: not checked).
  static Result<std::unique_ptr<SegmentContigView>> OpenVersion(const std::string& dir,
                                                                const SegmentContigInfo& info,
                                                                size_t n_columns, int version,
                                                                const std::string& segment,
                                                                const uint64_t* sizes);
  Status LoadBlock(uint32_t block, GenotypeBlockCache& cache) const;
  Status LoadSiteBlock(uint32_t block, SiteBlockCache& cache) const;
  Status Damaged(std::string_view extension, std::string_view part, std::string_view what) const;

  std::string name_;
  std::string segment_;  // "store DIR, segment sNNNNNN" (or the segment's directory)
  std::string stem_;
  size_t n_columns_ = 0;
  std::unique_ptr<MappedFile> sites_file_, genotypes_file_, cover_file_;
  const segment::SiteBlockEntry* site_blocks_ = nullptr;
  const uint64_t* site_checksums_ = nullptr;  // null in format 4
  size_t n_site_blocks_ = 0;
  size_t n_sites_ = 0;
  uint32_t max_ref_length_ = 0;
  const segment::GenotypeBlockEntry* blocks_ = nullptr;
  const uint64_t* block_checksums_ = nullptr;  // null in format 4
  size_t n_blocks_ = 0;
  const uint32_t* list_of_column_ = nullptr;
  const uint64_t* list_offsets_ = nullptr;
  const segment::PloidyInterval* intervals_ = nullptr;
  const segment::Breakpoint* breakpoints_ = nullptr;
  size_t n_breakpoints_ = 0;
};

class SegmentReader {
 public:
  // Opens DIR (one segment directory, any readable format version) and maps its contigs; checks
  // each file's size against the manifest and, given `manifest_sha256` (the catalog's), the
  // manifest's own bytes.
  static Result<std::unique_ptr<SegmentReader>> Open(const std::string& dir,
                                                     std::string_view manifest_sha256 = {});
  // The manifest's format version.
  int format_version() const { return manifest_.version; }
  const std::string& dir() const { return dir_; }
  const SegmentManifest& manifest() const { return manifest_; }
  size_t n_columns() const { return manifest_.samples.size(); }
  // The contig under the store's spelling; null when this segment holds nothing there.
  const SegmentContigView* contig(std::string_view store_name) const;
  const std::vector<std::unique_ptr<SegmentContigView>>& contigs() const { return contigs_; }

  // As SegmentContigView's, but also for contigs this segment has no data on (defaults from the
  // manifest: segment::DefaultPloidy).
  uint32_t BaselineAn(const SegmentContigView* view, std::string_view canonical, int64_t pos0) const;
  uint32_t Ploidy(const SegmentContigView* view, std::string_view canonical, size_t column,
                  int64_t pos0) const;

 private:
  SegmentReader() = default;
  std::string dir_;
  SegmentManifest manifest_;
  std::vector<std::unique_ptr<SegmentContigView>> contigs_;
  std::unordered_map<std::string, const SegmentContigView*> by_name_;
  uint32_t default_an_other_ = 0, default_an_x_ = 0, default_an_y_ = 0, default_an_mt_ = 0;
};

}  // namespace zenome
