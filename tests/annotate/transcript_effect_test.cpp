// Transcript consequences and HGVS against hand-worked answers on tiny genomes. Every case runs
// on a + strand and on a - strand copy of the same transcript (see transcript_effect_fixture.h).
//
// Expected behaviour follows Ensembl VEP (ensembl-variation Utils/VariationEffect.pm and
// TranscriptVariationAllele.pm). Boundary cases mirror ensembl-variation's own test suite,
// modules/t/variation_effect.t ("an insertion between the last exon base and the first intron
// base is not essential" -> splice_region_variant + frameshift_variant, "an insertion between the
// first two bases of an intron is in the donor", "insertion between bases 2 & 3 of an intron is
// splice_region", intron +2/+7/+8, acceptor -3/-8, exon +1/+3/-3, start codon GCA/CAT/CCC
// insertions, AAG insertion in the stop codon -> inframe_insertion + stop_retained_variant,
// whole-exon deletion, ...), with this fixture's own sequence.
#include <gtest/gtest.h>

#include "annotate/transcript_effect_fixture.h"

namespace zenome::testing {
namespace {

// The main coding transcript, 5' to 3'. CDS (201 nt, 67 codons):
// M A K K H Q G R L D A G S E E F W P A A A Y R I V N L C D I P G S L T E H S V M R Q G S R L A
// Y G Q T S V K L W P I S A S R N V C L *; codon 17 (TGG) is split 2|1 over exons 1 and 2, exon 2
// ends on a codon boundary (codon 50).
const char kCds[] =
    "ATGGCAAAAAAACATCAGGGCCGACTGGATGCTGGTTCTGAAGAATTCTGGCCAGCAGCAGCATACCGCATCGTCAACCTGTGCGA"
    "CATTCCTGGAAGCTTGACCGAGCACTCGGTTATGCGTCAAGGTTCCAGACTTGCCTATGGCCAGACATCCGTGAAGCTATGGCCGATC"
    "AGTGCTTCACGGAATGTCTGCCTCTAA";
const char kUtr5[] = "GCTTCGGACGCTGACCTTGCGACCCAGTTCTGCGCCGGATCGTCCGCACC";
// Read through after the stop: CGA GGT CAC TAG -> R G H *.
const char kUtr3[] = "CGAGGTCACTAGCTCCAAGGACAGCTTGCCTGAAAGCTCGGAGCCTTCA";
// 101 bases, so base +51 is equally far from both exons.
const char kIntron1[] =
    "GTAAGAGCTTGCACCTGGACTCAGGTCTCAATGCGGTAGCCTTACGGATCTTCAGGCTAACGTGCATCGACTGCCATGTCCTGACTTTC"
    "CTTTCTCCTCAG";
const char kIntron2[] =
    "GTGAGTCCTAGGCATTCGACGTTGCAACGTCCATGACTGGCGATCCAGTTCGAGACATGCTCGGTAAGCTGATCGCAACTGTCGTGATC"
    "CAGTGCGATACTTCTCTCCCTTGCAG";

struct StrandWorld {
  World world;
  const Placed* coding = nullptr;        // ENST00000000001
  const Placed* noncoding = nullptr;     // ENST00000000002
  const Placed* nmd = nullptr;           // ENST00000000003
  const Placed* tiny = nullptr;          // ENST00000000004
  const Placed* no_stop = nullptr;       // ENST00000000005
  const Placed* mito = nullptr;          // ENST00000000006
  const Placed* end_nf = nullptr;        // ENST00000000007
  const Placed* start_nf = nullptr;      // ENST00000000008
  const Placed* fs_coding = nullptr;     // ENST00000000009
  const Placed* fs_noncoding = nullptr;  // ENST00000000010
  const Placed* split = nullptr;         // ENST00000000011
  const Placed* utr_introns = nullptr;   // ENST00000000012
  const Placed* non_atg = nullptr;       // ENST00000000013
  const Placed* utr_a = nullptr;         // ENST00000000014
};

StrandWorld& GetWorld(Strand strand) {
  static std::map<Strand, std::unique_ptr<StrandWorld>> worlds;
  auto& slot = worlds[strand];
  if (slot) return *slot;
  slot = std::make_unique<StrandWorld>();
  StrandWorld& w = *slot;
  World& world = w.world;
  world.AddContig("chr1", 42000);
  world.AddContig("chrM", 2000);
  world.AddContig("chr5", 3000);

  const std::string cds = kCds;
  TranscriptSpec coding;
  coding.id = "ENST00000000001";
  coding.protein_id = "ENSP00000000001.1";
  coding.exons = {std::string(kUtr5) + cds.substr(0, 50), cds.substr(50, 100), cds.substr(150) + kUtr3};
  coding.introns = {kIntron1, kIntron2};
  coding.cdna_coding_start = 51;
  coding.cdna_coding_end = 251;
  w.coding = &world.Place(coding, "chr1", strand, 6000);

  TranscriptSpec nc;
  nc.id = "ENST00000000002";
  nc.version = "2";
  nc.biotype = "lncRNA";
  nc.exons = {"ACGGTCAGCTTGACGATCCTGAGCTTACGGCATGCCTAGGTACCTGAACTTGCAGCTGAG",
              "TTGCCGATAGCTAACGTCCAGTTGAAGCCTGACTTGCGATCTCAGGCTTAACGGATCCAT"};
  nc.introns = {"GTAAGTCCTGAGCATTGACCTAGTCACGGATTGCCATACGTGAACTCTGCATGGTACCTGACTCTTTCCTTTCTTCCAG"};
  w.noncoding = &world.Place(nc, "chr1", strand, 18000);

  TranscriptSpec nmd;
  nmd.id = "ENST00000000003";
  nmd.biotype = "nonsense_mediated_decay";
  nmd.protein_id = "ENSP00000000003.1";
  nmd.exons = {"GCCACCATGGCTGGTAAATGAGCTTAG"};  // UTR GCCACC, CDS ATG GCT GGT AAA TGA
  nmd.cdna_coding_start = 7;
  nmd.cdna_coding_end = 21;
  w.nmd = &world.Place(nmd, "chr1", strand, 24000);

  TranscriptSpec tiny;
  tiny.id = "ENST00000000004";
  tiny.biotype = "lncRNA";
  tiny.exons = {"GATTACAGATTACAGATTACAGATTACAGATTACAGATT"};
  w.tiny = &world.Place(tiny, "chr1", strand, 30000);

  TranscriptSpec no_stop;  // UTR CCGAC, CDS ATG GCC GCC GCC GCC TAA, UTR GCGCGC
  no_stop.id = "ENST00000000005";
  no_stop.protein_id = "ENSP00000000005.1";
  no_stop.exons = {"CCGACATGGCCGCCGCCGCCTAAGCGCGC"};
  no_stop.cdna_coding_start = 6;
  no_stop.cdna_coding_end = 23;
  w.no_stop = &world.Place(no_stop, "chr1", strand, 36000);

  TranscriptSpec mito;  // ATA TGG CCC AAA TAA: M W P K * in the vertebrate mitochondrial code
  mito.id = "ENST00000000006";
  mito.protein_id = "ENSP00000000006.1";
  mito.exons = {"ATATGGCCCAAATAA"};
  mito.cdna_coding_start = 1;
  mito.cdna_coding_end = 15;
  w.mito = &world.Place(mito, "chrM", strand, 500);

  TranscriptSpec end_nf;  // UTR GACC, CDS ATG GCT AAA GC (incomplete last codon)
  end_nf.id = "ENST00000000007";
  end_nf.protein_id = "ENSP00000000007.1";
  end_nf.exons = {"GACCATGGCTAAAGC"};
  end_nf.cdna_coding_start = 5;
  end_nf.cdna_coding_end = 15;
  end_nf.cds_end_nf = true;
  w.end_nf = &world.Place(end_nf, "chr5", strand, 500);

  TranscriptSpec start_nf;  // CDS starts mid-codon: C | TGG AAA CCC TAA (GFF3 phase 1)
  start_nf.id = "ENST00000000008";
  start_nf.protein_id = "ENSP00000000008.1";
  start_nf.exons = {"CTGGAAACCCTAAGG"};
  start_nf.cdna_coding_start = 1;
  start_nf.cdna_coding_end = 13;
  start_nf.cds_start_nf = true;
  start_nf.cds_start_phase = 1;
  w.start_nf = &world.Place(start_nf, "chr5", strand, 1500);

  // Ensembl models some genome errors as introns of a few bases ("frameshift introns").
  TranscriptSpec fs_coding;  // UTR ACC, CDS ATG GCT GCA | AAA GGT TAA, 5-base intron
  fs_coding.id = "ENST00000000009";
  fs_coding.protein_id = "ENSP00000000009.1";
  fs_coding.exons = {"ACCATGGCTGCA", "AAAGGTTAAGCC"};
  fs_coding.introns = {"GTAAG"};
  fs_coding.cdna_coding_start = 4;
  fs_coding.cdna_coding_end = 21;
  w.fs_coding = &world.Place(fs_coding, "chr5", strand, 2200);
  TranscriptSpec fs_noncoding;
  fs_noncoding.id = "ENST00000000010";
  fs_noncoding.biotype = "processed_pseudogene";
  fs_noncoding.exons = {"ACGTACGTAC", "TTGACCA"};
  fs_noncoding.introns = {"GTCAG"};
  w.fs_noncoding = &world.Place(fs_noncoding, "chr5", strand, 2600);

  // Start and stop codons split over exons: AT | G GCT AAA CCC T | GA.
  TranscriptSpec split;
  split.id = "ENST00000000011";
  split.protein_id = "ENSP00000000011.1";
  split.exons = {"GCCGCCAT", "GGCTAAACCCT", "GACAGGTTAAC"};
  split.introns = {"GTAAGTATCCTGACCTTCTCCCAG", "GTGAGCATCGTTCCTTTCTAG"};
  split.cdna_coding_start = 7;
  split.cdna_coding_end = 21;
  w.split = &world.Place(split, "chr1", strand, 40500);

  // Introns in both UTRs: GCCAGTCA | GC ATG GCT TAA GC | ACCTGA.
  TranscriptSpec utr_introns;
  utr_introns.id = "ENST00000000012";
  utr_introns.protein_id = "ENSP00000000012.1";
  utr_introns.exons = {"GCCAGTCA", "GCATGGCTTAAGC", "ACCTGA"};
  utr_introns.introns = {"GTAAGTACCTTGCTTTCCAG", "GTGAGTCTCATCTTCCCTAG"};
  utr_introns.cdna_coding_start = 11;
  utr_introns.cdna_coding_end = 19;
  w.utr_introns = &world.Place(utr_introns, "chr1", strand, 38500);

  // A CDS whose first codon is not a start codon (as in excerpts and some real models):
  // UTR GCC, CDS AGG CTG AAA TAA, UTR GC.
  TranscriptSpec non_atg;
  non_atg.id = "ENST00000000013";
  non_atg.protein_id = "ENSP00000000013.1";
  non_atg.exons = {"GCCAGGCTGAAATAAGC"};
  non_atg.cdna_coding_start = 4;
  non_atg.cdna_coding_end = 15;
  w.non_atg = &world.Place(non_atg, "chr5", strand, 1000);

  // The 5' UTR ends with A, so deleting the A of ATG leaves ATG in place: GCCA | ATG GCT AAA TAA.
  TranscriptSpec utr_a;
  utr_a.id = "ENST00000000014";
  utr_a.protein_id = "ENSP00000000014.1";
  utr_a.exons = {"GCCAATGGCTAAATAAGC"};
  utr_a.cdna_coding_start = 5;
  utr_a.cdna_coding_end = 16;
  w.utr_a = &world.Place(utr_a, "chr5", strand, 1200);

  world.Finish();
  return w;
}

// Fields left out are expected empty.
struct Expect {
  std::string consequences;
  std::string exon = {}, intron = {}, cdna = {}, cds = {}, protein = {}, amino_acids = {}, codons = {};
  std::string hgvsc = {}, hgvsp = {};
  int64_t shift = 0;
};

class TranscriptEffectTest : public ::testing::TestWithParam<Strand> {
 protected:
  StrandWorld& W() { return GetWorld(GetParam()); }
  World& world() { return W().world; }
  const Placed& coding() { return *W().coding; }

  std::vector<TranscriptEffect> RunAll(const Vcf& v, TranscriptEffectOptions options = {}) {
    TranscriptEffectPredictor predictor(world().model(), world().reader(), options);
    std::vector<TranscriptEffect> effects;
    Status status = predictor.Predict(v.change(), effects);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return effects;
  }
  TranscriptEffect Run(const Vcf& v, const Placed& p, TranscriptEffectOptions options = {}) {
    for (const TranscriptEffect& e : RunAll(v, options)) {
      if (e.transcript != nullptr && e.transcript->id == p.spec.id) return e;
    }
    ADD_FAILURE() << "no effect on " << p.spec.id << " for " << v.contig << ":" << v.pos0 + 1 << " " << v.ref
                  << ">" << v.alt;
    return {};
  }
  // Checks every CSQ field an Expect names (hgvsc/hgvsp given as the part after ':').
  void Check(const Vcf& v, const Placed& p, const Expect& x) {
    SCOPED_TRACE(v.contig + ":" + std::to_string(v.pos0 + 1) + " " + v.ref + ">" + v.alt);
    const TranscriptEffect e = Run(v, p);
    EXPECT_EQ(e.consequences.Join(), x.consequences);
    EXPECT_EQ(e.exon, x.exon);
    EXPECT_EQ(e.intron, x.intron);
    EXPECT_EQ(e.cdna_position, x.cdna);
    EXPECT_EQ(e.cds_position, x.cds);
    EXPECT_EQ(e.protein_position, x.protein);
    EXPECT_EQ(e.amino_acids, x.amino_acids);
    EXPECT_EQ(e.codons, x.codons);
    const std::string transcript = p.spec.id + "." + p.spec.version + ":";
    EXPECT_EQ(e.hgvsc, x.hgvsc.empty() ? "" : transcript + x.hgvsc);
    EXPECT_EQ(e.hgvsp, x.hgvsp.empty() ? "" : p.spec.protein_id + ":" + x.hgvsp);
    EXPECT_EQ(e.hgvs_shift, x.shift);
    EXPECT_EQ(e.distance, -1);
  }
  // Consequences and HGVS c. only.
  void CheckBrief(const Vcf& v, const Placed& p, const std::string& consequences, const std::string& hgvsc) {
    SCOPED_TRACE(v.contig + ":" + std::to_string(v.pos0 + 1) + " " + v.ref + ">" + v.alt);
    const TranscriptEffect e = Run(v, p);
    EXPECT_EQ(e.consequences.Join(), consequences);
    EXPECT_EQ(e.hgvsc, hgvsc.empty() ? "" : p.spec.id + "." + p.spec.version + ":" + hgvsc);
  }
  int64_t Cds(int64_t k) { return coding().CdsU(k); }
  int64_t Donor(int intron, int64_t k) { return coding().DonorU(intron, k); }
  int64_t Acceptor(int intron, int64_t k) { return coding().AcceptorU(intron, k); }
};

INSTANTIATE_TEST_SUITE_P(BothStrands, TranscriptEffectTest,
                         ::testing::Values(Strand::kForward, Strand::kReverse),
                         [](const auto& info) { return info.param == Strand::kForward ? "Plus" : "Minus"; });

TEST_P(TranscriptEffectTest, FivePrimeUtrSnv) {
  Check(world().Snv(coding(), 9, 'A'), coding(),
        {.consequences = "5_prime_UTR_variant", .exon = "1/3", .cdna = "10", .hgvsc = "c.-41G>A"});
}

TEST_P(TranscriptEffectTest, StartCodonSnvIsStartLost) {
  Check(world().Snv(coding(), Cds(1), 'G'), coding(),
        {.consequences = "start_lost",
         .exon = "1/3",
         .cdna = "51",
         .cds = "1",
         .protein = "1",
         .amino_acids = "M/V",
         .codons = "Atg/Gtg",
         .hgvsc = "c.1A>G",
         .hgvsp = "p.Met1?"});
  Check(world().Snv(coding(), Cds(3), 'C'), coding(),
        {.consequences = "start_lost",
         .exon = "1/3",
         .cdna = "53",
         .cds = "3",
         .protein = "1",
         .amino_acids = "M/I",
         .codons = "atG/atC",
         .hgvsc = "c.3G>C",
         .hgvsp = "p.Met1?"});
}

TEST_P(TranscriptEffectTest, SynonymousMissenseNonsense) {
  Check(world().Snv(coding(), Cds(27), 'A'), coding(),
        {.consequences = "synonymous_variant",
         .exon = "1/3",
         .cdna = "77",
         .cds = "27",
         .protein = "9",
         .amino_acids = "L",
         .codons = "ctG/ctA",
         .hgvsc = "c.27G>A",
         .hgvsp = "p.Leu9="});
  Check(world().Snv(coding(), Cds(35), 'A'), coding(),
        {.consequences = "missense_variant",
         .exon = "1/3",
         .cdna = "85",
         .cds = "35",
         .protein = "12",
         .amino_acids = "G/D",
         .codons = "gGt/gAt",
         .hgvsc = "c.35G>A",
         .hgvsp = "p.Gly12Asp"});
  Check(world().Snv(coding(), Cds(22), 'T'), coding(),
        {.consequences = "stop_gained",
         .exon = "1/3",
         .cdna = "72",
         .cds = "22",
         .protein = "8",
         .amino_acids = "R/*",
         .codons = "Cga/Tga",
         .hgvsc = "c.22C>T",
         .hgvsp = "p.Arg8Ter"});
}

TEST_P(TranscriptEffectTest, StopCodonChanges) {
  // TAA -> CAA reads on into the 3' UTR: Q R G H * (HGVS p.*67Glnext*4).
  Check(world().Snv(coding(), Cds(199), 'C'), coding(),
        {.consequences = "stop_lost",
         .exon = "3/3",
         .cdna = "249",
         .cds = "199",
         .protein = "67",
         .amino_acids = "*/Q",
         .codons = "Taa/Caa",
         .hgvsc = "c.199T>C",
         .hgvsp = "p.Ter67GlnextTer4"});
  Check(world().Snv(coding(), Cds(201), 'G'), coding(),
        {.consequences = "stop_retained_variant",
         .exon = "3/3",
         .cdna = "251",
         .cds = "201",
         .protein = "67",
         .amino_acids = "*",
         .codons = "taA/taG",
         .hgvsc = "c.201A>G",
         .hgvsp = "p.Ter67="});
  // An in-frame deletion of the whole stop codon (VEP test: stop_lost + inframe_deletion). VEP
  // writes it as an extension of a deleted stop, as in ensembl-variation's hgvs_parser.t
  // ("ENSP00000357516.2:p.Ter286delextTer56"): here R G H * follow, three residues after it.
  Check(world().Edit(coding(), Cds(199), "TAA", ""), coding(),
        {.consequences = "stop_lost&inframe_deletion",
         .exon = "3/3",
         .cdna = "249-251",
         .cds = "199-201",
         .protein = "67",
         .amino_acids = "*/-",
         .codons = "TAA/-",
         .hgvsc = "c.199_201del",
         .hgvsp = "p.Ter67delextTer3"});
}

TEST_P(TranscriptEffectTest, StartAndStopCodonsSplitOverExons) {
  const Placed& p = *W().split;
  auto cds = [&](int64_t k) { return p.CdsU(k); };
  Check(world().Snv(p, cds(3), 'A'), p,
        {.consequences = "start_lost&splice_region_variant",
         .exon = "2/3",
         .cdna = "9",
         .cds = "3",
         .protein = "1",
         .amino_acids = "M/I",
         .codons = "atG/atA",
         .hgvsc = "c.3G>A",
         .hgvsp = "p.Met1?"});
  Check(world().Snv(p, cds(1), 'G'), p,
        {.consequences = "start_lost&splice_region_variant",
         .exon = "1/3",
         .cdna = "7",
         .cds = "1",
         .protein = "1",
         .amino_acids = "M/V",
         .codons = "Atg/Gtg",
         .hgvsc = "c.1A>G",
         .hgvsp = "p.Met1?"});
  Check(world().Snv(p, cds(14), 'A'), p,
        {.consequences = "splice_region_variant&stop_retained_variant",
         .exon = "3/3",
         .cdna = "20",
         .cds = "14",
         .protein = "5",
         .amino_acids = "*",
         .codons = "tGa/tAa",
         .hgvsc = "c.14G>A",
         .hgvsp = "p.Ter5="});
  // TGA -> CGA reads on through CAG GTT AAC and the transcript ends without a stop.
  Check(world().Snv(p, cds(13), 'C'), p,
        {.consequences = "stop_lost&splice_region_variant",
         .exon = "2/3",
         .cdna = "19",
         .cds = "13",
         .protein = "5",
         .amino_acids = "*/R",
         .codons = "Tga/Cga",
         .hgvsc = "c.13T>C",
         .hgvsp = "p.Ter5ArgextTer?"});
}

TEST_P(TranscriptEffectTest, FrameshiftDeletionShiftsThreePrime) {
  // GCT GGT: deleting c.34 G is written at the 3'-most G, c.35; VEP's Amino_acids/Codons stay on
  // the input position.
  Check(world().Edit(coding(), Cds(34), "G", ""), coding(),
        {.consequences = "frameshift_variant",
         .exon = "1/3",
         .cdna = "84",
         .cds = "34",
         .protein = "12",
         .amino_acids = "G/X",
         .codons = "Ggt/gt",
         .hgvsc = "c.35del",
         .hgvsp = "p.Gly12ValfsTer23",
         .shift = 1});
}

TEST_P(TranscriptEffectTest, FrameshiftInsertionBecomesDup) {
  // T inserted between c.36 and c.37 (TCT): 3' shifted past c.37 T it duplicates c.37.
  Check(world().Edit(coding(), Cds(37), "", "T"), coding(),
        {.consequences = "frameshift_variant",
         .exon = "1/3",
         .cdna = "86-87",
         .cds = "36-37",
         .protein = "12-13",
         .amino_acids = "-/X",
         .codons = "-/T",
         .hgvsc = "c.37dup",
         .hgvsp = "p.Ser13PhefsTer2",
         .shift = 1});
}

TEST_P(TranscriptEffectTest, FrameshiftWithoutNewStopIsFsTerUnknown) {
  // ATG GCC GCC GCC GCC TAA + UTR GCGCGC: deleting a C leaves no stop before the transcript ends.
  const Placed& p = *W().no_stop;
  Check(world().Edit(p, 5 + 4, "C", ""), p,
        {.consequences = "frameshift_variant",
         .exon = "1/1",
         .cdna = "10",
         .cds = "5",
         .protein = "2",
         .amino_acids = "A/X",
         .codons = "gCc/gc",
         .hgvsc = "c.6del",
         .hgvsp = "p.Ala3ProfsTer?",
         .shift = 1});
}

TEST_P(TranscriptEffectTest, InframeDeletionInRepeat) {
  // GCA AAA AAA CAT: the deleted AAA moves to c.10_12, the deleted Lys to residue 4.
  Check(world().Edit(coding(), Cds(7), "AAA", ""), coding(),
        {.consequences = "inframe_deletion",
         .exon = "1/3",
         .cdna = "57-59",
         .cds = "7-9",
         .protein = "3",
         .amino_acids = "K/-",
         .codons = "AAA/-",
         .hgvsc = "c.10_12del",
         .hgvsp = "p.Lys4del",
         .shift = 3});
}

TEST_P(TranscriptEffectTest, InframeInsertionDuplication) {
  // GCA GCA GCA TAC: one more GCA is a dup of c.61_63 and of Ala21.
  Check(world().Edit(coding(), Cds(58), "", "GCA"), coding(),
        {.consequences = "inframe_insertion",
         .exon = "2/3",
         .cdna = "107-108",
         .cds = "57-58",
         .protein = "19-20",
         .amino_acids = "-/A",
         .codons = "-/GCA",
         .hgvsc = "c.61_63dup",
         .hgvsp = "p.Ala21dup",
         .shift = 6});
}

TEST_P(TranscriptEffectTest, MultiResidueDuplicationAndDeletion) {
  // GCA AAA AAA CAT: AAAAAA more is a dup of c.7_12 and of Lys3_Lys4; AAAAAA fewer deletes them.
  Check(world().Edit(coding(), Cds(13), "", "AAAAAA"), coding(),
        {.consequences = "inframe_insertion",
         .exon = "1/3",
         .cdna = "62-63",
         .cds = "12-13",
         .protein = "4-5",
         .amino_acids = "-/KK",
         .codons = "-/AAAAAA",
         .hgvsc = "c.7_12dup",
         .hgvsp = "p.Lys3_Lys4dup"});
  Check(world().Edit(coding(), Cds(7), "AAAAAA", ""), coding(),
        {.consequences = "inframe_deletion",
         .exon = "1/3",
         .cdna = "57-62",
         .cds = "7-12",
         .protein = "3-4",
         .amino_acids = "KK/-",
         .codons = "AAAAAA/-",
         .hgvsc = "c.7_12del",
         .hgvsp = "p.Lys3_Lys4del"});
}

TEST_P(TranscriptEffectTest, StopLostWithoutANewStop) {
  // ... GCC TAA GCGCGC: TAA -> CAA reads Q A R and the transcript ends.
  const Placed& p = *W().no_stop;
  Check(world().Snv(p, 5 + 15, 'C'), p,
        {.consequences = "stop_lost",
         .exon = "1/1",
         .cdna = "21",
         .cds = "16",
         .protein = "6",
         .amino_acids = "*/Q",
         .codons = "Taa/Caa",
         .hgvsc = "c.16T>C",
         .hgvsp = "p.Ter6GlnextTer?"});
}

TEST_P(TranscriptEffectTest, MultiNucleotideAndComplexChanges) {
  Check(world().Edit(coding(), Cds(13), "CATCAG", "TGGGTA"), coding(),
        {.consequences = "missense_variant",
         .exon = "1/3",
         .cdna = "63-68",
         .cds = "13-18",
         .protein = "5-6",
         .amino_acids = "HQ/WV",
         .codons = "CATCAG/TGGGTA",
         .hgvsc = "c.13_18delinsTGGGTA",
         .hgvsp = "p.His5_Gln6delinsTrpVal"});
  // GGC -> TTTTTT: one residue becomes two others, neither an insertion nor a deletion.
  Check(world().Edit(coding(), Cds(19), "GGC", "TTTTTT"), coding(),
        {.consequences = "protein_altering_variant",
         .exon = "1/3",
         .cdna = "69-71",
         .cds = "19-21",
         .protein = "7",
         .amino_acids = "G/FF",
         .codons = "GGC/TTTTTT",
         .hgvsc = "c.19_21delinsTTTTTT",
         .hgvsp = "p.Gly7delinsPhePhe"});
  // CAT CAG -> ATA TAG: a delins ending in a stop (ensembl-variation's p.Lys118delinsIleTer form).
  // The shared trailing AG is trimmed first, so the change is c.13_16.
  Check(world().Edit(coding(), Cds(13), "CATCAG", "ATATAG"), coding(),
        {.consequences = "stop_gained",
         .exon = "1/3",
         .cdna = "63-66",
         .cds = "13-16",
         .protein = "5-6",
         .amino_acids = "HQ/I*",
         .codons = "CATCag/ATATag",
         .hgvsc = "c.13_16delinsATAT",
         .hgvsp = "p.His5_Gln6delinsIleTer"});
}

TEST_P(TranscriptEffectTest, DonorSideOfIntron) {
  auto intronic = [&](int64_t k, char alt, const std::string& consequences, const std::string& hgvsc) {
    SCOPED_TRACE("donor +" + std::to_string(k));
    Check(world().Snv(coding(), Donor(0, k), alt), coding(),
          {.consequences = consequences, .intron = "1/2", .hgvsc = hgvsc});
  };
  intronic(1, 'A', "splice_donor_variant", "c.50+1G>A");
  intronic(2, 'C', "splice_donor_variant", "c.50+2T>C");
  intronic(3, 'G', "splice_donor_region_variant&intron_variant", "c.50+3A>G");
  intronic(4, 'G', "splice_donor_region_variant&intron_variant", "c.50+4A>G");
  intronic(5, 'A', "splice_donor_5th_base_variant&intron_variant", "c.50+5G>A");
  intronic(6, 'C', "splice_donor_region_variant&intron_variant", "c.50+6A>C");
  intronic(7, 'A', "splice_region_variant&intron_variant", "c.50+7G>A");
  intronic(8, 'T', "splice_region_variant&intron_variant", "c.50+8C>T");
  intronic(9, 'C', "intron_variant", "c.50+9T>C");
}

TEST_P(TranscriptEffectTest, AcceptorSideOfIntron) {
  auto intronic = [&](int64_t k, char alt, const std::string& consequences, const std::string& hgvsc) {
    SCOPED_TRACE("acceptor -" + std::to_string(k));
    Check(world().Snv(coding(), Acceptor(0, k), alt), coding(),
          {.consequences = consequences, .intron = "1/2", .hgvsc = hgvsc});
  };
  intronic(1, 'A', "splice_acceptor_variant", "c.51-1G>A");
  intronic(2, 'G', "splice_acceptor_variant", "c.51-2A>G");
  intronic(3, 'T', "splice_region_variant&splice_polypyrimidine_tract_variant&intron_variant", "c.51-3C>T");
  intronic(8, 'T', "splice_region_variant&splice_polypyrimidine_tract_variant&intron_variant", "c.51-8C>T");
  intronic(9, 'C', "splice_polypyrimidine_tract_variant&intron_variant", "c.51-9T>C");
  intronic(17, 'T', "splice_polypyrimidine_tract_variant&intron_variant", "c.51-17C>T");
  intronic(18, 'G', "intron_variant", "c.51-18A>G");
}

TEST_P(TranscriptEffectTest, ExonicSpliceRegionAndSplitCodon) {
  // Codon 17 TGG is split TG | G over exons 1 and 2.
  Check(world().Snv(coding(), Cds(50), 'C'), coding(),
        {.consequences = "missense_variant&splice_region_variant",
         .exon = "1/3",
         .cdna = "100",
         .cds = "50",
         .protein = "17",
         .amino_acids = "W/S",
         .codons = "tGg/tCg",
         .hgvsc = "c.50G>C",
         .hgvsp = "p.Trp17Ser"});
  Check(world().Snv(coding(), Cds(49), 'C'), coding(),
        {.consequences = "missense_variant&splice_region_variant",
         .exon = "1/3",
         .cdna = "99",
         .cds = "49",
         .protein = "17",
         .amino_acids = "W/R",
         .codons = "Tgg/Cgg",
         .hgvsc = "c.49T>C",
         .hgvsp = "p.Trp17Arg"});
  Check(world().Snv(coding(), Cds(48), 'T'), coding(),
        {.consequences = "splice_region_variant&synonymous_variant",
         .exon = "1/3",
         .cdna = "98",
         .cds = "48",
         .protein = "16",
         .amino_acids = "F",
         .codons = "ttC/ttT",
         .hgvsc = "c.48C>T",
         .hgvsp = "p.Phe16="});
  Check(world().Snv(coding(), Cds(47), 'C'), coding(),
        {.consequences = "missense_variant",
         .exon = "1/3",
         .cdna = "97",
         .cds = "47",
         .protein = "16",
         .amino_acids = "F/S",
         .codons = "tTc/tCc",
         .hgvsc = "c.47T>C",
         .hgvsp = "p.Phe16Ser"});
  Check(world().Snv(coding(), Cds(51), 'A'), coding(),
        {.consequences = "stop_gained&splice_region_variant",
         .exon = "2/3",
         .cdna = "101",
         .cds = "51",
         .protein = "17",
         .amino_acids = "W/*",
         .codons = "tgG/tgA",
         .hgvsc = "c.51G>A",
         .hgvsp = "p.Trp17Ter"});
  Check(world().Snv(coding(), Cds(53), 'T'), coding(),
        {.consequences = "missense_variant&splice_region_variant",
         .exon = "2/3",
         .cdna = "103",
         .cds = "53",
         .protein = "18",
         .amino_acids = "P/L",
         .codons = "cCa/cTa",
         .hgvsc = "c.53C>T",
         .hgvsp = "p.Pro18Leu"});
  Check(world().Snv(coding(), Cds(54), 'G'), coding(),
        {.consequences = "synonymous_variant",
         .exon = "2/3",
         .cdna = "104",
         .cds = "54",
         .protein = "18",
         .amino_acids = "P",
         .codons = "ccA/ccG",
         .hgvsc = "c.54A>G",
         .hgvsp = "p.Pro18="});
}

TEST_P(TranscriptEffectTest, IntronMidpointGoesToTheFivePrimeExon) {
  // Intron 1 has 101 bases: base 51 is 51 from either exon and VEP counts it from the 5' exon.
  CheckBrief(world().Snv(coding(), Donor(0, 51), 'C'), coding(), "intron_variant", "c.50+51T>C");
  CheckBrief(world().Snv(coding(), Donor(0, 52), 'C'), coding(), "intron_variant", "c.51-50T>C");
  CheckBrief(world().Snv(coding(), Donor(0, 50), 'T'), coding(), "intron_variant", "c.50+50C>T");
}

TEST_P(TranscriptEffectTest, InsertionsAtExonIntronBoundaries) {
  // Between the last exon base and the first intron base: not essential, but splice_region;
  // the CDS sees it between c.50 and c.51 (TG C G).
  Check(world().Edit(coding(), Donor(0, 1), "", "C"), coding(),
        {.consequences = "frameshift_variant&splice_region_variant",
         .cdna = "100-101",
         .cds = "50-51",
         .protein = "17",
         .amino_acids = "W/CX",
         .codons = "tgg/tgCg",
         .hgvsc = "c.50_50+1insC",
         .hgvsp = "p.Trp17CysfsTer?"});
  // Between the last intron base and the first exon base: the same place in the CDS.
  Check(world().Edit(coding(), Cds(51), "", "C"), coding(),
        {.consequences = "frameshift_variant&splice_region_variant",
         .cdna = "100-101",
         .cds = "50-51",
         .protein = "17",
         .amino_acids = "W/CX",
         .codons = "tgg/tgCg",
         .hgvsc = "c.51-1_51insC",
         .hgvsp = "p.Trp17CysfsTer?"});
  // Between the two donor bases: in the donor site.
  Check(world().Edit(coding(), Donor(0, 2), "", "A"), coding(),
        {.consequences = "splice_donor_variant", .intron = "1/2", .hgvsc = "c.50+1_50+2insA"});
  // Between intron bases 2 and 3: splice_region and intronic.
  CheckBrief(world().Edit(coding(), Donor(0, 3), "", "C"), coding(), "splice_region_variant&intron_variant",
             "c.50+2_50+3insC");
  // Between the two acceptor bases: in the acceptor site.
  CheckBrief(world().Edit(coding(), Acceptor(0, 1), "", "T"), coding(), "splice_acceptor_variant",
             "c.51-2_51-1insT");
}

TEST_P(TranscriptEffectTest, DeletionsAcrossBoundaries) {
  // Last two bases of exon 2 and the two donor bases of intron 2.
  Check(world().Edit(coding(), Cds(149), "AGGT", ""), coding(),
        {.consequences = "splice_donor_variant&coding_sequence_variant",
         .exon = "2/3",
         .intron = "2/2",
         .cdna = "199-?",
         .cds = "149-?",
         .protein = "50-?",
         .hgvsc = "c.149_150+2del"});
  // The last base of exon 2 (G) followed by intron GT: VEP's 3' shift crosses into the intron,
  // so HGVS c. is intronic and there is no HGVS p. (the behaviour genome-nexus#854 documents).
  Check(world().Edit(coding(), Cds(150), "G", ""), coding(),
        {.consequences = "frameshift_variant&splice_region_variant",
         .exon = "2/3",
         .cdna = "200",
         .cds = "150",
         .protein = "50",
         .amino_acids = "Q/X",
         .codons = "caG/ca",
         .hgvsc = "c.150+1del",
         .shift = 1});
  // Exon 2 with ten intronic bases either side (VEP test "whole exon deletion").
  const std::string exon2 = std::string(kIntron1).substr(91) + std::string(kCds).substr(50, 100) +
                            std::string(kIntron2).substr(0, 10);
  Check(world().Edit(coding(), Acceptor(0, 10), exon2, ""), coding(),
        {.consequences = "splice_acceptor_variant&splice_donor_variant&splice_donor_5th_base_variant&"
                         "coding_sequence_variant&intron_variant",
         .exon = "2/3",
         .intron = "1-2/2",
         .hgvsc = "c.51-10_150+10del"});
  // 5' UTR into the start codon.
  Check(world().Edit(coding(), Cds(-1), "CCATG", ""), coding(),
        {.consequences = "start_lost&5_prime_UTR_variant",
         .exon = "1/3",
         .cdna = "49-53",
         .cds = "?-3",
         .protein = "?-1",
         .hgvsc = "c.-2_3del"});
}

TEST_P(TranscriptEffectTest, StartAndStopCodonInsertions) {
  // VEP test cases: GCA inside ATG keeps the start (ATGCAG); CCC loses it (ATCCCG).
  Check(world().Edit(coding(), Cds(3), "", "GCA"), coding(),
        {.consequences = "inframe_insertion&start_retained_variant",
         .exon = "1/3",
         .cdna = "52-53",
         .cds = "2-3",
         .protein = "1",
         .amino_acids = "M/MQ",
         .codons = "atg/atGCAg",
         .hgvsc = "c.3_4insCAG",
         .hgvsp = "p.Met1_Ala2insGln",
         .shift = 1});
  Check(world().Edit(coding(), Cds(3), "", "CCC"), coding(),
        {.consequences = "start_lost",
         .exon = "1/3",
         .cdna = "52-53",
         .cds = "2-3",
         .protein = "1",
         .amino_acids = "M/IP",
         .codons = "atg/atCCCg",
         .hgvsc = "c.2_3insCCC",
         .hgvsp = "p.Met1?"});
  // AAG between T and AA of the stop: TAAGAA keeps the stop. Shifted 3' the insertion leaves the
  // CDS, so there is no HGVS p.
  Check(world().Edit(coding(), Cds(200), "", "AAG"), coding(),
        {.consequences = "inframe_insertion&stop_retained_variant",
         .exon = "3/3",
         .cdna = "249-250",
         .cds = "199-200",
         .protein = "67",
         .amino_acids = "*/*E",
         .codons = "taa/tAAGaa",
         .hgvsc = "c.201_*1insGAA",
         .shift = 2});
  // Insertions right at the CDS edges are UTR (VEP's _before_coding/_after_coding special case).
  CheckBrief(world().Edit(coding(), Cds(1), "", "T"), coding(), "5_prime_UTR_variant", "c.-1_1insT");
  CheckBrief(world().Edit(coding(), Cds(202), "", "T"), coding(), "3_prime_UTR_variant", "c.201_*1insT");
}

TEST_P(TranscriptEffectTest, FirstCodonThatIsNotAStartIsAnOrdinaryCodon) {
  // Departure from VEP, which tests any first codon: AGG>ATG there is start_lost and
  // start_retained_variant at once. Without an annotated start codon there is no start to lose or
  // keep; codon 1 changes like any other (bcftools csq: missense 1R>1M).
  const Placed& p = *W().non_atg;
  Check(world().Snv(p, 4, 'T'), p,
        {.consequences = "missense_variant",
         .exon = "1/1",
         .cdna = "5",
         .cds = "2",
         .protein = "1",
         .amino_acids = "R/M",
         .codons = "aGg/aTg",
         .hgvsc = "c.2G>T",
         .hgvsp = "p.Arg1Met"});
  CheckBrief(world().Snv(p, 5, 'A'), p, "synonymous_variant", "c.3G>A");
}

TEST_P(TranscriptEffectTest, StartCodonIndelsThatKeepOrLoseTheStart) {
  const Placed& p = *W().utr_a;
  // Deleting the A of ATG after a UTR A leaves ...ATG GCT...: the protein is unchanged. VEP calls
  // this start_lost&start_retained_variant&frameshift_variant (its inversion test fires);
  // bcftools csq says start_retained. HGVS shifts the deletion 3' onto c.1 (the A run ends there).
  {
    const TranscriptEffect e = Run(world().Edit(p, 4, "A", ""), p);
    EXPECT_EQ(e.consequences.Join(), "start_retained_variant");
    EXPECT_EQ(e.hgvsc, "ENST00000000014.1:c.1del");
    EXPECT_EQ(e.hgvsp, "ENSP00000000014.1:p.=");
  }
  // Deleting ATG itself is start_lost (VEP: inframe_deletion only, as it rules start_lost out for
  // inframe indels; bcftools csq: start_lost). The deletion stays inframe.
  CheckBrief(world().Edit(p, 4, "ATG", ""), p, "start_lost&inframe_deletion", "c.1_3del");
  // A frameshifting deletion inside the start codon loses it; VEP also reports the frameshift
  // (bcftools csq reports start_lost alone).
  CheckBrief(world().Edit(p, 5, "T", ""), p, "frameshift_variant&start_lost", "c.2del");
  // An insertion after the start codon does not touch it (VEP's overlap test on the insertion's
  // flanking bases): frameshift_variant alone.
  CheckBrief(world().Edit(p, 7, "", "C"), p, "frameshift_variant", "c.3_4insC");
}

// Structural alleles on the main transcript, spans given in transcript orientation as unspliced
// indices [u1, u2); an insertion or breakend at u1 == u2 (before index u1).
TEST_P(TranscriptEffectTest, StructuralAlleles) {
  const Placed& p = coding();
  auto sv = [&](int64_t u1, int64_t u2, StructuralKind kind) {
    StructuralChange change;
    change.contig = p.contig;
    change.kind = kind;
    if (u1 == u2) {
      // Between unspliced u1 - 1 and u1, in genomic terms.
      const int64_t a = p.Genomic(u1 - 1), b = p.Genomic(u1);
      change.start = change.end = std::max(a, b);
    } else {
      const int64_t a = p.Genomic(u1), b = p.Genomic(u2 - 1);
      change.start = std::min(a, b);
      change.end = std::max(a, b) + 1;
    }
    TranscriptEffectPredictor predictor(world().model(), world().reader());
    std::vector<TranscriptEffect> effects;
    EXPECT_TRUE(predictor.PredictStructural(change, effects).ok());
    for (const TranscriptEffect& e : effects) {
      if (e.transcript != nullptr && e.transcript->id == p.spec.id) return e;
    }
    return TranscriptEffect{};
  };
  const int64_t n = p.length();
  const auto [exon2_start, exon2_end] = p.exons_u[1];
  EXPECT_EQ(sv(-10, n + 10, StructuralKind::kDeletion).consequences.Join(), "transcript_ablation");
  EXPECT_EQ(sv(-10, n + 10, StructuralKind::kCopyNumberLoss).consequences.Join(), "transcript_ablation");
  EXPECT_EQ(sv(-10, n + 10, StructuralKind::kDuplication).consequences.Join(), "transcript_amplification");
  EXPECT_EQ(sv(-10, n + 10, StructuralKind::kCopyNumberGain).consequences.Join(), "transcript_amplification");
  // Without a direction a CNV gets the location terms only (VEP).
  EXPECT_EQ(
      sv(-10, n + 10, StructuralKind::kCopyNumberChange).consequences.Join(),
      "splice_acceptor_variant&splice_donor_variant&splice_donor_5th_base_variant&coding_sequence_variant&"
      "5_prime_UTR_variant&3_prime_UTR_variant&intron_variant");
  // Inside exon 2 (all coding): truncation or elongation of the transcript.
  const TranscriptEffect del = sv(exon2_start + 10, exon2_start + 20, StructuralKind::kDeletion);
  EXPECT_EQ(del.consequences.Join(), "feature_truncation&coding_sequence_variant");
  EXPECT_EQ(del.exon, "2/3");
  EXPECT_EQ(del.cds_position, "61-70");
  EXPECT_EQ(del.hgvsc, "");
  EXPECT_EQ(sv(exon2_start + 10, exon2_start + 10, StructuralKind::kInsertion).consequences.Join(),
            "feature_elongation&coding_sequence_variant");
  EXPECT_EQ(sv(exon2_start + 10, exon2_start + 20, StructuralKind::kDuplication).consequences.Join(),
            "feature_elongation&coding_sequence_variant");
  EXPECT_EQ(sv(exon2_start + 10, exon2_start + 10, StructuralKind::kBreakend).consequences.Join(),
            "feature_truncation&coding_sequence_variant");
  // Deep in an intron: no truncation or elongation (ensembl-variation#1041: only in the cDNA).
  EXPECT_EQ(sv(exon2_start - 50, exon2_start - 40, StructuralKind::kDeletion).consequences.Join(),
            "intron_variant");
  EXPECT_EQ(sv(exon2_start - 50, exon2_start - 50, StructuralKind::kInsertion).consequences.Join(),
            "intron_variant");
  // From intron 1 into exon 2: the acceptor goes with it.
  EXPECT_EQ(sv(exon2_start - 30, exon2_start + 5, StructuralKind::kDeletion).consequences.Join(),
            "splice_acceptor_variant&feature_truncation&coding_sequence_variant&intron_variant");
  EXPECT_EQ(sv(exon2_start - 30, exon2_start + 5, StructuralKind::kInversion).consequences.Join(),
            "splice_acceptor_variant&coding_sequence_variant&intron_variant");
  // Exon 2 removed whole, with intronic flanks.
  const TranscriptEffect exon_loss = sv(exon2_start - 20, exon2_end + 20, StructuralKind::kDeletion);
  EXPECT_EQ(exon_loss.consequences.Join(),
            "splice_acceptor_variant&splice_donor_variant&feature_truncation&splice_donor_5th_base_variant&"
            "coding_sequence_variant&intron_variant");
  EXPECT_EQ(exon_loss.exon, "2/3");
  EXPECT_EQ(exon_loss.intron, "1-2/2");
  // Upstream of the transcript.
  const TranscriptEffect up = sv(-300, -200, StructuralKind::kDeletion);
  EXPECT_EQ(up.consequences.Join(), "upstream_gene_variant");
  EXPECT_EQ(up.distance, 201);
}

TEST_P(TranscriptEffectTest, ThreePrimeUtr) {
  Check(world().Snv(coding(), Cds(201 + 34), 'T'), coding(),
        {.consequences = "3_prime_UTR_variant", .exon = "3/3", .cdna = "285", .hgvsc = "c.*34A>T"});
}

TEST_P(TranscriptEffectTest, IntronsInUntranslatedRegions) {
  const Placed& p = *W().utr_introns;
  CheckBrief(world().Snv(p, p.DonorU(0, 3), 'G'), p, "splice_donor_region_variant&intron_variant",
             "c.-3+3A>G");
  CheckBrief(world().Snv(p, p.AcceptorU(0, 4), 'T'), p,
             "splice_region_variant&splice_polypyrimidine_tract_variant&intron_variant", "c.-2-4C>T");
  // Intron 2 has 20 bases, so its base +5 is also base -16, in the polypyrimidine tract.
  CheckBrief(world().Snv(p, p.DonorU(1, 5), 'A'), p,
             "splice_donor_5th_base_variant&splice_polypyrimidine_tract_variant&intron_variant", "c.*2+5G>A");
  CheckBrief(world().Snv(p, p.CdnaU(22), 'G'), p, "splice_region_variant&3_prime_UTR_variant", "c.*3A>G");
}

TEST_P(TranscriptEffectTest, UpstreamDownstreamAndIntergenic) {
  const Placed& p = coding();
  World& w = world();
  auto near = [&](int64_t u) {
    const int64_t g = p.Genomic(u);
    const char base = w.Sequence(p.contig)[static_cast<size_t>(g)];
    return w.Genomic(p.contig, g + 1, std::string(1, base), base == 'A' ? "C" : "A");
  };
  TranscriptEffect up = Run(near(-100), p);
  EXPECT_EQ(up.consequences.Join(), "upstream_gene_variant");
  EXPECT_EQ(up.distance, 100);
  EXPECT_EQ(up.hgvsc, "");  // VEP writes no HGVS c. outside the transcript
  TranscriptEffect down = Run(near(p.length() - 1 + 200), p);
  EXPECT_EQ(down.consequences.Join(), "downstream_gene_variant");
  EXPECT_EQ(down.distance, 200);
  TranscriptEffect edge = Run(near(-5000), p);
  EXPECT_EQ(edge.consequences.Join(), "upstream_gene_variant");
  EXPECT_EQ(edge.distance, 5000);
  std::vector<TranscriptEffect> far = RunAll(near(-5001));
  ASSERT_EQ(far.size(), 1u);
  EXPECT_EQ(far[0].transcript, nullptr);
  EXPECT_EQ(far[0].consequences.Join(), "intergenic_variant");
}

TEST_P(TranscriptEffectTest, NonCodingTranscript) {
  const Placed& p = *W().noncoding;
  Check(world().Snv(p, 9, 'A'), p,
        {.consequences = "non_coding_transcript_exon_variant",
         .exon = "1/2",
         .cdna = "10",
         .hgvsc = "n.10T>A"});
  Check(world().Snv(p, p.DonorU(0, 20), 'G'), p,
        {.consequences = "intron_variant&non_coding_transcript_variant",
         .intron = "1/1",
         .hgvsc = "n.60+20C>G"});
  Check(world().Snv(p, p.DonorU(0, 1), 'A'), p,
        {.consequences = "splice_donor_variant&non_coding_transcript_variant",
         .intron = "1/1",
         .hgvsc = "n.60+1G>A"});
  Check(world().Snv(p, p.AcceptorU(0, 5), 'C'), p,
        {.consequences = "splice_region_variant&splice_polypyrimidine_tract_variant&intron_variant&"
                         "non_coding_transcript_variant",
         .intron = "1/1",
         .hgvsc = "n.61-5T>C"});
  Check(world().Snv(p, p.CdnaU(62), 'A'), p,
        {.consequences = "splice_region_variant&non_coding_transcript_exon_variant",
         .exon = "2/2",
         .cdna = "62",
         .hgvsc = "n.62T>A"});
}

TEST_P(TranscriptEffectTest, NmdTranscript) {
  const Placed& p = *W().nmd;
  Check(world().Snv(p, 6 + 4, 'A'), p,
        {.consequences = "missense_variant&NMD_transcript_variant",
         .exon = "1/1",
         .cdna = "11",
         .cds = "5",
         .protein = "2",
         .amino_acids = "A/D",
         .codons = "gCt/gAt",
         .hgvsc = "c.5C>A",
         .hgvsp = "p.Ala2Asp"});
}

TEST_P(TranscriptEffectTest, DeletionOfTheWholeTranscript) {
  const Placed& p = *W().tiny;
  // 2 bases before to 3 after the 40-base transcript, written in transcript orientation.
  const int64_t g1 = p.Genomic(-2), g2 = p.Genomic(p.length() + 2);
  const int64_t lo = std::min(g1, g2), hi = std::max(g1, g2);
  const std::string& chr = world().Sequence(p.contig);
  const Vcf v{p.contig, lo - 1, chr.substr(static_cast<size_t>(lo - 1), static_cast<size_t>(hi - lo + 2)),
              chr.substr(static_cast<size_t>(lo - 1), 1)};
  const TranscriptEffect e = Run(v, p);
  EXPECT_EQ(e.consequences.Join(), "transcript_ablation");
  EXPECT_EQ(e.exon, "1/1");
  EXPECT_EQ(e.cdna_position, "");
  EXPECT_EQ(e.hgvsc, "");
}

TEST_P(TranscriptEffectTest, MitochondrialCode) {
  const Placed& p = *W().mito;
  // TGG -> TGA is still Trp with the vertebrate mitochondrial code.
  Check(world().Snv(p, 5, 'A'), p,
        {.consequences = "synonymous_variant",
         .exon = "1/1",
         .cdna = "6",
         .cds = "6",
         .protein = "2",
         .amino_acids = "W",
         .codons = "tgG/tgA",
         .hgvsc = "c.6G>A",
         .hgvsp = "p.Trp2="});
  // AAA -> AGA is a stop there.
  Check(world().Snv(p, 10, 'G'), p,
        {.consequences = "stop_gained",
         .exon = "1/1",
         .cdna = "11",
         .cds = "11",
         .protein = "4",
         .amino_acids = "K/*",
         .codons = "aAa/aGa",
         .hgvsc = "c.11A>G",
         .hgvsp = "p.Lys4Ter"});
  // ATA (Met) -> ATG: VEP's start checks look for ATG, so the start is retained.
  Check(world().Snv(p, 2, 'G'), p,
        {.consequences = "start_retained_variant",
         .exon = "1/1",
         .cdna = "3",
         .cds = "3",
         .protein = "1",
         .amino_acids = "M",
         .codons = "atA/atG",
         .hgvsc = "c.3A>G",
         .hgvsp = "p.Met1="});
}

TEST_P(TranscriptEffectTest, IncompleteTerminalCodon) {
  const Placed& p = *W().end_nf;
  const TranscriptEffect e = Run(world().Snv(p, 14, 'T'), p);
  EXPECT_EQ(e.consequences.Join(), "incomplete_terminal_codon_variant&coding_sequence_variant");
  EXPECT_EQ(e.cds_position, "11");
  EXPECT_EQ(e.protein_position, "4");
  EXPECT_EQ(e.amino_acids, "X");
  EXPECT_EQ(e.codons, "gC/gT");
  EXPECT_EQ(e.flags, "cds_end_NF");
}

TEST_P(TranscriptEffectTest, IncompleteCdsStartIsPaddedLikeEnsembl) {
  // GFF3 phase 1: the first base is the last of a codon, Ensembl pads the CDS with NN.
  const Placed& p = *W().start_nf;
  Check(world().Snv(p, 1, 'C'), p,
        {.consequences = "missense_variant",
         .exon = "1/1",
         .cdna = "2",
         .cds = "4",
         .protein = "2",
         .amino_acids = "W/R",
         .codons = "Tgg/Cgg",
         .hgvsc = "c.4T>C",
         .hgvsp = "p.Trp2Arg"});
  EXPECT_EQ(Run(world().Snv(p, 1, 'C'), p).flags, "cds_start_NF");
}

TEST_P(TranscriptEffectTest, HgvsOptions) {
  const Vcf v = world().Edit(coding(), Cds(7), "AAA", "");
  TranscriptEffectOptions no_shift;
  no_shift.shift_hgvs = false;
  const TranscriptEffect unshifted = Run(v, coding(), no_shift);
  EXPECT_EQ(unshifted.hgvsc, "ENST00000000001.1:c.7_9del");
  EXPECT_EQ(unshifted.hgvsp, "ENSP00000000001.1:p.Lys4del");  // p. still moves 3' by residue
  EXPECT_EQ(unshifted.hgvs_shift, 0);
  TranscriptEffectOptions no_hgvs;
  no_hgvs.hgvs = false;
  const TranscriptEffect plain = Run(v, coding(), no_hgvs);
  EXPECT_EQ(plain.consequences.Join(), "inframe_deletion");
  EXPECT_EQ(plain.hgvsc, "");
  EXPECT_EQ(plain.hgvsp, "");
  EXPECT_EQ(plain.cds_position, "7-9");
}

TEST_P(TranscriptEffectTest, EffectsComeInGenomicOrderAndOnlyNearbyTranscripts) {
  const std::vector<TranscriptEffect> effects = RunAll(world().Snv(coding(), Cds(35), 'A'));
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].transcript->id, "ENST00000000001");
}

TEST_P(TranscriptEffectTest, InsertedStops) {
  // TAA between codons 9 and 10: a nonsense insertion (HGVS p.(Leu9_Asp10insTer)).
  Check(world().Edit(coding(), Cds(28), "", "TAA"), coding(),
        {.consequences = "stop_gained&inframe_insertion",
         .exon = "1/3",
         .cdna = "77-78",
         .cds = "27-28",
         .protein = "9-10",
         .amino_acids = "-/*",
         .codons = "-/TAA",
         .hgvsc = "c.27_28insTAA",
         .hgvsp = "p.Leu9_Asp10insTer"});
  // CT|G + GGGCTA -> CTG GGC TAG: L becomes L G *. Departure from VEP: VEP (ensembl-vep#1710)
  // calls this stop_retained_variant because the first residue is unchanged; the new stop is
  // premature, so it is stop_gained.
  Check(world().Edit(coding(), Cds(27), "", "GGGCTA"), coding(),
        {.consequences = "stop_gained&inframe_insertion",
         .exon = "1/3",
         .cdna = "76-77",
         .cds = "26-27",
         .protein = "9",
         .amino_acids = "L/LG*",
         .codons = "ctg/ctGGGCTAg",
         .hgvsc = "c.28_29insGCTAGG",
         .hgvsp = "p.Leu9_Asp10insGlyTer",
         .shift = 2});
}

TEST_P(TranscriptEffectTest, FrameshiftIntronsCountAsExonic) {
  // ensembl-variation t/variation_effect.t: "a transcript with a frameshift intron in the CDS"
  // -> coding_sequence_variant; "a non-coding transcript with a frameshift intron" ->
  // non_coding_transcript_variant.
  const Placed& coding_fs = *W().fs_coding;
  const TranscriptEffect c = Run(world().Snv(coding_fs, coding_fs.DonorU(0, 3), 'G'), coding_fs);
  EXPECT_EQ(c.consequences.Join(), "coding_sequence_variant");
  EXPECT_EQ(c.intron, "1/1");
  const Placed& noncoding_fs = *W().fs_noncoding;
  const TranscriptEffect n = Run(world().Snv(noncoding_fs, noncoding_fs.DonorU(0, 3), 'G'), noncoding_fs);
  EXPECT_EQ(n.consequences.Join(), "non_coding_transcript_variant");
}

// Everything VEP reports in transcript terms must not depend on the strand the transcript lies
// on: every position of the coding transcript, with SNVs, deletions, insertions and a delins,
// gives the same fields on the + and the - strand copy.
TEST(TranscriptEffectSymmetry, PlusAndMinusStrandCopiesAgree) {
  StrandWorld& plus = GetWorld(Strand::kForward);
  StrandWorld& minus = GetWorld(Strand::kReverse);
  TranscriptEffectPredictor plus_predictor(plus.world.model(), plus.world.reader());
  TranscriptEffectPredictor minus_predictor(minus.world.model(), minus.world.reader());
  const Placed& p = *plus.coding;
  const Placed& m = *minus.coding;
  auto effect_on = [](TranscriptEffectPredictor& predictor, const Vcf& v, const std::string& id) {
    std::vector<TranscriptEffect> effects;
    EXPECT_TRUE(predictor.Predict(v.change(), effects).ok());
    for (const TranscriptEffect& e : effects) {
      if (e.transcript != nullptr && e.transcript->id == id) return e;
    }
    return TranscriptEffect{};
  };
  auto fields = [](const TranscriptEffect& e) {
    return e.consequences.Join() + "|" + e.exon + "|" + e.intron + "|" + e.cdna_position + "|" +
           e.cds_position + "|" + e.protein_position + "|" + e.amino_acids + "|" + e.codons + "|" + e.hgvsc +
           "|" + e.hgvsp + "|" + std::to_string(e.hgvs_shift) + "|" + std::to_string(e.distance);
  };
  int compared = 0;
  int with_hgvsp = 0;
  for (int64_t u = 1; u + 3 < p.length(); ++u) {
    const std::string here = p.unspliced.substr(static_cast<size_t>(u), 3);
    const char other = here[0] == 'G' ? 'T' : 'G';
    // Shares no base with the two it replaces, so trimming cannot pick a strand-dependent copy.
    char fresh = 'A';
    for (char c : std::string("ACGT")) {
      if (c != here[0] && c != here[1]) fresh = c;
    }
    const std::vector<std::pair<std::string, std::string>> edits = {
        {here.substr(0, 1), std::string(1, other)},  // SNV
        {here.substr(0, 1), ""},                     // 1-base deletion
        {here, ""},                                  // 3-base deletion
        {"", "GA"},                                  // insertion before u
        {here.substr(0, 2), std::string(1, fresh)},  // delins
    };
    for (const auto& [ref, alt] : edits) {
      const TranscriptEffect a = effect_on(plus_predictor, plus.world.Edit(p, u, ref, alt), p.spec.id);
      const TranscriptEffect b = effect_on(minus_predictor, minus.world.Edit(m, u, ref, alt), m.spec.id);
      ASSERT_FALSE(a.consequences.empty()) << "u=" << u << " " << ref << ">" << alt;
      EXPECT_EQ(fields(a), fields(b)) << "u=" << u << " " << ref << ">" << alt;
      ++compared;
      if (!a.hgvsp.empty()) ++with_hgvsp;
    }
  }
  EXPECT_GT(compared, 2500);
  EXPECT_GT(with_hgvsp, 500);  // the comparison covers protein changes, not just empty fields
}

TEST(TranscriptEffectErrors, RejectsNonBasesAndNoChange) {
  World world;
  world.AddContig("chr1", 1000);
  world.Finish();
  TranscriptEffectPredictor predictor(world.model(), world.reader());
  std::vector<TranscriptEffect> effects;
  EXPECT_EQ(predictor.Predict({"chr1", 10, "A", "<DEL>"}, effects).code(), ErrorCode::kBadInput);
  EXPECT_EQ(predictor.Predict({"chr1", 10, "AC", "AC"}, effects).code(), ErrorCode::kBadInput);
  EXPECT_TRUE(effects.empty());
  // A contig the gene model does not know: intergenic, one effect.
  ASSERT_TRUE(predictor.Predict({"chr1", 10, "A", "G"}, effects).ok());
  ASSERT_EQ(effects.size(), 1u);
  EXPECT_EQ(effects[0].consequences.Join(), "intergenic_variant");
}

// HGVS g. on a forward-strand contig written for it.
class HgvsGenomicTest : public ::testing::Test {
 protected:
  static World& W() {
    static std::unique_ptr<World> world = [] {
      auto w = std::make_unique<World>();
      w->AddContig("chr9", 200);
      //                 1-10        11-17     18-31           32-41
      w->SetBases("chr9", 0, "CGTAGCTTGACAAAAATGCCAGCAGCAGTTCGATCCTGAAC");
      w->AddContig("chrM", 100);
      w->SetBases("chrM", 0, "GATCACAGGT");
      w->Finish();
      return w;
    }();
    return *world;
  }
  std::string G(const std::string& contig, int64_t pos1, const std::string& ref, const std::string& alt) {
    Result<std::string> r = HgvsGenomic({contig, pos1 - 1, ref, alt}, W().reader());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r.value() : "";
  }
};

TEST_F(HgvsGenomicTest, SubstitutionDeletionInsertionDuplicationDelinsInversion) {
  EXPECT_EQ(G("chr9", 5, "G", "A"), "chr9:g.5G>A");
  // AAAAA at 12-16: deletions move to the 3' end of the run.
  EXPECT_EQ(G("chr9", 11, "CA", "C"), "chr9:g.16del");
  EXPECT_EQ(G("chr9", 11, "CAA", "C"), "chr9:g.15_16del");
  EXPECT_EQ(G("chr9", 11, "C", "CA"), "chr9:g.16dup");
  // CAG CAG CAG at 20-28: one more CAG is a dup of the last copy.
  EXPECT_EQ(G("chr9", 19, "C", "CCAG"), "chr9:g.26_28dup");
  EXPECT_EQ(G("chr9", 35, "C", "CTTA"), "chr9:g.35_36insTTA");
  EXPECT_EQ(G("chr9", 32, "GAT", "TG"), "chr9:g.32_34delinsTG");
  EXPECT_EQ(G("chr9", 37, "TG", "CA"), "chr9:g.37_38inv");
  // Anchors and shared trailing bases are trimmed first.
  EXPECT_EQ(G("chr9", 4, "AGC", "AAC"), "chr9:g.5G>A");
  EXPECT_EQ(G("chrM", 6, "C", "T"), "chrM:m.6C>T");
}

TEST_F(HgvsGenomicTest, Errors) {
  EXPECT_FALSE(HgvsGenomic({"chr9", 4, "A", "<DEL>"}, W().reader()).ok());
  EXPECT_FALSE(HgvsGenomic({"chrUnknown", 4, "A", "G"}, W().reader()).ok());
}

}  // namespace
}  // namespace zenome::testing
