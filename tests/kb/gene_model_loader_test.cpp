#include <htslib/bgzf.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/diagnostics.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kb/gene_model.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using ::testing::HasSubstr;
using zenome::testing::TempDir;
using zenome::testing::WriteFile;

// One GFF/GTF line from its nine columns.
std::string Row(const std::vector<std::string>& columns) {
  std::string line;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) line += '\t';
    line += columns[i];
  }
  return line + "\n";
}

// The fixture gene set, written in each dialect below:
//  OR4F5-like  forward, 3 exons, CDS 1051-1100 (ph 0) 2001-2200 (ph 1) 3001-3062 (ph 2, stop 3060-3062)
//  REVG        reverse, cds_start_NF, exons 5001-5200 6001-6100, CDS 6001-6100 (ph 2) 5101-5200 (ph 1),
//              stop 5101-5103
//  LNC         lncRNA, exons 8001-8100 8201-8300
//  PSG         pseudogene, one exon 9001-9500
std::string EnsemblGff3() {
  std::string s =
      "##gff-version 3\n"
      "##sequence-region   1 1 248956422\n"
      "#!genome-build  GRCh38.p14\n"
      "#!genome-version GRCh38\n"
      "#!genome-date 2013-12\n"
      "#!genebuild-last-updated 2023-03\n";
  s += Row({"1", "Ensembl", "chromosome", "1", "248956422", ".", ".", ".",
            "ID=chromosome:1;Alias=CM000663.2,chr1,NC_000001.11"});
  s += "###\n";
  s += Row({"1", "ensembl_havana", "gene", "1001", "3300", ".", "+", ".",
            "ID=gene:ENSG00000186092;Name=OR4F5;biotype=protein_coding;description=olfactory receptor "
            "[Source:HGNC Symbol%3BAcc:HGNC:14825];gene_id=ENSG00000186092;logic_name=x;version=7"});
  s += Row({"1", "ensembl_havana", "mRNA", "1001", "3300", ".", "+", ".",
            "ID=transcript:ENST00000641515;Parent=gene:ENSG00000186092;Name=OR4F5-201;"
            "biotype=protein_coding;ccdsid=CCDS30547.2;tag=basic,Ensembl_canonical,MANE_Select;"
            "transcript_id=ENST00000641515;transcript_support_level=1 (assigned previously);version=2"});
  s += Row({"1", "ensembl_havana", "five_prime_UTR", "1001", "1050", ".", "+", ".",
            "Parent=transcript:ENST00000641515"});
  s += Row({"1", "ensembl_havana", "exon", "1001", "1100", ".", "+", ".",
            "Parent=transcript:ENST00000641515;Name=ENSE00003812156;constitutive=1;ensembl_end_phase=-1;"
            "ensembl_phase=-1;exon_id=ENSE00003812156;rank=1;version=1"});
  s += Row({"1", "ensembl_havana", "CDS", "1051", "1100", ".", "+", "0",
            "ID=CDS:ENSP00000493376;Parent=transcript:ENST00000641515;protein_id=ENSP00000493376"});
  s += Row({"1", "ensembl_havana", "exon", "2001", "2200", ".", "+", ".",
            "Parent=transcript:ENST00000641515;Name=ENSE1;exon_id=ENSE1;rank=2;version=1"});
  s += Row({"1", "ensembl_havana", "CDS", "2001", "2200", ".", "+", "1",
            "ID=CDS:ENSP00000493376;Parent=transcript:ENST00000641515;protein_id=ENSP00000493376"});
  s += Row({"1", "ensembl_havana", "exon", "3001", "3300", ".", "+", ".",
            "Parent=transcript:ENST00000641515;Name=ENSE2;exon_id=ENSE2;rank=3;version=1"});
  s += Row({"1", "ensembl_havana", "CDS", "3001", "3062", ".", "+", "2",
            "ID=CDS:ENSP00000493376;Parent=transcript:ENST00000641515;protein_id=ENSP00000493376"});
  s += Row({"1", "ensembl_havana", "three_prime_UTR", "3063", "3300", ".", "+", ".",
            "Parent=transcript:ENST00000641515"});
  s += Row({"1", "Ensembl", "biological_region", "4001", "4100", "0.9", "-", ".",
            "external_name=rank %3D 1;logic_name=cpg"});
  s += "###\n";
  s += Row({"1", "havana", "gene", "5001", "6100", ".", "-", ".",
            "ID=gene:ENSG00000000002;Name=REVG;biotype=protein_coding;gene_id=ENSG00000000002;version=3"});
  s += Row(
      {"1", "havana", "mRNA", "5001", "6100", ".", "-", ".",
       "ID=transcript:ENST00000000002;Parent=gene:ENSG00000000002;Name=REVG-201;biotype=protein_coding;"
       "tag=cds_start_NF,mRNA_start_NF;transcript_id=ENST00000000002;transcript_support_level=5;version=4"});
  s +=
      Row({"1", "havana", "exon", "6001", "6100", ".", "-", ".", "Parent=transcript:ENST00000000002;rank=1"});
  s += Row({"1", "havana", "CDS", "6001", "6100", ".", "-", "2",
            "ID=CDS:ENSP00000000002;Parent=transcript:ENST00000000002;protein_id=ENSP00000000002"});
  s +=
      Row({"1", "havana", "exon", "5001", "5200", ".", "-", ".", "Parent=transcript:ENST00000000002;rank=2"});
  s += Row({"1", "havana", "CDS", "5101", "5200", ".", "-", "1",
            "ID=CDS:ENSP00000000002;Parent=transcript:ENST00000000002;protein_id=ENSP00000000002"});
  s += "###\n";
  s += Row({"1", "havana", "ncRNA_gene", "8001", "8300", ".", "+", ".",
            "ID=gene:ENSG00000000003;Name=LNC;biotype=lncRNA;gene_id=ENSG00000000003;version=1"});
  s += Row({"1", "havana", "lnc_RNA", "8001", "8300", ".", "+", ".",
            "ID=transcript:ENST00000000003;Parent=gene:ENSG00000000003;biotype=lncRNA;tag=basic;"
            "transcript_id=ENST00000000003;transcript_support_level=NA;version=1"});
  s += Row({"1", "havana", "exon", "8001", "8100", ".", "+", ".", "Parent=transcript:ENST00000000003"});
  s += Row({"1", "havana", "exon", "8201", "8300", ".", "+", ".", "Parent=transcript:ENST00000000003"});
  s += "###\n";
  s += Row(
      {"1", "havana", "pseudogene", "9001", "9500", ".", "+", ".",
       "ID=gene:ENSG00000000004;Name=PSG;biotype=processed_pseudogene;gene_id=ENSG00000000004;version=1"});
  s += Row({"1", "havana", "pseudogenic_transcript", "9001", "9500", ".", "+", ".",
            "ID=transcript:ENST00000000004;Parent=gene:ENSG00000000004;biotype=processed_pseudogene;"
            "transcript_id=ENST00000000004;version=1"});
  s += Row({"1", "havana", "exon", "9001", "9500", ".", "+", ".", "Parent=transcript:ENST00000000004"});
  return s;
}

std::string GencodeGff3() {
  std::string s =
      "##gff-version 3\n"
      "#description: evidence-based annotation of the human genome (GRCh38), version 44 (Ensembl 110)\n"
      "#provider: GENCODE\n"
      "#contact: gencode-help@ebi.ac.uk\n"
      "#format: gff3\n"
      "#date: 2023-03-29\n"
      "##sequence-region chr1 1 248956422\n";
  const std::string g1 = "gene_id=ENSG00000186092.7;gene_type=protein_coding;gene_name=OR4F5;level=2";
  const std::string t1 = g1 +
                         ";transcript_id=ENST00000641515.2;transcript_type=protein_coding;"
                         "transcript_name=OR4F5-201;transcript_support_level=1;"
                         "tag=basic,Ensembl_canonical,MANE_Select,CCDS;protein_id=ENSP00000493376.2";
  s += Row({"chr1", "HAVANA", "gene", "1001", "3300", ".", "+", ".", "ID=ENSG00000186092.7;" + g1});
  s += Row({"chr1", "HAVANA", "transcript", "1001", "3300", ".", "+", ".",
            "ID=ENST00000641515.2;Parent=ENSG00000186092.7;" + t1});
  s += Row({"chr1", "HAVANA", "exon", "1001", "1100", ".", "+", ".",
            "ID=exon:ENST00000641515.2:1;Parent=ENST00000641515.2;" + t1 + ";exon_number=1"});
  s += Row({"chr1", "HAVANA", "CDS", "1051", "1100", ".", "+", "0",
            "ID=CDS:ENST00000641515.2;Parent=ENST00000641515.2;" + t1 + ";exon_number=1"});
  s += Row({"chr1", "HAVANA", "start_codon", "1051", "1053", ".", "+", "0",
            "ID=start_codon:ENST00000641515.2:1;Parent=ENST00000641515.2;" + t1});
  s += Row({"chr1", "HAVANA", "exon", "2001", "2200", ".", "+", ".",
            "ID=exon:ENST00000641515.2:2;Parent=ENST00000641515.2;" + t1});
  s += Row({"chr1", "HAVANA", "CDS", "2001", "2200", ".", "+", "1",
            "ID=CDS:ENST00000641515.2;Parent=ENST00000641515.2;" + t1});
  s += Row({"chr1", "HAVANA", "exon", "3001", "3300", ".", "+", ".",
            "ID=exon:ENST00000641515.2:3;Parent=ENST00000641515.2;" + t1});
  s += Row({"chr1", "HAVANA", "CDS", "3001", "3062", ".", "+", "2",
            "ID=CDS:ENST00000641515.2;Parent=ENST00000641515.2;" + t1});
  s += Row({"chr1", "HAVANA", "stop_codon", "3060", "3062", ".", "+", "0",
            "ID=stop_codon:ENST00000641515.2:1;Parent=ENST00000641515.2;" + t1});
  s += Row({"chr1", "HAVANA", "five_prime_UTR", "1001", "1050", ".", "+", ".",
            "ID=UTR5:ENST00000641515.2;Parent=ENST00000641515.2;" + t1});
  s += Row({"chr1", "HAVANA", "three_prime_UTR", "3063", "3300", ".", "+", ".",
            "ID=UTR3:ENST00000641515.2;Parent=ENST00000641515.2;" + t1});
  // A chrY PAR copy: same stable ids with a _PAR_Y suffix.
  const std::string gy = "gene_id=ENSG00000000009.3_PAR_Y;gene_type=lncRNA;gene_name=PARG";
  s += Row({"chrY", "HAVANA", "gene", "101", "300", ".", "+", ".", "ID=ENSG00000000009.3_PAR_Y;" + gy});
  s += Row({"chrY", "HAVANA", "transcript", "101", "300", ".", "+", ".",
            "ID=ENST00000000009.5_PAR_Y;Parent=ENSG00000000009.3_PAR_Y;" + gy +
                ";transcript_id=ENST00000000009.5_PAR_Y;transcript_type=lncRNA;tag=PAR"});
  s += Row({"chrY", "HAVANA", "exon", "101", "300", ".", "+", ".",
            "ID=exon:ENST00000000009.5_PAR_Y:1;Parent=ENST00000000009.5_PAR_Y;" + gy});
  return s;
}

std::string EnsemblGtf() {
  std::string s =
      "#!genome-build GRCh38.p14\n"
      "#!genome-version GRCh38\n"
      "#!genome-date 2013-12\n"
      "#!genome-build-accession GCA_000001405.29\n"
      "#!genebuild-last-updated 2023-03\n";
  const std::string g =
      "gene_id \"ENSG00000186092\"; gene_version \"7\"; gene_name \"OR4F5\"; "
      "gene_source \"ensembl_havana\"; gene_biotype \"protein_coding\";";
  const std::string t =
      "gene_id \"ENSG00000186092\"; gene_version \"7\"; transcript_id \"ENST00000641515\"; "
      "transcript_version \"2\"; gene_name \"OR4F5\"; gene_biotype \"protein_coding\"; "
      "transcript_name \"OR4F5-201\"; transcript_biotype \"protein_coding\"; tag \"CCDS\"; "
      "ccds_id \"CCDS30547\"; tag \"basic\"; tag \"Ensembl_canonical\"; tag \"MANE_Select\"; "
      "transcript_support_level \"1 (assigned previously)\";";
  const std::string p = " protein_id \"ENSP00000493376\"; protein_version \"2\";";
  s += Row({"1", "ensembl_havana", "gene", "1001", "3300", ".", "+", ".", g});
  s += Row({"1", "ensembl_havana", "transcript", "1001", "3300", ".", "+", ".", t});
  s += Row({"1", "ensembl_havana", "exon", "1001", "1100", ".", "+", ".", t + " exon_number \"1\";"});
  s += Row({"1", "ensembl_havana", "CDS", "1051", "1100", ".", "+", "0", t + p});
  s += Row({"1", "ensembl_havana", "start_codon", "1051", "1053", ".", "+", "0", t});
  s += Row({"1", "ensembl_havana", "exon", "2001", "2200", ".", "+", ".", t});
  s += Row({"1", "ensembl_havana", "CDS", "2001", "2200", ".", "+", "1", t + p});
  s += Row({"1", "ensembl_havana", "exon", "3001", "3300", ".", "+", ".", t});
  s += Row({"1", "ensembl_havana", "CDS", "3001", "3059", ".", "+", "2", t + p});
  s += Row({"1", "ensembl_havana", "stop_codon", "3060", "3062", ".", "+", "0", t});
  s += Row({"1", "ensembl_havana", "five_prime_utr", "1001", "1050", ".", "+", ".", t});
  s += Row({"1", "ensembl_havana", "three_prime_utr", "3063", "3300", ".", "+", ".", t});
  const std::string g2 =
      "gene_id \"ENSG00000000002\"; gene_version \"3\"; gene_name \"REVG\"; "
      "gene_biotype \"protein_coding\";";
  const std::string t2 =
      "gene_id \"ENSG00000000002\"; transcript_id \"ENST00000000002\"; transcript_version "
      "\"4\"; gene_name \"REVG\"; gene_biotype \"protein_coding\"; transcript_biotype "
      "\"protein_coding\"; tag \"cds_start_NF\"; tag \"mRNA_start_NF\"; "
      "transcript_support_level \"5\";";
  const std::string p2 = " protein_id \"ENSP00000000002\"; protein_version \"1\";";
  s += Row({"1", "havana", "gene", "5001", "6100", ".", "-", ".", g2});
  s += Row({"1", "havana", "transcript", "5001", "6100", ".", "-", ".", t2});
  s += Row({"1", "havana", "exon", "6001", "6100", ".", "-", ".", t2});
  s += Row({"1", "havana", "CDS", "6001", "6100", ".", "-", "2", t2 + p2});
  s += Row({"1", "havana", "exon", "5001", "5200", ".", "-", ".", t2});
  s += Row({"1", "havana", "CDS", "5104", "5200", ".", "-", "1", t2 + p2});
  s += Row({"1", "havana", "stop_codon", "5101", "5103", ".", "-", "0", t2});
  return s;
}

std::string GencodeGtfWithoutParents() {
  // GENCODE-style attributes; no gene or transcript lines (some GTF producers omit them).
  std::string s = "##description: evidence-based annotation\n##provider: GENCODE\n##date: 2023-03-29\n";
  const std::string t =
      "gene_id \"ENSG00000186092.7\"; transcript_id \"ENST00000641515.2\"; gene_type "
      "\"protein_coding\"; gene_name \"OR4F5\"; transcript_type \"protein_coding\"; "
      "transcript_name \"OR4F5-201\"; level 2; protein_id \"ENSP00000493376.2\"; "
      "transcript_support_level \"1\"; tag \"basic\"; tag \"Ensembl_canonical\"; "
      "tag \"MANE_Select\";";
  s += Row({"chr1", "HAVANA", "exon", "1001", "1100", ".", "+", ".", t});
  s += Row({"chr1", "HAVANA", "CDS", "1051", "1100", ".", "+", "0", t});
  s += Row({"chr1", "HAVANA", "exon", "2001", "2200", ".", "+", ".", t});
  s += Row({"chr1", "HAVANA", "CDS", "2001", "2200", ".", "+", "1", t});
  s += Row({"chr1", "HAVANA", "exon", "3001", "3300", ".", "+", ".", t});
  s += Row({"chr1", "HAVANA", "CDS", "3001", "3059", ".", "+", "2", t});
  s += Row({"chr1", "HAVANA", "stop_codon", "3060", "3062", ".", "+", "0", t});
  return s;
}

std::string RefSeqGff3() {
  std::string s =
      "##gff-version 3\n#!gff-spec-version 1.21\n#!processor NCBI annotwriter\n"
      "#!genome-build GRCh38.p14\n#!annotation-source NCBI RefSeq GCF_000001405.40-RS_2023_03\n";
  s += Row({"NC_000017.11", "RefSeq", "region", "1", "83257441", ".", "+", ".",
            "ID=NC_000017.11:1..83257441;Dbxref=taxon:9606;chromosome=17"});
  s += Row({"NC_000017.11", "BestRefSeq", "gene", "1001", "3300", ".", "+", ".",
            "ID=gene-ORF5;Dbxref=GeneID:79501,HGNC:HGNC:14825;Name=ORF5;gbkey=Gene;gene=ORF5;"
            "gene_biotype=protein_coding"});
  s += Row({"NC_000017.11", "BestRefSeq", "mRNA", "1001", "3300", ".", "+", ".",
            "ID=rna-NM_001005484.2;Parent=gene-ORF5;Dbxref=GeneID:79501;Name=NM_001005484.2;gbkey=mRNA;"
            "gene=ORF5;tag=MANE Select;transcript_id=NM_001005484.2"});
  for (auto [b, e] : {std::pair{"1001", "1100"}, {"2001", "2200"}, {"3001", "3300"}}) {
    s += Row({"NC_000017.11", "BestRefSeq", "exon", b, e, ".", "+", ".",
              std::string("ID=exon-NM_001005484.2-1;Parent=rna-NM_001005484.2;gene=ORF5")});
  }
  s += Row({"NC_000017.11", "BestRefSeq", "CDS", "1051", "1100", ".", "+", "0",
            "ID=cds-NP_001005484.2;Parent=rna-NM_001005484.2;gene=ORF5;protein_id=NP_001005484.2"});
  s += Row({"NC_000017.11", "BestRefSeq", "CDS", "2001", "2200", ".", "+", "1",
            "ID=cds-NP_001005484.2;Parent=rna-NM_001005484.2;gene=ORF5;protein_id=NP_001005484.2"});
  s += Row({"NC_000017.11", "BestRefSeq", "CDS", "3001", "3062", ".", "+", "2",
            "ID=cds-NP_001005484.2;Parent=rna-NM_001005484.2;gene=ORF5;protein_id=NP_001005484.2"});
  // A pseudogene whose exon hangs directly off the gene.
  s +=
      Row({"NC_000017.11", "Curated Genomic", "pseudogene", "9001", "9500", ".", "-", ".",
           "ID=gene-PSX;Dbxref=GeneID:123;Name=PSX;gbkey=Gene;gene=PSX;gene_biotype=pseudogene;pseudo=true"});
  s += Row({"NC_000017.11", "Curated Genomic", "exon", "9001", "9500", ".", "-", ".",
            "ID=id-PSX;Parent=gene-PSX;gbkey=exon;gene=PSX;pseudo=true"});
  return s;
}

const Transcript* FindTranscript(const GeneModel& model, const std::string& id) {
  for (const auto& t : model.transcripts()) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

struct Loaded {
  Result<GeneModel> model;
  std::vector<std::string> warnings;
};

Loaded LoadText(const TempDir& dir, const std::string& name, const std::string& text, bool strict = false) {
  std::string path = dir.File(name);
  WriteFile(path, text);
  auto warnings = std::make_shared<std::vector<std::string>>();
  Diagnostics diagnostics(100, [warnings](const std::string& m) { warnings->push_back(m); });
  GeneModelLoadOptions options;
  options.strict = strict;
  Result<GeneModel> model = LoadGeneModel(path, options, &diagnostics);
  return {std::move(model), *warnings};
}

// The forward-strand coding transcript, identical in every dialect.
void ExpectForwardCoding(const Transcript& t) {
  EXPECT_EQ(t.id, "ENST00000641515");
  EXPECT_EQ(t.version, "2");
  EXPECT_EQ(t.versioned_id(), "ENST00000641515.2");
  EXPECT_EQ(t.gene_id, "ENSG00000186092");
  EXPECT_EQ(t.gene_name, "OR4F5");
  EXPECT_EQ(t.biotype, "protein_coding");
  EXPECT_EQ(t.gene_biotype, "protein_coding");
  EXPECT_EQ(t.strand, Strand::kForward);
  ASSERT_EQ(t.exons.size(), 3u);
  EXPECT_EQ(t.exons[0], FromOneBasedClosed(1001, 1100));
  EXPECT_EQ(t.exons[2], FromOneBasedClosed(3001, 3300));
  EXPECT_EQ(t.span, FromOneBasedClosed(1001, 3300));
  ASSERT_EQ(t.cds.size(), 3u);
  EXPECT_EQ(t.cds[0], FromOneBasedClosed(1051, 1100));
  EXPECT_EQ(t.cds[1], FromOneBasedClosed(2001, 2200));
  EXPECT_EQ(t.cds[2], FromOneBasedClosed(3001, 3062));  // stop codon included
  EXPECT_EQ(t.cds_length() % 3, 0);
  EXPECT_EQ(t.cds_start_phase, 0);
  EXPECT_TRUE(t.mane_select);
  EXPECT_TRUE(t.canonical);
  EXPECT_TRUE(t.basic);
  EXPECT_FALSE(t.mane_plus_clinical);
  EXPECT_FALSE(t.cds_start_incomplete);
  EXPECT_EQ(t.tsl, 1);
}

TEST(GeneModelLoaderTest, EnsemblGff3) {
  TempDir dir;
  Loaded loaded = LoadText(dir, "ensembl.gff3", EnsemblGff3());
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_TRUE(loaded.warnings.empty()) << loaded.warnings.front();
  const GeneModel& model = *loaded.model;
  EXPECT_EQ(model.source().format, "GFF3");
  EXPECT_THAT(model.source().version, HasSubstr("GRCh38.p14"));
  EXPECT_THAT(model.source().version, HasSubstr("genebuild-last-updated 2023-03"));
  ASSERT_EQ(model.transcripts().size(), 4u);
  ASSERT_EQ(model.genes().size(), 4u);

  const Transcript* forward = FindTranscript(model, "ENST00000641515");
  ASSERT_NE(forward, nullptr);
  ExpectForwardCoding(*forward);
  EXPECT_EQ(forward->protein_id, "ENSP00000493376");

  const Transcript* reverse = FindTranscript(model, "ENST00000000002");
  ASSERT_NE(reverse, nullptr);
  EXPECT_EQ(reverse->version, "4");
  EXPECT_EQ(reverse->strand, Strand::kReverse);
  EXPECT_TRUE(reverse->cds_start_incomplete);
  EXPECT_EQ(reverse->cds_start_phase, 2);
  EXPECT_EQ(reverse->tsl, 5);
  ASSERT_EQ(reverse->cds.size(), 2u);
  EXPECT_EQ(reverse->cds[0], FromOneBasedClosed(5101, 5200));
  EXPECT_EQ((reverse->cds_length() - reverse->cds_start_phase) % 3, 0);

  const Transcript* lnc = FindTranscript(model, "ENST00000000003");
  ASSERT_NE(lnc, nullptr);
  EXPECT_FALSE(lnc->is_coding());
  EXPECT_EQ(lnc->biotype, "lncRNA");
  EXPECT_EQ(lnc->gene_biotype, "lncRNA");
  EXPECT_EQ(lnc->tsl, 0);  // "NA"
  EXPECT_TRUE(lnc->basic);
  EXPECT_FALSE(lnc->canonical);

  const Transcript* pseudo = FindTranscript(model, "ENST00000000004");
  ASSERT_NE(pseudo, nullptr);
  EXPECT_EQ(pseudo->biotype, "processed_pseudogene");
  EXPECT_EQ(pseudo->gene_name, "PSG");

  const Gene& gene = model.genes()[0];
  EXPECT_EQ(gene.id, "ENSG00000186092");
  EXPECT_EQ(gene.name, "OR4F5");
  EXPECT_EQ(gene.biotype, "protein_coding");
  ASSERT_EQ(gene.transcripts.size(), 1u);
  EXPECT_EQ(model.transcripts()[gene.transcripts[0]].id, "ENST00000641515");

  // Indexed and queryable under the other contig spelling.
  std::vector<const Transcript*> hits;
  model.Overlapping("chr1", 5500, 5501, 0, hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0]->id, "ENST00000000002");
}

TEST(GeneModelLoaderTest, GencodeGff3WithVersionedIdsStopCodonsAndParY) {
  TempDir dir;
  Loaded loaded = LoadText(dir, "gencode.gff3", GencodeGff3());
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_TRUE(loaded.warnings.empty());
  const GeneModel& model = *loaded.model;
  EXPECT_THAT(model.source().version, HasSubstr("version 44 (Ensembl 110)"));
  EXPECT_THAT(model.source().version, HasSubstr("2023-03-29"));
  const Transcript* forward = FindTranscript(model, "ENST00000641515");
  ASSERT_NE(forward, nullptr);
  ExpectForwardCoding(*forward);
  EXPECT_EQ(forward->protein_id, "ENSP00000493376.2");

  const Transcript* par = FindTranscript(model, "ENST00000000009");
  ASSERT_NE(par, nullptr);
  EXPECT_EQ(par->version, "5");
  EXPECT_EQ(par->gene_id, "ENSG00000000009");
  EXPECT_EQ(par->biotype, "lncRNA");
  EXPECT_EQ(model.contigs()[par->contig], "chrY");
}

TEST(GeneModelLoaderTest, EnsemblGtfMergesStopCodonIntoCds) {
  TempDir dir;
  Loaded loaded = LoadText(dir, "ensembl.gtf", EnsemblGtf());
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_TRUE(loaded.warnings.empty()) << loaded.warnings.front();
  const GeneModel& model = *loaded.model;
  EXPECT_EQ(model.source().format, "GTF");
  EXPECT_THAT(model.source().version, HasSubstr("genome-build GRCh38.p14"));
  const Transcript* forward = FindTranscript(model, "ENST00000641515");
  ASSERT_NE(forward, nullptr);
  ExpectForwardCoding(*forward);
  EXPECT_EQ(forward->protein_id, "ENSP00000493376.2");

  const Transcript* reverse = FindTranscript(model, "ENST00000000002");
  ASSERT_NE(reverse, nullptr);
  ASSERT_EQ(reverse->cds.size(), 2u);
  EXPECT_EQ(reverse->cds[0], FromOneBasedClosed(5101, 5200));  // stop 5101-5103 merged in
  EXPECT_EQ(reverse->cds[1], FromOneBasedClosed(6001, 6100));
  EXPECT_EQ(reverse->cds_start_phase, 2);
  EXPECT_TRUE(reverse->cds_start_incomplete);
  EXPECT_EQ(reverse->tsl, 5);
}

TEST(GeneModelLoaderTest, GtfWithoutGeneOrTranscriptLines) {
  TempDir dir;
  Loaded loaded = LoadText(dir, "gencode.gtf", GencodeGtfWithoutParents());
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  const GeneModel& model = *loaded.model;
  ASSERT_EQ(model.transcripts().size(), 1u);
  ExpectForwardCoding(model.transcripts()[0]);
  EXPECT_EQ(model.transcripts()[0].protein_id, "ENSP00000493376.2");
  ASSERT_EQ(model.genes().size(), 1u);
  EXPECT_EQ(model.genes()[0].span, FromOneBasedClosed(1001, 3300));
  EXPECT_EQ(model.genes()[0].name, "OR4F5");
}

TEST(GeneModelLoaderTest, RefSeqGff3) {
  TempDir dir;
  Loaded loaded = LoadText(dir, "refseq.gff3", RefSeqGff3());
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_TRUE(loaded.warnings.empty()) << loaded.warnings.front();
  const GeneModel& model = *loaded.model;
  EXPECT_THAT(model.source().version, HasSubstr("RS_2023_03"));
  const Transcript* t = FindTranscript(model, "NM_001005484");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->version, "2");
  EXPECT_EQ(t->gene_name, "ORF5");
  EXPECT_EQ(t->gene_id, "79501");
  EXPECT_EQ(t->biotype, "protein_coding");
  EXPECT_TRUE(t->mane_select);
  EXPECT_EQ(t->protein_id, "NP_001005484.2");
  EXPECT_EQ(t->cds.size(), 3u);
  const Transcript* pseudo = FindTranscript(model, "123");
  ASSERT_NE(pseudo, nullptr);
  EXPECT_EQ(pseudo->biotype, "pseudogene");
  EXPECT_EQ(pseudo->strand, Strand::kReverse);
  EXPECT_EQ(pseudo->exons.size(), 1u);
}

TEST(GeneModelLoaderTest, ChildrenBeforeParentsAndNoVersionHeader) {
  // GFF3 lets parents come after their children; and detection works without ##gff-version.
  std::string text = EnsemblGff3();
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start + 1));
    start = end + 1;
  }
  std::reverse(lines.begin(), lines.end());
  std::string reversed;
  for (const auto& line : lines) {
    if (line.rfind("##gff-version", 0) != 0) reversed += line;
  }
  TempDir dir;
  Loaded loaded = LoadText(dir, "reversed.gff3", reversed);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.model->source().format, "GFF3");
  EXPECT_EQ(loaded.model->transcripts().size(), 4u);
  const Transcript* forward = FindTranscript(*loaded.model, "ENST00000641515");
  ASSERT_NE(forward, nullptr);
  ExpectForwardCoding(*forward);
}

TEST(GeneModelLoaderTest, CrlfLinesAndEmbeddedFasta) {
  std::string text = EnsemblGff3() + "##FASTA\n>1\nACGT\n";
  std::string crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  TempDir dir;
  Loaded loaded = LoadText(dir, "crlf.gff3", crlf);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.model->transcripts().size(), 4u);
}

void WriteCompressed(const std::string& path, const std::string& text, const char* mode) {
  BGZF* fp = bgzf_open(path.c_str(), mode);
  ASSERT_NE(fp, nullptr);
  ASSERT_EQ(bgzf_write(fp, text.data(), text.size()), static_cast<ssize_t>(text.size()));
  ASSERT_EQ(bgzf_close(fp), 0);
}

TEST(GeneModelLoaderTest, ReadsGzipAndBgzip) {
  TempDir dir;
  for (const char* mode : {"w", "wg"}) {  // bgzip, plain gzip
    std::string path = dir.File(std::string("model_") + (mode[1] == 'g' ? "gz" : "bgz") + ".gtf.gz");
    WriteCompressed(path, EnsemblGtf(), mode);
    Result<GeneModel> model = LoadGeneModel(path, {}, nullptr);
    ASSERT_TRUE(model.ok()) << mode << ": " << model.status().ToString();
    EXPECT_EQ(model->transcripts().size(), 2u);
  }
}

TEST(GeneModelLoaderTest, TruncatedCompressedFileIsAnIoError) {
  TempDir dir;
  // Enough text that the compressed stream spans several blocks.
  std::string text = EnsemblGff3();
  for (int i = 0; i < 2000; ++i) text += "# padding comment line " + std::to_string(i * 7919) + "\n";
  text += EnsemblGff3().substr(EnsemblGff3().find("###"));
  for (const char* mode : {"w", "wg"}) {
    std::string full = dir.File("full.gz");
    WriteCompressed(full, text, mode);
    std::string data = testing::ReadFile(full);
    std::string cut = dir.File(std::string("cut_") + mode + ".gff3.gz");
    WriteFile(cut, data.substr(0, data.size() * 2 / 3));
    Result<GeneModel> model = LoadGeneModel(cut, {}, nullptr);
    ASSERT_FALSE(model.ok()) << mode;
    EXPECT_EQ(model.status().code(), ErrorCode::kIo) << model.status().ToString();
    EXPECT_THAT(model.status().message(), HasSubstr("truncated"));
  }
}

TEST(GeneModelLoaderTest, EmptyFilesAreErrors) {
  TempDir dir;
  for (const std::string& text : {std::string(), std::string("##gff-version 3\n#!genome-build GRCh38\n")}) {
    Loaded loaded = LoadText(dir, "empty.gff3", text);
    ASSERT_FALSE(loaded.model.ok());
    EXPECT_THAT(loaded.model.status().message(), HasSubstr("empty"));
    EXPECT_THAT(loaded.model.status().message(), HasSubstr("empty.gff3"));
  }
  Result<GeneModel> missing = LoadGeneModel(dir.File("absent.gff3"), {}, nullptr);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), ErrorCode::kNotFound);
}

TEST(GeneModelLoaderTest, BiotypeFilter) {
  TempDir dir;
  std::string path = dir.File("filter.gff3");
  WriteFile(path, EnsemblGff3());
  GeneModelLoadOptions options;
  options.biotypes = {"lncRNA", "processed_pseudogene"};
  Result<GeneModel> model = LoadGeneModel(path, options, nullptr);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ASSERT_EQ(model->transcripts().size(), 2u);
  for (const auto& t : model->transcripts()) EXPECT_NE(t.biotype, "protein_coding");
  EXPECT_EQ(model->genes().size(), 2u);
}

// --- validation: each broken fixture in lenient mode drops the transcript with a located
// warning, and in strict mode fails with the same location.

struct BrokenCase {
  std::string name;
  std::string from;  // text in the Ensembl fixture to replace
  std::string to;
  std::string expected_field;  // "FILE:LINE: FIELD" fragment
  std::string expected_message;
  std::string dropped_transcript;  // ids of the transcripts lost, comma-separated
  std::string locate;              // text on the reported line when `to` does not show it
};

int LineOf(const std::string& text, const std::string& fragment) {
  size_t at = text.find(fragment);
  return at == std::string::npos ? -1
                                 : static_cast<int>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
}

const std::string kLnc = "ENST00000000003";
const std::string kFwd = "ENST00000641515";
const std::string kRev = "ENST00000000002";
const std::string kPseudo = "ENST00000000004";

BrokenCase Case(std::string name, std::string from, std::string to, std::string field, std::string message,
                std::string dropped, std::string locate = "") {
  return {std::move(name),    std::move(from),    std::move(to),    std::move(field),
          std::move(message), std::move(dropped), std::move(locate)};
}

class GeneModelValidationTest : public ::testing::TestWithParam<BrokenCase> {};

// `dropped_transcript` empty: the broken line is refused but every transcript still loads.
TEST_P(GeneModelValidationTest, ReportsLocationAndDropsTranscript) {
  const BrokenCase& c = GetParam();
  std::string text = EnsemblGff3();
  size_t at = text.find(c.from);
  ASSERT_NE(at, std::string::npos) << c.from;
  text.replace(at, c.from.size(), c.to);
  const int line = LineOf(text, c.locate.empty() ? c.to : c.locate);
  ASSERT_GT(line, 0);
  const std::string location = "broken.gff3:" + std::to_string(line) + ": " + c.expected_field;

  TempDir dir;
  Loaded lenient = LoadText(dir, "broken.gff3", text);
  ASSERT_TRUE(lenient.model.ok()) << lenient.model.status().ToString();
  // The first warning is the problem itself; knock-on problems (an orphaned exon) may follow.
  ASSERT_FALSE(lenient.warnings.empty());
  EXPECT_THAT(lenient.warnings[0], HasSubstr(location));
  EXPECT_THAT(lenient.warnings[0], HasSubstr(c.expected_message));
  for (const std::string& id : {kFwd, kRev, kLnc, kPseudo}) {
    const bool dropped = c.dropped_transcript.find(id) != std::string::npos;
    EXPECT_EQ(FindTranscript(*lenient.model, id) == nullptr, dropped) << id;
  }

  Loaded strict = LoadText(dir, "broken.gff3", text, true);
  ASSERT_FALSE(strict.model.ok());
  EXPECT_EQ(strict.model.status().code(), ErrorCode::kBadInput);
  EXPECT_THAT(strict.model.status().message(), HasSubstr(location));
  EXPECT_THAT(strict.model.status().message(), HasSubstr(c.expected_message));
}

INSTANTIATE_TEST_SUITE_P(
    Gff3, GeneModelValidationTest,
    ::testing::Values(
        Case("FewColumns", "1\thavana\texon\t8201\t8300\t.\t+\t.\t", "1\thavana\texon\t8201\t8300\t.\t+\t",
             "columns", "expected 9 tab-separated columns, found 8", kLnc),
        Case("NonIntegerStart", "exon\t8201\t8300", "exon\t82o1\t8300", "start", "not a positive integer",
             kLnc),
        Case("InvertedCoordinates", "exon\t8201\t8300", "exon\t8301\t8300", "end", "is before start", kLnc),
        Case("BadStrand", "exon\t8201\t8300\t.\t+", "exon\t8201\t8300\t.\t*", "strand", "is not '+' or '-'",
             kLnc),
        Case("MissingId", "ID=transcript:ENST00000000003;", "", "ID", "no ID attribute", kLnc,
             "lnc_RNA\t8001"),
        // An exon line that names no transcript, or one that is not in the file, cannot be given
        // back to its transcript: that transcript loads without it (its span warning follows).
        Case("MissingParentAttribute", "8201\t8300\t.\t+\t.\tParent=transcript:ENST00000000003",
             "8201\t8300\t.\t+\t.\tName=x", "Parent", "no Parent attribute", ""),
        Case("UnknownParent", "8201\t8300\t.\t+\t.\tParent=transcript:ENST00000000003",
             "8201\t8300\t.\t+\t.\tParent=transcript:ENST99999999999", "Parent",
             "parent 'transcript:ENST99999999999' is not defined", ""),
        Case("PhaseInconsistent", "2001\t2200\t.\t+\t1", "2001\t2200\t.\t+\t0", "phase",
             "has phase 0 but the 50 CDS bases before it", kFwd),
        Case("ReversePhaseInconsistent", "5101\t5200\t.\t-\t1", "5101\t5200\t.\t-\t2", "phase",
             "has phase 2 but the 100 CDS bases before it (first phase 2) require phase 1", kRev),
        Case("BadCdsPhase", "2001\t2200\t.\t+\t1", "2001\t2200\t.\t+\t3", "phase", "is not 0, 1 or 2", kFwd,
             "CDS\t2001"),
        // More than kMaxSlippageOverlap bases: no programmed frameshift.
        Case("OverlappingCds", "CDS\t2001\t2200", "CDS\t1091\t2200", "start",
             "overlaps CDS 1051-1100 by 10 bases", kFwd),
        Case("OverlappingExons", "exon\t8201\t8300", "exon\t8051\t8300", "start", "overlaps exon", kLnc),
        Case("CdsOutsideExons", "CDS\t3001\t3062", "CDS\t2990\t3062", "start", "is not inside an exon", kFwd),
        Case("ExonOnOtherContig", "1\thavana\texon\t8201\t8300", "2\thavana\texon\t8201\t8300", "seqid",
             "feature is on 2 but its transcript is on 1", kLnc),
        Case("ExonOnOtherStrand", "exon\t8201\t8300\t.\t+", "exon\t8201\t8300\t.\t-", "strand",
             "strand differs", kLnc),
        Case("DuplicateId", "ID=transcript:ENST00000000004;", "ID=transcript:ENST00000000003;", "ID",
             "ID 'transcript:ENST00000000003' is already used", kLnc + "," + kPseudo,
             "pseudogenic_transcript")),
    [](const ::testing::TestParamInfo<BrokenCase>& info) { return info.param.name; });

TEST(GeneModelLoaderTest, GtfPhaseCheckIgnoresTheSeparateStopCodon) {
  // A GTF whose last CDS frame is wrong is caught even though the stop codon is a separate line.
  std::string text = EnsemblGtf();
  std::string from = "3001\t3059\t.\t+\t2";
  text.replace(text.find(from), from.size(), "3001\t3059\t.\t+\t1");
  TempDir dir;
  Loaded loaded = LoadText(dir, "bad.gtf", text, true);
  ASSERT_FALSE(loaded.model.ok());
  EXPECT_THAT(loaded.model.status().message(),
              HasSubstr("bad.gtf:" + std::to_string(LineOf(text, "3001\t3059")) + ": phase"));
}

TEST(GeneModelLoaderTest, GtfMissingTranscriptIdAndMissingTranscriptLine) {
  TempDir dir;
  std::string text = EnsemblGtf();
  // An exon naming a transcript that the file (which has transcript lines) never defines.
  std::string extra = Row({"1", "havana", "exon", "7001", "7100", ".", "+", ".",
                           "gene_id \"ENSG00000000002\"; transcript_id \"ENST00000000077\";"});
  // An exon without transcript_id.
  std::string extra2 =
      Row({"1", "havana", "exon", "7201", "7300", ".", "+", ".", "gene_id \"ENSG00000000002\";"});
  Loaded loaded = LoadText(dir, "gaps.gtf", text + extra + extra2);
  ASSERT_TRUE(loaded.model.ok());
  EXPECT_EQ(loaded.model->transcripts().size(), 2u);
  ASSERT_EQ(loaded.warnings.size(), 2u);
  std::string all = loaded.warnings[0] + "\n" + loaded.warnings[1];
  EXPECT_THAT(all, HasSubstr("gaps.gtf:" + std::to_string(LineOf(text + extra, "7001")) + ": transcript_id"));
  EXPECT_THAT(all, HasSubstr("ENST00000000077' has no transcript line"));
  EXPECT_THAT(all, HasSubstr("gaps.gtf:" + std::to_string(LineOf(text + extra + extra2, "7201")) +
                             ": transcript_id: exon record has no transcript_id"));
}

TEST(GeneModelLoaderTest, AllTranscriptsBrokenIsAnError) {
  TempDir dir;
  std::string text = "##gff-version 3\n" + Row({"1", "x", "gene", "1", "100", ".", "+", ".", "ID=g1"}) +
                     Row({"1", "x", "mRNA", "1", "100", ".", "+", ".", "ID=t1;Parent=g1"}) +
                     Row({"1", "x", "exon", "1", "100", ".", "+", ".", "Parent=t1"}) +
                     Row({"1", "x", "exon", "50", "100", ".", "+", ".", "Parent=t1"});
  Loaded loaded = LoadText(dir, "allbad.gff3", text);
  ASSERT_FALSE(loaded.model.ok());
  EXPECT_THAT(loaded.model.status().message(), HasSubstr("no usable transcripts"));
  EXPECT_EQ(loaded.warnings.size(), 1u);
}

TEST(GeneModelLoaderTest, TranscriptsWithoutExonLinesUseCdsAndUtrs) {
  TempDir dir;
  std::string text = "##gff-version 3\n" +
                     Row({"1", "x", "gene", "101", "400", ".", "+", ".", "ID=g1;Name=G1"}) +
                     Row({"1", "x", "mRNA", "101", "400", ".", "+", ".", "ID=t1;Parent=g1"}) +
                     Row({"1", "x", "five_prime_UTR", "101", "150", ".", "+", ".", "Parent=t1"}) +
                     Row({"1", "x", "CDS", "151", "200", ".", "+", "0", "Parent=t1"}) +
                     Row({"1", "x", "CDS", "301", "360", ".", "+", "1", "Parent=t1"}) +
                     Row({"1", "x", "three_prime_UTR", "361", "400", ".", "+", ".", "Parent=t1"});
  Loaded loaded = LoadText(dir, "cdsonly.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  const Transcript& t = loaded.model->transcripts()[0];
  ASSERT_EQ(t.exons.size(), 2u);
  EXPECT_EQ(t.exons[0], FromOneBasedClosed(101, 200));
  EXPECT_EQ(t.exons[1], FromOneBasedClosed(301, 400));
  EXPECT_EQ(t.gene_name, "G1");
}

}  // namespace
}  // namespace zenome
