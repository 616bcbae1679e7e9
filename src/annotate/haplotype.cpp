#include "annotate/haplotype.h"

#include <htslib/vcf.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>

namespace zenome {

namespace {

const bcf_fmt_t* FindFormat(bcf1_t* record, int id) {
  if (id < 0) return nullptr;
  for (int i = 0; i < record->n_fmt; ++i) {
    if (record->d.fmt[i].id == id) return &record->d.fmt[i];
  }
  return nullptr;
}

// Value k of sample s, as int32 with htslib's missing / vector-end markers mapped to theirs.
int32_t FormatInt(const bcf_fmt_t& fmt, int s, int k) {
  const uint8_t* at = fmt.p + static_cast<size_t>(s) * fmt.size;
  switch (fmt.type) {
    case BCF_BT_INT8: {
      const int8_t v = reinterpret_cast<const int8_t*>(at)[k];
      if (v == bcf_int8_vector_end) return bcf_int32_vector_end;
      if (v == bcf_int8_missing) return bcf_int32_missing;
      return v;
    }
    case BCF_BT_INT16: {
      int16_t v;
      std::memcpy(&v, at + 2 * k, sizeof v);
      if (v == bcf_int16_vector_end) return bcf_int32_vector_end;
      if (v == bcf_int16_missing) return bcf_int32_missing;
      return v;
    }
    case BCF_BT_INT32: {
      int32_t v;
      std::memcpy(&v, at + 4 * k, sizeof v);
      return v;
    }
    default: return bcf_int32_missing;
  }
}

// One sample's genotype at one record: the allele on each haplotype (-1: missing), phased or not.
struct Genotype {
  int alleles[2] = {-1, -1};
  int ploidy = 0;
  bool phased = false;
  int64_t phase_set = -1;
};

std::optional<Genotype> ReadGenotype(const bcf_fmt_t* gt, const bcf_fmt_t* ps, int s) {
  if (gt == nullptr) return std::nullopt;
  Genotype g;
  bool all_phased = true;
  for (int k = 0; k < gt->n && k < 3; ++k) {
    const int32_t v = FormatInt(*gt, s, k);
    if (v == bcf_int32_vector_end) break;
    if (k >= 2) return std::nullopt;  // polyploid: not handled
    g.alleles[k] = v == bcf_int32_missing || bcf_gt_is_missing(v) ? -1 : bcf_gt_allele(v);
    if (k >= 1 && !bcf_gt_is_phased(v)) all_phased = false;
    ++g.ploidy;
  }
  g.phased = g.ploidy == 1 || (g.ploidy == 2 && all_phased);
  if (ps != nullptr && ps->type != BCF_BT_FLOAT && ps->type != BCF_BT_CHAR) {
    const int32_t v = FormatInt(*ps, s, 0);
    if (v != bcf_int32_missing && v != bcf_int32_vector_end) g.phase_set = v;
  }
  return g;
}

}  // namespace

GenotypeIds FindGenotypeIds(const bcf_hdr_t* header) {
  GenotypeIds ids;
  auto id_of = [&](const char* tag) {
    const int id = bcf_hdr_id2int(header, BCF_DT_ID, tag);
    return id >= 0 && bcf_hdr_idinfo_exists(header, BCF_HL_FMT, id) ? id : -1;
  };
  ids.gt = id_of("GT");
  ids.ps = id_of("PS");
  return ids;
}

std::vector<HaplotypeGroup> FindHaplotypeGroups(const std::vector<bcf1_t*>& records, const GenotypeIds& ids,
                                                int64_t window, size_t max_size) {
  std::vector<HaplotypeGroup> groups;
  if (ids.gt < 0 || records.size() < 2) return groups;
  size_t chain_begin = 0;
  int64_t chain_end = -1;
  auto close_chain = [&](size_t begin, size_t end) {
    if (end - begin < 2) return;
    const int samples = records[begin]->n_sample;
    // Per record allele: its partners (nullopt while unseen, empty set = "no group").
    std::map<RecordAllele, std::optional<std::vector<RecordAllele>>> partners;
    std::map<RecordAllele, bool> refused;
    for (int s = 0; s < samples; ++s) {
      std::vector<Genotype> genotypes(end - begin);
      std::vector<bool> known(end - begin, false);
      for (size_t r = begin; r < end; ++r) {
        bcf_unpack(records[r], BCF_UN_FMT);
        std::optional<Genotype> g =
            ReadGenotype(FindFormat(records[r], ids.gt), FindFormat(records[r], ids.ps), s);
        if (g) {
          genotypes[r - begin] = *g;
          known[r - begin] = true;
        }
      }
      for (size_t r = begin; r < end; ++r) {
        if (!known[r - begin]) continue;
        const Genotype& g = genotypes[r - begin];
        for (int k = 0; k < g.ploidy; ++k) {
          const int a = g.alleles[k];
          if (a < 1) continue;
          const RecordAllele self{r, a};
          if (!g.phased) {
            refused[self] = true;
            continue;
          }
          // The others on haplotype k, in the same phase set.
          std::vector<RecordAllele> here;
          for (size_t q = begin; q < end; ++q) {
            if (q == r || !known[q - begin]) continue;
            const Genotype& h = genotypes[q - begin];
            if (!h.phased || k >= h.ploidy || h.alleles[k] < 1) continue;
            if (g.phase_set >= 0 && h.phase_set >= 0 && g.phase_set != h.phase_set) continue;
            here.emplace_back(q, h.alleles[k]);
          }
          auto& slot = partners[self];
          if (!slot) {
            slot = here;
          } else if (*slot != here) {
            refused[self] = true;  // another haplotype or sample sees it with other partners
          }
        }
      }
    }
    for (auto& [self, list] : partners) {
      if (refused.count(self) || !list || list->empty() || list->size() + 1 > max_size) continue;
      groups.push_back({self, *list});
    }
  };
  for (size_t r = 0; r < records.size(); ++r) {
    const int64_t start = records[r]->pos;
    if (chain_end >= 0 && start - chain_end > window) {
      close_chain(chain_begin, r);
      chain_begin = r;
      chain_end = -1;
    }
    chain_end = std::max(chain_end, start + static_cast<int64_t>(records[r]->rlen));
  }
  close_chain(chain_begin, records.size());
  std::sort(groups.begin(), groups.end(),
            [](const HaplotypeGroup& a, const HaplotypeGroup& b) { return a.allele < b.allele; });
  return groups;
}

}  // namespace zenome
