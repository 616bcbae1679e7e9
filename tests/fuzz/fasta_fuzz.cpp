// Reference FASTA and its .fai through ReferenceGenome/ReferenceReader, which every command that
// takes -f uses. Input: a FASTA file, optionally followed by a line ".fai" and the index to put
// beside it (without one the index is built, as for a user's first run). Invariant: for a simple
// FASTA (one name per header, letters only, no blank lines) Fetch returns exactly the file's
// bases, upper-cased.
#include <htslib/faidx.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/contig_names.h"
#include "core/reference.h"
#include "fuzz_support.h"

namespace {

using namespace zenome;

constexpr std::string_view kIndexMarker = "\n.fai\n";
constexpr int64_t kMaxFetch = 1 << 20;  // bases read per contig; a .fai may claim terabytes

struct Contig {
  std::string name;
  std::string bases;
};

// The FASTA parsed the obvious way, or nullopt when it is not simple enough to be sure what
// htslib makes of it.
std::optional<std::vector<Contig>> ParseSimpleFasta(std::string_view text) {
  std::vector<Contig> contigs;
  size_t width = 0;
  bool short_line_seen = false;
  while (!text.empty()) {
    size_t end = text.find('\n');
    if (end == std::string_view::npos) return std::nullopt;  // no final newline
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end + 1);
    if (!line.empty() && line[0] == '>') {
      std::string_view name = line.substr(1);
      name = name.substr(0, name.find_first_of(" \t"));
      if (name.empty()) return std::nullopt;
      for (char c : name) {
        if (!std::isgraph(static_cast<unsigned char>(c))) return std::nullopt;
      }
      contigs.push_back({std::string(name), {}});
      width = 0;
      short_line_seen = false;
      continue;
    }
    if (contigs.empty() || line.empty() || short_line_seen) return std::nullopt;
    for (char c : line) {
      if (!std::isalpha(static_cast<unsigned char>(c))) return std::nullopt;
    }
    if (width == 0) width = line.size();
    if (line.size() > width) return std::nullopt;
    short_line_seen = line.size() < width;
    contigs.back().bases.append(line);
  }
  if (contigs.empty()) return std::nullopt;
  for (const Contig& contig : contigs) {
    if (contig.bases.empty()) return std::nullopt;
  }
  return contigs;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fuzz::SilenceHtslib();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t marker = input.find(kIndexMarker);
  const std::string_view fasta = marker == std::string_view::npos ? input : input.substr(0, marker + 1);
  const std::string path = fuzz::WriteFile("reference.fa", fasta);
  std::error_code ignored;
  std::filesystem::remove(path + ".fai", ignored);
  bool index_given = false;
  if (marker != std::string_view::npos) {
    const std::string given(input.substr(marker + kIndexMarker.size()));
    // The .fai is checked before use, as a line, and against the FASTA: an index that differs from
    // the one htslib builds is refused or still gives the file's bases (checked below by name).
    index_given = fai_build(path.c_str()) != 0 || fuzz::ReadFile(path + ".fai") != given;
    fuzz::WriteFile("reference.fa.fai", given);
  }

  Result<std::shared_ptr<const ReferenceGenome>> genome = ReferenceGenome::Open(path);
  if (!genome.ok()) {
    fuzz::FailOnInternal(genome.status());
    return 0;
  }
  Result<std::unique_ptr<ReferenceReader>> reader = ReferenceReader::Open(*genome);
  if (!reader.ok()) {
    fuzz::FailOnInternal(reader.status());
    return 0;
  }
  std::vector<std::string> fetched;
  bool stale_at_fetch = false;  // a given index caught by the lines a fetch reads
  for (const ContigLength& contig : (*genome)->contigs()) {
    if (contig.length < 0) fuzz::Fail("negative length for contig " + contig.name);
    Result<std::string> bases = (*reader)->Fetch(contig.name, 0, std::min(contig.length, kMaxFetch));
    if (!bases.ok()) fuzz::FailOnInternal(bases.status());
    stale_at_fetch = stale_at_fetch || (!bases.ok() && index_given);
    fetched.push_back(bases.ok() ? *bases : "<" + bases.status().message() + ">");
    // The tail, and reads past both ends (clipped to the contig).
    fuzz::FailOnInternal((*reader)->Fetch(contig.name, contig.length - 10, contig.length + 10).status());
    fuzz::FailOnInternal((*reader)->Fetch(contig.name, -5, 3).status());
  }

  std::optional<std::vector<Contig>> expected = ParseSimpleFasta(fasta);
  if (!expected || stale_at_fetch) return 0;
  // A contig spelled twice (also chr1 beside 1) is refused, never resolved to one of its copies.
  std::map<std::string, int> seen;
  for (const Contig& contig : *expected) {
    if (++seen[CanonicalContigName(contig.name)] > 1) fuzz::Fail("a contig named twice was accepted");
  }
  const auto& contigs = (*genome)->contigs();
  if (contigs.size() != expected->size()) {
    fuzz::Fail(std::to_string(contigs.size()) + " contigs, expected " + std::to_string(expected->size()));
  }
  std::map<std::string, size_t> by_name;  // a given index may list the contigs in another order
  for (size_t i = 0; i < expected->size(); ++i) by_name.emplace((*expected)[i].name, i);
  for (size_t i = 0; i < contigs.size(); ++i) {
    auto found = by_name.find(contigs[i].name);
    if (found == by_name.end() || (!index_given && found->second != i)) {
      fuzz::Fail("contig " + contigs[i].name + " is not the file's contig " + std::to_string(i + 1));
    }
    const Contig& want = (*expected)[found->second];
    if (contigs[i].length != static_cast<int64_t>(want.bases.size())) {
      fuzz::Fail("contig " + want.name + " has length " + std::to_string(contigs[i].length) + ", expected " +
                 std::to_string(want.bases.size()));
    }
    std::string upper = want.bases.substr(0, kMaxFetch);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (fetched[i] != upper)
      fuzz::Fail("contig " + want.name + ": Fetch returned other bases than the file's");
  }
  return 0;
}
