#pragma once
// Which ALT alleles of nearby records lie on the same haplotype: phased genotypes (or haploid
// ones) in the same phase set, in every sample that carries them. Such alleles change the same
// codon together, or one indel restores the frame another broke, so their consequence is the
// combined one (see annotator.cpp); unphased calls keep per-record consequences.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

struct bcf1_t;
struct bcf_hdr_t;

namespace zenome {

// FORMAT ids of GT and PS in the input's header (-1 when absent), looked up once so that worker
// threads read records without the header.
struct GenotypeIds {
  int gt = -1;
  int ps = -1;
};
GenotypeIds FindGenotypeIds(const bcf_hdr_t* header);

// One ALT allele of one record: (index of the record in the run, ALT index >= 1).
using RecordAllele = std::pair<size_t, int>;

struct HaplotypeGroup {
  RecordAllele allele;
  std::vector<RecordAllele> partners;  // the others on its haplotype, in record order
};

// Records within `window` bases of each other (end of one to start of the next) form a chain;
// an allele's partners are the alleles of its chain on the same haplotype. An allele gets a group
// only when every sample carrying it has it on phased (or haploid) genotypes and all of them agree
// on its partners; groups larger than `max_size` are left out (a dense cluster is not a codon).
// `records` is one contig's run in position order. Unpacks FORMAT.
std::vector<HaplotypeGroup> FindHaplotypeGroups(const std::vector<bcf1_t*>& records, const GenotypeIds& ids,
                                                int64_t window, size_t max_size);

}  // namespace zenome
