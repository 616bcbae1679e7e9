#pragma once
// On-disk layout of one variant segment (one ingest batch; see README.md "Variant segments").
// Version 5 is written; versions 4 and 5 are read (format_decoder.h: one decoder per version,
// behind one interface). Every multi-byte integer is little-endian (the store is read by the
// machine that wrote it or one like it; a big-endian reader would refuse the magic numbers).
//
//   manifest.json        format version, samples (pseudonym, coverage, inferred haploid X) in column
//                        order, contigs with their file stem, every file's size and SHA-256
//   cNNNN.sites          blocks of kSitesPerBlock sites sorted by (pos0, REF, ALT), each zstd-
//                        compressed (SiteRecords packed column-wise, see PackSiteRecords, then
//                        their REF/ALT bytes), then a block index
//                        (first and last position of each block, memory-mapped and binary-searched),
//                        the blocks' checksums and a v5::SitesFooter
//   cNNNN.gt             zstd-compressed blocks of genotype rows (genotype_codec.h), then a block
//                        directory, the blocks' checksums and a v5::GenotypeFooter
//   cNNNN.cover          a v5::CoverHeader, then per column the callable intervals with their
//                        ploidy (columns with equal intervals share one list); then the "baseline
//                        AN" step function (sum of ploidy over callable columns), which is what a
//                        variant the segment lacks contributes to AN
//
// Checksums (format 5) are XXH3-64 (segment::Checksum). Every byte of the three files is under
// one: each compressed block's own (checked before it is decompressed), the block index and
// directory with their block checksums (checked when the contig is opened), the footers and the
// .cover header (their last field), and the .cover tables (checked when opened). The zero
// padding before an index is checked too. Format 4 had none of them.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace zenome::segment {

// The version new segments are written in, and the oldest one this build still reads.
inline constexpr int kFormatVersion = 5;
inline constexpr int kOldestReadableFormatVersion = 4;
// Whether segments of a format version carry block checksums (format_decoder_internal.h).
inline constexpr bool HasBlockChecksums(int version) {
  return version >= 5;
}
inline constexpr char kManifestName[] = "manifest.json";

// Positions are 0-based and fit 32 bits (the longest human chromosome is 249 Mb).
inline constexpr uint32_t kContigEnd = 0xFFFFFFFFu;  // "to the end of the contig"

// Sites come in blocks of kSitesPerBlock (the last may be shorter): site i is in block
// i / kSitesPerBlock. A block decompresses to its SiteRecords followed by their REF/ALT bytes.
inline constexpr size_t kSitesPerBlock = 128;

struct SiteRecord {
  uint32_t pos0;
  uint32_t allele_offset;  // REF then ALT, from the start of the block's allele bytes
  uint32_t ref_length;
  uint32_t alt_length;
  // This segment's counts over all its columns (replaced samples included; readers subtract them).
  uint32_t allele_count;
  uint32_t allele_number;
  uint32_t het;
  uint32_t hom_alt;  // hemizygous alt calls included
  uint32_t gt_block;
  uint32_t gt_offset;  // byte offset of this site's row inside the decompressed block
};
static_assert(sizeof(SiteRecord) == 40);

struct SiteBlockEntry {
  uint32_t first_pos0;
  uint32_t last_pos0;
  uint64_t file_offset;
  uint32_t compressed_size;
  uint32_t uncompressed_size;
};
static_assert(sizeof(SiteBlockEntry) == 24);

struct GenotypeBlockEntry {
  uint64_t file_offset;
  uint32_t compressed_size;
  uint32_t uncompressed_size;
};
static_assert(sizeof(GenotypeBlockEntry) == 16);

// .cover after its header: n_columns uint32 list numbers (zero-padded to a multiple of 8 bytes);
// (n_lists + 1) uint64 offsets into the interval array; the intervals; n_breakpoints Breakpoints.
// The block index of .sites and the block directory of .gt also start at a multiple of 8 (zero
// padding after the last block), so every table is aligned when the file is mapped.

// [start, end) 0-based; ploidy >= 1 (intervals where a column is not callable are absent).
struct PloidyInterval {
  uint32_t start;
  uint32_t end;
  uint32_t ploidy;
};
static_assert(sizeof(PloidyInterval) == 12);

// From `pos0` up to the next breakpoint the baseline AN is `allele_number`.
struct Breakpoint {
  uint32_t pos0;
  uint32_t allele_number;
};
static_assert(sizeof(Breakpoint) == 8);

// Genotype blocks close at this many uncompressed bytes or sites, whichever comes first: small
// enough that one carrier lookup decompresses little, large enough for zstd to find repeats.
inline constexpr size_t kBlockTargetBytes = 64 * 1024;
inline constexpr size_t kBlockMaxSites = 65536;

// How a column's "no record here" is read.
enum class Coverage {
  kAssumed,  // plain VCF: a site the sample has no record for is hom-ref
  kGvcf,     // gVCF: only reference blocks and calls are callable; elsewhere no call
};
std::string_view CoverageName(Coverage coverage);

// Ploidy a column has on a contig the segment holds no data for: what a plain-VCF sample is
// assumed to be (2; chrM 1; chrX 1 and chrY 1 for a sample with haploid X calls, chrY 0 for
// others); 0 for gVCF samples (nothing callable). `canonical_contig` is CanonicalContigName's.
uint32_t DefaultPloidy(std::string_view canonical_contig, Coverage coverage, bool haploid_x);

// What one column adds to a site's counts, from its genotype code (GenotypeCode values 0..3) and
// its ploidy there. A call where the column has no recorded ploidy counts as diploid.
struct CallContribution {
  uint32_t allele_count = 0;
  uint32_t allele_number = 0;
  uint32_t het = 0;
  uint32_t hom_alt = 0;
};
inline CallContribution Contribution(uint8_t code, uint32_t ploidy) {
  if (code == 3) return {};
  uint32_t p = ploidy > 0 ? ploidy : 2;
  if (code == 0) return {0, p, 0, 0};
  if (code == 1) return {1, p, 1, 0};
  return {p, p, 0, 1};
}

// "c0000" for contig index 0 of the segment.
std::string ContigFileStem(int index);

// A sites block holds its n SiteRecords column-wise, so zstd sees runs of like bytes: each of the
// ten uint32 fields in turn, and within a field byte 0 of every record, then byte 1, and so on.
// Fields that grow or stay level along a block (pos0, allele_offset, allele_number, gt_block,
// gt_offset) are stored as zigzag-coded differences from the previous record (the first from 0).
// Packing 128 positions this way takes about a fifth of the bytes the row-wise records took.
void PackSiteRecords(const SiteRecord* records, size_t n, char* out);  // writes n * sizeof(SiteRecord)
void UnpackSiteRecords(const char* in, size_t n, SiteRecord* records);

// XXH3-64 (Debian's libxxhash) of `size` bytes: ~4x the speed of zlib's crc32 here, and 64
// bits, so a damaged block goes unnoticed with odds of 2^-64.
uint64_t Checksum(const void* data, size_t size);

// The same over pieces written one after another (the .cover tables).
class ChecksumStream {
 public:
  ChecksumStream();
  ~ChecksumStream();
  ChecksumStream(const ChecksumStream&) = delete;
  ChecksumStream& operator=(const ChecksumStream&) = delete;
  void Update(const void* data, size_t size);
  uint64_t Digest() const;

 private:
  void* state_;
};

// The tails of each file, by format version. The blocks, SiteBlockEntry, GenotypeBlockEntry and
// the .cover tables are the same in both.
namespace v4 {
inline constexpr char kSitesMagic[8] = {'Z', 'S', 'I', 'T', 'E', 'S', '2', '\0'};
inline constexpr char kGenotypeMagic[8] = {'Z', 'G', 'E', 'N', 'O', '1', '\0', '\0'};
inline constexpr char kCoverMagic[8] = {'Z', 'C', 'O', 'V', 'E', 'R', '2', '\0'};

// .sites: blocks, zero padding to 8, SiteBlockEntry[n_blocks], this.
struct SitesFooter {
  uint64_t index_offset;
  uint64_t n_sites;
  uint32_t n_blocks;
  uint32_t max_ref_length;  // longest REF: a region query starts its search this far to the left
  uint32_t version;
  uint32_t reserved;
  char magic[8];
};
static_assert(sizeof(SitesFooter) == 40);

// .gt: blocks, zero padding to 8, GenotypeBlockEntry[n_blocks], this.
struct GenotypeFooter {
  uint64_t directory_offset;
  uint32_t n_blocks;
  uint32_t version;
  char magic[8];
};
static_assert(sizeof(GenotypeFooter) == 24);

// .cover: this, then the tables.
struct CoverHeader {
  char magic[8];
  uint32_t version;
  uint32_t n_columns;
  uint64_t n_lists;
  uint64_t n_intervals;
  uint64_t n_breakpoints;
};
static_assert(sizeof(CoverHeader) == 40);
}  // namespace v4

namespace v5 {
inline constexpr char kSitesMagic[8] = {'Z', 'S', 'I', 'T', 'E', 'S', '5', '\0'};
inline constexpr char kGenotypeMagic[8] = {'Z', 'G', 'E', 'N', 'O', '5', '\0', '\0'};
inline constexpr char kCoverMagic[8] = {'Z', 'C', 'O', 'V', 'E', 'R', '5', '\0'};

// .sites: blocks, zero padding to 8, SiteBlockEntry[n_blocks], uint64 checksum[n_blocks] (of each
// block's compressed bytes), this.
struct SitesFooter {
  char magic[8];
  uint32_t version;
  uint32_t n_blocks;
  uint64_t n_sites;
  uint64_t index_offset;
  uint32_t max_ref_length;   // longest REF: a region query starts its search this far to the left
  uint32_t reserved;         // 0
  uint64_t index_checksum;   // of the block index and the block checksums after it
  uint64_t footer_checksum;  // of the bytes above
};
static_assert(sizeof(SitesFooter) == 56);

// .gt: blocks, zero padding to 8, GenotypeBlockEntry[n_blocks], uint64 checksum[n_blocks], this.
struct GenotypeFooter {
  char magic[8];
  uint32_t version;
  uint32_t n_blocks;
  uint64_t directory_offset;
  uint64_t directory_checksum;  // of the directory and the block checksums after it
  uint64_t footer_checksum;     // of the bytes above
};
static_assert(sizeof(GenotypeFooter) == 40);

// .cover: this, then the tables (the same as format 4's).
struct CoverHeader {
  char magic[8];
  uint32_t version;
  uint32_t n_columns;
  uint64_t n_lists;
  uint64_t n_intervals;
  uint64_t n_breakpoints;
  uint64_t tables_checksum;  // of every byte after this header
  uint64_t header_checksum;  // of the bytes above
};
static_assert(sizeof(CoverHeader) == 56);
}  // namespace v5

}  // namespace zenome::segment
