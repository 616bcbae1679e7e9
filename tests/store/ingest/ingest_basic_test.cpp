// Ingest into the variant store and read back: counts per variant (ploidy, no-calls, multi-allelic
// splits, left-alignment, chr1/1), incremental batches, replacement, and bad input leaving the store
// untouched.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/variant_test_support.h"

namespace zenome {
namespace {

using testing::MakeVcf;
using testing::VariantStoreFixture;

AlleleCounts Counts(int64_t ac, int64_t an, int64_t het, int64_t hom_alt) {
  AlleleCounts counts;
  counts.allele_count = ac;
  counts.allele_number = an;
  counts.het = het;
  counts.hom_alt = hom_alt;
  return counts;
}

void ExpectCounts(const AlleleCounts& actual, const AlleleCounts& expected, const std::string& what) {
  EXPECT_EQ(actual.allele_count, expected.allele_count) << what << " AC";
  EXPECT_EQ(actual.allele_number, expected.allele_number) << what << " AN";
  EXPECT_EQ(actual.het, expected.het) << what << " het";
  EXPECT_EQ(actual.hom_alt, expected.hom_alt) << what << " hom_alt";
}

class IngestTest : public VariantStoreFixture {
 protected:
  // The first batch: alice (female, single-sample), bob (male, single-sample, haploid chrX/chrY),
  // carol (female) and dave (male) in one multi-sample VCF spelled with "1"/"X"/"Y" contigs.
  std::vector<std::string> FirstBatch() {
    const auto& g = genome_;
    v1_ = {"chr1", 99, g.Ref("chr1", 100), g.Alt("chr1", 100)};
    v2x_ = {"chr1", 199, g.Ref("chr1", 200), g.Alt("chr1", 200, 1)};
    v2y_ = {"chr1", 199, g.Ref("chr1", 200), g.Alt("chr1", 200, 2)};
    v3_ = {"chrX", 499, g.Ref("chrX", 500), g.Alt("chrX", 500)};
    v4_ = {"chrX", 799, g.Ref("chrX", 800), g.Alt("chrX", 800)};
    v5_ = {"chrY", 99, g.Ref("chrY", 100), g.Alt("chrY", 100)};
    deletion_ = {"chr1", 999, "GCA", "G"};
    std::string multi_alt = v2x_.alt + "," + v2y_.alt;
    std::string alice =
        MakeVcf(g.ContigHeader(), {"alice"},
                {"chr1\t100\t" + v1_.ref + "\t" + v1_.alt + "\t0/1",
                 "chr1\t200\t" + v2x_.ref + "\t" + multi_alt + "\t1/2",
                 // One CA of the repeat deleted, written right-shifted.
                 "chr1\t1008\tACA\tA\t0|1", "chrX\t500\t" + v3_.ref + "\t" + v3_.alt + "\t0/1",
                 "chrX\t800\t" + v4_.ref + "\t" + v4_.alt + "\t0/1"});
    std::string bob = MakeVcf(
        g.ContigHeader(), {"bob"},
        {"chr1\t100\t" + v1_.ref + "\t" + v1_.alt + "\t1/1", "chr1\t1000\tGCA\tG\t0/1",
         "chrX\t500\t" + v3_.ref + "\t" + v3_.alt + "\t1", "chrY\t100\t" + v5_.ref + "\t" + v5_.alt + "\t1"});
    std::string multi = MakeVcf(g.ContigHeader(/*without_chr=*/true), {"carol", "dave"},
                                {"1\t100\t" + v1_.ref + "\t" + v1_.alt + "\t0/0\t./.",
                                 "1\t200\t" + v2x_.ref + "\t" + multi_alt + "\t0/2\t2/2",
                                 "X\t500\t" + v3_.ref + "\t" + v3_.alt + "\t0/0\t1",
                                 "Y\t100\t" + v5_.ref + "\t" + v5_.alt + "\t.\t0"});
    return {Write("a.vcf", alice), Write("b.vcf", bob), Write("multi.vcf", multi)};
  }

  AlleleCounts CountsOf(const VariantStore& store, const VariantKey& key) {
    auto site = store.Variant(key, nullptr);
    EXPECT_TRUE(site.ok()) << site.status().ToString();
    EXPECT_TRUE(site->has_value()) << key.ToString();
    return site->has_value() ? (*site)->counts : AlleleCounts();
  }

  VariantKey v1_, v2x_, v2y_, v3_, v4_, v5_, deletion_;
};

TEST_F(IngestTest, CountsFollowGenotypesPloidyAndNoCalls) {
  auto stats = Ingest(FirstBatch());
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->samples, 4);
  EXPECT_EQ(stats->files, 3);
  EXPECT_EQ(stats->segment, "s000001");
  auto store = OpenVariants();
  ASSERT_EQ(store->samples().size(), 4u);
  EXPECT_EQ(store->samples()[0].pseudonym, Pseudonym("alice"));
  EXPECT_EQ(store->samples()[3].pseudonym, Pseudonym("dave"));

  // alice 0/1, bob 1/1, carol 0/0, dave ./.
  ExpectCounts(CountsOf(*store, v1_), Counts(3, 6, 1, 1), "v1");
  // 1/2 (alice), bob no record (hom-ref), 0/2 (carol), 2/2 (dave): split per ALT.
  ExpectCounts(CountsOf(*store, v2x_), Counts(1, 8, 1, 0), "v2 first ALT");
  ExpectCounts(CountsOf(*store, v2y_), Counts(4, 8, 2, 1), "v2 second ALT");
  // chrX: alice 0/1, bob hemizygous 1, carol 0/0, dave hemizygous 1.
  ExpectCounts(CountsOf(*store, v3_), Counts(3, 6, 1, 2), "chrX v3");
  // Only alice has a record; the males count one allele each.
  ExpectCounts(CountsOf(*store, v4_), Counts(1, 6, 1, 0), "chrX v4");
  // chrY: bob 1, dave 0; alice (no chrY) and carol (.) are not callable.
  ExpectCounts(CountsOf(*store, v5_), Counts(1, 2, 0, 1), "chrY v5");
  // Both spellings of the deletion are one variant, left-aligned.
  ExpectCounts(CountsOf(*store, deletion_), Counts(2, 8, 2, 0), "left-aligned deletion");
  auto right_shifted = store->Variant({"chr1", 1007, "ACA", "A"}, nullptr);
  ASSERT_TRUE(right_shifted.ok());
  EXPECT_FALSE(right_shifted->has_value());

  // A variant the store lacks is absent; the contig spelled "1" finds chr1.
  auto absent = store->Variant({"1", 99, v1_.ref, genome_.Alt("chr1", 100, 3)}, nullptr);
  ASSERT_TRUE(absent.ok());
  EXPECT_FALSE(absent->has_value());
  auto other_spelling = store->Variant({"1", 99, v1_.ref, v1_.alt}, nullptr);
  ASSERT_TRUE(other_spelling.ok() && other_spelling->has_value());
  EXPECT_EQ((*other_spelling)->key.contig, "chr1");

  EXPECT_EQ(store->contigs(), (std::vector<std::string>{"chr1", "chrX", "chrY"}));
}

TEST_F(IngestTest, RegionReturnsOverlappingSitesInOrder) {
  ASSERT_TRUE(Ingest(FirstBatch()).ok());
  auto store = OpenVariants();
  auto sites = store->Region("chr1", 0, 2000, nullptr);
  ASSERT_TRUE(sites.ok());
  ASSERT_EQ(sites->size(), 4u);
  EXPECT_EQ((*sites)[0].key, v1_);
  EXPECT_EQ((*sites)[1].key.pos0, 199);
  EXPECT_EQ((*sites)[2].key.pos0, 199);
  EXPECT_LT((*sites)[1].key.alt, (*sites)[2].key.alt);
  EXPECT_EQ((*sites)[3].key, deletion_);
  // A region inside the deletion's REF still finds it (pos 1001-1002 are deleted bases).
  auto inside = store->Region("chr1", 1001, 1002, nullptr);
  ASSERT_TRUE(inside.ok());
  ASSERT_EQ(inside->size(), 1u);
  EXPECT_EQ((*inside)[0].key, deletion_);
  // Half-open: [99, 100) holds v1, [100, 199) nothing.
  EXPECT_EQ(store->Region("chr1", 99, 100, nullptr)->size(), 1u);
  EXPECT_EQ(store->Region("chr1", 100, 199, nullptr)->size(), 0u);
  EXPECT_EQ(store->Region("chr7", 0, 100, nullptr)->size(), 0u);
  // Streamed: the same sites, counts and order; the visitor's error stops the scan.
  std::vector<SiteSummary> streamed;
  ASSERT_TRUE(store
                  ->ForEachSiteInRegion("chr1", 0, 2000, nullptr,
                                        [&](const SiteSummary& site) {
                                          streamed.push_back(site);
                                          return Status::Ok();
                                        })
                  .ok());
  ASSERT_EQ(streamed.size(), sites->size());
  for (size_t i = 0; i < streamed.size(); ++i) {
    EXPECT_EQ(streamed[i].key, (*sites)[i].key);
    EXPECT_EQ(streamed[i].counts.allele_count, (*sites)[i].counts.allele_count);
    EXPECT_EQ(streamed[i].counts.allele_number, (*sites)[i].counts.allele_number);
  }
  int visited = 0;
  Status stopped = store->ForEachSiteInRegion("chr1", 0, 2000, nullptr, [&](const SiteSummary&) {
    return ++visited == 2 ? Status::Conflict("enough") : Status::Ok();
  });
  EXPECT_EQ(stopped.code(), ErrorCode::kConflict);
  EXPECT_EQ(visited, 2);
  EXPECT_EQ(
      store->ForEachSiteInRegion("chr1", 10, 5, nullptr, [](const SiteSummary&) { return Status::Ok(); })
          .code(),
      ErrorCode::kUsage);
}

TEST_F(IngestTest, GroupCountsAndCarriers) {
  ASSERT_TRUE(Ingest(FirstBatch()).ok());
  auto store = OpenVariants();
  const auto& samples = store->samples();
  SampleGroups groups;
  groups.dimension = "test";
  groups.names = {"g1", "g2"};
  groups.groups_of_sample[samples[0].sample_id] = {0};     // alice
  groups.groups_of_sample[samples[1].sample_id] = {0};     // bob
  groups.groups_of_sample[samples[2].sample_id] = {1};     // carol
  groups.groups_of_sample[samples[3].sample_id] = {0, 1};  // dave in both
  auto site = store->Variant(v2y_, &groups);
  ASSERT_TRUE(site.ok() && site->has_value());
  ASSERT_EQ((*site)->groups.size(), 2u);
  // g1 = alice (het), bob (hom-ref), dave (hom-alt); g2 = carol (het), dave (hom-alt).
  ExpectCounts((*site)->groups[0], Counts(3, 6, 1, 1), "g1");
  ExpectCounts((*site)->groups[1], Counts(3, 4, 1, 1), "g2");
  ExpectCounts((*site)->counts, Counts(4, 8, 2, 1), "all");
  // chrX with haploid males: g1 = alice 0/1, bob 1, dave 1.
  auto x = store->Variant(v3_, &groups);
  ASSERT_TRUE(x.ok() && x->has_value());
  ExpectCounts((*x)->groups[0], Counts(3, 4, 1, 2), "chrX g1");
  // A no-call leaves AN: dave ./. at v1.
  auto v1 = store->Variant(v1_, &groups);
  ExpectCounts((*v1)->groups[1], Counts(0, 2, 0, 0), "v1 g2");
  // Region with groups agrees with Variant.
  auto region = store->Region("chr1", 199, 200, &groups);
  ASSERT_TRUE(region.ok());
  ASSERT_EQ(region->size(), 2u);
  ExpectCounts((*region)[1].groups[0], Counts(3, 6, 1, 1), "region g1");

  auto carriers = store->Carriers(v2y_);
  ASSERT_TRUE(carriers.ok());
  ASSERT_EQ(carriers->size(), 3u);
  EXPECT_EQ((*carriers)[0].pseudonym, Pseudonym("alice"));
  EXPECT_EQ((*carriers)[0].genotype, GenotypeCode::kHet);
  EXPECT_EQ((*carriers)[2].pseudonym, Pseudonym("dave"));
  EXPECT_EQ((*carriers)[2].genotype, GenotypeCode::kHomAlt);
  auto hemizygous = store->Carriers(v3_);
  ASSERT_TRUE(hemizygous.ok());
  ASSERT_EQ(hemizygous->size(), 3u);
  EXPECT_EQ((*hemizygous)[1].genotype, GenotypeCode::kHomAlt);
}

TEST_F(IngestTest, ForEachSiteWalksEveryContigInOrder) {
  ASSERT_TRUE(Ingest(FirstBatch()).ok());
  std::string erin = Write(
      "e.vcf", MakeVcf(genome_.ContigHeader(), {"erin"},
                       {"chr1\t100\t" + v1_.ref + "\t" + v1_.alt + "\t0/1",
                        "chrM\t50\t" + genome_.Ref("chrM", 50) + "\t" + genome_.Alt("chrM", 50) + "\t1"}));
  ASSERT_TRUE(Ingest({erin}).ok());
  auto store = OpenVariants();
  EXPECT_EQ(store->contigs(), (std::vector<std::string>{"chr1", "chrX", "chrY", "chrM"}));
  std::vector<SiteSummary> expected;
  for (const auto& contig : store->contigs()) {
    auto sites = store->Region(contig, 0, INT64_MAX, nullptr);
    ASSERT_TRUE(sites.ok());
    expected.insert(expected.end(), sites->begin(), sites->end());
  }
  std::vector<SiteSummary> visited;
  ASSERT_TRUE(store
                  ->ForEachSite(
                      [&](const SiteSummary& site) {
                        visited.push_back(site);
                        return Status::Ok();
                      },
                      nullptr)
                  .ok());
  ASSERT_EQ(visited.size(), expected.size());
  ASSERT_EQ(visited.size(), 8u);
  for (size_t i = 0; i < visited.size(); ++i) {
    EXPECT_EQ(visited[i].key, expected[i].key);
    ExpectCounts(visited[i].counts, expected[i].counts, visited[i].key.ToString());
  }
  // chrM: erin's haploid call, the first batch's four genomes hom-ref with ploidy 1.
  ExpectCounts(visited.back().counts, Counts(1, 5, 0, 1), "chrM");

  int sites = 0;
  Status status = store->ForEachSiteWithCarriers(
      "1", 0, 2000, [&](const SiteSummary& site, const std::vector<Carrier>& carriers) {
        auto direct = store->Carriers(site.key);
        EXPECT_TRUE(direct.ok());
        EXPECT_EQ(carriers.size(), direct->size()) << site.key.ToString();
        int64_t alleles = 0;
        for (const auto& carrier : carriers) alleles += carrier.genotype == GenotypeCode::kHet ? 1 : 2;
        EXPECT_EQ(alleles, site.counts.allele_count) << site.key.ToString();  // all diploid on chr1
        ++sites;
        return Status::Ok();
      });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(sites, 4);
}

TEST_F(IngestTest, BatchesAddSegmentsWithoutRewritingOldOnes) {
  ASSERT_TRUE(Ingest(FirstBatch()).ok());
  std::vector<std::string> before = SegmentListing();
  std::string manifest = testing::ReadFile(store_dir_ + "/segments/s000001/manifest.json");
  std::string erin = Write("e.vcf", MakeVcf(genome_.ContigHeader(), {"erin"},
                                            {"chr1\t100\t" + v1_.ref + "\t" + v1_.alt + "\t0/1"}));
  auto stats = Ingest({erin});
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->segment, "s000002");
  EXPECT_EQ(testing::ReadFile(store_dir_ + "/segments/s000001/manifest.json"), manifest);
  std::vector<std::string> after = SegmentListing();
  for (const auto& entry : before) {
    EXPECT_NE(std::find(after.begin(), after.end(), entry), after.end()) << entry << " changed";
  }
  auto store = OpenVariants();
  EXPECT_EQ(store->samples().size(), 5u);
  ExpectCounts(CountsOf(*store, v1_), Counts(4, 8, 2, 1), "v1 over two segments");
  // erin has no record at v2: hom-ref, two more alleles.
  ExpectCounts(CountsOf(*store, v2y_), Counts(4, 10, 2, 1), "v2 over two segments");
  // chrX in erin (female, no chrX record): diploid by default.
  ExpectCounts(CountsOf(*store, v3_), Counts(3, 8, 1, 2), "chrX over two segments");
}

TEST_F(IngestTest, StoredSampleIsRefusedUnlessReplaced) {
  ASSERT_TRUE(Ingest(FirstBatch()).ok());
  std::vector<std::string> before = SegmentListing();
  std::string bob_again =
      Write("bob2.vcf", MakeVcf(genome_.ContigHeader(), {"bob"}, {"chr1\t1000\tGCA\tG\t1/1"}));
  auto refused = Ingest({bob_again});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kConflict);
  EXPECT_NE(refused.status().message().find("--replace"), std::string::npos);
  EXPECT_EQ(SegmentListing(), before);

  auto replaced = Ingest({bob_again}, /*replace=*/true);
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(replaced->replaced, 1);
  auto store = OpenVariants();
  ASSERT_EQ(store->samples().size(), 4u);
  EXPECT_EQ(store->samples().back().pseudonym, Pseudonym("bob"));
  // bob's old 1/1 at v1 no longer counts; his new genome is hom-ref there.
  ExpectCounts(CountsOf(*store, v1_), Counts(1, 6, 1, 0), "v1 after replacing bob");
  // The deletion: old bob 0/1 out, new bob 1/1 in.
  ExpectCounts(CountsOf(*store, deletion_), Counts(3, 8, 1, 1), "deletion after replacing bob");
  // chrY: only dave's 0 is left (the new bob has no chrY calls and no haploid X: not callable).
  ExpectCounts(CountsOf(*store, v5_), Counts(0, 1, 0, 0), "chrY after replacing bob");
  auto carriers = store->Carriers(v1_);
  ASSERT_TRUE(carriers.ok());
  ASSERT_EQ(carriers->size(), 1u);
  EXPECT_EQ((*carriers)[0].pseudonym, Pseudonym("alice"));
  // Region sums agree with Variant for a segment with a replaced sample.
  auto region = store->Region("chr1", 99, 100, nullptr);
  ASSERT_TRUE(region.ok() && region->size() == 1u);
  ExpectCounts((*region)[0].counts, Counts(1, 6, 1, 0), "region after replacing bob");
}

TEST_F(IngestTest, SampleTwiceInOneBatchIsAnError) {
  std::string one = Write("f1.vcf", MakeVcf(genome_.ContigHeader(), {"frank"}, {"chr1\t100\tA\tC\t0/1"}));
  std::string two = Write("f2.vcf", MakeVcf(genome_.ContigHeader(), {"frank"}, {"chr1\t300\tA\tC\t0/1"}));
  auto result = Ingest({one, two});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("once per batch"), std::string::npos) << result.status().message();
  EXPECT_EQ(result.status().message().find("frank"), std::string::npos)
      << "raw name in: " << result.status().message();
  std::string same =
      Write("f3.vcf", MakeVcf(genome_.ContigHeader(), {"gina", "gina"}, {"chr1\t100\tA\tC\t0/1\t0/0"}));
  EXPECT_FALSE(Ingest({same}).ok());
}

TEST_F(IngestTest, BadInputNamesTheProblemAndCommitsNothing) {
  ASSERT_TRUE(Ingest(FirstBatch()).ok());
  std::vector<std::string> before = SegmentListing();
  const auto& g = genome_;
  std::string good = Write(
      "good.vcf", MakeVcf(g.ContigHeader(), {"hank"}, {"chr1\t100\t" + v1_.ref + "\t" + v1_.alt + "\t0/1"}));

  std::string malformed_text = MakeVcf(g.ContigHeader(), {"ivan"},
                                       {"chr1\t100\t" + v1_.ref + "\t" + v1_.alt + "\t0/1",
                                        "chr1\tabc\t" + v1_.ref + "\t" + v1_.alt + "\t0/1"});
  std::string malformed = Write("malformed.vcf", malformed_text);
  auto result = Ingest({good, malformed});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("malformed.vcf:9"), std::string::npos)
      << result.status().message();
  EXPECT_NE(result.status().message().find("POS"), std::string::npos) << result.status().message();
  EXPECT_EQ(SegmentListing(), before);

  std::string unknown = Write("unknown.vcf", MakeVcf(g.ContigHeader() + "##contig=<ID=chr9,length=100>\n",
                                                     {"ivan"}, {"chr9\t10\tA\tC\t0/1"}));
  result = Ingest({unknown});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("unknown contig 'chr9'"), std::string::npos)
      << result.status().message();
  EXPECT_NE(result.status().message().find("unknown.vcf:"), std::string::npos);
  EXPECT_EQ(SegmentListing(), before);

  std::string wrong_build = Write("build.vcf", MakeVcf("##contig=<ID=chr1,length=248956422>\n", {"ivan"},
                                                       {"chr1\t100\t" + v1_.ref + "\t" + v1_.alt + "\t0/1"}));
  result = Ingest({wrong_build});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kConflict);
  EXPECT_NE(result.status().message().find("mismatch"), std::string::npos) << result.status().message();

  std::string wrong_ref = Write(
      "ref.vcf", MakeVcf(g.ContigHeader(), {"ivan"}, {"chr1\t100\t" + v1_.alt + "\t" + v1_.ref + "\t0/1"}));
  result = Ingest({wrong_ref});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("does not match the reference"), std::string::npos);

  // Records of chr1 again after chrX: not sorted. (Small disorder within a contig is repaired by the
  // normaliser's sort window, as bcftools norm does.)
  std::string unsorted = Write(
      "unsorted.vcf", MakeVcf(g.ContigHeader(), {"ivan"},
                              {"chr1\t100\t" + v1_.ref + "\t" + v1_.alt + "\t0/1",
                               "chrX\t500\t" + v3_.ref + "\t" + v3_.alt + "\t0/1",
                               "chr1\t300\t" + g.Ref("chr1", 300) + "\t" + g.Alt("chr1", 300) + "\t0/1"}));
  result = Ingest({unsorted});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("sorted"), std::string::npos) << result.status().message();
  EXPECT_NE(result.status().message().find("unsorted.vcf:10"), std::string::npos)
      << result.status().message();

  std::string sites_only = Write("sites.vcf", "##fileformat=VCFv4.2\n" + g.ContigHeader() +
                                                  "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
                                                  "chr1\t100\t.\t" +
                                                  v1_.ref + "\t" + v1_.alt + "\t.\t.\t.\n");
  result = Ingest({sites_only});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("no samples"), std::string::npos);
  EXPECT_EQ(SegmentListing(), before);
  EXPECT_EQ(OpenVariants()->samples().size(), 4u);
}

TEST_F(IngestTest, BuildNamedByReferenceLineMustMatchTheStore) {
  // A GRCh38 store without a reference FASTA: only the headers can tell the build.
  testing::TempDir other;
  std::string grch38 = other.File("store38");
  StoreInitOptions options;
  options.build = GenomeBuild::kGRCh38;
  ASSERT_TRUE(InitStore(grch38, options).ok());
  store_dir_ = grch38;
  std::string hg19 =
      Write("hg19.vcf", MakeVcf("##reference=file:///refs/hg19.fa\n##contig=<ID=chr1,length=2000>\n",
                                {"judy"}, {"chr1\t100\tA\tC\t0/1"}));
  auto result = Ingest({hg19});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), ErrorCode::kConflict);
  EXPECT_NE(result.status().message().find("GRCh37"), std::string::npos) << result.status().message();
  std::string b37_lengths =
      Write("b37.vcf", MakeVcf("##contig=<ID=1,length=249250621>\n", {"judy"}, {"1\t100\tA\tC\t0/1"}));
  result = Ingest({b37_lengths});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("GRCh37"), std::string::npos) << result.status().message();
  // A GRCh38 file is accepted, and its contig lengths are recorded for the next batch.
  std::string hg38 = Write("hg38.vcf", MakeVcf("##reference=GRCh38\n##contig=<ID=chr1,length=248956422>\n",
                                               {"judy"}, {"chr1\t100\tA\tC\t0/1"}));
  ASSERT_TRUE(Ingest({hg38}).ok());
  std::string shorter =
      Write("short.vcf", MakeVcf("##contig=<ID=1,length=1000>\n", {"kim"}, {"1\t100\tA\tC\t0/1"}));
  result = Ingest({shorter});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("mismatch"), std::string::npos) << result.status().message();
}

TEST_F(IngestTest, RawSampleNamesAreNeverStored) {
  std::vector<std::string> batch = FirstBatch();
  // A file named after its sample: the name is scrubbed from the recorded source too.
  std::string named = Write("ZZRAWNAME7.vcf", MakeVcf(genome_.ContigHeader(), {"ZZRAWNAME7"},
                                                      {"chr1\t100\t" + v1_.ref + "\t" + v1_.alt + "\t0/1"}));
  batch.push_back(named);
  ASSERT_TRUE(Ingest(batch).ok());
  for (const auto& entry : std::filesystem::recursive_directory_iterator(store_dir_)) {
    if (!entry.is_regular_file()) continue;
    std::string bytes = testing::ReadFile(entry.path().string());
    for (const char* raw : {"alice", "carol", "dave", "ZZRAWNAME7"}) {
      EXPECT_EQ(bytes.find(raw), std::string::npos) << raw << " found in " << entry.path();
    }
  }
}

TEST_F(IngestTest, GvcfCoverageSeparatesNoCallFromHomRef) {
  const auto& g = genome_;
  std::string header = g.ContigHeader() +
                       "##ALT=<ID=NON_REF,Description=\"Any other allele\">\n"
                       "##INFO=<ID=END,Number=1,Type=Integer,Description=\"End of the block\">\n";
  auto gvcf = [&](const std::string& sample, const std::vector<std::string>& lines) {
    std::string text = MakeVcf(header, {sample}, {});
    for (const auto& line : lines) text += line + "\n";
    return text;
  };
  auto block = [&](int64_t from, int64_t to, const std::string& gt) {
    return "chr1\t" + std::to_string(from) + "\t.\t" + g.Ref("chr1", from) +
           "\t<NON_REF>\t.\t.\tEND=" + std::to_string(to) + "\tGT\t" + gt;
  };
  auto call = [&](int64_t pos, const std::string& gt) {
    return "chr1\t" + std::to_string(pos) + "\t.\t" + g.Ref("chr1", pos) + "\t" + g.Alt("chr1", pos) +
           ",<NON_REF>\t50\tPASS\t.\tGT\t" + gt;
  };
  // g1: callable over 1-800 with a het at 500. g2: callable over 1-299 with a het at 250; a no-call
  // block at 300-600; nothing after.
  std::string one =
      Write("g1.g.vcf", gvcf("gvcf1", {block(1, 499, "0/0"), call(500, "0/1"), block(501, 800, "0/0")}));
  std::string two = Write("g2.g.vcf", gvcf("gvcf2", {block(1, 249, "0/0"), call(250, "0/1"),
                                                     block(251, 299, "0/0"), block(300, 600, "./.")}));
  auto stats = Ingest({one, two});
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->reference_blocks, 5);
  EXPECT_EQ(stats->variants, 2);
  auto store = OpenVariants();
  VariantKey at500{"chr1", 499, g.Ref("chr1", 500), g.Alt("chr1", 500)};
  VariantKey at250{"chr1", 249, g.Ref("chr1", 250), g.Alt("chr1", 250)};
  ExpectCounts(CountsOf(*store, at500), Counts(1, 2, 1, 0), "g1's het, g2 not covered");
  ExpectCounts(CountsOf(*store, at250), Counts(1, 4, 1, 0), "g2's het, g1 covered hom-ref");
  // A later plain-VCF batch: its variant at 700 counts g1 (covered) but not g2.
  std::string plain =
      Write("p.vcf", MakeVcf(g.ContigHeader(), {"plain"},
                             {"chr1\t700\t" + g.Ref("chr1", 700) + "\t" + g.Alt("chr1", 700) + "\t1/1"}));
  ASSERT_TRUE(Ingest({plain}).ok());
  store = OpenVariants();
  ExpectCounts(CountsOf(*store, {"chr1", 699, g.Ref("chr1", 700), g.Alt("chr1", 700)}), Counts(2, 4, 0, 1),
               "plain VCF variant over a gVCF segment");
  ExpectCounts(CountsOf(*store, at500), Counts(1, 4, 1, 0), "gVCF variant over a plain segment");
}

TEST_F(IngestTest, ThreadsGiveTheSameSegment) {
  std::vector<std::string> batch = FirstBatch();
  ASSERT_TRUE(Ingest(batch, false, 1).ok());
  std::string manifest_one = testing::ReadFile(store_dir_ + "/segments/s000001/manifest.json");
  testing::TempDir other;
  std::string second = other.File("store");
  StoreInitOptions options;
  options.build = GenomeBuild::kCustom;
  options.reference_fasta = reference_;
  ASSERT_TRUE(InitStore(second, options).ok());
  store_dir_ = second;
  ASSERT_TRUE(Ingest(batch, false, 4).ok());
  EXPECT_EQ(testing::ReadFile(second + "/segments/s000001/manifest.json"), manifest_one);
}

TEST_F(IngestTest, ParseVariantKeyUnifiesAndNormalises) {
  ASSERT_TRUE(Ingest(FirstBatch()).ok());
  auto store = OpenStore(store_dir_, false);
  ASSERT_TRUE(store.ok());
  auto key = ParseVariantKey(*store, "1-100-" + v1_.ref + "-" + v1_.alt);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(*key, v1_);
  key = ParseVariantKey(*store, " chr1:1008:ACA:A ");
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(*key, deletion_);
  EXPECT_EQ(ParseVariantKey(*store, "chr1-100-A").status().code(), ErrorCode::kUsage);
  EXPECT_EQ(ParseVariantKey(*store, "chr1-x-A-C").status().code(), ErrorCode::kUsage);
  EXPECT_EQ(ParseVariantKey(*store, "chr9-100-A-C").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(ParseVariantKey(*store, "chr1-100-" + v1_.alt + "-" + v1_.ref).status().code(),
            ErrorCode::kBadInput);
}

}  // namespace
}  // namespace zenome
