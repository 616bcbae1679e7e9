// AnnotateStore as a library call (no CLI): a hand-built coding gene on the variant-store test
// genome, variants with known effects ingested into a store, and their stored gene annotations
// (consequence, impact, HGVS, provenance); a rerun replaces them, and a failed run keeps them.
#include "store_annotate/store_annotate.h"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "core/diagnostics.h"
#include "store/variant_test_support.h"
#include "store/variants/annotations.h"

namespace zenome {
namespace {

using testing::MakeVcf;
using testing::VariantStoreFixture;

// GENEA (GA, + strand) is chr1:101-400 (1-based), one exon, one coding transcript TA1.1 whose CDS
// is chr1:121-300: ATG TGG GCT (GCT x 56) TAA. GENEB (GB) is a non-coding gene on the - strand at
// chr1:1501-1800, so every chr1 variant below is downstream of it. chrX has no genes.
constexpr int64_t kCdsStart = 121;

std::string CodingSequence() {
  std::string cds = "ATGTGGGCT";
  for (int i = 0; i < 56; ++i) cds += "GCT";
  return cds + "TAA";
}

std::string GeneModelText() {
  return "##gff-version 3\n"
         "chr1\ttest\tgene\t101\t400\t.\t+\t.\tID=gene:GA;Name=GENEA;biotype=protein_coding;gene_id=GA;"
         "version=1\n"
         "chr1\ttest\tmRNA\t101\t400\t.\t+\t.\tID=transcript:TA1;Parent=gene:GA;biotype=protein_coding;"
         "tag=basic,Ensembl_canonical;transcript_id=TA1;version=1\n"
         "chr1\ttest\texon\t101\t400\t.\t+\t.\tParent=transcript:TA1;exon_id=EA1;rank=1\n"
         "chr1\ttest\tfive_prime_UTR\t101\t120\t.\t+\t.\tParent=transcript:TA1\n"
         "chr1\ttest\tCDS\t121\t300\t.\t+\t0\tID=CDS:PA1;Parent=transcript:TA1;protein_id=PA1\n"
         "chr1\ttest\tthree_prime_UTR\t301\t400\t.\t+\t.\tParent=transcript:TA1\n"
         "###\n"
         "chr1\ttest\tncRNA_gene\t1501\t1800\t.\t-\t.\tID=gene:GB;Name=GENEB;biotype=lncRNA;gene_id=GB;"
         "version=1\n"
         "chr1\ttest\tlnc_RNA\t1501\t1800\t.\t-\t.\tID=transcript:TB1;Parent=gene:GB;biotype=lncRNA;"
         "transcript_id=TB1;version=1\n"
         "chr1\ttest\texon\t1501\t1800\t.\t-\t.\tParent=transcript:TB1;exon_id=EB1;rank=1\n";
}

class StoreAnnotateTest : public VariantStoreFixture {
 protected:
  StoreAnnotateTest() {
    // Written before the fixture's SetUp writes the reference FASTA.
    genome_.contigs[0].second.replace(kCdsStart - 1, CodingSequence().size(), CodingSequence());
  }

  void SetUp() override {
    VariantStoreFixture::SetUp();
    genes_ = Write("genes.gff3", GeneModelText());
  }

  // A one-sample VCF with one heterozygous SNV per (contig, 1-based position, ALT).
  std::string SampleVcf(const std::string& name,
                        const std::vector<std::tuple<std::string, int64_t, std::string>>& snvs) {
    std::vector<std::string> lines;
    for (const auto& [contig, pos1, alt] : snvs) {
      lines.push_back(contig + "\t" + std::to_string(pos1) + "\t" + genome_.Ref(contig, pos1) + "\t" + alt +
                      "\t0/1");
    }
    return Write(name + ".vcf", MakeVcf(genome_.ContigHeader(), {name}, lines));
  }

  Result<StoreAnnotateStats> Annotate(const StoreAnnotateOptions& options) {
    ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(store_dir_, /*for_writing=*/true));
    return AnnotateStore(store, options, diagnostics_);
  }
  StoreAnnotateOptions Options() const { return {genes_, ""}; }

  std::vector<VariantGeneEffect> EffectsOn(const std::string& gene_id) {
    auto store = OpenStore(store_dir_, false);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    auto effects = EffectsOnGene(*store->catalog, gene_id);
    EXPECT_TRUE(effects.ok()) << effects.status().ToString();
    return effects.ok() ? *effects : std::vector<VariantGeneEffect>{};
  }
  AnnotationProvenance Provenance() {
    auto store = OpenStore(store_dir_, false);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    auto provenance = GetAnnotationProvenance(*store->catalog);
    EXPECT_TRUE(provenance.ok() && provenance->has_value());
    return provenance.ok() && provenance->has_value() ? **provenance : AnnotationProvenance{};
  }

  std::vector<std::string> warnings_;
  Diagnostics diagnostics_{5, [this](const std::string& message) { warnings_.push_back(message); }};
  std::string genes_;
};

TEST_F(StoreAnnotateTest, StoredVariantsGetTheirGeneEffects) {
  // chr1:125 G>A turns codon 2 TGG into TAG; chr1:128 C>A turns codon 3 GCT into GAT.
  ASSERT_EQ(genome_.Ref("chr1", 125), "G");
  ASSERT_EQ(genome_.Ref("chr1", 128), "C");
  auto ingested = Ingest({SampleVcf("alice", {{"chr1", 125, "A"}, {"chrX", 500, genome_.Alt("chrX", 500)}}),
                          SampleVcf("bob", {{"chr1", 128, "A"}})});
  ASSERT_TRUE(ingested.ok()) << ingested.status().ToString();

  auto stats = Annotate(Options());
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->sites, 3);
  EXPECT_EQ(stats->genes, 2);
  EXPECT_EQ(stats->effects, 4);  // both chr1 sites on GA and GB; the chrX site is intergenic
  EXPECT_EQ(stats->failed, 0);
  EXPECT_EQ(stats->last_segment_id, ingested->segment_id);
  EXPECT_TRUE(warnings_.empty()) << warnings_.front();

  auto on_a = EffectsOn("GA");
  ASSERT_EQ(on_a.size(), 2u);
  EXPECT_EQ(on_a[0].key, (VariantKey{"chr1", 124, "G", "A"}));
  EXPECT_EQ(on_a[0].consequence, "stop_gained");
  EXPECT_EQ(on_a[0].impact, "HIGH");
  EXPECT_EQ(on_a[0].transcript, "TA1.1");
  EXPECT_EQ(on_a[0].hgvsc, "TA1.1:c.5G>A");
  EXPECT_EQ(on_a[0].hgvsp, "PA1:p.Trp2Ter");
  EXPECT_EQ(on_a[1].key.pos0, 127);
  EXPECT_EQ(on_a[1].consequence, "missense_variant");
  EXPECT_EQ(on_a[1].consequences, "missense_variant");
  EXPECT_EQ(on_a[1].impact, "MODERATE");
  EXPECT_EQ(on_a[1].hgvsc, "TA1.1:c.8C>A");
  EXPECT_EQ(on_a[1].hgvsp, "PA1:p.Ala3Asp");

  auto on_b = EffectsOn("GB");
  ASSERT_EQ(on_b.size(), 2u);
  for (const auto& effect : on_b) {
    EXPECT_EQ(effect.consequence, "downstream_gene_variant") << effect.key.ToString();
    EXPECT_EQ(effect.impact, "MODIFIER");
    EXPECT_EQ(effect.transcript, "TB1.1");
  }

  // Genes are found by symbol, with the span of the model (0-based half-open).
  auto store = OpenStore(store_dir_, false);
  ASSERT_TRUE(store.ok());
  auto gene = FindGene(*store->catalog, "GENEA");
  ASSERT_TRUE(gene.ok()) << gene.status().ToString();
  EXPECT_EQ(gene->gene_id, "GA");
  EXPECT_EQ(gene->contig, "chr1");
  EXPECT_EQ(gene->start0, 100);
  EXPECT_EQ(gene->end0, 400);
  EXPECT_EQ(Provenance().gene_model, "genes.gff3");
}

TEST_F(StoreAnnotateTest, RerunReplacesAndCoversNewBatches) {
  ASSERT_TRUE(Ingest({SampleVcf("alice", {{"chr1", 125, "A"}})}).ok());
  for (int run = 0; run < 2; ++run) {
    auto stats = Annotate(Options());
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(stats->effects, 2);
    EXPECT_EQ(EffectsOn("GA").size(), 1u) << "run " << run;  // replaced, not appended
  }
  EXPECT_EQ(Provenance().last_segment_id, 1);

  // A new batch with chr1:131 C>T (codon 4 GCT -> GTT) is covered by the next run.
  auto second = Ingest({SampleVcf("bob", {{"chr1", 131, "T"}})});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  auto stats = Annotate(Options());
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->sites, 2);
  EXPECT_EQ(stats->last_segment_id, second->segment_id);
  EXPECT_EQ(Provenance().last_segment_id, second->segment_id);
  auto on_a = EffectsOn("GA");
  ASSERT_EQ(on_a.size(), 2u);
  EXPECT_EQ(on_a[0].consequence, "stop_gained");
  EXPECT_EQ(on_a[1].hgvsc, "TA1.1:c.11C>T");
  EXPECT_EQ(on_a[1].hgvsp, "PA1:p.Ala4Val");
}

TEST_F(StoreAnnotateTest, FailedRunNamesTheFileAndKeepsTheAnnotations) {
  ASSERT_TRUE(Ingest({SampleVcf("alice", {{"chr1", 125, "A"}, {"chr1", 128, "A"}})}).ok());
  ASSERT_TRUE(Annotate(Options()).ok());
  AnnotationProvenance before = Provenance();

  StoreAnnotateOptions missing_genes = Options();
  missing_genes.gene_model = dir_.File("missing.gff3");
  auto failed = Annotate(missing_genes);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("missing.gff3"), std::string::npos) << failed.status().ToString();

  StoreAnnotateOptions missing_reference = Options();
  missing_reference.reference = dir_.File("missing.fa");
  failed = Annotate(missing_reference);
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.status().message().find("missing.fa"), std::string::npos) << failed.status().ToString();

  // The reference given as the gene model (-g and -f swapped): refused, naming the file.
  StoreAnnotateOptions swapped = Options();
  swapped.gene_model = reference_;
  failed = Annotate(swapped);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), ErrorCode::kBadInput);
  EXPECT_NE(failed.status().message().find(reference_), std::string::npos) << failed.status().ToString();

  auto on_a = EffectsOn("GA");
  ASSERT_EQ(on_a.size(), 2u);
  EXPECT_EQ(on_a[1].consequence, "missense_variant");
  EXPECT_EQ(EffectsOn("GB").size(), 2u);
  AnnotationProvenance after = Provenance();
  EXPECT_EQ(after.annotated, before.annotated);
  EXPECT_EQ(after.gene_model, before.gene_model);
}

TEST_F(StoreAnnotateTest, SitesOffTheReferenceAreCountedAndWarned) {
  ASSERT_TRUE(
      Ingest({SampleVcf("alice", {{"chr1", 125, "A"}, {"chrX", 500, genome_.Alt("chrX", 500)}})}).ok());
  // A reference given in the options (instead of the store's) that lacks chr1: the chr1 site near
  // GENEA cannot be annotated; the chrX site, far from any gene, needs no reference bases.
  std::string chrx_only = dir_.File("chrx_only.fa");
  testing::WriteFasta(chrx_only, {genome_.contigs[1]});
  auto stats = Annotate({genes_, chrx_only});
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->sites, 2);
  EXPECT_EQ(stats->failed, 1);
  EXPECT_EQ(stats->effects, 0);
  EXPECT_EQ(diagnostics_.Count("not annotated"), 1);
  ASSERT_EQ(warnings_.size(), 1u);
  EXPECT_EQ(warnings_[0].rfind("chr1-125-G-A: ", 0), 0u) << warnings_[0];
  EXPECT_TRUE(EffectsOn("GA").empty());
}

TEST_F(StoreAnnotateTest, NeedsTheStoreOpenedForWriting) {
  auto store = OpenStore(store_dir_, /*for_writing=*/false);
  ASSERT_TRUE(store.ok());
  auto stats = AnnotateStore(*store, Options(), diagnostics_);
  ASSERT_FALSE(stats.ok());
  EXPECT_EQ(stats.status().code(), ErrorCode::kInternal);
}

}  // namespace
}  // namespace zenome
