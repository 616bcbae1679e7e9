#pragma once
// Value types the parts of the store exchange: variant keys, allele counts, and the grouping of
// genomes (by population, diagnosis, sex) that frequency queries break counts down by.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace zenome {

// A biallelic variant as stored: normalised (left-aligned, trimmed, split), 0-based position of
// REF's first base, contig as the store's reference spells it.
struct VariantKey {
  std::string contig;
  int64_t pos0 = 0;
  std::string ref;
  std::string alt;
  // "chr1-12345-A-G" (1-based), the --variant syntax.
  std::string ToString() const { return contig + "-" + std::to_string(pos0 + 1) + "-" + ref + "-" + alt; }
  friend bool operator==(const VariantKey&, const VariantKey&) = default;
};

struct AlleleCounts {
  int64_t allele_count = 0;   // AC
  int64_t allele_number = 0;  // AN: called alleles (no-calls and uncovered gVCF sites excluded)
  int64_t het = 0;
  int64_t hom_alt = 0;  // includes hemizygous (haploid) alt calls
  double frequency() const {
    return allele_number > 0 ? static_cast<double>(allele_count) / allele_number : 0.0;
  }
  AlleleCounts& operator+=(const AlleleCounts& other) {
    allele_count += other.allele_count;
    allele_number += other.allele_number;
    het += other.het;
    hom_alt += other.hom_alt;
    return *this;
  }
};

// Stored genomes partitioned into named groups. A genome may belong to several groups (two
// diagnoses) or none (no diagnosis recorded); genomes are identified by samples.sample_id.
struct SampleGroups {
  std::string dimension;           // "population", "diagnosis", "sex"
  std::vector<std::string> names;  // group index → name
  std::unordered_map<int64_t, std::vector<int>> groups_of_sample;
};

}  // namespace zenome
