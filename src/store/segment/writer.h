#pragma once
// Writes one contig of a segment in the current format (format.h, version 5): sites in the order
// given (the caller merges and sorts) in zstd blocks with their alleles, genotype rows in zstd
// blocks, and the coverage (.cover) at the end; every block, table and footer with its checksum.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/segment/format.h"

namespace zenome {

class SegmentFileWriter;

struct SiteCounts {
  uint32_t allele_count = 0;
  uint32_t allele_number = 0;
  uint32_t het = 0;
  uint32_t hom_alt = 0;
};

class SegmentContigWriter {
 public:
  // Files DIR/STEM.{sites,gt,cover}; rows are over `n_columns` columns. Genotype blocks close at
  // `block_target_bytes` (tests make small ones).
  static Result<std::unique_ptr<SegmentContigWriter>> Create(
      const std::string& dir, const std::string& stem, size_t n_columns, int compression_level = 3,
      size_t block_target_bytes = segment::kBlockTargetBytes);
  ~SegmentContigWriter();

  // Sites must come sorted by (pos0, REF, ALT) with no duplicates. `row` is an encoded genotype
  // row (genotype_codec.h).
  Status Add(uint32_t pos0, std::string_view ref, std::string_view alt, const SiteCounts& counts,
             std::string_view row);
  // Writes .cover (per-column intervals and the baseline AN) and closes every file (fsynced).
  Status Finish(const std::vector<std::vector<segment::PloidyInterval>>& intervals,
                const std::vector<segment::Breakpoint>& breakpoints);

  uint64_t n_sites() const { return n_sites_; }
  // The file names (no directory).
  std::vector<std::string> file_names() const;

 private:
  SegmentContigWriter() = default;
  Status FlushBlock();
  Status FlushSiteBlock();
  Status Compress(const std::string& input, std::string& output);

  std::string dir_;
  std::string stem_;
  size_t n_columns_ = 0;
  int compression_level_ = 3;
  size_t block_target_bytes_ = segment::kBlockTargetBytes;
  std::unique_ptr<SegmentFileWriter> sites_;
  std::unique_ptr<SegmentFileWriter> genotypes_;
  std::vector<segment::SiteRecord> site_block_;
  std::string site_alleles_;
  std::string site_payload_;
  std::vector<segment::SiteBlockEntry> site_index_;
  std::vector<uint64_t> site_checksums_;
  std::string block_;
  std::string compressed_;
  size_t block_sites_ = 0;
  std::vector<segment::GenotypeBlockEntry> directory_;
  std::vector<uint64_t> block_checksums_;
  uint64_t n_sites_ = 0;
  uint32_t max_ref_length_ = 0;
  void* zstd_context_ = nullptr;
};

}  // namespace zenome
