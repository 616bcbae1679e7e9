#include "store/segment/format.h"

#include <xxhash.h>

#include <cstdio>
#include <cstring>

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

namespace {
constexpr size_t kFields = sizeof(SiteRecord) / sizeof(uint32_t);
static_assert(kFields == 10);
// Field numbers (in SiteRecord order) stored as differences: pos0, allele_offset, allele_number,
// gt_block, gt_offset.
constexpr bool kDelta[kFields] = {true, true, false, false, false, true, false, false, true, true};

uint32_t ZigZag(uint32_t difference) {
  return (difference << 1) ^ static_cast<uint32_t>(-static_cast<int32_t>(difference >> 31));
}
uint32_t UnZigZag(uint32_t coded) {
  return (coded >> 1) ^ static_cast<uint32_t>(-static_cast<int32_t>(coded & 1));
}
}  // namespace

void PackSiteRecords(const SiteRecord* records, size_t n, char* out) {
  for (size_t field = 0; field < kFields; ++field) {
    uint32_t previous = 0;
    for (size_t i = 0; i < n; ++i) {
      uint32_t value;
      std::memcpy(&value, reinterpret_cast<const char*>(&records[i]) + field * sizeof(uint32_t),
                  sizeof(value));
      uint32_t stored = kDelta[field] ? ZigZag(value - previous) : value;
      previous = value;
      for (size_t byte = 0; byte < sizeof(uint32_t); ++byte) {
        out[(field * sizeof(uint32_t) + byte) * n + i] = static_cast<char>((stored >> (8 * byte)) & 0xFF);
      }
    }
  }
}

void UnpackSiteRecords(const char* in, size_t n, SiteRecord* records) {
  for (size_t field = 0; field < kFields; ++field) {
    uint32_t previous = 0;
    for (size_t i = 0; i < n; ++i) {
      uint32_t stored = 0;
      for (size_t byte = 0; byte < sizeof(uint32_t); ++byte) {
        stored |= static_cast<uint32_t>(static_cast<uint8_t>(in[(field * sizeof(uint32_t) + byte) * n + i]))
                  << (8 * byte);
      }
      uint32_t value = kDelta[field] ? previous + UnZigZag(stored) : stored;
      previous = value;
      std::memcpy(reinterpret_cast<char*>(&records[i]) + field * sizeof(uint32_t), &value, sizeof(value));
    }
  }
}

uint64_t Checksum(const void* data, size_t size) {
  return XXH3_64bits(data, size);
}

ChecksumStream::ChecksumStream() : state_(XXH3_createState()) {
  XXH3_64bits_reset(static_cast<XXH3_state_t*>(state_));
}
ChecksumStream::~ChecksumStream() {
  XXH3_freeState(static_cast<XXH3_state_t*>(state_));
}
void ChecksumStream::Update(const void* data, size_t size) {
  XXH3_64bits_update(static_cast<XXH3_state_t*>(state_), data, size);
}
uint64_t ChecksumStream::Digest() const {
  return XXH3_64bits_digest(static_cast<const XXH3_state_t*>(state_));
}

}  // namespace zenome::segment
