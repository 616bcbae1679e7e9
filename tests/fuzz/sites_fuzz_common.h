#pragma once
// Shared by the population-sites and ClinVar targets: the fuzz input becomes a bgzipped,
// tabix-indexed VCF (as a user's download is), and its own records are looked up the way the
// annotator looks up a patient's alleles: MatchWindow for each, one Load, then Lookup.

#include <htslib/bgzf.h>
#include <htslib/tbx.h>

#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/contig_names.h"
#include "fuzz_support.h"

namespace zenome::fuzz {

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

}  // namespace zenome::fuzz
