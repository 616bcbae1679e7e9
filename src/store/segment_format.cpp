#include "store/segment_format.h"

#include <cstdio>

namespace zenome::segment {

std::string_view CoverageName(Coverage coverage) {
  return coverage == Coverage::kGvcf ? "gvcf" : "assumed";
}

uint32_t DefaultPloidy(std::string_view canonical_contig, Coverage coverage, bool haploid_x) {
  if (coverage == Coverage::kGvcf) return 0;
  if (canonical_contig == "Y") return haploid_x ? 1 : 0;
  if (canonical_contig == "MT") return 1;
  if (canonical_contig == "X") return haploid_x ? 1 : 2;
  return 2;
}

std::string ContigFileStem(int index) {
  char stem[16];
  std::snprintf(stem, sizeof(stem), "c%04d", index);
  return stem;
}

}  // namespace zenome::segment
