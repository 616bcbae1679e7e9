#include "core/reference.h"

#include <fcntl.h>
#include <htslib/bgzf.h>
#include <htslib/faidx.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>

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

// Whether bytes the index says are bases hold a line break or a header's '>': the .fai's line
// layout was checked at its first and last line only (reading a whole genome at open would cost
// too much), so every fetch checks the lines it reads.
bool HoldsLineBreakOrHeader(std::string_view bases) {
  bool found = false;
  for (char c : bases) found |= (c == '\n') | (c == '\r') | (c == '>');
  return found;
}

// Eight bytes at a time (SWAR): nonzero when some byte of `word` equals `byte`.
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;
inline uint64_t HasByte(uint64_t word, unsigned char byte) {
  const uint64_t x = word ^ (kOnes * byte);
  return (x - kOnes) & ~x & kHighBits;
}
// UpperBase on each of eight bytes.
inline uint64_t UpperWord(uint64_t word) {
  const uint64_t low7 = word & ~kHighBits;
  const uint64_t at_least_a = low7 + kOnes * (0x80 - 'a');   // high bit set when low7 >= 'a'
  const uint64_t above_z = low7 + kOnes * (0x80 - 'z' - 1);  // high bit set when low7 > 'z'
  const uint64_t lower = at_least_a & ~above_z & ~word & kHighBits;
  return word ^ (lower >> 2);  // 0x80 >> 2 is the case bit 0x20
}

// Copies `count` bytes to `to` in upper case (as UpperBase); true when one was a line break or
// '>' (HoldsLineBreakOrHeader). Sixteen bytes at a time where SSE2 is there (every x86-64).
// `to` may be `from` (in place).
bool CopyUpperChecked(const char* from, size_t count, char* to) {
  uint64_t found = 0;
  size_t i = 0;
#if defined(__SSE2__)
  if (count >= 16) {
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i carriage = _mm_set1_epi8('\r');
    const __m128i header = _mm_set1_epi8('>');
    const __m128i before_a = _mm_set1_epi8('a' - 1);
    const __m128i after_z = _mm_set1_epi8('z' + 1);
    const __m128i case_bit = _mm_set1_epi8(0x20);
    __m128i any = _mm_setzero_si128();
    auto block = [&](size_t at) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + at));
      any = _mm_or_si128(any,
                         _mm_or_si128(_mm_cmpeq_epi8(v, newline),
                                      _mm_or_si128(_mm_cmpeq_epi8(v, carriage), _mm_cmpeq_epi8(v, header))));
      // Signed compares: bytes >= 0x80 are negative, so never taken for letters.
      const __m128i lower = _mm_and_si128(_mm_cmpgt_epi8(v, before_a), _mm_cmplt_epi8(v, after_z));
      _mm_storeu_si128(reinterpret_cast<__m128i*>(to + at), _mm_xor_si128(v, _mm_and_si128(lower, case_bit)));
    };
    for (; i + 16 <= count; i += 16) block(i);
    // The tail as one more block ending at the last byte (re-copying a few bytes the same way).
    if (i < count) block(count - 16);
    return _mm_movemask_epi8(any) != 0;
  }
#endif
  for (; i + 8 <= count; i += 8) {
    uint64_t word = 0;
    std::memcpy(&word, from + i, 8);
    found |= HasByte(word, '\n') | HasByte(word, '\r') | HasByte(word, '>');
    word = UpperWord(word);
    std::memcpy(to + i, &word, 8);
  }
  for (; i < count; ++i) {
    const char c = from[i];
    found |= static_cast<uint64_t>((c == '\n') | (c == '\r') | (c == '>'));
    to[i] = UpperBase(c);
  }
  return found != 0;
}

Status StaleIndexAt(const std::string& fasta_path, const std::string& contig, int64_t start, int64_t end) {
  return Status::BadInput(fasta_path + ".fai: the index does not match " + fasta_path + ": " + contig + ":" +
                          std::to_string(start + 1) + "-" + std::to_string(end) +
                          " holds a line break or a '>' where the index puts bases (FASTA changed after "
                          "indexing?); re-index it: samtools faidx " +
                          fasta_path + " (or delete the index and zenome rebuilds it)");
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
  // A line break is one or two bytes (LF, CRLF); none only for a contig on one line at the end of
  // the file.
  if (numbers[3] - numbers[2] > 2 || (numbers[3] == numbers[2] && numbers[0] > numbers[2]))
    return std::nullopt;
  // The byte after the last base must be a file offset (no overflow in the layout arithmetic).
  if (numbers[0] > 0) {
    const int64_t last = numbers[0] - 1;
    int64_t lines_bytes = 0;
    int64_t end = 0;
    if (__builtin_mul_overflow(last / numbers[2], numbers[3], &lines_bytes) ||
        __builtin_add_overflow(numbers[1], lines_bytes, &end) ||
        __builtin_add_overflow(end, last % numbers[2] + 1, &end)) {
      return std::nullopt;
    }
  }
  return numbers;
}
}  // namespace

namespace {

// One .fai line: NAME LENGTH OFFSET LINEBASES LINEWIDTH.
struct FaiEntry {
  std::string name;
  int64_t length = 0;
  int64_t offset = 0;      // byte (uncompressed) of the contig's first base
  int64_t line_bases = 0;  // bases per full line
  int64_t line_width = 0;  // bytes per full line, line break included
  int64_t fai_line = 0;
};

Result<std::vector<FaiEntry>> ReadFai(const std::string& fai_path) {
  std::ifstream in(fai_path);
  if (!in) return Status::Io(fai_path + ": cannot open");
  std::vector<FaiEntry> entries;
  std::map<std::string, int64_t, std::less<>> lines;
  std::string line;
  int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::optional<std::array<int64_t, 4>> numbers = ParseFaiLine(line);
    if (!numbers) {
      return Status::BadInputAt({fai_path, number, "line"},
                                "malformed index line '" + line + "' (rebuild it with samtools faidx)");
    }
    FaiEntry entry;
    entry.fai_line = number;
    entry.name = line.substr(0, line.find_first_of(" \t\n\v\f\r"));
    entry.length = (*numbers)[0];
    entry.offset = (*numbers)[1];
    entry.line_bases = (*numbers)[2];
    entry.line_width = (*numbers)[3];
    auto [seen, added] = lines.try_emplace(entry.name, number);
    if (!added) {
      return Status::BadInputAt({fai_path, number, "name"},
                                "contig '" + entry.name + "' is indexed twice (lines " +
                                    std::to_string(seen->second) + " and " + std::to_string(number) +
                                    "); contig names must be unique");
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

// Reads uncompressed bytes of a plain or bgzipped (with .gzi) FASTA.
class FastaBytes {
 public:
  ~FastaBytes() {
    if (fd_ >= 0) close(fd_);
    if (bgzf_ != nullptr) bgzf_close(bgzf_);
  }
  Status Open(const std::string& path, bool compressed) {
    if (!compressed) {
      fd_ = open(path.c_str(), O_RDONLY);
      if (fd_ < 0) return Status::Io(path + ": cannot open (" + std::strerror(errno) + ")");
      return Status::Ok();
    }
    bgzf_ = bgzf_open(path.c_str(), "r");
    if (bgzf_ == nullptr) return Status::Io(path + ": cannot open");
    if (bgzf_index_load(bgzf_, path.c_str(), ".gzi") != 0) {
      return Status::Io(path + ".gzi: cannot read the bgzip index (rebuild it with samtools faidx)");
    }
    return Status::Ok();
  }
  // Up to `count` bytes from `offset`; fewer at the end of the file.
  std::string Read(int64_t offset, int64_t count) {
    std::string out(static_cast<size_t>(count), '\0');
    int64_t got = 0;
    if (fd_ >= 0) {
      while (got < count) {
        ssize_t n = pread(fd_, out.data() + got, static_cast<size_t>(count - got), offset + got);
        if (n <= 0) break;
        got += n;
      }
    } else if (bgzf_useek(bgzf_, offset, SEEK_SET) == 0) {
      ssize_t n = bgzf_read(bgzf_, out.data(), static_cast<size_t>(count));
      got = n > 0 ? n : 0;
    }
    out.resize(static_cast<size_t>(got));
    return out;
  }

 private:
  int fd_ = -1;
  BGZF* bgzf_ = nullptr;
};

bool IsLineBreak(char c) {
  return c == '\n' || c == '\r';
}

// Byte just after the contig's last base.
int64_t SequenceEnd(const FaiEntry& e) {
  if (e.length == 0) return e.offset;
  int64_t last = e.length - 1;
  return e.offset + last / e.line_bases * e.line_width + last % e.line_bases + 1;
}

// The name on a FASTA header line starting at text[at] == '>'.
std::string_view HeaderName(std::string_view text, size_t at) {
  std::string_view rest = text.substr(at + 1);
  return rest.substr(0, rest.find_first_of(" \t\r\n"));
}

// Checks that the .fai describes the FASTA as it is now: every contig's header line sits just
// before its first base, its lines break where the index says, and nothing but line breaks lies
// between one contig's last base and the next header (or the end of the file). A FASTA rewrapped
// or edited after indexing fails here; so does a second sequence with a name already used, which
// htslib leaves out of the index.
Status CheckFaiAgainstFasta(const std::string& fasta_path, const std::string& fai_path, bool compressed,
                            const std::vector<FaiEntry>& entries) {
  FastaBytes bytes;
  ZENOME_RETURN_IF_ERROR(bytes.Open(fasta_path, compressed));
  std::map<std::string_view, const FaiEntry*> by_name;
  for (const FaiEntry& e : entries) by_name.emplace(e.name, &e);
  auto stale = [&](const FaiEntry* e, const std::string& what) {
    std::string age;
    struct stat fasta_info = {};
    struct stat fai_info = {};
    if (stat(fasta_path.c_str(), &fasta_info) == 0 && stat(fai_path.c_str(), &fai_info) == 0 &&
        std::pair(fai_info.st_mtim.tv_sec, fai_info.st_mtim.tv_nsec) <
            std::pair(fasta_info.st_mtim.tv_sec, fasta_info.st_mtim.tv_nsec)) {
      age = "; the index is older than the FASTA";
    }
    return Status::BadInputAt(
        {fai_path, e != nullptr ? e->fai_line : 0, e != nullptr ? "contig " + e->name : ""},
        "the index does not match " + fasta_path + ": " + what + age +
            " (FASTA changed after indexing?); re-index it: samtools faidx " + fasta_path +
            " (or delete the index and zenome rebuilds it)");
  };
  constexpr int64_t kMaxGap = 1 << 16;  // header line and blank lines between two contigs
  // In file order (an index may list its contigs in another).
  std::vector<const FaiEntry*> in_file;
  for (const FaiEntry& e : entries) in_file.push_back(&e);
  std::stable_sort(in_file.begin(), in_file.end(),
                   [](const FaiEntry* a, const FaiEntry* b) { return a->offset < b->offset; });
  int64_t previous_end = 0;
  const FaiEntry* previous = nullptr;
  for (size_t i = 0; i <= in_file.size(); ++i) {
    const FaiEntry* e = i < in_file.size() ? in_file[i] : nullptr;
    // The bytes between the previous contig's last base and this contig's first base.
    const int64_t gap_end = e != nullptr ? e->offset : previous_end + kMaxGap;
    if (gap_end < previous_end) return stale(e, "contigs overlap in the index");
    std::string gap = bytes.Read(previous_end, std::min(gap_end - previous_end, kMaxGap));
    size_t at = 0;
    while (at < gap.size() && (IsLineBreak(gap[at]) || gap[at] == ' ' || gap[at] == '\t')) ++at;
    if (previous != nullptr && at == 0 && !gap.empty()) {
      return stale(previous, "its sequence does not end where the index says");
    }
    if (at < gap.size()) {
      if (gap[at] != '>') {
        return stale(
            e != nullptr ? e : previous,
            "expected a '>' header line at byte " + std::to_string(previous_end + static_cast<int64_t>(at)));
      }
      std::string_view name = HeaderName(gap, at);
      if (e == nullptr || name != e->name) {
        auto first = by_name.find(name);
        if (first != by_name.end()) {
          return Status::BadInput(
              fasta_path + ": contig name '" + std::string(name) + "' is used twice: the sequence at byte " +
              std::to_string(first->second->offset) + " and the one with its header at byte " +
              std::to_string(previous_end + static_cast<int64_t>(at)) + "; contig names must be unique");
        }
        return stale(e != nullptr ? e : previous,
                     "sequence '" + std::string(name) + "' at byte " +
                         std::to_string(previous_end + static_cast<int64_t>(at)) + " is not in the index");
      }
      size_t line_end = gap.find('\n', at);
      if (line_end == std::string::npos || static_cast<int64_t>(line_end + 1) != gap_end - previous_end) {
        return stale(e, "its header line does not end just before its first base");
      }
    } else if (e != nullptr) {
      return stale(e, "no '>" + e->name + "' header line before its first base");
    }
    if (e == nullptr) break;
    // Line breaks where the index puts them: after the first line and after the last full line.
    const int64_t full_lines = e->length / e->line_bases;
    for (int64_t line : {int64_t{0}, full_lines - 1}) {
      if (line < 0 || (line + 1) * e->line_bases >= e->length) continue;
      int64_t from = e->offset + line * e->line_width + e->line_bases;
      std::string breaks = bytes.Read(from, e->line_width - e->line_bases);
      bool ok = static_cast<int64_t>(breaks.size()) == e->line_width - e->line_bases;
      for (char c : breaks) ok = ok && IsLineBreak(c);
      if (!ok) {
        return stale(e, "its line " + std::to_string(line + 1) + " does not end after " +
                            std::to_string(e->line_bases) + " bases");
      }
    }
    if (e->length > 0) {
      const std::string last = bytes.Read(SequenceEnd(*e) - 1, 1);
      if (last.size() != 1) return stale(e, "its sequence runs past the end of the file");
      if (HoldsLineBreakOrHeader(last)) return stale(e, "its last base is a line break or '>'");
    }
    previous_end = SequenceEnd(*e);
    previous = e;
  }
  return Status::Ok();
}

}  // namespace

Result<std::shared_ptr<const ReferenceGenome>> ReferenceGenome::Open(const std::string& fasta_path) {
  const std::string fai_path = fasta_path + ".fai";
  // An existing index is read before htslib sees it: htslib trusts it (a line with zero bases per
  // line divides by zero when fetching; an offset that is not a number leaks its file handle).
  std::error_code no_index;
  if (std::filesystem::exists(fai_path, no_index)) ZENOME_RETURN_IF_ERROR(ReadFai(fai_path).status());
  ZENOME_ASSIGN_OR_RETURN(FaiPtr fai, LoadFai(fasta_path));
  std::shared_ptr<ReferenceGenome> genome(new ReferenceGenome());
  genome->path_ = fasta_path;
  ZENOME_ASSIGN_OR_RETURN(std::vector<FaiEntry> entries, ReadFai(fai_path));
  const bool compressed = IsCompressed(fasta_path);
  ZENOME_RETURN_IF_ERROR(CheckFaiAgainstFasta(fasta_path, fai_path, compressed, entries));
  int n = faidx_nseq(fai.get());
  if (n <= 0) return Status::BadInput(fasta_path + ": reference FASTA has no sequences");
  if (static_cast<size_t>(n) != entries.size()) {
    return Status::Internal(fai_path + ": htslib indexed " + std::to_string(n) + " contigs, the file lists " +
                            std::to_string(entries.size()));
  }
  for (int i = 0; i < n; ++i) {
    const char* name = faidx_iseq(fai.get(), i);
    if (entries[i].name != name)
      return Status::Internal(fai_path + ": htslib lists the contigs in another order");
    genome->contigs_.push_back({name, static_cast<int64_t>(faidx_seq_len(fai.get(), name))});
    // zenome reads chr1 and 1 as one contig: a FASTA with both is ambiguous.
    if (auto other = genome->names_.NativeName(name)) {
      return Status::BadInput(fasta_path + ": contigs '" + *other + "' and '" + name +
                              "' are the same contig to zenome (" + SameContigRule() + "); keep one of them");
    }
    genome->names_.Add(name);
  }
  genome->build_ = DetectGenomeBuild(genome->contigs_);
  if (!compressed) {
    // The .fai, checked above against the file, gives each contig's byte layout.
    auto plain = std::make_unique<PlainLayout>();
    for (const FaiEntry& entry : entries)
      plain->contigs.push_back({entry.offset, entry.line_bases, entry.line_width});
    struct stat info = {};
    if (stat(fasta_path.c_str(), &info) != 0) return Status::Io(fasta_path + ": cannot stat");
    plain->file_size = static_cast<int64_t>(info.st_size);
    genome->plain_ = std::move(plain);
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
    bool breaks = false;
    if (got == count) {
      // Copy line by line the bytes between line breaks, then upper-case the whole chunk in one
      // pass (soft-masked repeats are lower case; callers get upper case). A line break or '>'
      // among the copied bytes means the .fai does not describe this file.
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
      breaks = CopyUpperChecked(slot->bases.data(), filled, slot->bases.data());
    }
    slot->bases.resize(filled);
    if (static_cast<int64_t>(slot->bases.size()) != end - start) {
      slot->contig = -1;
      return Status::Io(genome_->path() + ": failed to read " + info.name + ":" + std::to_string(start + 1) +
                        "-" + std::to_string(end) + " (truncated or modified FASTA / stale .fai?)");
    }
    if (breaks) {
      slot->contig = -1;
      return StaleIndexAt(genome_->path(), info.name, start, end);
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
  slot->bases.resize(static_cast<size_t>(got));
  const bool breaks = CopyUpperChecked(bases, static_cast<size_t>(got), slot->bases.data());
  free(bases);
  if (breaks) {
    slot->contig = -1;
    return StaleIndexAt(genome_->path(), info.name, start, end);
  }

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
    out.append(chunk->bases, static_cast<size_t>(offset), static_cast<size_t>(take));  // upper case
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
