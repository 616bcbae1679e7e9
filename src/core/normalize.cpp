#include "core/normalize.h"

#include <algorithm>

#include "core/reference.h"
#include "core/sequence.h"

namespace zenome {

namespace {
bool AllEndWith(const AlleleSet& site, bool at_front) {
  auto edge = [at_front](const std::string& allele) { return at_front ? allele.front() : allele.back(); };
  if (site.ref.empty()) return false;
  char base = edge(site.ref);
  for (const auto& alt : site.alts) {
    if (alt.empty() || edge(alt) != base) return false;
  }
  return true;
}

size_t ShortestAllele(const AlleleSet& site) {
  size_t shortest = site.ref.size();
  for (const auto& alt : site.alts) shortest = std::min(shortest, alt.size());
  return shortest;
}

void TrimLeft(AlleleSet& site) {
  while (ShortestAllele(site) >= 2 && AllEndWith(site, true)) {
    site.ref.erase(0, 1);
    for (auto& alt : site.alts) alt.erase(0, 1);
    ++site.pos0;
  }
}

Result<char> BaseAt(ReferenceReader& reference, std::string_view contig, int64_t pos0) {
  std::string base;
  ZENOME_RETURN_IF_ERROR(reference.FetchInto(contig, pos0, pos0 + 1, base));
  if (base.empty())
    return Status::BadInput("position " + std::to_string(pos0 + 1) + " is beyond the end of " +
                            std::string(contig));
  return base[0];
}
}  // namespace

bool IsNormalisable(const AlleleSet& site) {
  if (site.ref.empty() || !IsAcgtn(site.ref) || site.alts.empty()) return false;
  for (const auto& alt : site.alts) {
    // An ALT equal to REF describes no change; shifting it would slide to the contig start.
    if (alt.empty() || !IsAcgtn(alt) || alt == site.ref) return false;
  }
  return true;
}

void TrimAlleles(AlleleSet& site) {
  if (!IsNormalisable(site)) return;
  while (ShortestAllele(site) >= 2 && AllEndWith(site, false)) {
    site.ref.pop_back();
    for (auto& alt : site.alts) alt.pop_back();
  }
  TrimLeft(site);
}

Result<bool> NormaliseAlleles(AlleleSet& site, std::string_view contig, ReferenceReader& reference) {
  if (!IsNormalisable(site)) return false;
  const int64_t original_pos = site.pos0;
  const std::string original_ref = site.ref;
  const std::vector<std::string> original_alts = site.alts;
  // Drop a shared last base; when that empties an allele, extend every allele one base left.
  while (AllEndWith(site, false)) {
    bool empties = ShortestAllele(site) == 1;
    if (empties && site.pos0 == 0) break;  // nothing to the left to anchor on
    site.ref.pop_back();
    for (auto& alt : site.alts) alt.pop_back();
    if (empties) {
      ZENOME_ASSIGN_OR_RETURN(char base, BaseAt(reference, contig, site.pos0 - 1));
      site.ref.insert(site.ref.begin(), base);
      for (auto& alt : site.alts) alt.insert(alt.begin(), base);
      --site.pos0;
    }
  }
  TrimLeft(site);
  return site.pos0 != original_pos || site.ref != original_ref || site.alts != original_alts;
}

Result<int64_t> ShiftableRegionEnd(const AlleleSet& site, std::string_view contig,
                                   ReferenceReader& reference) {
  int64_t end = site.pos0 + static_cast<int64_t>(site.ref.size());
  if (!IsNormalisable(site)) return end;
  for (const auto& alt : site.alts) {
    // Minimal representation of this ALT: no shared prefix or suffix.
    size_t prefix = 0;
    while (prefix < site.ref.size() && prefix < alt.size() && site.ref[prefix] == alt[prefix]) ++prefix;
    size_t suffix = 0;
    while (suffix < site.ref.size() - prefix && suffix < alt.size() - prefix &&
           site.ref[site.ref.size() - 1 - suffix] == alt[alt.size() - 1 - suffix]) {
      ++suffix;
    }
    size_t ref_len = site.ref.size() - prefix - suffix;
    size_t alt_len = alt.size() - prefix - suffix;
    if (ref_len > 0 && alt_len > 0) continue;  // substitution or delins: does not slide
    int64_t start = site.pos0 + static_cast<int64_t>(prefix);
    if (ref_len == 0) {  // insertion of `inserted` before `start`
      std::string_view inserted(alt.data() + prefix, alt_len);
      if (inserted.empty()) continue;
      int64_t k = 0;
      for (;;) {
        ZENOME_ASSIGN_OR_RETURN(std::string base, reference.Fetch(contig, start + k, start + k + 1));
        if (base.empty() || base[0] != inserted[k % inserted.size()]) break;
        ++k;
      }
      end = std::max(end, start + k);
    } else {  // deletion of ref[start, start + ref_len)
      int64_t k = 0;
      for (;;) {
        ZENOME_ASSIGN_OR_RETURN(std::string pair, reference.Fetch(contig, start + k, start + k + 1));
        ZENOME_ASSIGN_OR_RETURN(std::string next,
                                reference.Fetch(contig, start + static_cast<int64_t>(ref_len) + k,
                                                start + static_cast<int64_t>(ref_len) + k + 1));
        if (pair.empty() || next.empty() || pair[0] != next[0]) break;
        ++k;
      }
      end = std::max(end, start + static_cast<int64_t>(ref_len) + k);
    }
  }
  return end;
}

}  // namespace zenome
