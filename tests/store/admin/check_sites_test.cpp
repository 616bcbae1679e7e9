// `db check` on sites ingest never writes: a store written before the VCF reader rejected ALT ==
// REF (or a damaged one) may hold them. The test writes such a segment through the segment writer,
// seals it as ingest would (so only the site checks can notice), and expects each site named.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "store/admin/check.h"
#include "store/catalog/catalog.h"
#include "store/segment/genotype_codec.h"
#include "store/segment/io.h"
#include "store/segment/publish.h"
#include "store/segment/reader.h"
#include "store/segment/writer.h"
#include "store/variant_test_support.h"

namespace zenome {
namespace {

using testing::MakeVcf;
using testing::VariantStoreFixture;

struct Site {
  uint32_t pos1;
  std::string ref;
  std::string alt;
};

class CheckSitesTest : public VariantStoreFixture {
 protected:
  void SetUp() override {
    VariantStoreFixture::SetUp();
    const auto& g = genome_;
    std::string vcf = MakeVcf(g.ContigHeader(), {"p1"},
                              {"chr1\t100\t" + g.Ref("chr1", 100) + "\t" + g.Alt("chr1", 100) + "\t0/1"});
    ASSERT_TRUE(Ingest({Write("one.vcf", vcf)}).ok());
  }

  // Replaces segment 1's chr1 sites by `sites` (each a het call of the one sample, counts to match)
  // and re-seals the manifest and the catalog's checksum, as a bug would.
  void RewriteChr1(const std::vector<Site>& sites) {
    std::string dir = store_dir_ + "/segments/s000001";
    auto manifest_file = MappedFile::Open(dir + "/manifest.json");
    ASSERT_TRUE(manifest_file.ok());
    auto manifest = ParseSegmentManifest(
        std::string_view(reinterpret_cast<const char*>((*manifest_file)->data()), (*manifest_file)->size()),
        "manifest.json");
    ASSERT_TRUE(manifest.ok()) << manifest.status().message();
    manifest_file->reset();
    ASSERT_EQ(manifest->contigs.size(), 1U);
    ASSERT_EQ(manifest->contigs[0].name, "chr1");
    const std::string stem = manifest->contigs[0].stem;
    for (const char* extension : {".sites", ".gt", ".cover"})
      std::filesystem::remove(dir + "/" + stem + extension);
    auto writer = SegmentContigWriter::Create(dir, stem, 1);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    const uint8_t het = static_cast<uint8_t>(GenotypeCode::kHet);
    std::string row;
    EncodeGenotypeRow(&het, 1, row);
    SiteCounts counts;
    counts.allele_count = 1;
    counts.allele_number = 2;
    counts.het = 1;
    for (const auto& site : sites)
      ASSERT_TRUE((*writer)->Add(site.pos1 - 1, site.ref, site.alt, counts, row).ok());
    ASSERT_TRUE((*writer)->Finish({{{0, segment::kContigEnd, 2}}}, {{0, 2}}).ok());
    manifest->contigs[0].sites = sites.size();
    manifest->n_variants = sites.size();
    uint64_t bytes = 0;
    auto text = SealSegment(dir, *manifest, bytes);
    ASSERT_TRUE(text.ok()) << text.status().message();
    auto catalog = Catalog::Open(store_dir_ + "/catalog.sqlite", Catalog::Mode::kReadWrite);
    ASSERT_TRUE(catalog.ok());
    auto update =
        (*catalog)->Prepare("UPDATE segments SET checksum = ?1, n_variants = ?2 WHERE segment_id = 1");
    ASSERT_TRUE(update.ok());
    update->Bind(1, Sha256Hex(*text)).Bind(2, static_cast<int64_t>(sites.size()));
    ASSERT_TRUE(update->Run().ok());
  }

  CheckReport Check() {
    auto store = OpenStore(store_dir_, false);
    EXPECT_TRUE(store.ok());
    CheckOptions options;
    options.full = true;
    auto report = CheckStore(*store, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : CheckReport{};
  }

  // A base of chr1 other than the reference's at pos1 and other than `also_not`.
  std::string Other(uint32_t pos1, char also_not = 0) const {
    for (char base : std::string("ACGT")) {
      if (base != genome_.Ref("chr1", pos1)[0] && base != also_not) return std::string(1, base);
    }
    return "N";
  }
};

TEST_F(CheckSitesTest, ConsistentRewriteIsClean) {
  // The rewrite itself leaves a consistent store: what the other tests find is the sites.
  RewriteChr1({{100, genome_.Ref("chr1", 100), Other(100)}, {1000, "GCA", "G"}});
  CheckReport report = Check();
  EXPECT_TRUE(report.ok()) << ::testing::PrintToString(report.problems);
  EXPECT_EQ(report.sites_checked, 2);
}

TEST_F(CheckSitesTest, SitesIngestNeverWritesAreReported) {
  const auto& g = genome_;
  std::string r300 = g.Ref("chr1", 300);
  std::string r400 = g.Ref("chr1", 400, 2);
  std::string r500 = g.Ref("chr1", 500, 2);
  std::vector<Site> sites = {
      {100, g.Ref("chr1", 100), g.Ref("chr1", 100)},         // ALT == REF
      {200, g.Ref("chr1", 200), "R"},                        // IUPAC code
      {300, r300, "c"},                                      // lower case
      {400, r400, Other(400) + r400.substr(1)},              // shared last base
      {500, r500, r500.substr(0, 1) + Other(501, r500[1])},  // shared first base
      {600, Other(600), g.Ref("chr1", 600)},                 // REF not the reference's
      {700, g.Ref("chr1", 700), Other(700)},                 // stored twice
      {700, g.Ref("chr1", 700), Other(700)},
      {1008, "ACA", "A"},  // the CA deletion, right-shifted: left-aligned it is 1000 GCA>G
  };
  RewriteChr1(sites);
  CheckReport report = Check();
  const std::string where = "segment s000001: site chr1:";
  std::vector<std::string> expected = {
      where + "100:" + sites[0].ref + ":" + sites[0].alt + ": REF equals ALT (not a variant)",
      where + "200:" + sites[1].ref + ":R: bases other than A, C, G, T, N in ALT",
      where + "300:" + r300 + ":c: bases other than A, C, G, T, N in ALT",
      where + "400:" + sites[3].ref + ":" + sites[3].alt +
          ": not normalised: REF and ALT end with the same base (not trimmed)",
      where + "500:" + sites[4].ref + ":" + sites[4].alt +
          ": not normalised: REF and ALT share their first base beyond the one anchoring an indel (not "
          "trimmed)",
  };
  // Five per contig, then a count.
  std::vector<std::string> first(report.problems.begin(),
                                 report.problems.begin() + std::min<size_t>(5, report.problems.size()));
  EXPECT_EQ(first, expected);
  ASSERT_GE(report.problems.size(), 6U);
  EXPECT_EQ(report.problems[5], "segment s000001: 3 more such sites on chr1");
  EXPECT_EQ(report.problems.size(), 6U) << ::testing::PrintToString(report.problems);
}

TEST_F(CheckSitesTest, ReferenceDuplicateAndAlignmentProblemsAreNamed) {
  const auto& g = genome_;
  std::string wrong = Other(600);
  RewriteChr1({
      {600, wrong, g.Ref("chr1", 600)},
      {700, g.Ref("chr1", 700), Other(700)},
      {700, g.Ref("chr1", 700), Other(700)},
      {1008, "ACA", "A"},
  });
  CheckReport report = Check();
  const std::string where = "segment s000001: site chr1:";
  EXPECT_EQ(report.problems,
            (std::vector<std::string>{
                where + "600:" + wrong + ":" + g.Ref("chr1", 600) +
                    ": REF does not match the reference, which has " + g.Ref("chr1", 600) + " there",
                where + "700:" + g.Ref("chr1", 700) + ":" + Other(700) + " is stored twice",
                where + "1008:ACA:A: not normalised: left-aligned and trimmed it is chr1:1000:GCA:G",
            }));
  // Without the reference the alignment and REF cannot be checked, and the report says so.
  std::filesystem::rename(reference_, reference_ + ".moved");
  std::filesystem::rename(reference_ + ".fai", reference_ + ".fai.moved");
  CheckReport without = Check();
  EXPECT_EQ(without.problems, (std::vector<std::string>{where + "700:" + g.Ref("chr1", 700) + ":" +
                                                        Other(700) + " is stored twice"}));
  EXPECT_EQ(without.notes, (std::vector<std::string>{"the store's reference " + reference_ +
                                                     " cannot be read; sites were not checked against it"}));
}

TEST_F(CheckSitesTest, UnsortedSitesAreReported) {
  const auto& g = genome_;
  RewriteChr1({{300, g.Ref("chr1", 300), Other(300)}, {200, g.Ref("chr1", 200), Other(200)}});
  CheckReport report = Check();
  ASSERT_FALSE(report.problems.empty());
  EXPECT_EQ(report.problems[0], "segment s000001: sites out of order at chr1:200:" + g.Ref("chr1", 200) +
                                    ":" + Other(200) + " (after chr1:300:" + g.Ref("chr1", 300) + ":" +
                                    Other(300) + ")");
}

TEST_F(CheckSitesTest, CliExitsOneAndNamesTheSite) {
  const auto& g = genome_;
  RewriteChr1({{100, g.Ref("chr1", 100), g.Ref("chr1", 100)}});
  auto result = testing::RunZenome("db check " + store_dir_);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  std::string expected = "segment s000001: site chr1:100:" + g.Ref("chr1", 100) + ":" + g.Ref("chr1", 100) +
                         ": REF equals ALT (not a variant)";
  EXPECT_NE((result.out + result.err).find(expected), std::string::npos) << result.out << result.err;
}

TEST_F(CheckSitesTest, DamagedContigListIsAProblemNotAnInternalError) {
  {
    auto catalog = Catalog::Open(store_dir_ + "/catalog.sqlite", Catalog::Mode::kReadWrite);
    ASSERT_TRUE(catalog.ok());
    ASSERT_TRUE((*catalog)->SetMeta("contigs", R"([{"name": "chr1", "length": "2000"}])").ok());
  }
  const std::string expected =
      store_dir_ + "/catalog.sqlite: meta 'contigs' has a length that is not an integer";
  CheckReport report = Check();
  EXPECT_EQ(report.problems, std::vector<std::string>{expected});
  auto stats = testing::RunZenome("db stats " + store_dir_);
  EXPECT_EQ(stats.exit_code, 1);
  EXPECT_EQ(stats.err, "zenome db: error: " + expected + "\n");
}

}  // namespace
}  // namespace zenome
