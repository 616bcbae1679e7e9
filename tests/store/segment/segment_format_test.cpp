// Column-wise packing of a sites block (segment::PackSiteRecords) is exact for any values, including
// fields that fall (negative differences) and the extremes of uint32.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "store/segment/format.h"

namespace zenome {
namespace {

using segment::SiteRecord;

bool Same(const SiteRecord& a, const SiteRecord& b) {
  return std::memcmp(&a, &b, sizeof(SiteRecord)) == 0;
}

TEST(SegmentFormatTest, PackedSiteRecordsUnpackExactly) {
  std::mt19937 random(7);
  for (size_t n : {1, 2, 77, 128}) {
    std::vector<SiteRecord> records(n);
    uint32_t pos = 1000;
    for (size_t i = 0; i < n; ++i) {
      pos += random() % 50;
      records[i] = {pos,
                    static_cast<uint32_t>(2 * i),
                    1,
                    1 + static_cast<uint32_t>(random() % 3),
                    static_cast<uint32_t>(random() % 40),
                    10000 - static_cast<uint32_t>(random() % 7),
                    static_cast<uint32_t>(random() % 20),
                    static_cast<uint32_t>(random() % 5),
                    static_cast<uint32_t>(i / 50),
                    static_cast<uint32_t>(random())};
    }
    // Extremes: a field dropping from the top of uint32 to 0 and back.
    records[0].allele_number = 0xFFFFFFFFu;
    records[n - 1].gt_offset = 0;
    records[n / 2].pos0 = 0xFFFFFFFFu;
    std::string packed(n * sizeof(SiteRecord), '\0');
    segment::PackSiteRecords(records.data(), n, packed.data());
    std::vector<SiteRecord> back(n);
    segment::UnpackSiteRecords(packed.data(), n, back.data());
    for (size_t i = 0; i < n; ++i) EXPECT_TRUE(Same(records[i], back[i])) << "n " << n << " record " << i;
  }
}

TEST(SegmentFormatTest, PackingGroupsLikeBytes) {
  // Ascending positions with equal counts: after packing, the high bytes of every field are zero
  // runs (what lets zstd shrink a block), and the layout is field by field, byte by byte.
  std::vector<SiteRecord> records(4);
  for (uint32_t i = 0; i < 4; ++i) records[i] = {100 + 3 * i, 2 * i, 1, 1, 1, 200, 1, 0, 0, 40 * i};
  std::string packed(4 * sizeof(SiteRecord), '\0');
  segment::PackSiteRecords(records.data(), 4, packed.data());
  // pos0: 100 then +3 three times, zigzag-coded (x2).
  EXPECT_EQ(static_cast<uint8_t>(packed[0]), 200);
  EXPECT_EQ(static_cast<uint8_t>(packed[1]), 6);
  EXPECT_EQ(static_cast<uint8_t>(packed[3]), 6);
  EXPECT_EQ(packed.substr(4, 12), std::string(12, '\0'));  // bytes 1-3 of pos0
}

}  // namespace
}  // namespace zenome
