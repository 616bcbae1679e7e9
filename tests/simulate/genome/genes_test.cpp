// Gene models: ORFs, splice sites, tags, GFF3/GTF agreement, and bcftools csq acceptance.
#include <gtest/gtest.h>

#include "simulate/genome/gene_generator.h"
#include "simulate/simulate_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

bool IsStopCodon(std::string_view codon) {
  return codon == "TAA" || codon == "TAG" || codon == "TGA";
}

const GffModel& MainGff() {
  static const GffModel model = ReadGff3(MainFile("genes.gff3"));
  return model;
}

TEST(SimulatedGenes, EveryCodingTranscriptTranslatesFromMetToStop) {
  const auto& reference = MainReference();
  int coding = 0, nmd = 0;
  for (const auto& [id, t] : MainGff().transcripts) {
    if (t.cds.empty()) continue;
    ++coding;
    std::string cds = Spliced(reference.at(t.chrom), CdsPieces(t), t.strand);
    ASSERT_EQ(cds.size() % 3, 0u) << id;
    EXPECT_EQ(cds.substr(0, 3), "ATG") << id;
    EXPECT_TRUE(IsStopCodon(cds.substr(cds.size() - 3))) << id;
    std::string protein = Translate(cds);
    EXPECT_EQ(protein.front(), 'M') << id;
    EXPECT_EQ(protein.find('*'), protein.size() - 1) << id << " has an internal stop: " << protein;
    // GFF3 phase: bases to skip to the next codon, counted along the transcript.
    std::vector<GffTranscript::Cds> ordered = t.cds;
    if (t.strand == '-') std::reverse(ordered.begin(), ordered.end());
    int64_t before = 0;
    for (const auto& piece : ordered) {
      EXPECT_EQ(piece.phase, (3 - before % 3) % 3) << id;
      before += piece.end - piece.start + 1;
    }
    // Every CDS piece lies in an exon.
    for (const auto& piece : t.cds) {
      bool inside = false;
      for (const auto& [start, end] : t.exons) inside |= piece.start >= start && piece.end <= end;
      EXPECT_TRUE(inside) << id;
    }
    if (t.biotype == "nonsense_mediated_decay") {
      ++nmd;
      EXPECT_EQ(t.type, "NMD_transcript_variant");
    } else {
      EXPECT_EQ(t.type, "mRNA") << id;
      EXPECT_EQ(t.biotype, "protein_coding") << id;
    }
  }
  EXPECT_GT(coding, 40);
}

TEST(SimulatedGenes, IntronsAreGtAgWithAPyrimidineTract) {
  const auto& reference = MainReference();
  int introns = 0;
  for (const auto& [id, t] : MainGff().transcripts) {
    const std::string& contig = reference.at(t.chrom);
    for (size_t k = 0; k + 1 < t.exons.size(); ++k) {
      std::string intron = Spliced(contig, {{t.exons[k].second + 1, t.exons[k + 1].first - 1}}, t.strand);
      ASSERT_GE(intron.size(), 30u) << id;
      EXPECT_EQ(intron.substr(0, 2), "GT") << id;
      EXPECT_EQ(intron.substr(intron.size() - 2), "AG") << id;
      std::string tract = intron.substr(intron.size() - 20, 17);
      EXPECT_GE(std::count_if(tract.begin(), tract.end(), [](char c) { return c == 'C' || c == 'T'; }), 10)
          << id;
      ++introns;
    }
  }
  EXPECT_GT(introns, 200);
}

TEST(SimulatedGenes, TagsBiotypesAndTypesFollowEnsembl) {
  const GffModel& model = MainGff();
  EXPECT_EQ(model.header.front(), "##gff-version 3");
  EXPECT_NE(std::find(model.header.begin(), model.header.end(), "#!genome-build zenome-sim"),
            model.header.end());
  std::set<std::string> biotypes;
  for (const auto& [id, gene] : model.genes) {
    biotypes.insert(gene.biotype);
    int canonical = 0, mane = 0;
    for (const std::string& tid : gene.transcripts) {
      const GffTranscript& t = model.transcripts.at(tid);
      canonical += t.HasTag("Ensembl_canonical");
      mane += t.HasTag("MANE_Select");
      if (t.HasTag("MANE_Select")) {
        EXPECT_EQ(t.biotype, "protein_coding");
      }
    }
    EXPECT_EQ(canonical, 1) << id;
    EXPECT_EQ(mane, gene.biotype == "protein_coding" ? 1 : 0) << id;
    if (gene.biotype == "protein_coding") {
      EXPECT_EQ(gene.type, "gene");
    }
    if (gene.biotype == "lncRNA") {
      EXPECT_EQ(gene.type, "ncRNA_gene");
      EXPECT_EQ(model.transcripts.at(gene.transcripts.front()).type, "lnc_RNA");
    }
    if (gene.biotype == "processed_pseudogene") {
      EXPECT_EQ(gene.type, "pseudogene");
    }
  }
  for (const char* biotype : {"protein_coding", "lncRNA", "processed_pseudogene"}) {
    EXPECT_TRUE(biotypes.count(biotype)) << biotype;
  }
  // Genes are sorted by position within each contig.
  std::map<std::string, int64_t> last;
  for (const std::string& line : zenome::testing::ReadLines(MainFile("genes.gff3"))) {
    if (line.empty() || line[0] == '#') continue;
    auto c = Split(line, '\t');
    if (c[8].rfind("ID=gene:", 0) != 0) continue;
    EXPECT_GE(std::stoll(c[3]), last[c[0]]);
    last[c[0]] = std::stoll(c[3]);
  }
}

TEST(SimulatedGenes, GtfHasTheSameModelsWithStopCodonsApart) {
  struct Lengths {
    int64_t cds = 0, start = 0, stop = 0, exons = 0;
  };
  std::map<std::string, Lengths> gtf;
  std::set<std::string> genes;
  for (const std::string& line : zenome::testing::ReadLines(MainFile("genes.gtf"))) {
    if (line.empty() || line[0] == '#') continue;
    auto c = Split(line, '\t');
    int64_t length = std::stoll(c[4]) - std::stoll(c[3]) + 1;
    size_t at = c[8].find("transcript_id \"");
    if (c[2] == "gene") {
      EXPECT_NE(c[8].find("gene_biotype \""), std::string::npos);
      genes.insert(c[8].substr(9, c[8].find('"', 9) - 9));
      continue;
    }
    ASSERT_NE(at, std::string::npos) << line;
    std::string id = c[8].substr(at + 15, c[8].find('"', at + 15) - at - 15);
    Lengths& l = gtf[id];
    if (c[2] == "CDS") l.cds += length;
    if (c[2] == "start_codon") l.start += length;
    if (c[2] == "stop_codon") l.stop += length;
    if (c[2] == "exon") l.exons += length;
  }
  const GffModel& model = MainGff();
  EXPECT_EQ(genes.size(), model.genes.size());
  ASSERT_EQ(gtf.size(), model.transcripts.size());
  for (const auto& [id, t] : model.transcripts) {
    const Lengths& l = gtf.at(id);
    int64_t exons = 0, cds = 0;
    for (const auto& [s, e] : t.exons) exons += e - s + 1;
    for (const auto& piece : t.cds) cds += piece.end - piece.start + 1;
    EXPECT_EQ(l.exons, exons) << id;
    if (cds == 0) continue;
    EXPECT_EQ(l.cds, cds - 3) << id;
    EXPECT_EQ(l.start, 3) << id;
    EXPECT_EQ(l.stop, 3) << id;
  }
}

TEST(SimulatedGenes, BcftoolsCsqAcceptsTheGff3) {
  if (!zenome::testing::HaveTool("bcftools")) GTEST_SKIP() << "bcftools not on PATH";
  auto result =
      zenome::testing::RunShell("bcftools csq -p a -f " + MainFile("reference.fa") + " -g " +
                                MainFile("genes.gff3") + " " + MainFile("cases/CASE001.vcf.gz") + " -Ov");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err.find("Error"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("Warning"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("BCSQ="), std::string::npos);
  EXPECT_NE(result.out.find("|protein_coding|"), std::string::npos);
}

// The rarer structures, on a denser layout made directly with the library.
TEST(SimulatedGenes, LayoutHasAlternativeAndUnusualStructures) {
  GenomePlanOptions genome_options;
  genome_options.genome_size = 12'000'000;
  GenomePlan genome = *PlanGenome(genome_options);
  GeneOptions gene_options;
  gene_options.count = 1200;
  GeneLayout layout = *LayOutGenes(genome, gene_options, 4);
  EXPECT_GT(layout.gene_count, 1100);
  const auto repeats = MakeRepeatLibrary(4);
  int split_start = 0, split_stop = 0, single_exon = 0, nmd = 0, skipping = 0, reverse = 0, coding = 0,
      lnc_multi = 0;
  for (const ContigPlan& contig : genome.contigs) {
    auto& genes = layout.by_contig[contig.index];
    if (genes.empty()) continue;
    std::string bases = GenerateContigBackground(contig, repeats, ReferenceOptions{}, 4);
    ASSERT_TRUE(WriteGeneSequences(bases, genes).ok());
    for (const SimGene& gene : genes) {
      for (const Interval0& exon : gene.canonical().exons) {
        EXPECT_EQ(bases.substr(exon.start, exon.length()).find('N'), std::string::npos) << gene.id;
      }
      if (gene.kind == GeneKind::kLncRna && gene.canonical().exons.size() > 1) ++lnc_multi;
      if (gene.kind != GeneKind::kProteinCoding) continue;
      ++coding;
      reverse += gene.reverse;
      const SimTranscript& canonical = gene.canonical();
      if (canonical.exons.size() == 1) ++single_exon;
      TranscriptMap map(canonical, gene.reverse);
      split_start += map.GenomicPieces(canonical.cds_start, canonical.cds_start + 3).size() > 1;
      split_stop += map.GenomicPieces(canonical.cds_end - 3, canonical.cds_end).size() > 1;
      for (size_t t = 1; t < gene.transcripts.size(); ++t) {
        const SimTranscript& alt = gene.transcripts[t];
        nmd += alt.biotype == "nonsense_mediated_decay";
        skipping += alt.biotype == "protein_coding" && alt.exons.size() < canonical.exons.size();
        // Alternatives reuse the canonical exons (or trimmed versions of them).
        for (const Interval0& exon : alt.exons) {
          bool shared = false;
          for (const Interval0& c : canonical.exons) shared |= exon.start >= c.start && exon.end <= c.end;
          EXPECT_TRUE(shared) << alt.id;
        }
        if (!alt.is_coding()) continue;
        TranscriptMap alt_map(alt, gene.reverse);
        std::string cds = alt_map.Spliced(bases).substr(alt.cds_start, alt.cds_end - alt.cds_start);
        std::string protein = Translate(cds);
        EXPECT_EQ(protein.front(), 'M') << alt.id;
        EXPECT_EQ(protein.find('*'), protein.size() - 1) << alt.id;
      }
    }
  }
  EXPECT_GT(coding, 300);
  EXPECT_GT(reverse, coding / 3);
  EXPECT_GT(split_start, 0);
  EXPECT_GT(split_stop, 0);
  EXPECT_GT(single_exon, 0);
  EXPECT_GT(nmd, 0);
  EXPECT_GT(skipping, 0);
  EXPECT_GT(lnc_multi, 0);
}

}  // namespace
}  // namespace zenome::simulate::testing
