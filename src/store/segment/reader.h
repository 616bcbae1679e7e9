#pragma once
// Read side of one segment (segment_format.h): the manifest, and per contig the memory-mapped
// sites, alleles, genotype blocks and coverage. Immutable once opened; safe to share between
// threads (decompressed genotype blocks live in a caller-owned GenotypeBlockCache).

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
// `where` names the file in errors.
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

class SegmentContigView {
 public:
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

 private:
  SegmentContigView() = default;
  Status LoadBlock(uint32_t block, GenotypeBlockCache& cache) const;
  Status LoadSiteBlock(uint32_t block, SiteBlockCache& cache) const;

  std::string name_;
  std::string where_;
  size_t n_columns_ = 0;
  std::unique_ptr<MappedFile> sites_file_, genotypes_file_, cover_file_;
  const segment::SiteBlockEntry* site_blocks_ = nullptr;
  size_t n_site_blocks_ = 0;
  size_t n_sites_ = 0;
  uint32_t max_ref_length_ = 0;
  const segment::GenotypeBlockEntry* blocks_ = nullptr;
  size_t n_blocks_ = 0;
  const uint32_t* list_of_column_ = nullptr;
  const uint64_t* list_offsets_ = nullptr;
  const segment::PloidyInterval* intervals_ = nullptr;
  const segment::Breakpoint* breakpoints_ = nullptr;
  size_t n_breakpoints_ = 0;
};

class SegmentReader {
 public:
  // Opens DIR (one segment directory) and maps its contigs.
  static Result<std::unique_ptr<SegmentReader>> Open(const std::string& dir);
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
