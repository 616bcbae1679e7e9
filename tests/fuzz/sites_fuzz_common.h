#pragma once
// Shared by the population-sites and ClinVar targets: the fuzz input becomes a bgzipped,
// tabix-indexed VCF (as a user's download is), and its own records are looked up the way the
// annotator looks up a patient's alleles: MatchWindow for each, one Load, then Lookup.

#include <htslib/bgzf.h>
#include <htslib/tbx.h>

#include <cctype>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/contig_names.h"
#include "core/interval.h"
#include "core/reference.h"
#include "core/status.h"
#include "fuzz_support.h"

namespace zenome::fuzz {

// The small test reference (fuzz::SmallReference), opened.
inline std::shared_ptr<const ReferenceGenome> SmallReferenceGenome() {
  Result<std::shared_ptr<const ReferenceGenome>> opened = ReferenceGenome::Open(SmallReference());
  if (!opened.ok()) Fail(opened.status().message());
  return *opened;
}

// Writes the input bgzipped and indexes it; nullopt when tabix would refuse it (unsorted, no
// header), since a user could not have indexed it either.
inline std::optional<std::string> WriteIndexedSites(std::string_view text, const char* name) {
  const std::string path = TempDir() + "/" + name;
  BGZF* out = bgzf_open(path.c_str(), "w");
  if (out == nullptr) Fail("cannot write " + path);
  if (bgzf_write(out, text.data(), text.size()) < 0) Fail("cannot write " + path);
  if (bgzf_close(out) != 0) Fail("cannot close " + path);
  if (tbx_index_build(path.c_str(), 0, &tbx_conf_vcf) != 0) return std::nullopt;
  return path;
}

// One ALT of a data line, split the obvious way.
struct SiteAllele {
  std::string contig;
  int64_t pos0 = 0;
  std::string ref, alt;
  // Plain bases, ALT differs from REF, one ALT on the line: the reader must find it when REF
  // matches the reference.
  bool simple = false;
};

inline bool AcgtOnly(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    char u = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (u != 'A' && u != 'C' && u != 'G' && u != 'T') return false;
  }
  return true;
}

// Whether the records spell each contig one way. zenome reads chr1 and 1 as one contig, so a file
// with both is refused when opened and the lookup invariant applies only to the others.
inline bool OneSpellingPerContig(const std::vector<SiteAllele>& alleles) {
  std::map<std::string, std::string> spelling;
  for (const SiteAllele& allele : alleles) {
    auto [it, added] = spelling.emplace(CanonicalContigName(allele.contig), allele.contig);
    if (!added && it->second != allele.contig) return false;
  }
  return true;
}

inline std::vector<SiteAllele> SplitSiteLines(std::string_view text) {
  std::vector<SiteAllele> alleles;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string_view> cols;
    for (size_t start = 0;;) {
      size_t tab = line.find('\t', start);
      cols.push_back(
          line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
      if (tab == std::string_view::npos || cols.size() == 8) break;
      start = tab + 1;
    }
    if (cols.size() < 5) continue;
    int64_t pos = 0;
    for (char c : cols[1]) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || pos > (int64_t{1} << 40)) {
        pos = -1;
        break;
      }
      pos = pos * 10 + (c - '0');
    }
    if (pos < 1 || cols[0].empty()) continue;  // htslib never names a contig ""; Load needs one
    std::vector<std::string_view> alts;
    for (std::string_view rest = cols[4];;) {
      size_t comma = rest.find(',');
      alts.push_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
    for (std::string_view alt : alts) {
      SiteAllele allele{std::string(cols[0]), pos - 1, std::string(cols[3]), std::string(alt), false};
      allele.simple = alts.size() == 1 && AcgtOnly(allele.ref) && AcgtOnly(allele.alt) &&
                      allele.ref.size() + allele.alt.size() <= 200;
      if (allele.simple) {
        std::string r = allele.ref, a = allele.alt;
        for (char& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        for (char& c : a) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        allele.simple = r != a;
      }
      alleles.push_back(std::move(allele));
    }
  }
  return alleles;
}

// Looks up every allele of the file's own records (at most 8 contigs), as the annotator does: one
// MatchWindow per allele, one Load per contig, then Lookup; `on_hit` checks what a hit holds.
// Invariant: a plain allele whose REF matches the reference is found, unless the file spells a
// contig two ways (chr1 and 1: such a file is refused when opened).
template <typename Reader, typename OnHit>
void LookUpEveryAllele(std::string_view text, Reader& reader, const ReferenceGenome& genome,
                       ReferenceReader& reference, OnHit on_hit) {
  std::vector<SiteAllele> all = SplitSiteLines(text);
  const bool check_found = OneSpellingPerContig(all);
  std::map<std::string, std::vector<SiteAllele>> by_contig;
  for (SiteAllele& allele : all) {
    if (by_contig.size() < 8 || by_contig.count(allele.contig) != 0) {
      by_contig[allele.contig].push_back(std::move(allele));
    }
  }
  for (const auto& [contig, alleles] : by_contig) {
    std::vector<Interval0> windows;
    std::vector<bool> windowed;
    for (const SiteAllele& allele : alleles) {
      Result<Interval0> window = reader.MatchWindow(contig, allele.pos0, allele.ref, allele.alt);
      windowed.push_back(window.ok());
      if (window.ok()) windows.push_back(*window);
    }
    Status loaded = reader.Load(contig, windows);
    FailOnInternal(loaded);
    if (!loaded.ok()) continue;
    for (size_t i = 0; i < alleles.size(); ++i) {
      const SiteAllele& allele = alleles[i];
      if (!windowed[i]) continue;
      auto hit = reader.Lookup(contig, allele.pos0, allele.ref, allele.alt);
      if (!hit.ok()) {
        FailOnInternal(hit.status());
        continue;
      }
      if (hit->has_value()) {
        on_hit(**hit);
        continue;
      }
      if (!check_found || !allele.simple || !genome.Length(contig)) continue;
      Result<std::string> bases =
          reference.Fetch(contig, allele.pos0, allele.pos0 + static_cast<int64_t>(allele.ref.size()));
      std::string ref = allele.ref;
      for (char& c : ref) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (bases.ok() && *bases == ref) {
        Fail("the sites file's own allele " + contig + ":" + std::to_string(allele.pos0 + 1) + " " +
             allele.ref + ">" + allele.alt + " is not found");
      }
    }
  }
}

}  // namespace zenome::fuzz
