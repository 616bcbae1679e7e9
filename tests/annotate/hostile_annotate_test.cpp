// Hostile input reaching CSQ and HGVS (issue 8): reference bases N never described as bases, and
// names with control characters or bytes that are not UTF-8 never written raw into CSQ or TSV.
#include <gtest/gtest.h>

#include "annotate/csq_format.h"
#include "annotate/transcript_effect_fixture.h"
#include "kb/variant_sites.h"

namespace zenome::testing {
namespace {

// UTR GCC, CDS ATG GCT AAA GGC TTC CCA GAC TGG TAA (M A K G F P D W *), UTR CGCGTT.
const char kExon[] = "GCCATGGCTAAAGGCTTCCCAGACTGGTAACGCGTT";

struct NWorld {
  World world;
  const Placed* coding = nullptr;
};

// The coding transcript on chr1 with CDS base 10 (first of codon 4, GGC) set to N in the
// reference, and an all-N contig chrN.
NWorld& GetNWorld() {
  static std::unique_ptr<NWorld> made;
  if (made) return *made;
  made = std::make_unique<NWorld>();
  World& world = made->world;
  world.AddContig("chr1", 2000);
  world.AddContig("chrN", 1000);
  world.SetBases("chrN", 0, std::string(1000, 'N'));
  TranscriptSpec spec;
  spec.id = "ENST00000000001";
  spec.protein_id = "ENSP00000000001.1";
  spec.exons = {kExon};
  spec.cdna_coding_start = 4;
  spec.cdna_coding_end = 30;
  made->coding = &world.Place(spec, "chr1", Strand::kForward, 500);
  world.SetBases("chr1", made->coding->Genomic(made->coding->CdsU(10)), "N");
  world.Finish();
  return *made;
}

TEST(ReferenceN, AllNContigGetsNoGenomicHgvs) {
  NWorld& w = GetNWorld();
  // Used to be "chrN:g.943N>A".
  Result<std::string> hgvs = HgvsGenomic({"chrN", 942, "G", "A"}, w.world.reader());
  ASSERT_FALSE(hgvs.ok());
  EXPECT_EQ(hgvs.status().code(), ErrorCode::kBadInput);
  EXPECT_EQ(hgvs.status().message(), "no HGVS at chrN:943: the reference there is 'N' (unknown bases)");
  // Deletions and insertions in N are not described either.
  EXPECT_FALSE(HgvsGenomic({"chrN", 942, "NG", "N"}, w.world.reader()).ok());
  EXPECT_FALSE(HgvsGenomic({"chrN", 942, "N", "NT"}, w.world.reader()).ok());
  // Known bases still are.
  const std::string base = w.world.Sequence("chr1").substr(100, 1);
  const std::string alt = base == "A" ? "C" : "A";
  EXPECT_EQ(*HgvsGenomic({"chr1", 100, base, alt}, w.world.reader()), "chr1:g.101" + base + ">" + alt);
}

TEST(ReferenceN, AllelesOnNGetConsequencesButNoTranscriptHgvs) {
  NWorld& w = GetNWorld();
  TranscriptEffectPredictor predictor(w.world.model(), w.world.reader());
  std::vector<TranscriptEffect> effects;
  const Placed& p = *w.coding;

  // An SNV on the N base: no c., no p., flagged; no residue change is claimed (VEP would call
  // 'X' to Cys a missense_variant).
  Vcf on_n{"chr1", p.Genomic(p.CdsU(10)), "G", "T"};
  ASSERT_TRUE(predictor.Predict(on_n.change(), effects).ok());
  EXPECT_TRUE(predictor.LastAlleleOnUnknownReference());
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].hgvsc, "");
  EXPECT_EQ(effects[0].hgvsp, "");
  EXPECT_EQ(effects[0].codons, "Ngc/Tgc");
  EXPECT_EQ(effects[0].consequences.Join('&'), "coding_sequence_variant");

  // A known base in the same codon: c. describes it, but the codon has no residue to name.
  effects.clear();
  Vcf same_codon = w.world.Snv(p, p.CdsU(11), 'T');
  ASSERT_TRUE(predictor.Predict(same_codon.change(), effects).ok());
  EXPECT_FALSE(predictor.LastAlleleOnUnknownReference());
  EXPECT_EQ(effects[0].hgvsc, "ENST00000000001.1:c.11G>T");
  EXPECT_EQ(effects[0].hgvsp, "");

  // The next codon is unaffected.
  effects.clear();
  Vcf next_codon = w.world.Snv(p, p.CdsU(13), 'A');
  ASSERT_TRUE(predictor.Predict(next_codon.change(), effects).ok());
  EXPECT_EQ(effects[0].hgvsc, "ENST00000000001.1:c.13T>A");
  EXPECT_EQ(effects[0].hgvsp, "ENSP00000000001.1:p.Phe5Ile");

  // A frameshift upstream of the N codon reads through it: no p. (it used to be "p.Ter...").
  effects.clear();
  Vcf frameshift = w.world.Edit(p, p.CdsU(5), "C", "");
  ASSERT_TRUE(predictor.Predict(frameshift.change(), effects).ok());
  EXPECT_FALSE(predictor.LastAlleleOnUnknownReference());
  EXPECT_EQ(effects[0].consequences.Join('&'), "frameshift_variant");
  EXPECT_EQ(effects[0].hgvsc, "ENST00000000001.1:c.5del");
  EXPECT_EQ(effects[0].hgvsp, "");
}

TEST(CsqEscaping, ControlCharactersAndBytesThatAreNotUtf8NeverReachCsqRaw) {
  // Gene models are cleaned on load (tests/kb); other sources' strings pass the same escaper.
  EXPECT_EQ(EscapeCsqValue(std::string("A\0B", 3)), "A%00B");
  EXPECT_EQ(EscapeCsqValue("A\x01|B,C;D=E F"), "A%01&B&C%3BD%3DE_F");
  EXPECT_EQ(EscapeCsqValue("Caf\xe9"), "Caf%E9");
  EXPECT_EQ(EscapeCsqValue("Caf\xc3\xa9"), "Caf\xc3\xa9");

  Transcript t;
  t.id = "T1";
  t.gene_id = "G1";
  t.gene_name = std::string("AB\0C|D\xff", 7);
  t.biotype = "lncRNA";
  t.exons = {{100, 200}};
  t.span = t.exons.front();
  TranscriptEffect effect;
  effect.transcript = &t;
  effect.consequences.Add(Consequence::kNonCodingTranscriptExon);
  AlleleAnnotation allele{"G", "", {}};
  CsqLayout layout;
  std::string vcf;
  layout.AppendEntry(allele, effect, false, CsqLayout::Escaping::kVcf, vcf);
  EXPECT_EQ(vcf.find('\0'), std::string::npos);
  EXPECT_NE(vcf.find("|AB%00C&D%FF|G1|"), std::string::npos) << vcf;
  std::string tsv;
  layout.AppendEntry(allele, effect, false, CsqLayout::Escaping::kTsv, tsv);
  EXPECT_NE(tsv.find("\tAB%00C|D%FF\tG1\t"), std::string::npos) << tsv;
}

}  // namespace
}  // namespace zenome::testing
