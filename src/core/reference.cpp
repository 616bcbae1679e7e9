#include "core/reference.h"

#include <fcntl.h>
#include <htslib/faidx.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace zenome {

namespace {
struct FaiDeleter {
  void operator()(faidx_t* fai) const { fai_destroy(fai); }
};
using FaiPtr = std::unique_ptr<faidx_t, FaiDeleter>;

Result<FaiPtr> LoadFai(const std::string& path) {
  faidx_t* fai = fai_load3(path.c_str(), nullptr, nullptr, FAI_CREATE);
  if (fai == nullptr) {
    return Status::Io(path + ": cannot open reference FASTA or build its .fai index (is it a " +
                      "FASTA file, plain or bgzip-compressed, in a writable directory?)");
  }
  return FaiPtr(fai);
}
}  // namespace

struct ReferenceReader::FaidxHandle {
  FaiPtr fai;
};

struct ReferenceGenome::PlainLayout {
  struct Contig {
    int64_t offset = 0;      // file offset of the contig's first base
    int64_t line_bases = 0;  // bases per full line
    int64_t line_width = 0;  // bytes per full line, newline included
  };
  std::vector<Contig> contigs;  // parallel to ReferenceGenome::contigs_
  int64_t file_size = 0;
};

namespace {
char UpperBase(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - ('a' - 'A')) : c;
}

bool IsCompressed(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char magic[2] = {0, 0};
  in.read(reinterpret_cast<char*>(magic), 2);
  return magic[0] == 0x1f && magic[1] == 0x8b;
}

// LENGTH, OFFSET, LINEBASES and LINEWIDTH of one .fai line, read as htslib reads it (the name
// ends at the first whitespace, then four or five whitespace-separated numbers), or nullopt when
// malformed. htslib itself accepts an empty name or zero bases per line, and then divides by zero
// when fetching.
std::optional<std::array<int64_t, 4>> ParseFaiLine(std::string_view line) {
  auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  auto token_end = [&](size_t from) {
    while (from < line.size() && !is_space(line[from])) ++from;
    return from;
  };
  size_t at = token_end(0);
  if (at == 0) return std::nullopt;  // no name
  std::array<int64_t, 4> numbers{};
  size_t fields = 0;
  for (;;) {
    while (at < line.size() && is_space(line[at])) ++at;
    if (at == line.size()) break;
    const size_t end = token_end(at);
    int64_t value = -1;
    auto [stop, error] = std::from_chars(line.data() + at, line.data() + end, value);
    if (error != std::errc() || stop != line.data() + end || value < 0) return std::nullopt;
    if (fields < numbers.size()) numbers[fields] = value;
    ++fields;
    at = end;
  }
  if (fields < 4 || fields > 5 || numbers[2] <= 0 || numbers[3] < numbers[2]) return std::nullopt;
  return numbers;
}
}  // namespace

Result<std::shared_ptr<const ReferenceGenome>> ReferenceGenome::Open(const std::string& fasta_path) {
  ZENOME_ASSIGN_OR_RETURN(FaiPtr fai, LoadFai(fasta_path));
  std::shared_ptr<ReferenceGenome> genome(new ReferenceGenome());
  genome->path_ = fasta_path;
  int n = faidx_nseq(fai.get());
  if (n <= 0) return Status::BadInput(fasta_path + ": reference FASTA has no sequences");
  for (int i = 0; i < n; ++i) {
    const char* name = faidx_iseq(fai.get(), i);
    genome->contigs_.push_back({name, static_cast<int64_t>(faidx_seq_len(fai.get(), name))});
    genome->names_.Add(name);
  }
  genome->build_ = DetectGenomeBuild(genome->contigs_);
  // The .fai (written or verified by fai_load3 above) gives each contig's byte layout; checked for
  // every FASTA, as faidx trusts it.
  std::vector<std::array<int64_t, 4>> index_lines;
  std::ifstream index(fasta_path + ".fai");
  std::string line;
  while (std::getline(index, line)) {
    std::optional<std::array<int64_t, 4>> parsed = ParseFaiLine(line);
    if (!parsed) {
      return Status::BadInput(fasta_path + ".fai: malformed index line '" + line +
                              "' (rebuild it with samtools faidx)");
    }
    index_lines.push_back(*parsed);
  }
  if (!IsCompressed(fasta_path)) {
    auto plain = std::make_unique<PlainLayout>();
    for (const auto& numbers : index_lines) plain->contigs.push_back({numbers[1], numbers[2], numbers[3]});
    struct stat info = {};
    if (stat(fasta_path.c_str(), &info) != 0) return Status::Io(fasta_path + ": cannot stat");
    plain->file_size = static_cast<int64_t>(info.st_size);
    if (plain->contigs.size() == genome->contigs_.size()) {
      for (size_t i = 0; i < genome->contigs_.size(); ++i) {
        const auto& layout = plain->contigs[i];
        int64_t length = genome->contigs_[i].length;
        int64_t last = length > 0 ? layout.offset + (length - 1) / layout.line_bases * layout.line_width +
                                        (length - 1) % layout.line_bases
                                  : layout.offset;
        if (last >= plain->file_size) {
          return Status::Io(fasta_path + ": contig " + genome->contigs_[i].name +
                            " ends beyond the end of the file (truncated FASTA, or a stale .fai?)");
        }
      }
      genome->plain_ = std::move(plain);
    }
  }
  return std::shared_ptr<const ReferenceGenome>(std::move(genome));
}

ReferenceGenome::~ReferenceGenome() = default;

std::optional<int64_t> ReferenceGenome::Length(std::string_view any_name) const {
  auto native = names_.NativeName(any_name);
  if (!native) return std::nullopt;
  for (const auto& contig : contigs_) {
    if (contig.name == *native) return contig.length;
  }
  return std::nullopt;
}

ReferenceReader::ReferenceReader(std::shared_ptr<const ReferenceGenome> genome)
    : genome_(std::move(genome)), faidx_(std::make_unique<FaidxHandle>()) {}

ReferenceReader::~ReferenceReader() {
  if (plain_fd_ >= 0) close(plain_fd_);
}

Result<std::unique_ptr<ReferenceReader>> ReferenceReader::Open(
    std::shared_ptr<const ReferenceGenome> genome) {
  std::unique_ptr<ReferenceReader> reader(new ReferenceReader(genome));
  if (genome->plain_ != nullptr) {
    reader->plain_fd_ = open(genome->path().c_str(), O_RDONLY);
    if (reader->plain_fd_ < 0) return Status::Io(genome->path() + ": cannot open for reading");
  } else {  // bgzipped FASTA: read through faidx, one handle per reader
    ZENOME_ASSIGN_OR_RETURN(reader->faidx_->fai, LoadFai(genome->path()));
  }
  return reader;
}

Result<int> ReferenceReader::ContigIndex(std::string_view contig) {
  if (last_contig_index_ >= 0 && contig == last_contig_name_) return last_contig_index_;
  auto native = genome_->NativeName(contig);
  if (!native) {
    return Status::NotFound("contig '" + std::string(contig) + "' is not in reference " + genome_->path());
  }
  const auto& contigs = genome_->contigs();
  for (size_t i = 0; i < contigs.size(); ++i) {
    if (contigs[i].name == *native) {
      last_contig_name_ = std::string(contig);
      last_contig_index_ = static_cast<int>(i);
      return last_contig_index_;
    }
  }
  return Status::Internal("contig index lookup failed for " + *native);
}

Result<const ReferenceReader::Chunk*> ReferenceReader::GetChunk(int contig, int64_t chunk_index) {
  ++clock_;
  // Most lookups hit the chunk used last (neighbouring bases of one variant).
  if (last_chunk_ < chunks_.size() && chunks_[last_chunk_].contig == contig &&
      chunks_[last_chunk_].index == chunk_index) {
    chunks_[last_chunk_].last_used = clock_;
    return &chunks_[last_chunk_];
  }
  for (size_t i = 0; i < chunks_.size(); ++i) {
    Chunk& chunk = chunks_[i];
    if (chunk.contig == contig && chunk.index == chunk_index) {
      chunk.last_used = clock_;
      last_chunk_ = i;
      return &chunk;
    }
  }
  Chunk* slot = nullptr;
  if (chunks_.size() < kMaxChunks) {
    slot = &chunks_.emplace_back();
  } else {
    slot = &*std::min_element(chunks_.begin(), chunks_.end(),
                              [](const Chunk& a, const Chunk& b) { return a.last_used < b.last_used; });
  }
  last_chunk_ = static_cast<size_t>(slot - chunks_.data());
  const ContigLength& info = genome_->contigs()[contig];
  int64_t start = chunk_index * kChunkSize;
  int64_t end = std::min(start + kChunkSize, info.length);
  if (const ReferenceGenome::PlainLayout* plain = genome_->plain_.get()) {
    // Read the bytes of [start, end) in one pread and drop the line breaks.
    const auto& layout = plain->contigs[contig];
    auto byte_of = [&layout](int64_t pos) {
      return layout.offset + pos / layout.line_bases * layout.line_width + pos % layout.line_bases;
    };
    int64_t first = byte_of(start);
    int64_t count = byte_of(end - 1) + 1 - first;
    read_buffer_.resize(static_cast<size_t>(count));
    ssize_t got = pread(plain_fd_, read_buffer_.data(), static_cast<size_t>(count), first);
    slot->bases.resize(static_cast<size_t>(end - start));
    size_t filled = 0;
    if (got == count) {
      // Copy line by line: the bytes between line breaks.
      const int64_t newline_bytes = layout.line_width - layout.line_bases;
      const char* from = read_buffer_.data();
      const char* stop = from + count;
      int64_t column = start % layout.line_bases;
      while (from < stop && filled < slot->bases.size()) {
        size_t take =
            std::min<size_t>(static_cast<size_t>(layout.line_bases - column), slot->bases.size() - filled);
        take = std::min<size_t>(take, static_cast<size_t>(stop - from));
        std::memcpy(&slot->bases[filled], from, take);
        filled += take;
        from += take + static_cast<size_t>(newline_bytes);
        column = 0;
      }
    }
    slot->bases.resize(filled);
    if (static_cast<int64_t>(slot->bases.size()) != end - start) {
      slot->contig = -1;
      return Status::Io(genome_->path() + ": failed to read " + info.name + ":" + std::to_string(start + 1) +
                        "-" + std::to_string(end) + " (truncated or modified FASTA / stale .fai?)");
    }
    slot->contig = contig;
    slot->index = chunk_index;
    slot->last_used = clock_;
    return static_cast<const Chunk*>(slot);
  }
  hts_pos_t got = 0;
  char* bases = faidx_fetch_seq64(faidx_->fai.get(), info.name.c_str(), start, end - 1, &got);
  if (bases == nullptr || got != end - start) {
    free(bases);
    slot->contig = -1;
    return Status::Io(genome_->path() + ": failed to read " + info.name + ":" + std::to_string(start + 1) +
                      "-" + std::to_string(end) + " (truncated or corrupt FASTA / .fai?)");
  }
  slot->bases.assign(bases, static_cast<size_t>(got));
  free(bases);

  slot->contig = contig;
  slot->index = chunk_index;
  slot->last_used = clock_;
  return static_cast<const Chunk*>(slot);
}

Status ReferenceReader::FetchInto(std::string_view contig, int64_t start, int64_t end, std::string& out) {
  ZENOME_ASSIGN_OR_RETURN(int index, ContigIndex(contig));
  int64_t length = genome_->contigs()[index].length;
  start = std::max<int64_t>(start, 0);
  end = std::min(end, length);
  while (start < end) {
    int64_t chunk_index = start / kChunkSize;
    ZENOME_ASSIGN_OR_RETURN(const Chunk* chunk, GetChunk(index, chunk_index));
    int64_t offset = start - chunk_index * kChunkSize;
    int64_t take = std::min<int64_t>(end - start, static_cast<int64_t>(chunk->bases.size()) - offset);
    size_t first = out.size();
    out.append(chunk->bases, static_cast<size_t>(offset), static_cast<size_t>(take));
    // Chunks keep the file's case (soft-masked repeats are lower case); callers get upper case.
    for (size_t k = first; k < out.size(); ++k) out[k] = UpperBase(out[k]);
    start += take;
  }
  return Status::Ok();
}

Result<std::string> ReferenceReader::Fetch(std::string_view contig, int64_t start, int64_t end) {
  std::string out;
  ZENOME_RETURN_IF_ERROR(FetchInto(contig, start, end, out));
  return out;
}

}  // namespace zenome
