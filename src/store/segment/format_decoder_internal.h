#pragma once
// Inside the segment room: one decoder per segment format version, behind one interface. A
// decoder finds one contig's tables in its mapped files and checks what can be checked without
// reading the blocks; the reader (reader.cpp) then works on the ContigLayout alone, whatever the
// version (the blocks are the same in every version; only format 5 has their checksums).

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/segment/format.h"

namespace zenome::segment {

// Where one contig's tables lie: pointers into the mapped files.
struct ContigLayout {
  const SiteBlockEntry* site_blocks = nullptr;
  const uint64_t* site_checksums = nullptr;  // one per block; null when the format has none
  size_t n_site_blocks = 0;
  size_t n_sites = 0;
  uint32_t max_ref_length = 0;
  const GenotypeBlockEntry* genotype_blocks = nullptr;
  const uint64_t* genotype_checksums = nullptr;  // one per block; null when the format has none
  size_t n_genotype_blocks = 0;
  const uint32_t* list_of_column = nullptr;
  const uint64_t* list_offsets = nullptr;  // n_lists + 1
  size_t n_lists = 0;
  const PloidyInterval* intervals = nullptr;
  size_t n_intervals = 0;
  const Breakpoint* breakpoints = nullptr;
  size_t n_breakpoints = 0;
};

struct ContigFiles {
  std::span<const uint8_t> sites, genotypes, cover;
};

// How errors name a contig's files: "<segment>: c0000.gt (chr1) block 12: <what>: the file is
// damaged; run zenome db check", where <segment> names the store and the segment.
class DamageNamer {
 public:
  DamageNamer(std::string segment, std::string stem, std::string contig)
      : segment_(std::move(segment)), stem_(std::move(stem)), contig_(std::move(contig)) {}
  // `extension` is ".sites", ".gt" or ".cover"; `part` ("block 12", "footer"; may be empty).
  Status Damaged(std::string_view extension, std::string_view part, std::string_view what) const;
  Status Mismatch(std::string_view extension, std::string_view part, uint64_t stored,
                  uint64_t computed) const;

 private:
  std::string segment_, stem_, contig_;
};

class FormatDecoder {
 public:
  virtual ~FormatDecoder() = default;
  virtual int version() const = 0;
  // Fills `layout` from the files of one contig with `n_columns` columns. Errors come from `namer`.
  virtual Status Decode(const ContigFiles& files, size_t n_columns, const DamageNamer& namer,
                        ContigLayout& layout) const = 0;
};

// The decoder for a manifest's format version; null when this build cannot read it.
const FormatDecoder* DecoderForVersion(int version);

// "0123456789abcdef".
std::string ChecksumHex(uint64_t checksum);

}  // namespace zenome::segment
