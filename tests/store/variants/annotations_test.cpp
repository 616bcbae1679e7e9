#include <gtest/gtest.h>

#include "store/catalog/catalog.h"
#include "store/variants/annotations.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using testing::TempDir;

VariantGeneEffect Effect(const std::string& gene, int64_t pos0, const std::string& consequence,
                         const std::string& impact) {
  VariantGeneEffect effect;
  effect.key = {"chr1", pos0, "A", "G"};
  effect.gene_id = gene;
  effect.consequence = consequence;
  effect.impact = impact;
  effect.consequences = consequence;
  effect.transcript = gene + "-T1.1";
  effect.hgvsc = effect.transcript + ":c.1A>G";
  return effect;
}

TEST(VariantAnnotations, StoredReplacedAndFoundByGeneAndRegion) {
  TempDir dir;
  auto catalog = Catalog::Open(dir.File("catalog.sqlite"), Catalog::Mode::kCreate);
  ASSERT_TRUE(catalog.ok());
  ASSERT_TRUE((*catalog)->CreateBaseSchema().ok());
  // Before any annotation: a clear pointer to db annotate, and no effects in a region.
  auto missing = FindGene(**catalog, "GENE1");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("zenome db annotate"), std::string::npos);
  EXPECT_TRUE(EffectsInRegion(**catalog, "chr1", 0, 1000)->empty());

  for (int round = 0; round < 2; ++round) {
    auto transaction = (*catalog)->Begin();
    ASSERT_TRUE(transaction.ok());
    auto writer = VariantAnnotationWriter::Replace(**catalog);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    ASSERT_TRUE(writer->AddGene({"G1", "GENE1", "chr1", 100, 500, "protein_coding"}).ok());
    ASSERT_TRUE(writer->AddGene({"G2", "GENE2", "chr1", 400, 900, "lncRNA"}).ok());
    ASSERT_TRUE(writer->AddEffect(Effect("G1", 150, "stop_gained", "HIGH")).ok());
    ASSERT_TRUE(writer->AddEffect(Effect("G1", 450, "missense_variant", "MODERATE")).ok());
    ASSERT_TRUE(writer->AddEffect(Effect("G2", 450, "non_coding_transcript_exon_variant", "MODIFIER")).ok());
    if (round == 0) ASSERT_TRUE(writer->AddEffect(Effect("G2", 800, "intron_variant", "MODIFIER")).ok());
    ASSERT_TRUE(writer->Finish({"genes.gff3", "2026-11-24T00:00:00Z", 3}).ok());
    ASSERT_TRUE((*transaction)->Commit().ok());
  }
  // The second round replaced the first: the chr1:801 effect is gone.
  auto gene = FindGene(**catalog, "gene1");  // symbols match case-insensitively
  ASSERT_TRUE(gene.ok()) << gene.status().message();
  EXPECT_EQ(gene->gene_id, "G1");
  EXPECT_EQ(gene->start0, 100);
  EXPECT_EQ(FindGene(**catalog, "G2")->symbol, "GENE2");
  auto unknown = FindGene(**catalog, "NOPE");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("genes.gff3"), std::string::npos);

  auto on_gene = EffectsOnGene(**catalog, "G1");
  ASSERT_TRUE(on_gene.ok());
  ASSERT_EQ(on_gene->size(), 2u);
  EXPECT_EQ((*on_gene)[0].consequence, "stop_gained");
  EXPECT_EQ((*on_gene)[1].key.pos0, 450);
  auto in_region = EffectsInRegion(**catalog, "chr1", 400, 1000);
  ASSERT_TRUE(in_region.ok());
  ASSERT_EQ(in_region->size(), 2u);  // pos 450 on G1 and G2; 800 was replaced away
  EXPECT_EQ((*in_region)[0].gene_id, "G1");
  EXPECT_EQ((*in_region)[1].gene_id, "G2");
  auto provenance = GetAnnotationProvenance(**catalog);
  ASSERT_TRUE(provenance.ok() && provenance->has_value());
  EXPECT_EQ((*provenance)->last_segment_id, 3);

  // A rolled-back replacement leaves the committed annotations.
  {
    auto transaction = (*catalog)->Begin();
    auto writer = VariantAnnotationWriter::Replace(**catalog);
    ASSERT_TRUE(writer.ok());
  }
  EXPECT_EQ(EffectsOnGene(**catalog, "G1")->size(), 2u);
}

}  // namespace
}  // namespace zenome
