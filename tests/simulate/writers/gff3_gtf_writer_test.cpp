// genes.gff3 and genes.gtf text of hand-built gene models. The expected lines are worked out by
// hand from the formats (1-based closed coordinates; GFF3 phase = bases to skip to the next codon,
// counted along the transcript; GTF CDS without the stop codon), so they check the writer and
// not just its earlier output.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "simulate/writers/gff3_gtf_writer.h"

namespace zenome::simulate {
namespace {

SimTranscript CanonicalCoding(const std::string& number) {
  SimTranscript t;
  t.id = "ZT" + number;
  t.name = "ZG" + number + "-201";
  t.biotype = "protein_coding";
  t.protein_id = "ZP" + number;
  t.canonical = true;
  t.mane_select = true;
  t.basic = true;
  return t;
}

// Plus strand: exons [100,150) [200,260) [300,400); CDS at transcript offsets [21,171) (stop
// included), i.e. genomic [121,150) [200,260) [300,361).
SimGene PlusStrandGene() {
  SimGene gene;
  gene.id = "ZG00001";
  gene.number = 1;
  gene.span = {100, 400};
  SimTranscript t = CanonicalCoding("00001");
  t.exons = {{100, 150}, {200, 260}, {300, 400}};
  t.exon_ids = {"ZE00001", "ZE00002", "ZE00003"};
  t.cds_start = 21;
  t.cds_end = 171;
  gene.transcripts.push_back(t);
  return gene;
}

// Minus strand: exons [1000,1040) [1100,1190); the transcript starts at 1189. CDS at transcript
// offsets [10,115): genomic [1100,1180) then [1015,1040).
SimGene MinusStrandGene() {
  SimGene gene;
  gene.id = "ZG00002";
  gene.number = 2;
  gene.reverse = true;
  gene.span = {1000, 1190};
  SimTranscript t = CanonicalCoding("00002");
  t.exons = {{1000, 1040}, {1100, 1190}};
  t.exon_ids = {"ZE00102", "ZE00101"};
  t.cds_start = 10;
  t.cds_end = 115;
  gene.transcripts.push_back(t);
  return gene;
}

TEST(Gff3GtfWriter, HeadersNameEveryContigAndTheBuild) {
  GenomePlan genome;
  ContigPlan chr1;
  chr1.name = "chr1";
  chr1.length = 5000;
  ContigPlan chr_m;
  chr_m.index = 1;
  chr_m.name = "chrM";
  chr_m.length = 16569;
  genome.contigs = {chr1, chr_m};
  EXPECT_EQ(Gff3Header(genome),
            "##gff-version 3\n"
            "##sequence-region   chr1 1 5000\n"
            "##sequence-region   chrM 1 16569\n"
            "#!genome-build zenome-sim\n#!genome-version zenome-sim\n");
  EXPECT_EQ(GtfHeader(), "#!genome-build zenome-sim\n#!genome-version zenome-sim\n");
}

TEST(Gff3GtfWriter, Gff3OfAPlusStrandCodingGene) {
  std::string out;
  AppendGff3Gene(PlusStrandGene(), "chr1", out);
  // CDS phases: 0 before any CDS base; 29 bases before the second piece (phase 1); 89 before the
  // third (phase 1). Exon phases are the CDS bases before the exon's first and after its last base, mod 3.
  EXPECT_EQ(
      out,
      "chr1\tzenome\tgene\t101\t400\t.\t+\t.\tID=gene:ZG00001;Name=ZG00001;biotype=protein_coding;"
      "description=simulated protein_coding gene;gene_id=ZG00001;logic_name=zenome_sim;version=1\n"
      "chr1\tzenome\tmRNA\t101\t400\t.\t+\t.\tID=transcript:ZT00001;Parent=gene:ZG00001;"
      "Name=ZG00001-201;biotype=protein_coding;tag=basic,Ensembl_canonical,MANE_Select;"
      "transcript_id=ZT00001;transcript_support_level=1;version=1\n"
      "chr1\tzenome\texon\t101\t150\t.\t+\t.\tParent=transcript:ZT00001;Name=ZE00001;constitutive=1;"
      "ensembl_end_phase=2;ensembl_phase=-1;exon_id=ZE00001;rank=1;version=1\n"
      "chr1\tzenome\tfive_prime_UTR\t101\t121\t.\t+\t.\tParent=transcript:ZT00001\n"
      "chr1\tzenome\tCDS\t122\t150\t.\t+\t0\tID=CDS:ZP00001;Parent=transcript:ZT00001;protein_id=ZP00001\n"
      "chr1\tzenome\texon\t201\t260\t.\t+\t.\tParent=transcript:ZT00001;Name=ZE00002;constitutive=1;"
      "ensembl_end_phase=2;ensembl_phase=2;exon_id=ZE00002;rank=2;version=1\n"
      "chr1\tzenome\tCDS\t201\t260\t.\t+\t1\tID=CDS:ZP00001;Parent=transcript:ZT00001;protein_id=ZP00001\n"
      "chr1\tzenome\texon\t301\t400\t.\t+\t.\tParent=transcript:ZT00001;Name=ZE00003;constitutive=1;"
      "ensembl_end_phase=-1;ensembl_phase=2;exon_id=ZE00003;rank=3;version=1\n"
      "chr1\tzenome\tCDS\t301\t361\t.\t+\t1\tID=CDS:ZP00001;Parent=transcript:ZT00001;protein_id=ZP00001\n"
      "chr1\tzenome\tthree_prime_UTR\t362\t400\t.\t+\t.\tParent=transcript:ZT00001\n"
      "###\n");
}

TEST(Gff3GtfWriter, Gff3OfAMinusStrandCodingGene) {
  std::string out;
  AppendGff3Gene(MinusStrandGene(), "chr2", out);
  // Features in ascending genomic order; ranks and phases along the transcript (3' exon last):
  // the CDS piece [1015,1040) follows 80 CDS bases, so its phase is 1.
  EXPECT_EQ(
      out,
      "chr2\tzenome\tgene\t1001\t1190\t.\t-\t.\tID=gene:ZG00002;Name=ZG00002;biotype=protein_coding;"
      "description=simulated protein_coding gene;gene_id=ZG00002;logic_name=zenome_sim;version=1\n"
      "chr2\tzenome\tmRNA\t1001\t1190\t.\t-\t.\tID=transcript:ZT00002;Parent=gene:ZG00002;"
      "Name=ZG00002-201;biotype=protein_coding;tag=basic,Ensembl_canonical,MANE_Select;"
      "transcript_id=ZT00002;transcript_support_level=1;version=1\n"
      "chr2\tzenome\texon\t1001\t1040\t.\t-\t.\tParent=transcript:ZT00002;Name=ZE00102;constitutive=1;"
      "ensembl_end_phase=-1;ensembl_phase=2;exon_id=ZE00102;rank=2;version=1\n"
      "chr2\tzenome\tthree_prime_UTR\t1001\t1015\t.\t-\t.\tParent=transcript:ZT00002\n"
      "chr2\tzenome\tCDS\t1016\t1040\t.\t-\t1\tID=CDS:ZP00002;Parent=transcript:ZT00002;protein_id=ZP00002\n"
      "chr2\tzenome\texon\t1101\t1190\t.\t-\t.\tParent=transcript:ZT00002;Name=ZE00101;constitutive=1;"
      "ensembl_end_phase=2;ensembl_phase=-1;exon_id=ZE00101;rank=1;version=1\n"
      "chr2\tzenome\tCDS\t1101\t1180\t.\t-\t0\tID=CDS:ZP00002;Parent=transcript:ZT00002;protein_id=ZP00002\n"
      "chr2\tzenome\tfive_prime_UTR\t1181\t1190\t.\t-\t.\tParent=transcript:ZT00002\n"
      "###\n");
}

TEST(Gff3GtfWriter, GtfOfAPlusStrandCodingGene) {
  std::string out;
  AppendGtfGene(PlusStrandGene(), "chr1", out);
  const std::string gene = "gene_id \"ZG00001\"; gene_version \"1\";";
  const std::string gene_tail =
      " gene_name \"ZG00001\"; gene_source \"zenome\"; gene_biotype \"protein_coding\";";
  const std::string tx = gene + " transcript_id \"ZT00001\"; transcript_version \"1\";";
  const std::string tx_tail =
      gene_tail +
      " transcript_name \"ZG00001-201\"; transcript_source \"zenome\";"
      " transcript_biotype \"protein_coding\"; tag \"basic\"; tag \"Ensembl_canonical\";"
      " tag \"MANE_Select\"; transcript_support_level \"1\";";
  auto exon = [&](int number) { return tx + " exon_number \"" + std::to_string(number) + "\";" + tx_tail; };
  const std::string protein = " protein_id \"ZP00001\"; protein_version \"1\";";
  // The CDS ends before the stop codon (transcript offset 168): genomic 358; the stop codon is
  // 359-361. UTR lines come after the exons.
  EXPECT_EQ(out,
            "chr1\tzenome\tgene\t101\t400\t.\t+\t.\t" + gene + gene_tail + "\n" +
                "chr1\tzenome\ttranscript\t101\t400\t.\t+\t.\t" + tx + tx_tail + "\n" +
                "chr1\tzenome\texon\t101\t150\t.\t+\t.\t" + exon(1) +
                " exon_id \"ZE00001\"; exon_version \"1\";\n" + "chr1\tzenome\tCDS\t122\t150\t.\t+\t0\t" +
                exon(1) + protein + "\n" + "chr1\tzenome\tstart_codon\t122\t124\t.\t+\t0\t" + exon(1) + "\n" +
                "chr1\tzenome\texon\t201\t260\t.\t+\t.\t" + exon(2) +
                " exon_id \"ZE00002\"; exon_version \"1\";\n" + "chr1\tzenome\tCDS\t201\t260\t.\t+\t1\t" +
                exon(2) + protein + "\n" + "chr1\tzenome\texon\t301\t400\t.\t+\t.\t" + exon(3) +
                " exon_id \"ZE00003\"; exon_version \"1\";\n" + "chr1\tzenome\tCDS\t301\t358\t.\t+\t1\t" +
                exon(3) + protein + "\n" + "chr1\tzenome\tstop_codon\t359\t361\t.\t+\t0\t" + exon(3) + "\n" +
                "chr1\tzenome\tfive_prime_utr\t101\t121\t.\t+\t.\t" + tx + tx_tail + "\n" +
                "chr1\tzenome\tthree_prime_utr\t362\t400\t.\t+\t.\t" + tx + tx_tail + "\n");
}

TEST(Gff3GtfWriter, NonCodingGenesHaveNoCdsOrProtein) {
  SimGene gene;
  gene.id = "ZG00003";
  gene.kind = GeneKind::kMiRna;
  gene.span = {50, 120};
  SimTranscript t;
  t.id = "ZT00003";
  t.name = "ZG00003-201";
  t.biotype = "miRNA";
  t.exons = {{50, 120}};
  t.exon_ids = {"ZE00201"};
  t.canonical = true;
  t.basic = true;
  gene.transcripts.push_back(t);
  std::string gff3;
  AppendGff3Gene(gene, "chr3", gff3);
  // miRNA genes carry no transcript_support_level (Ensembl gives it to coding and lncRNA only).
  EXPECT_EQ(gff3,
            "chr3\tzenome\tncRNA_gene\t51\t120\t.\t+\t.\tID=gene:ZG00003;Name=ZG00003;biotype=miRNA;"
            "description=simulated miRNA gene;gene_id=ZG00003;logic_name=zenome_sim;version=1\n"
            "chr3\tzenome\tmiRNA\t51\t120\t.\t+\t.\tID=transcript:ZT00003;Parent=gene:ZG00003;"
            "Name=ZG00003-201;biotype=miRNA;tag=basic,Ensembl_canonical;transcript_id=ZT00003;version=1\n"
            "chr3\tzenome\texon\t51\t120\t.\t+\t.\tParent=transcript:ZT00003;Name=ZE00201;constitutive=1;"
            "ensembl_end_phase=-1;ensembl_phase=-1;exon_id=ZE00201;rank=1;version=1\n"
            "###\n");
  std::string gtf;
  AppendGtfGene(gene, "chr3", gtf);
  EXPECT_EQ(gtf.find("CDS"), std::string::npos);
  EXPECT_EQ(gtf.find("protein_id"), std::string::npos);
  EXPECT_EQ(std::count(gtf.begin(), gtf.end(), '\n'), 3);  // gene, transcript, exon
}

}  // namespace
}  // namespace zenome::simulate
