#pragma once
// Reference genome access through htslib faidx (plain or bgzipped FASTA with .fai/.gzi).
// ReferenceGenome is immutable metadata shared by all threads; each thread reads bases through
// its own ReferenceReader, which keeps recent 64 kb chunks so neighbouring lookups are free.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/contig_names.h"
#include "core/genome_build.h"
#include "core/status.h"

namespace zenome {

class ReferenceGenome {
 public:
  // Opens FASTA_PATH and its .fai, building the index when it is missing.
  static Result<std::shared_ptr<const ReferenceGenome>> Open(const std::string& fasta_path);

  const std::string& path() const { return path_; }
  const std::vector<ContigLength>& contigs() const { return contigs_; }
  GenomeBuild build() const { return build_; }
  // The FASTA's own spelling of a contig given under any spelling (chr1 / 1).
  std::optional<std::string> NativeName(std::string_view any_name) const {
    return names_.NativeName(any_name);
  }
  std::optional<int64_t> Length(std::string_view any_name) const;

  ~ReferenceGenome();

 private:
  friend class ReferenceReader;
  ReferenceGenome() = default;
  // For a plain (uncompressed) FASTA the .fai line layout lets readers pread whole chunks
  // directly; bgzipped FASTA goes through faidx.
  struct PlainLayout;

  std::string path_;
  std::vector<ContigLength> contigs_;
  ContigNameMap names_;
  GenomeBuild build_ = GenomeBuild::kUnknown;
  std::unique_ptr<PlainLayout> plain_;
};

class ReferenceReader {
 public:
  static Result<std::unique_ptr<ReferenceReader>> Open(std::shared_ptr<const ReferenceGenome> genome);
  ~ReferenceReader();
  ReferenceReader(const ReferenceReader&) = delete;
  ReferenceReader& operator=(const ReferenceReader&) = delete;

  const ReferenceGenome& genome() const { return *genome_; }
  // Upper-case bases of [start, end) (0-based half-open), clipped to the contig. NotFound for an
  // unknown contig.
  Result<std::string> Fetch(std::string_view contig, int64_t start, int64_t end);
  // As Fetch, appending to `out` (no allocation when `out` has capacity).
  Status FetchInto(std::string_view contig, int64_t start, int64_t end, std::string& out);

 private:
  struct Chunk {
    int contig = -1;
    int64_t index = -1;
    uint64_t last_used = 0;
    std::string bases;
  };
  explicit ReferenceReader(std::shared_ptr<const ReferenceGenome> genome);
  Result<int> ContigIndex(std::string_view contig);
  Result<const Chunk*> GetChunk(int contig, int64_t chunk_index);

  static constexpr int64_t kChunkSize = 1 << 16;
  static constexpr size_t kMaxChunks = 64;
  std::shared_ptr<const ReferenceGenome> genome_;
  struct FaidxHandle;
  std::unique_ptr<FaidxHandle> faidx_;
  int plain_fd_ = -1;  // plain FASTA: this reader's own descriptor for pread
  std::string read_buffer_;
  std::vector<Chunk> chunks_;
  uint64_t clock_ = 0;
  size_t last_chunk_ = SIZE_MAX;  // index of the chunk returned last
  std::string last_contig_name_;
  int last_contig_index_ = -1;
};

}  // namespace zenome
