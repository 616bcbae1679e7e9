// Compaction (store/compact.h) at the level of columns and intervals: segments that hold different
// contigs, gVCF coverage, haploid chrX/chrY and chrM calls, no calls; every genome's ploidy at
// every position and every site's counts and carriers are the same before and after, and a
// segment whose genomes were all replaced disappears under --drop-replaced.
#include <gtest/gtest.h>

#include <sstream>

#include "core/contig_names.h"
#include "store/admin/check.h"
#include "store/admin/compact.h"
#include "store/segment/reader.h"
#include "store/variant_test_support.h"

namespace zenome {
namespace {

using testing::MakeVcf;
using testing::VariantStoreFixture;

class CompactLayoutTest : public VariantStoreFixture {
 protected:
  void SetUp() override {
    VariantStoreFixture::SetUp();
    const auto& g = genome_;
    auto site = [&](const std::string& contig, int pos, const std::string& genotypes) {
      return contig + "\t" + std::to_string(pos) + "\t" + g.Ref(contig, pos) + "\t" + g.Alt(contig, pos) +
             "\t" + genotypes;
    };
    // 1: a male (haploid X and Y calls) and a female, on chr1, chrX, chrY.
    ASSERT_TRUE(Ingest({Write("pair.vcf", MakeVcf(g.ContigHeader(), {"m1", "f1"},
                                                  {site("chr1", 100, "0/1\t1/1"),
                                                   site("chr1", 500, "0/0\t0/1"), site("chrX", 300, "1\t0/1"),
                                                   site("chrX", 900, "0\t1/1"), site("chrY", 200, "1\t.")}))})
                    .ok());
    // 2: a gVCF covering chr1:1-800 only, with a het at 500.
    std::string header = g.ContigHeader() +
                         "##ALT=<ID=NON_REF,Description=\"Any other allele\">\n"
                         "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End of the block\">\n";
    std::string gvcf = MakeVcf(header, {"g1"}, {});
    gvcf += "chr1\t1\t.\t" + g.Ref("chr1", 1) + "\t<NON_REF>\t.\t.\tEND=499\tGT\t0/0\n";
    gvcf += "chr1\t500\t.\t" + g.Ref("chr1", 500) + "\t" + g.Alt("chr1", 500) +
            ",<NON_REF>\t50\tPASS\t.\tGT\t0/1\n";
    gvcf += "chr1\t501\t.\t" + g.Ref("chr1", 501) + "\t<NON_REF>\t.\t.\tEND=800\tGT\t0/0\n";
    ASSERT_TRUE(Ingest({Write("g1.g.vcf", gvcf)}).ok());
    // 3: chrM only.
    ASSERT_TRUE(Ingest({Write("m.vcf", MakeVcf(g.ContigHeader(), {"mt1"}, {site("chrM", 50, "1")}))}).ok());
    // 4: chr1 only, with a no call at a site another segment holds.
    ASSERT_TRUE(Ingest({Write("nc.vcf", MakeVcf(g.ContigHeader(), {"nc1"},
                                                {site("chr1", 100, "./."), site("chr1", 1500, "0/1")}))})
                    .ok());
  }

  // Counts and carriers of every site, and every genome's ploidy every 25 bp of every contig.
  std::string Describe() {
    auto store = OpenVariants();
    std::ostringstream out;
    for (const auto& [contig, sequence] : genome_.contigs) {
      auto sites = store->Region(contig, 0, static_cast<int64_t>(sequence.size()), nullptr);
      EXPECT_TRUE(sites.ok());
      for (const auto& site : *sites) {
        out << contig << ':' << site.key.pos0 << site.key.ref << '>' << site.key.alt << " AC "
            << site.counts.allele_count << " AN " << site.counts.allele_number << " het " << site.counts.het
            << " hom " << site.counts.hom_alt << " carriers";
        auto carriers = store->Carriers(site.key);
        EXPECT_TRUE(carriers.ok());
        for (const auto& carrier : *carriers) {
          out << ' ' << carrier.pseudonym << '=' << static_cast<int>(carrier.genotype);
        }
        out << '\n';
      }
      for (const auto& sample : store->samples()) {
        out << sample.pseudonym << ' ' << contig << " ploidy";
        for (const auto& segment : store->segments()) {
          for (size_t column = 0; column < segment.sample_ids.size(); ++column) {
            if (segment.sample_ids[column] != sample.sample_id) continue;
            const SegmentContigView* view = segment.reader->contig(contig);
            for (size_t pos0 = 0; pos0 < sequence.size(); pos0 += 25) {
              out << ' ' << segment.reader->Ploidy(view, CanonicalContigName(contig), column, pos0);
            }
          }
        }
        out << '\n';
      }
    }
    return out.str();
  }

  Result<CompactStats> Compact(const CompactOptions& options) {
    ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(store_dir_, true));
    return CompactStore(store, options);
  }

  void ExpectConsistent() {
    auto store = OpenStore(store_dir_, false);
    ASSERT_TRUE(store.ok());
    CheckOptions options;
    options.full = true;
    auto report = CheckStore(*store, options);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok()) << report->problems.front();
  }
};

TEST_F(CompactLayoutTest, PloidyCountsAndCarriersSurviveCompaction) {
  std::string before = Describe();
  ASSERT_NE(before.find(Pseudonym("m1") + " chrY ploidy 1"), std::string::npos) << before;
  ASSERT_NE(before.find(Pseudonym("f1") + " chrY ploidy 0"), std::string::npos) << before;
  auto stats = Compact({});
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->segments_before, 4);
  EXPECT_EQ(stats->segments_after, 1);
  EXPECT_EQ(stats->segments_merged, 4);
  EXPECT_EQ(stats->samples, 5);
  EXPECT_EQ(stats->variants, 7);  // chr1 100, 500 (in two segments), 1500; chrX 300, 900; chrY 200; chrM 50
  ExpectConsistent();
  EXPECT_EQ(Describe(), before);
  auto store = OpenVariants();
  ASSERT_EQ(store->segments().size(), 1u);
  // The merged segment holds every contig any old one held.
  EXPECT_EQ(store->segments()[0].reader->contigs().size(), 4u);
}

TEST_F(CompactLayoutTest, ASegmentOfOnlyReplacedGenomesIsDropped) {
  const auto& g = genome_;
  // mt1 again, now with a chr1 call: segment 3 then holds only a replaced genome.
  std::string again =
      Write("m2.vcf", MakeVcf(g.ContigHeader(), {"mt1"},
                              {"chr1\t700\t" + g.Ref("chr1", 700) + "\t" + g.Alt("chr1", 700) + "\t0/1"}));
  ASSERT_TRUE(Ingest({again}, /*replace=*/true).ok());
  std::string before = Describe();
  CompactOptions options;
  options.max_samples = 1;
  options.drop_replaced = true;
  auto stats = Compact(options);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  // Only segment 3 has anything to drop; alone in its run, it goes without a successor.
  EXPECT_EQ(stats->segments_merged, 1);
  EXPECT_EQ(stats->dropped, 1);
  EXPECT_TRUE(stats->created.empty());
  EXPECT_EQ(stats->segments_after, 4);
  ExpectConsistent();
  EXPECT_FALSE(std::filesystem::exists(store_dir_ + "/segments/s000003"));
  // The variant only the replaced genome carried (reported with AC 0 while it was kept) is gone;
  // nothing else changed.
  std::string dropped_site =
      "chrM:49" + g.Ref("chrM", 50) + ">" + g.Alt("chrM", 50) + " AC 0 AN 4 het 0 hom 0 carriers\n";
  size_t at = before.find(dropped_site);
  ASSERT_NE(at, std::string::npos) << before;
  EXPECT_EQ(Describe(), before.erase(at, dropped_site.size()));
}

TEST_F(CompactLayoutTest, AReallyMissingSegmentIsAnErrorAfterRereadingTheCatalog) {
  // Not a compaction in progress: the catalog still lists it on every re-read.
  std::filesystem::remove_all(store_dir_ + "/segments/s000002");
  auto store = OpenStore(store_dir_, false);
  ASSERT_TRUE(store.ok());
  auto variants = VariantStore::Open(*store);
  ASSERT_FALSE(variants.ok());
  EXPECT_NE(
      variants.status().message().find("s000002: the segment directory is missing; run zenome db check"),
      std::string::npos)
      << variants.status().ToString();
}

}  // namespace
}  // namespace zenome
