// GFF3/GTF as users have them: each quirk with one clear meaning loads with a counted warning of
// its own kind (an error with options.strict); only transcripts without a usable structure are
// refused, with the reason, and the rest of the file still loads. Fixtures are hand-written in the
// shape of Ensembl, GENCODE and NCBI RefSeq files.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "kb/gene_model.h"
#include "support/test_support.h"

namespace zenome {
namespace {

using ::testing::ElementsAre;
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

struct Loaded {
  Result<GeneModel> model;
  std::shared_ptr<std::vector<std::string>> warnings;
  std::shared_ptr<Diagnostics> diagnostics;

  // Warnings counted under "gene model: <kind>".
  int64_t Count(std::string_view kind) const {
    return diagnostics->Count("gene model: " + std::string(kind));
  }
  std::string AllWarnings() const {
    std::string all;
    for (const std::string& w : *warnings) all += w + "\n";
    return all;
  }
};

Loaded Load(const TempDir& dir, const std::string& name, const std::string& text, bool strict = false) {
  const std::string path = dir.File(name);
  WriteFile(path, text);
  auto warnings = std::make_shared<std::vector<std::string>>();
  auto diagnostics =
      std::make_shared<Diagnostics>(100, [warnings](const std::string& m) { warnings->push_back(m); });
  GeneModelLoadOptions options;
  options.strict = strict;
  Result<GeneModel> model = LoadGeneModel(path, options, diagnostics.get());
  return {std::move(model), warnings, diagnostics};
}

const Transcript* FindTranscript(const GeneModel& model, const std::string& id) {
  for (const auto& t : model.transcripts()) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

const Gene* FindGene(const GeneModel& model, const std::string& id) {
  for (const auto& g : model.genes()) {
    if (g.id == id) return &g;
  }
  return nullptr;
}

Interval0 Closed(int64_t first, int64_t last) {
  return FromOneBasedClosed(first, last);
}

int LineOf(const std::string& text, const std::string& fragment) {
  size_t at = text.find(fragment);
  return at == std::string::npos ? -1
                                 : static_cast<int>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
}

// "FILE:LINE: FIELD" as the warnings and errors write it.
std::string At(const TempDir& dir, const std::string& name, const std::string& text,
               const std::string& fragment, const std::string& field) {
  return dir.File(name) + ":" + std::to_string(LineOf(text, fragment)) + ": " + field;
}

// Every quirk is an error under options.strict, with the message the warning had.
void ExpectStrictError(const TempDir& dir, const std::string& name, const std::string& text,
                       const std::string& message) {
  Loaded strict = Load(dir, "strict_" + name, text, true);
  ASSERT_FALSE(strict.model.ok()) << name;
  EXPECT_EQ(strict.model.status().code(), ErrorCode::kBadInput);
  EXPECT_THAT(strict.model.status().message(), HasSubstr(message));
}

// --- 1. CDS phase '.' --------------------------------------------------------------------------

std::string EnsemblGene(const std::string& phases_forward, const std::string& phases_reverse) {
  // MET-like forward transcript: CDS 1051-1100 (50), 2001-2200 (200), 3001-3062 (62): phases 0, 1, 2.
  // A reverse cds_start_NF transcript: CDS 6001-6100 then 5101-5200 in transcript order, phases 2, 1.
  std::string s = "##gff-version 3\n##sequence-region   7 1 159345973\n";
  s += Row({"7", "ensembl_havana", "gene", "1001", "3300", ".", "+", ".",
            "ID=gene:ENSG00000105976;Name=MET;biotype=protein_coding;gene_id=ENSG00000105976;version=17"});
  s += Row({"7", "ensembl_havana", "mRNA", "1001", "3300", ".", "+", ".",
            "ID=transcript:ENST00000397752;Parent=gene:ENSG00000105976;Name=MET-201;biotype=protein_coding;"
            "tag=basic;transcript_id=ENST00000397752;version=8"});
  const std::string t1 = "Parent=transcript:ENST00000397752";
  const std::string p1 =
      "ID=CDS:ENSP00000380860;Parent=transcript:ENST00000397752;protein_id=ENSP00000380860";
  s += Row({"7", "ensembl_havana", "exon", "1001", "1100", ".", "+", ".", t1 + ";rank=1"});
  s += Row({"7", "ensembl_havana", "CDS", "1051", "1100", ".", "+", phases_forward.substr(0, 1), p1});
  s += Row({"7", "ensembl_havana", "exon", "2001", "2200", ".", "+", ".", t1 + ";rank=2"});
  s += Row({"7", "ensembl_havana", "CDS", "2001", "2200", ".", "+", phases_forward.substr(1, 1), p1});
  s += Row({"7", "ensembl_havana", "exon", "3001", "3300", ".", "+", ".", t1 + ";rank=3"});
  s += Row({"7", "ensembl_havana", "CDS", "3001", "3062", ".", "+", phases_forward.substr(2, 1), p1});
  s += "###\n";
  s += Row({"7", "havana", "gene", "5001", "6100", ".", "-", ".",
            "ID=gene:ENSG00000000002;Name=REVG;biotype=protein_coding;gene_id=ENSG00000000002;version=3"});
  s += Row({"7", "havana", "mRNA", "5001", "6100", ".", "-", ".",
            "ID=transcript:ENST00000000002;Parent=gene:ENSG00000000002;Name=REVG-201;biotype=protein_coding;"
            "tag=cds_start_NF,mRNA_start_NF;transcript_id=ENST00000000002;version=4"});
  const std::string t2 = "Parent=transcript:ENST00000000002";
  const std::string p2 =
      "ID=CDS:ENSP00000000002;Parent=transcript:ENST00000000002;protein_id=ENSP00000000002";
  s += Row({"7", "havana", "exon", "6001", "6100", ".", "-", ".", t2 + ";rank=1"});
  s += Row({"7", "havana", "CDS", "6001", "6100", ".", "-", phases_reverse.substr(0, 1), p2});
  s += Row({"7", "havana", "exon", "5001", "5200", ".", "-", ".", t2 + ";rank=2"});
  s += Row({"7", "havana", "CDS", "5101", "5200", ".", "-", phases_reverse.substr(1, 1), p2});
  return s;
}

TEST(GeneModelQuirks, CdsPhaseDotIsComputedFromTheCdsBeforeIt) {
  TempDir dir;
  const std::string text = EnsemblGene("...", ".1");
  Loaded loaded = Load(dir, "phase.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.Count("CDS phase computed"), 2);
  EXPECT_EQ(loaded.diagnostics->Total(), 2);
  const Transcript* forward = FindTranscript(*loaded.model, "ENST00000397752");
  ASSERT_NE(forward, nullptr);
  EXPECT_THAT(forward->cds, ElementsAre(Closed(1051, 1100), Closed(2001, 2200), Closed(3001, 3062)));
  EXPECT_EQ(forward->cds_start_phase, 0);  // no phase anywhere: the first segment starts a codon
  EXPECT_EQ(forward->protein_id, "ENSP00000380860");
  // The reverse transcript's first segment (6001-6100) has '.', its second phase 1: 100 bases
  // before it make the first segment's phase 2, as its cds_start_NF tag allows.
  const Transcript* reverse = FindTranscript(*loaded.model, "ENST00000000002");
  ASSERT_NE(reverse, nullptr);
  EXPECT_EQ(reverse->cds_start_phase, 2);
  EXPECT_TRUE(reverse->cds_start_incomplete);
  EXPECT_THAT(reverse->cds, ElementsAre(Closed(5101, 5200), Closed(6001, 6100)));

  const std::string first_dot = At(dir, "phase.gff3", text, "CDS\t1051", "phase");
  EXPECT_THAT(loaded.AllWarnings(), HasSubstr(first_dot + ": transcript ENST00000397752: 3 of 3 CDS segments "
                                                          "have phase '.'"));
  EXPECT_THAT(loaded.AllWarnings(),
              HasSubstr("transcript ENST00000000002: 1 of 2 CDS segments have phase '.'"));
  ExpectStrictError(dir, "phase.gff3", text, "3 of 3 CDS segments have phase '.'");
}

TEST(GeneModelQuirks, CdsPhaseDotDoesNotHideAWrongPhase) {
  TempDir dir;
  // Middle segment '.', last segment phase 0 where the 250 bases before it require 2.
  const std::string text = EnsemblGene("0.0", "21");
  Loaded loaded = Load(dir, "wrong.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(FindTranscript(*loaded.model, "ENST00000397752"), nullptr);
  EXPECT_NE(FindTranscript(*loaded.model, "ENST00000000002"), nullptr);
  EXPECT_EQ(loaded.Count("bad CDS phase"), 1);
  EXPECT_THAT(loaded.AllWarnings(), HasSubstr(At(dir, "wrong.gff3", text, "CDS\t3001", "phase") +
                                              ": transcript ENST00000397752: CDS 3001-3062 has phase 0"));
}

// --- 2. transcript spans that disagree with their exons; genes narrower than a transcript -------

TEST(GeneModelQuirks, TranscriptSpanIsTheExonHull) {
  TempDir dir;
  std::string text = "##gff-version 3\n";
  // An excerpt whose mRNA line keeps the full span while only two CDS pieces are given.
  text += Row({"7", "ensembl_havana", "gene", "100", "49960", ".", "+", ".",
               "ID=gene:ENSG00000263001;Name=GTF2I;biotype=protein_coding;gene_id=ENSG00000263001"});
  text +=
      Row({"7", "ensembl_havana", "mRNA", "100", "49960", ".", "+", ".",
           "ID=transcript:ENST00000570001;Parent=gene:ENSG00000263001;Name=GTF2I-299;biotype=protein_coding;"
           "transcript_id=ENST00000570001;version=1"});
  text +=
      Row({"7", "ensembl_havana", "CDS", "300", "377", ".", "+", "0", "Parent=transcript:ENST00000570001"});
  text +=
      Row({"7", "ensembl_havana", "CDS", "4125", "4184", ".", "+", "0", "Parent=transcript:ENST00000570001"});
  // A transcript line narrower than its exons, in a gene line narrower than the transcript.
  text += Row({"7", "havana", "ncRNA_gene", "8051", "8250", ".", "+", ".",
               "ID=gene:ENSG00000000003;Name=LNC;biotype=lncRNA;gene_id=ENSG00000000003"});
  text += Row({"7", "havana", "lnc_RNA", "8101", "8200", ".", "+", ".",
               "ID=transcript:ENST00000000003;Parent=gene:ENSG00000000003;biotype=lncRNA;"
               "transcript_id=ENST00000000003"});
  text += Row({"7", "havana", "exon", "8001", "8100", ".", "+", ".", "Parent=transcript:ENST00000000003"});
  text += Row({"7", "havana", "exon", "8201", "8300", ".", "+", ".", "Parent=transcript:ENST00000000003"});
  // A transcript line whose end is unusable.
  text += Row({"7", "havana", "lnc_RNA", "8501", ".", ".", "+", ".",
               "ID=transcript:ENST00000000004;Parent=gene:ENSG00000000003;biotype=lncRNA;"
               "transcript_id=ENST00000000004"});
  text += Row({"7", "havana", "exon", "8501", "8600", ".", "+", ".", "Parent=transcript:ENST00000000004"});
  Loaded loaded = Load(dir, "span.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.Count("transcript span from its exons"), 3);
  EXPECT_EQ(loaded.Count("gene span from its transcripts"), 2);  // both lnc_RNAs leave the gene line
  EXPECT_EQ(loaded.diagnostics->Total(), 5);

  const Transcript* cut = FindTranscript(*loaded.model, "ENST00000570001");
  ASSERT_NE(cut, nullptr);
  EXPECT_EQ(cut->span, Closed(300, 4184));
  EXPECT_THAT(cut->exons, ElementsAre(Closed(300, 377), Closed(4125, 4184)));       // from the CDS pieces
  EXPECT_EQ(FindGene(*loaded.model, "ENSG00000263001")->span, Closed(100, 49960));  // the gene line's own

  const Transcript* lnc = FindTranscript(*loaded.model, "ENST00000000003");
  ASSERT_NE(lnc, nullptr);
  EXPECT_EQ(lnc->span, Closed(8001, 8300));
  EXPECT_EQ(FindTranscript(*loaded.model, "ENST00000000004")->span, Closed(8501, 8600));
  EXPECT_EQ(FindGene(*loaded.model, "ENSG00000000003")->span, Closed(8001, 8600));  // widened

  const std::string all = loaded.AllWarnings();
  EXPECT_THAT(all, HasSubstr(At(dir, "span.gff3", text, "mRNA\t100", "start") +
                             ": transcript ENST00000570001: transcript line spans 100-49960 but its exons "
                             "span 300-4184; the exons' span is used"));
  EXPECT_THAT(all, HasSubstr("transcript line spans 8101-8200 but its exons span 8001-8300"));
  EXPECT_THAT(all, HasSubstr(At(dir, "span.gff3", text, "lnc_RNA\t8501", "end") +
                             ": end '.' is not an integer; the transcript's span is taken from its exons"));
  EXPECT_THAT(all, HasSubstr("transcript ENST00000000003 8001-8300 extends beyond its gene ENSG00000000003 "
                             "8051-8250; the gene's span is widened"));
  ExpectStrictError(dir, "span.gff3", text, "end '.' is not an integer");  // the first, while reading
  const std::string wide = text.substr(0, text.find("7\thavana\tlnc_RNA\t8501"));
  ExpectStrictError(dir, "wide.gff3", wide, "transcript line spans 100-49960 but its exons span 300-4184");
}

// --- 3. a transcript whose gene line is absent -------------------------------------------------

TEST(GeneModelQuirks, MissingGeneIsMadeFromItsTranscripts) {
  TempDir dir;
  std::string text = "##gff-version 3\n";
  // GENCODE attributes on the transcripts, no gene line: one gene made for both.
  const std::string g = "gene_id=ENSG00000012048.23;gene_type=protein_coding;gene_name=BRCA1;level=2";
  text += Row({"chr17", "HAVANA", "transcript", "43044295", "43045802", ".", "-", ".",
               "ID=ENST00000357654.9;Parent=ENSG00000012048.23;" + g +
                   ";transcript_id=ENST00000357654.9;transcript_type=protein_coding;tag=basic,MANE_Select"});
  text += Row({"chr17", "HAVANA", "exon", "43045678", "43045802", ".", "-", ".",
               "ID=exon:ENST00000357654.9:1;Parent=ENST00000357654.9;" + g});
  text += Row({"chr17", "HAVANA", "exon", "43044295", "43044400", ".", "-", ".",
               "ID=exon:ENST00000357654.9:2;Parent=ENST00000357654.9;" + g});
  text += Row({"chr17", "HAVANA", "transcript", "43046001", "43046300", ".", "-", ".",
               "ID=ENST00000461221.5;Parent=ENSG00000012048.23;" + g +
                   ";transcript_id=ENST00000461221.5;transcript_type=retained_intron"});
  text += Row({"chr17", "HAVANA", "exon", "43046001", "43046300", ".", "-", ".",
               "ID=exon:ENST00000461221.5:1;Parent=ENST00000461221.5;" + g});
  // Ensembl-style, no gene name anywhere.
  text += Row({"chr17", "havana", "lnc_RNA", "50001", "50500", ".", "+", ".",
               "ID=transcript:ENST00000000005;Parent=gene:ENSG00000000005;biotype=lncRNA;"
               "transcript_id=ENST00000000005;version=1"});
  text +=
      Row({"chr17", "havana", "exon", "50001", "50500", ".", "+", ".", "Parent=transcript:ENST00000000005"});
  // RefSeq: gene-NBR2 is missing; the transcript's Dbxref gives its GeneID.
  text += Row({"chr17", "BestRefSeq", "lnc_RNA", "60001", "60400", ".", "+", ".",
               "ID=rna-NR_003108.2;Parent=gene-NBR2;Dbxref=GeneID:10230,GenBank:NR_003108.2,HGNC:HGNC:20691;"
               "Name=NR_003108.2;gbkey=ncRNA;gene=NBR2;transcript_id=NR_003108.2"});
  text += Row({"chr17", "BestRefSeq", "exon", "60001", "60400", ".", "+", ".",
               "ID=exon-NR_003108.2-1;Parent=rna-NR_003108.2;gene=NBR2"});
  // A transcript with no Parent at all: its own gene.
  text += Row({"chr17", "custom", "mRNA", "70001", "70300", ".", "+", ".", "ID=tx1;gene=ORPHAN1"});
  text += Row({"chr17", "custom", "exon", "70001", "70300", ".", "+", ".", "Parent=tx1"});
  text += Row({"chr17", "custom", "CDS", "70011", "70100", ".", "+", "0", "Parent=tx1"});

  Loaded loaded = Load(dir, "nogene.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.Count("gene made from its transcripts"), 4);  // one per gene, not per transcript
  EXPECT_EQ(loaded.diagnostics->Total(), 4);
  const GeneModel& model = *loaded.model;
  ASSERT_EQ(model.transcripts().size(), 5u);
  ASSERT_EQ(model.genes().size(), 4u);

  const Gene* brca1 = FindGene(model, "ENSG00000012048");
  ASSERT_NE(brca1, nullptr);
  EXPECT_EQ(brca1->name, "BRCA1");
  EXPECT_EQ(brca1->biotype, "protein_coding");
  EXPECT_EQ(brca1->strand, Strand::kReverse);
  EXPECT_EQ(brca1->span, Closed(43044295, 43046300));
  EXPECT_EQ(brca1->transcripts.size(), 2u);
  const Transcript* mane = FindTranscript(model, "ENST00000357654");
  ASSERT_NE(mane, nullptr);
  EXPECT_EQ(mane->gene_id, "ENSG00000012048");
  EXPECT_TRUE(mane->mane_select);

  const Gene* bare = FindGene(model, "ENSG00000000005");
  ASSERT_NE(bare, nullptr);
  EXPECT_EQ(bare->name, "");
  EXPECT_EQ(bare->span, Closed(50001, 50500));

  const Gene* nbr2 = FindGene(model, "10230");
  ASSERT_NE(nbr2, nullptr);
  EXPECT_EQ(nbr2->name, "NBR2");
  EXPECT_EQ(FindTranscript(model, "NR_003108")->gene_id, "10230");

  const Gene* orphan = FindGene(model, "ORPHAN1");
  ASSERT_NE(orphan, nullptr);
  EXPECT_EQ(FindTranscript(model, "tx1")->gene_name, "ORPHAN1");

  const std::string all = loaded.AllWarnings();
  EXPECT_THAT(all,
              HasSubstr(At(dir, "nogene.gff3", text, "ID=ENST00000357654.9;", "Parent") +
                        ": gene 'ENSG00000012048.23' of transcript 'ENST00000357654.9' is not in the file; "
                        "gene ENSG00000012048 (BRCA1) is made from its transcripts"));
  EXPECT_THAT(all, HasSubstr("transcript 'tx1' has no Parent; gene ORPHAN1 (ORPHAN1) is made"));
  ExpectStrictError(dir, "nogene.gff3", text, "gene 'ENSG00000012048.23' of transcript");
}

TEST(GeneModelQuirks, GtfGeneLineMissingForOneGene) {
  TempDir dir;
  // The file has gene lines, but not for ENSG00000000007: made, with a warning. (A GTF with no
  // gene line at all implies its genes silently: GtfWithoutGeneLinesAnyOrder below.)
  const std::string g6 =
      "gene_id \"ENSG00000000006\"; gene_version \"1\"; gene_name \"SIX\"; gene_biotype \"lncRNA\";";
  const std::string t6 =
      "gene_id \"ENSG00000000006\"; transcript_id \"ENST00000000006\"; gene_name \"SIX\"; "
      "transcript_biotype \"lncRNA\";";
  const std::string t7 =
      "gene_id \"ENSG00000000007\"; transcript_id \"ENST00000000007\"; gene_name \"SEVEN\"; "
      "gene_biotype \"protein_coding\"; transcript_biotype \"protein_coding\";";
  std::string text;
  text += Row({"1", "havana", "gene", "1001", "1500", ".", "+", ".", g6});
  text += Row({"1", "havana", "transcript", "1001", "1500", ".", "+", ".", t6});
  text += Row({"1", "havana", "exon", "1001", "1500", ".", "+", ".", t6});
  text += Row({"1", "havana", "transcript", "3001", "3600", ".", "-", ".", t7});
  text += Row({"1", "havana", "exon", "3001", "3600", ".", "-", ".", t7});
  text += Row({"1", "havana", "CDS", "3101", "3400", ".", "-", "0", t7});
  Loaded loaded = Load(dir, "onegene.gtf", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.Count("gene made from its transcripts"), 1);
  const Gene* seven = FindGene(*loaded.model, "ENSG00000000007");
  ASSERT_NE(seven, nullptr);
  EXPECT_EQ(seven->name, "SEVEN");
  EXPECT_EQ(seven->biotype, "protein_coding");
  EXPECT_EQ(seven->span, Closed(3001, 3600));
  EXPECT_THAT(loaded.AllWarnings(), HasSubstr(At(dir, "onegene.gtf", text, "transcript\t3001", "gene_id") +
                                              ": gene 'ENSG00000000007' of transcript 'ENST00000000007' is "
                                              "not in the file"));
}

// --- 4. a gene line with unusable coordinates ---------------------------------------------------

TEST(GeneModelQuirks, GeneLineWithUnusableCoordinatesSpansItsTranscripts) {
  TempDir dir;
  std::string text = "##gff-version 3\n";
  // An excerpt cut out of chromosome 6: the gene's start fell before the excerpt.
  text +=
      Row({"6", "ensembl_havana", "gene", "-15", "3800", ".", "+", ".",
           "ID=gene:ENSG00000112304;Name=ACOT13;biotype=protein_coding;gene_id=ENSG00000112304;version=11"});
  text += Row({"6", "ensembl_havana", "mRNA", "201", "3800", ".", "+", ".",
               "ID=transcript:ENST00000230048;Parent=gene:ENSG00000112304;Name=ACOT13-201;"
               "biotype=protein_coding;transcript_id=ENST00000230048;version=5"});
  text +=
      Row({"6", "ensembl_havana", "exon", "201", "400", ".", "+", ".", "Parent=transcript:ENST00000230048"});
  text +=
      Row({"6", "ensembl_havana", "CDS", "251", "400", ".", "+", "0", "Parent=transcript:ENST00000230048"});
  text += Row(
      {"6", "ensembl_havana", "exon", "3601", "3800", ".", "+", ".", "Parent=transcript:ENST00000230048"});
  text +=
      Row({"6", "ensembl_havana", "CDS", "3601", "3660", ".", "+", "0", "Parent=transcript:ENST00000230048"});
  // A gene line whose strand is unusable: its transcript's.
  text += Row({"6", "havana", "ncRNA_gene", "5001", "5400", ".", "?", ".",
               "ID=gene:ENSG00000000008;Name=EIGHT;biotype=lncRNA;gene_id=ENSG00000000008"});
  text += Row({"6", "havana", "lnc_RNA", "5001", "5400", ".", "-", ".",
               "ID=transcript:ENST00000000008;Parent=gene:ENSG00000000008;biotype=lncRNA;"
               "transcript_id=ENST00000000008"});
  text += Row({"6", "havana", "exon", "5001", "5400", ".", "-", ".", "Parent=transcript:ENST00000000008"});
  Loaded loaded = Load(dir, "cut.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.Count("gene span from its transcripts"), 1);
  EXPECT_EQ(loaded.Count("gene strand from its transcripts"), 1);
  EXPECT_EQ(loaded.diagnostics->Total(), 2);
  const Gene* acot13 = FindGene(*loaded.model, "ENSG00000112304");
  ASSERT_NE(acot13, nullptr);
  EXPECT_EQ(acot13->name, "ACOT13");
  EXPECT_EQ(acot13->span, Closed(201, 3800));
  ASSERT_EQ(acot13->transcripts.size(), 1u);
  const Transcript& t = loaded.model->transcripts()[acot13->transcripts[0]];
  EXPECT_EQ(t.id, "ENST00000230048");
  EXPECT_THAT(t.cds, ElementsAre(Closed(251, 400), Closed(3601, 3660)));
  const Gene* eight = FindGene(*loaded.model, "ENSG00000000008");
  ASSERT_NE(eight, nullptr);
  EXPECT_EQ(eight->strand, Strand::kReverse);
  EXPECT_THAT(loaded.AllWarnings(),
              HasSubstr(dir.File("cut.gff3") + ":2: start: start '-15' is not a positive integer; the gene's "
                                               "span is taken from its transcripts"));
  ExpectStrictError(dir, "cut.gff3", text, "start '-15' is not a positive integer");
}

// --- 5. feature types recognised by structure --------------------------------------------------

TEST(GeneModelQuirks, GenesAndTranscriptsAreRecognisedByStructure) {
  TempDir dir;
  std::string text = "##gff-version 3\n";
  // Ensembl writes IG/TR genes and their transcripts with the same segment type.
  text += Row(
      {"14", "havana", "J_gene_segment", "1021", "1080", ".", "+", ".",
       "ID=gene:ENSG00000211880;Name=TRAJ9;biotype=TR_J_gene;description=T cell receptor alpha "
       "joining 9 [Source:HGNC Symbol%3BAcc:HGNC:12037];gene_id=ENSG00000211880;logic_name=havana_ig_gene;"
       "version=1"});
  text += Row({"14", "havana", "J_gene_segment", "1021", "1080", ".", "+", ".",
               "ID=transcript:ENST00000390528;Parent=gene:ENSG00000211880;Name=TRAJ9-201;biotype=TR_J_gene;"
               "tag=basic,Ensembl_canonical;transcript_id=ENST00000390528;version=1"});
  text += Row({"14", "havana", "exon", "1021", "1080", ".", "+", ".",
               "Parent=transcript:ENST00000390528;Name=ENSE00001514001;rank=1"});
  text += Row({"14", "havana", "CDS", "1021", "1080", ".", "+", "2",
               "ID=CDS:ENSP00000451999;Parent=transcript:ENST00000390528;protein_id=ENSP00000451999"});
  text += Row({"14", "havana", "V_gene_segment", "2001", "2600", ".", "-", ".",
               "ID=gene:ENSG00000211790;Name=TRAV2;biotype=TR_V_gene;gene_id=ENSG00000211790;version=2"});
  text += Row({"14", "havana", "V_gene_segment", "2001", "2600", ".", "-", ".",
               "ID=transcript:ENST00000390424;Parent=gene:ENSG00000211790;Name=TRAV2-201;biotype=TR_V_gene;"
               "transcript_id=ENST00000390424;version=2"});
  text += Row({"14", "havana", "exon", "2451", "2600", ".", "-", ".", "Parent=transcript:ENST00000390424"});
  text += Row({"14", "havana", "exon", "2001", "2300", ".", "-", ".", "Parent=transcript:ENST00000390424"});
  // ncRNA_gene with snRNA and miRNA; protein-coding gene with NMD and unconfirmed transcripts.
  text += Row({"14", "ensembl", "ncRNA_gene", "4001", "4300", ".", "+", ".",
               "ID=gene:ENSG00000200001;Name=RNU6-1;biotype=snRNA;gene_id=ENSG00000200001"});
  text += Row({"14", "ensembl", "snRNA", "4001", "4100", ".", "+", ".",
               "ID=transcript:ENST00000360001;Parent=gene:ENSG00000200001;biotype=snRNA;"
               "transcript_id=ENST00000360001"});
  text += Row({"14", "ensembl", "exon", "4001", "4100", ".", "+", ".", "Parent=transcript:ENST00000360001"});
  text += Row({"14", "ensembl", "miRNA", "4201", "4300", ".", "+", ".",
               "ID=transcript:ENST00000360002;Parent=gene:ENSG00000200001;biotype=miRNA;"
               "transcript_id=ENST00000360002"});
  text += Row({"14", "ensembl", "exon", "4201", "4300", ".", "+", ".", "Parent=transcript:ENST00000360002"});
  text += Row({"14", "havana", "gene", "6001", "6900", ".", "+", ".",
               "ID=gene:ENSG00000100001;Name=PCG;biotype=protein_coding;gene_id=ENSG00000100001"});
  text += Row({"14", "havana", "NMD_transcript_variant", "6001", "6900", ".", "+", ".",
               "ID=transcript:ENST00000500001;Parent=gene:ENSG00000100001;biotype=nonsense_mediated_decay;"
               "transcript_id=ENST00000500001"});
  text += Row({"14", "havana", "exon", "6001", "6900", ".", "+", ".", "Parent=transcript:ENST00000500001"});
  text += Row({"14", "havana", "CDS", "6101", "6400", ".", "+", "0", "Parent=transcript:ENST00000500001"});
  text += Row({"14", "havana", "unconfirmed_transcript", "6001", "6500", ".", "+", ".",
               "ID=transcript:ENST00000500002;Parent=gene:ENSG00000100001;biotype=TEC;"
               "transcript_id=ENST00000500002"});
  text += Row({"14", "havana", "exon", "6001", "6500", ".", "+", ".", "Parent=transcript:ENST00000500002"});
  text += Row({"14", "havana", "pseudogene", "8001", "8400", ".", "-", ".",
               "ID=gene:ENSG00000300001;Name=PSG1;biotype=processed_pseudogene;gene_id=ENSG00000300001"});
  text += Row({"14", "havana", "pseudogenic_transcript", "8001", "8400", ".", "-", ".",
               "ID=transcript:ENST00000600001;Parent=gene:ENSG00000300001;biotype=processed_pseudogene;"
               "transcript_id=ENST00000600001"});
  text += Row({"14", "havana", "exon", "8001", "8400", ".", "-", ".", "Parent=transcript:ENST00000600001"});
  // A top-level feature of a type never seen before is a gene when transcripts hang from it; one
  // without children, and a child of an unknown type without exons, stay out quietly.
  text += Row({"14", "lab", "transcribed_locus", "10001", "10600", ".", "+", ".", "ID=locus1;Name=LOC1"});
  text += Row({"14", "lab", "mRNA", "10001", "10600", ".", "+", ".", "ID=locus1.t1;Parent=locus1"});
  text += Row({"14", "lab", "exon", "10001", "10600", ".", "+", ".", "Parent=locus1.t1"});
  text += Row({"14", "lab", "repeat_region", "12001", "12300", ".", "+", ".", "ID=repeat1"});
  text +=
      Row({"14", "lab", "sequence_feature", "10101", "10200", ".", "+", ".", "ID=feature1;Parent=locus1"});
  // RefSeq: a miRNA under its primary transcript joins the primary transcript's gene.
  text += Row({"14", "BestRefSeq", "gene", "14001", "14200", ".", "+", ".",
               "ID=gene-MIR9999;Dbxref=GeneID:999999,HGNC:HGNC:99999;Name=MIR9999;gbkey=Gene;gene=MIR9999;"
               "gene_biotype=miRNA"});
  text += Row({"14", "BestRefSeq", "primary_transcript", "14001", "14200", ".", "+", ".",
               "ID=rna-NR_039999.1;Parent=gene-MIR9999;Dbxref=GeneID:999999;gbkey=precursor_RNA;gene=MIR9999;"
               "product=microRNA 9999;transcript_id=NR_039999.1"});
  text += Row({"14", "BestRefSeq", "exon", "14001", "14200", ".", "+", ".",
               "ID=exon-NR_039999.1-1;Parent=rna-NR_039999.1;gene=MIR9999"});
  text += Row({"14", "BestRefSeq", "miRNA", "14051", "14072", ".", "+", ".",
               "ID=rna-MIR9999;Parent=rna-NR_039999.1;Dbxref=GeneID:999999,miRBase:MIMAT0099999;gbkey=ncRNA;"
               "gene=MIR9999;product=hsa-miR-9999"});
  text += Row({"14", "BestRefSeq", "exon", "14051", "14072", ".", "+", ".",
               "ID=exon-MIR9999-1;Parent=rna-MIR9999;gene=MIR9999"});

  Loaded loaded = Load(dir, "types.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.diagnostics->Total(), 0) << loaded.AllWarnings();
  const GeneModel& model = *loaded.model;
  EXPECT_EQ(model.transcripts().size(), 10u);

  const Transcript* traj = FindTranscript(model, "ENST00000390528");
  ASSERT_NE(traj, nullptr);
  EXPECT_EQ(traj->gene_id, "ENSG00000211880");
  EXPECT_EQ(traj->gene_name, "TRAJ9");
  EXPECT_EQ(traj->biotype, "TR_J_gene");
  EXPECT_EQ(traj->cds_start_phase, 2);
  EXPECT_TRUE(traj->canonical);
  const Gene* traj_gene = FindGene(model, "ENSG00000211880");
  ASSERT_NE(traj_gene, nullptr);
  EXPECT_EQ(traj_gene->biotype, "TR_J_gene");
  EXPECT_EQ(traj_gene->transcripts.size(), 1u);
  EXPECT_EQ(FindTranscript(model, "gene:ENSG00000211880"), nullptr);  // the gene line is no transcript

  const Transcript* trav = FindTranscript(model, "ENST00000390424");
  ASSERT_NE(trav, nullptr);
  EXPECT_THAT(trav->exons, ElementsAre(Closed(2001, 2300), Closed(2451, 2600)));
  EXPECT_EQ(trav->gene_name, "TRAV2");

  EXPECT_EQ(FindGene(model, "ENSG00000200001")->transcripts.size(), 2u);
  EXPECT_EQ(FindTranscript(model, "ENST00000360002")->biotype, "miRNA");
  EXPECT_EQ(FindGene(model, "ENSG00000100001")->transcripts.size(), 2u);
  EXPECT_EQ(FindTranscript(model, "ENST00000500001")->biotype, "nonsense_mediated_decay");
  EXPECT_EQ(FindTranscript(model, "ENST00000500002")->biotype, "TEC");
  EXPECT_EQ(FindTranscript(model, "ENST00000600001")->gene_name, "PSG1");

  const Transcript* locus = FindTranscript(model, "locus1.t1");
  ASSERT_NE(locus, nullptr);
  EXPECT_EQ(locus->gene_id, "locus1");
  EXPECT_EQ(locus->gene_name, "LOC1");
  EXPECT_EQ(FindTranscript(model, "feature1"), nullptr);
  EXPECT_EQ(FindGene(model, "repeat1"), nullptr);

  const Gene* mir = FindGene(model, "999999");
  ASSERT_NE(mir, nullptr);
  EXPECT_EQ(mir->transcripts.size(), 2u);
  const Transcript* mature = FindTranscript(model, "MIR9999");  // no transcript_id: ID without "rna-"
  ASSERT_NE(mature, nullptr);
  EXPECT_EQ(mature->gene_id, "999999");
  EXPECT_EQ(mature->biotype, "miRNA");
  EXPECT_EQ(FindTranscript(model, "NR_039999")->gene_name, "MIR9999");
}

// --- 6. order, separators, comments, directives, symbol attributes ----------------------------

TEST(GeneModelQuirks, AnyOrderSeparatorsDirectivesAndSymbolVariants) {
  TempDir dir;
  std::string text = "##gff-version 3\n#!genome-build GRCh38.p14\n";
  // Children first, genes last; symbols as Name=, gene_name= and gene=.
  text += Row({"2", "ensembl", "exon", "1001", "1300", ".", "+", ".", "Parent=transcript:T1"});
  text += "# a comment between records\n";
  text += Row({"2", "ensembl", "CDS", "1101", "1250", ".", "+", "0", "Parent=transcript:T1;protein_id=P1"});
  text += Row({"2", "ensembl", "exon", "2001", "2200", ".", "+", ".", "Parent=transcript:T1"});
  text += "###\n";
  text += Row({"2", "ensembl", "exon", "5001", "5100", ".", "-", ".", "Parent=transcript:T2"});
  text += Row({"2", "ensembl", "lnc_RNA", "5001", "5100", ".", "-", ".", "ID=transcript:T2;Parent=gene:G2"});
  text += "##sequence-region 2 1 242193529\n";
  text += Row({"2", "ensembl", "mRNA", "1001", "2200", ".", "+", ".",
               "ID=transcript:T1;Parent=gene:G1;biotype=protein_coding"});
  text += Row({"2", "ensembl", "exon", "7001", "7100", ".", "+", ".", "Parent=transcript:T3"});
  text += Row(
      {"2", "ensembl", "gene", "5001", "5100", ".", "-", ".", "ID=gene:G2;gene_name=SYMB2;biotype=lncRNA"});
  text +=
      Row({"2", "ensembl", "transcript", "7001", "7100", ".", "+", ".", "ID=transcript:T3;Parent=gene:G3"});
  text += Row({"2", "ensembl", "gene", "1001", "2200", ".", "+", ".",
               "ID=gene:G1;Name=SYMB1;biotype=protein_coding"});
  text += Row({"2", "ensembl", "gene", "7001", "7100", ".", "+", ".", "ID=gene:G3;gene=SYMB3"});
  text += "###\n##FASTA\n>2\nACGTACGTACGT\nthis line is sequence, not a feature\n";
  Loaded loaded = Load(dir, "order.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.diagnostics->Total(), 0) << loaded.AllWarnings();
  const GeneModel& model = *loaded.model;
  ASSERT_EQ(model.transcripts().size(), 3u);
  const Transcript* t1 = FindTranscript(model, "T1");
  ASSERT_NE(t1, nullptr);
  EXPECT_EQ(t1->gene_name, "SYMB1");
  EXPECT_THAT(t1->exons, ElementsAre(Closed(1001, 1300), Closed(2001, 2200)));
  EXPECT_THAT(t1->cds, ElementsAre(Closed(1101, 1250)));
  EXPECT_EQ(t1->protein_id, "P1");
  EXPECT_EQ(FindTranscript(model, "T2")->gene_name, "SYMB2");
  EXPECT_EQ(FindTranscript(model, "T3")->gene_name, "SYMB3");
  EXPECT_EQ(FindGene(model, "G3")->name, "SYMB3");
  EXPECT_THAT(model.source().version, HasSubstr("GRCh38.p14"));
}

// --- 7. NCBI RefSeq GFF3 -----------------------------------------------------------------------

std::string RefSeqGff3() {
  std::string s =
      "##gff-version 3\n#!gff-spec-version 1.21\n#!processor NCBI annotwriter\n"
      "#!genome-build GRCh38.p14\n#!genome-build-accession NCBI_Assembly:GCF_000001405.40\n"
      "#!annotation-source NCBI RefSeq GCF_000001405.40-RS_2023_10\n"
      "##sequence-region NC_000017.11 1 83257441\n";
  s += Row({"NC_000017.11", "RefSeq", "region", "1", "83257441", ".", "+", ".",
            "ID=NC_000017.11:1..83257441;Dbxref=taxon:9606;Name=17;chromosome=17;gbkey=Src;genome=chromosome;"
            "mol_type=genomic DNA"});
  // A two-exon reverse-strand MANE mRNA. CDS in transcript order: 13001-13500 (500, phase 0), then
  // 10802-11000 (199, phase 1).
  s += Row({"NC_000017.11", "BestRefSeq", "gene", "10001", "14000", ".", "-", ".",
            "ID=gene-BRCA1;Dbxref=GeneID:672,HGNC:HGNC:1100,MIM:113705;Name=BRCA1;"
            "description=BRCA1 DNA repair associated;gbkey=Gene;gene=BRCA1;gene_biotype=protein_coding;"
            "gene_synonym=BRCAI,BRCC1"});
  s += Row({"NC_000017.11", "BestRefSeq", "mRNA", "10001", "14000", ".", "-", ".",
            "ID=rna-NM_007294.4;Parent=gene-BRCA1;Dbxref=Ensembl:ENST00000357654.9,GeneID:672,"
            "GenBank:NM_007294.4,HGNC:HGNC:1100,MIM:113705;Name=NM_007294.4;gbkey=mRNA;gene=BRCA1;"
            "product=BRCA1 DNA repair associated%2C transcript variant 1;tag=MANE Select;"
            "transcript_id=NM_007294.4"});
  s += Row({"NC_000017.11", "BestRefSeq", "exon", "13001", "14000", ".", "-", ".",
            "ID=exon-NM_007294.4-1;Parent=rna-NM_007294.4;Dbxref=GeneID:672,GenBank:NM_007294.4;gbkey=mRNA;"
            "gene=BRCA1;product=BRCA1 DNA repair associated%2C transcript variant 1;tag=MANE Select;"
            "transcript_id=NM_007294.4"});
  s += Row({"NC_000017.11", "BestRefSeq", "exon", "10001", "11000", ".", "-", ".",
            "ID=exon-NM_007294.4-2;Parent=rna-NM_007294.4;Dbxref=GeneID:672,GenBank:NM_007294.4;gbkey=mRNA;"
            "gene=BRCA1;tag=MANE Select;transcript_id=NM_007294.4"});
  const std::string cds =
      "ID=cds-NP_009225.1;Parent=rna-NM_007294.4;Dbxref=CCDS:CCDS11453.1,GeneID:672,GenBank:NP_009225.1;"
      "Name=NP_009225.1;gbkey=CDS;gene=BRCA1;product=breast cancer type 1 susceptibility protein isoform 1;"
      "protein_id=NP_009225.1;tag=MANE Select";
  s += Row({"NC_000017.11", "BestRefSeq", "CDS", "13001", "13500", ".", "-", "0", cds});
  s += Row({"NC_000017.11", "BestRefSeq", "CDS", "10802", "11000", ".", "-", "1", cds});
  // A lncRNA gene.
  s += Row(
      {"NC_000017.11", "BestRefSeq", "gene", "20001", "22000", ".", "+", ".",
       "ID=gene-LINC00999;Dbxref=GeneID:100500001,HGNC:HGNC:99001;Name=LINC00999;gbkey=Gene;gene=LINC00999;"
       "gene_biotype=lncRNA"});
  s += Row({"NC_000017.11", "BestRefSeq", "lnc_RNA", "20001", "22000", ".", "+", ".",
            "ID=rna-NR_109999.1;Parent=gene-LINC00999;Dbxref=GeneID:100500001,GenBank:NR_109999.1;"
            "Name=NR_109999.1;gbkey=ncRNA;gene=LINC00999;product=long intergenic non-protein coding RNA 999;"
            "transcript_id=NR_109999.1"});
  s += Row(
      {"NC_000017.11", "BestRefSeq", "exon", "20001", "20400", ".", "+", ".",
       "ID=exon-NR_109999.1-1;Parent=rna-NR_109999.1;gbkey=ncRNA;gene=LINC00999;transcript_id=NR_109999.1"});
  s += Row(
      {"NC_000017.11", "BestRefSeq", "exon", "21501", "22000", ".", "+", ".",
       "ID=exon-NR_109999.1-2;Parent=rna-NR_109999.1;gbkey=ncRNA;gene=LINC00999;transcript_id=NR_109999.1"});
  // A pseudogene whose exon hangs from the gene itself.
  s += Row(
      {"NC_000017.11", "Curated Genomic", "pseudogene", "30001", "30900", ".", "-", ".",
       "ID=gene-RPL9P99;Dbxref=GeneID:100500002,HGNC:HGNC:99002;Name=RPL9P99;description=ribosomal protein "
       "L9 pseudogene 99;gbkey=Gene;gene=RPL9P99;gene_biotype=pseudogene;pseudo=true"});
  s += Row(
      {"NC_000017.11", "Curated Genomic", "exon", "30001", "30900", ".", "-", ".",
       "ID=id-RPL9P99;Parent=gene-RPL9P99;Dbxref=GeneID:100500002,HGNC:HGNC:99002;gbkey=exon;gene=RPL9P99;"
       "pseudo=true"});
  // A Gnomon model whose CDS is 5' partial (start_range on the CDS lines).
  s += Row({"NC_000017.11", "Gnomon", "gene", "40001", "40900", ".", "+", ".",
            "ID=gene-LOC100500003;Dbxref=GeneID:100500003;Name=LOC100500003;gbkey=Gene;gene=LOC100500003;"
            "gene_biotype=protein_coding;partial=true;start_range=.,40001"});
  s += Row({"NC_000017.11", "Gnomon", "mRNA", "40001", "40900", ".", "+", ".",
            "ID=rna-XM_011599999.1;Parent=gene-LOC100500003;Dbxref=GeneID:100500003,GenBank:XM_011599999.1;"
            "Name=XM_011599999.1;gbkey=mRNA;gene=LOC100500003;model_evidence=Supporting evidence includes "
            "similarity to: 1 Protein;partial=true;product=uncharacterized protein;start_range=.,40001;"
            "transcript_id=XM_011599999.1"});
  s += Row({"NC_000017.11", "Gnomon", "exon", "40001", "40900", ".", "+", ".",
            "ID=exon-XM_011599999.1-1;Parent=rna-XM_011599999.1;gbkey=mRNA;gene=LOC100500003;partial=true;"
            "start_range=.,40001;transcript_id=XM_011599999.1"});
  s += Row({"NC_000017.11", "Gnomon", "CDS", "40001", "40600", ".", "+", "1",
            "ID=cds-XP_011599999.1;Parent=rna-XM_011599999.1;Dbxref=GeneID:100500003,GenBank:XP_011599999.1;"
            "Name=XP_011599999.1;gbkey=CDS;gene=LOC100500003;partial=true;product=uncharacterized protein;"
            "protein_id=XP_011599999.1;start_range=.,40001"});
  // A selenoprotein: transl_except names the Sec codons (reverse strand, complement()).
  const std::string sec =
      "ID=cds-NP_005401.3;Parent=rna-NM_005410.4;Dbxref=GeneID:6414,GenBank:NP_005401.3;Name=NP_005401.3;"
      "gbkey=CDS;gene=SELENOP;product=selenoprotein P isoform 1;protein_id=NP_005401.3;"
      "transl_except=(pos:complement(50451..50453)%2Caa:Sec),(pos:complement(50151..50153)%2Caa:Sec),"
      "(pos:complement(50101..50103)%2Caa:Sec)";
  s += Row({"NC_000017.11", "BestRefSeq", "gene", "50001", "51000", ".", "-", ".",
            "ID=gene-SELENOP;Dbxref=GeneID:6414,HGNC:HGNC:10751;Name=SELENOP;gbkey=Gene;gene=SELENOP;"
            "gene_biotype=protein_coding"});
  s += Row({"NC_000017.11", "BestRefSeq", "mRNA", "50001", "51000", ".", "-", ".",
            "ID=rna-NM_005410.4;Parent=gene-SELENOP;Dbxref=GeneID:6414,GenBank:NM_005410.4;Name=NM_005410.4;"
            "gbkey=mRNA;gene=SELENOP;transcript_id=NM_005410.4"});
  s += Row({"NC_000017.11", "BestRefSeq", "exon", "50401", "51000", ".", "-", ".",
            "ID=exon-NM_005410.4-1;Parent=rna-NM_005410.4;gene=SELENOP;transcript_id=NM_005410.4"});
  s += Row({"NC_000017.11", "BestRefSeq", "exon", "50001", "50200", ".", "-", ".",
            "ID=exon-NM_005410.4-2;Parent=rna-NM_005410.4;gene=SELENOP;transcript_id=NM_005410.4"});
  // CDS 50401-50700 (300, phase 0) then 50101-50200 (100, phase 0).
  s += Row({"NC_000017.11", "BestRefSeq", "CDS", "50401", "50700", ".", "-", "0", sec});
  s += Row({"NC_000017.11", "BestRefSeq", "CDS", "50101", "50200", ".", "-", "0", sec});
  // A viral polyprotein read through a -1 ribosomal frameshift; its CDS hangs from the gene.
  s += Row(
      {"NC_000017.11", "RefSeq", "gene", "60266", "81555", ".", "+", ".",
       "ID=gene-ORF1ab;Dbxref=GeneID:43740578;Name=ORF1ab;gbkey=Gene;gene=ORF1ab;gene_biotype=protein_coding;"
       "locus_tag=GU280_gp01"});
  const std::string slip =
      "ID=cds-YP_009724389.1;Parent=gene-ORF1ab;Dbxref=GenBank:YP_009724389.1,GeneID:43740578;"
      "Name=YP_009724389.1;exception=ribosomal slippage;gbkey=CDS;gene=ORF1ab;locus_tag=GU280_gp01;"
      "product=ORF1ab polyprotein;protein_id=YP_009724389.1";
  s += Row({"NC_000017.11", "RefSeq", "CDS", "60266", "73468", ".", "+", "0", slip});
  s += Row({"NC_000017.11", "RefSeq", "CDS", "73468", "81555", ".", "+", "0", slip});
  return s;
}

TEST(GeneModelQuirks, RefSeqGff3) {
  TempDir dir;
  const std::string text = RefSeqGff3();
  Loaded loaded = Load(dir, "GCF_000001405.40_GRCh38.p14_genomic.gff", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.diagnostics->Total(), 0) << loaded.AllWarnings();
  const GeneModel& model = *loaded.model;
  EXPECT_THAT(model.source().version, HasSubstr("RS_2023_10"));
  EXPECT_EQ(model.contigs(), std::vector<std::string>{"NC_000017.11"});  // the region line adds nothing
  ASSERT_EQ(model.transcripts().size(), 6u);
  ASSERT_EQ(model.genes().size(), 6u);

  const Transcript* mane = FindTranscript(model, "NM_007294");
  ASSERT_NE(mane, nullptr);
  EXPECT_EQ(mane->version, "4");
  EXPECT_EQ(mane->versioned_id(), "NM_007294.4");
  EXPECT_EQ(mane->gene_id, "672");
  EXPECT_EQ(mane->gene_name, "BRCA1");
  EXPECT_EQ(mane->biotype, "protein_coding");
  EXPECT_EQ(mane->gene_biotype, "protein_coding");
  EXPECT_TRUE(mane->mane_select);
  EXPECT_EQ(mane->protein_id, "NP_009225.1");
  EXPECT_EQ(mane->strand, Strand::kReverse);
  EXPECT_THAT(mane->exons, ElementsAre(Closed(10001, 11000), Closed(13001, 14000)));
  EXPECT_THAT(mane->cds, ElementsAre(Closed(10802, 11000), Closed(13001, 13500)));
  EXPECT_EQ(mane->cds_length() % 3, 0);
  EXPECT_FALSE(mane->cds_start_incomplete);
  EXPECT_FALSE(mane->ribosomal_slippage);
  EXPECT_TRUE(mane->selenocysteine_codons.empty());
  const Gene* brca1 = FindGene(model, "672");
  ASSERT_NE(brca1, nullptr);
  EXPECT_EQ(brca1->name, "BRCA1");
  EXPECT_EQ(brca1->span, Closed(10001, 14000));

  const Transcript* lnc = FindTranscript(model, "NR_109999");
  ASSERT_NE(lnc, nullptr);
  EXPECT_EQ(lnc->biotype, "lncRNA");
  EXPECT_EQ(lnc->gene_id, "100500001");
  EXPECT_EQ(lnc->gene_biotype, "lncRNA");
  EXPECT_FALSE(lnc->is_coding());
  EXPECT_EQ(lnc->exons.size(), 2u);

  const Transcript* pseudo = FindTranscript(model, "100500002");
  ASSERT_NE(pseudo, nullptr);
  EXPECT_EQ(pseudo->biotype, "pseudogene");
  EXPECT_EQ(pseudo->gene_name, "RPL9P99");
  EXPECT_THAT(pseudo->exons, ElementsAre(Closed(30001, 30900)));
  EXPECT_FALSE(pseudo->is_coding());

  const Transcript* partial = FindTranscript(model, "XM_011599999");
  ASSERT_NE(partial, nullptr);
  EXPECT_TRUE(partial->cds_start_incomplete);
  EXPECT_FALSE(partial->cds_end_incomplete);
  EXPECT_EQ(partial->cds_start_phase, 1);
  EXPECT_EQ(partial->protein_id, "XP_011599999.1");

  const Transcript* selenop = FindTranscript(model, "NM_005410");
  ASSERT_NE(selenop, nullptr);
  // transl_except repeats on every CDS line: each codon once, sorted by genomic start.
  EXPECT_THAT(selenop->selenocysteine_codons,
              ElementsAre(Closed(50101, 50103), Closed(50151, 50153), Closed(50451, 50453)));
  EXPECT_EQ(selenop->protein_id, "NP_005401.3");

  const Transcript* orf1ab = FindTranscript(model, "43740578");
  ASSERT_NE(orf1ab, nullptr);
  EXPECT_TRUE(orf1ab->ribosomal_slippage);
  EXPECT_THAT(orf1ab->cds, ElementsAre(Closed(60266, 73468), Closed(73468, 81555)));
  EXPECT_THAT(orf1ab->exons, ElementsAre(Closed(60266, 81555)));
  EXPECT_EQ(orf1ab->cds_length(), 81555 - 60266 + 2);  // base 73468 read twice
  EXPECT_EQ(orf1ab->cds_length() % 3, 0);
  EXPECT_EQ(orf1ab->protein_id, "YP_009724389.1");
  EXPECT_TRUE(ValidateTranscript(*orf1ab).ok());
}

TEST(GeneModelQuirks, RefSeqCdsOpenAtItsGenomicEndOnTheReverseStrandIsStartIncomplete) {
  TempDir dir;
  std::string text = "##gff-version 3\n";
  text += Row({"NC_000001.11", "Gnomon", "gene", "1001", "2000", ".", "-", ".",
               "ID=gene-LOC9;Dbxref=GeneID:9;Name=LOC9;gene=LOC9;gene_biotype=protein_coding;partial=true"});
  text += Row({"NC_000001.11", "Gnomon", "mRNA", "1001", "2000", ".", "-", ".",
               "ID=rna-XM_9.1;Parent=gene-LOC9;gene=LOC9;partial=true;transcript_id=XM_9.1"});
  text += Row({"NC_000001.11", "Gnomon", "exon", "1001", "2000", ".", "-", ".",
               "ID=exon-XM_9.1-1;Parent=rna-XM_9.1"});
  text += Row(
      {"NC_000001.11", "Gnomon", "CDS", "1001", "2000", ".", "-", "0",
       "ID=cds-XP_9.1;Parent=rna-XM_9.1;end_range=2000,.;partial=true;protein_id=XP_9.1;start_range=.,1001"});
  Loaded loaded = Load(dir, "partial.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  const Transcript& t = loaded.model->transcripts()[0];
  EXPECT_TRUE(t.cds_start_incomplete);  // end_range on the reverse strand: the CDS's 5' end
  EXPECT_TRUE(t.cds_end_incomplete);    // start_range on the reverse strand: its 3' end
}

// --- 8. GENCODE and Ensembl GTF ----------------------------------------------------------------

TEST(GeneModelQuirks, GtfWithoutGeneLinesAnyOrderStartStopAndSelenocysteine) {
  TempDir dir;
  // Ensembl GTF without gene lines; lines of two transcripts interleaved, a transcript line after
  // its exons; a selenoprotein (GPX1-like, reverse strand) with start/stop codons and a Sec line.
  const std::string a =
      "gene_id \"ENSG00000233276\"; gene_version \"7\"; transcript_id \"ENST00000419783\"; "
      "transcript_version "
      "\"3\"; gene_name \"GPX1\"; gene_source \"ensembl_havana\"; gene_biotype \"protein_coding\"; "
      "transcript_name \"GPX1-201\"; transcript_source \"ensembl_havana\"; transcript_biotype "
      "\"protein_coding\"; "
      "tag \"basic\"; tag \"Ensembl_canonical\"; tag \"MANE_Select\"; transcript_support_level \"1\";";
  const std::string pa = " protein_id \"ENSP00000407375\"; protein_version \"2\";";
  const std::string b =
      "gene_id \"ENSG00000000010\"; gene_version \"1\"; transcript_id \"ENST00000000010\"; "
      "transcript_version "
      "\"1\"; gene_name \"TEN\"; gene_biotype \"lncRNA\"; transcript_biotype \"lncRNA\";";
  std::string text = "#!genome-build GRCh38.p14\n";
  text += Row({"3", "ensembl_havana", "exon", "1501", "2000", ".", "-", ".", a + " exon_number \"1\";"});
  text += Row({"3", "havana", "exon", "9001", "9300", ".", "+", ".", b});
  text += Row({"3", "ensembl_havana", "CDS", "1501", "1800", ".", "-", "0", a + pa});
  text += Row({"3", "ensembl_havana", "start_codon", "1798", "1800", ".", "-", "0", a});
  text += Row({"3", "ensembl_havana", "Selenocysteine", "1651", "1653", ".", "-", ".", a});
  text += Row({"3", "ensembl_havana", "exon", "1001", "1300", ".", "-", ".", a + " exon_number \"2\";"});
  text += Row({"3", "havana", "transcript", "9001", "9300", ".", "+", ".", b});
  text += Row({"3", "ensembl_havana", "CDS", "1205", "1300", ".", "-", "0", a + pa});
  text += Row({"3", "ensembl_havana", "stop_codon", "1202", "1204", ".", "-", "0", a});
  text += Row({"3", "ensembl_havana", "five_prime_utr", "1801", "2000", ".", "-", ".", a});
  text += Row({"3", "ensembl_havana", "three_prime_utr", "1001", "1201", ".", "-", ".", a});
  text += Row({"3", "ensembl_havana", "transcript", "1001", "2000", ".", "-", ".", a});
  Loaded loaded = Load(dir, "ensembl.gtf", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.diagnostics->Total(), 0) << loaded.AllWarnings();
  const GeneModel& model = *loaded.model;
  ASSERT_EQ(model.genes().size(), 2u);
  const Transcript* gpx1 = FindTranscript(model, "ENST00000419783");
  ASSERT_NE(gpx1, nullptr);
  EXPECT_EQ(gpx1->version, "3");
  EXPECT_EQ(gpx1->gene_name, "GPX1");
  EXPECT_EQ(gpx1->protein_id, "ENSP00000407375.2");
  EXPECT_THAT(gpx1->exons, ElementsAre(Closed(1001, 1300), Closed(1501, 2000)));
  EXPECT_THAT(gpx1->cds, ElementsAre(Closed(1202, 1300), Closed(1501, 1800)));  // stop codon merged in
  EXPECT_EQ(gpx1->cds_length() % 3, 0);
  EXPECT_THAT(gpx1->selenocysteine_codons, ElementsAre(Closed(1651, 1653)));
  EXPECT_TRUE(gpx1->mane_select);
  const Gene* gene = FindGene(model, "ENSG00000233276");
  ASSERT_NE(gene, nullptr);
  EXPECT_EQ(gene->span, Closed(1001, 2000));
  EXPECT_EQ(gene->name, "GPX1");
  EXPECT_EQ(FindTranscript(model, "ENST00000000010")->gene_name, "TEN");
}

TEST(GeneModelQuirks, GencodeGtfAndGff3Selenocysteine) {
  TempDir dir;
  // GENCODE GTF: gene line after the transcript, UTR lines, Selenocysteine.
  const std::string g =
      "gene_id \"ENSG00000233276.7\"; gene_type \"protein_coding\"; gene_name \"GPX1\"; level 2;";
  const std::string t =
      "gene_id \"ENSG00000233276.7\"; transcript_id \"ENST00000419783.3\"; gene_type "
      "\"protein_coding\"; gene_name \"GPX1\"; transcript_type \"protein_coding\"; "
      "transcript_name \"GPX1-201\"; level 2; protein_id \"ENSP00000407375.2\"; "
      "transcript_support_level \"1\"; tag \"basic\"; tag \"MANE_Select\";";
  std::string gtf =
      "##description: evidence-based annotation of the human genome (GRCh38), version 44\n"
      "##provider: GENCODE\n##format: gtf\n##date: 2023-03-29\n";
  gtf += Row({"chr3", "HAVANA", "transcript", "1001", "2000", ".", "-", ".", t});
  gtf += Row({"chr3", "HAVANA", "exon", "1501", "2000", ".", "-", ".", t + " exon_number 1;"});
  gtf += Row({"chr3", "HAVANA", "CDS", "1501", "1800", ".", "-", "0", t + " exon_number 1;"});
  gtf += Row({"chr3", "HAVANA", "start_codon", "1798", "1800", ".", "-", "0", t});
  gtf += Row({"chr3", "HAVANA", "exon", "1001", "1300", ".", "-", ".", t + " exon_number 2;"});
  gtf += Row({"chr3", "HAVANA", "CDS", "1205", "1300", ".", "-", "0", t});
  gtf += Row({"chr3", "HAVANA", "stop_codon", "1202", "1204", ".", "-", "0", t});
  gtf += Row({"chr3", "HAVANA", "UTR", "1801", "2000", ".", "-", ".", t});
  gtf += Row({"chr3", "HAVANA", "UTR", "1001", "1201", ".", "-", ".", t});
  gtf += Row({"chr3", "HAVANA", "Selenocysteine", "1651", "1653", ".", "-", ".", t});
  gtf += Row({"chr3", "HAVANA", "gene", "1001", "2000", ".", "-", ".", g});
  Loaded from_gtf = Load(dir, "gencode.gtf", gtf);
  ASSERT_TRUE(from_gtf.model.ok()) << from_gtf.model.status().ToString();
  EXPECT_EQ(from_gtf.diagnostics->Total(), 0) << from_gtf.AllWarnings();
  ASSERT_EQ(from_gtf.model->transcripts().size(), 1u);
  const Transcript& a = from_gtf.model->transcripts()[0];
  EXPECT_EQ(a.versioned_id(), "ENST00000419783.3");
  EXPECT_THAT(a.cds, ElementsAre(Closed(1202, 1300), Closed(1501, 1800)));
  EXPECT_EQ(a.cds_length() % 3, 0);
  EXPECT_THAT(a.selenocysteine_codons, ElementsAre(Closed(1651, 1653)));

  // GENCODE GFF3 writes the Sec codon as stop_codon_redefined_as_selenocysteine.
  const std::string attrs =
      "gene_id=ENSG00000233276.7;transcript_id=ENST00000419783.3;gene_type=protein_coding;"
      "gene_name=GPX1;transcript_type=protein_coding";
  std::string gff3 = "##gff-version 3\n";
  gff3 += Row({"chr3", "HAVANA", "gene", "1001", "2000", ".", "-", ".",
               "ID=ENSG00000233276.7;gene_id=ENSG00000233276.7;gene_type=protein_coding;gene_name=GPX1"});
  gff3 += Row({"chr3", "HAVANA", "transcript", "1001", "2000", ".", "-", ".",
               "ID=ENST00000419783.3;Parent=ENSG00000233276.7;" + attrs});
  gff3 += Row({"chr3", "HAVANA", "exon", "1501", "2000", ".", "-", ".",
               "ID=exon:ENST00000419783.3:1;Parent=ENST00000419783.3;" + attrs});
  gff3 +=
      Row({"chr3", "HAVANA", "CDS", "1501", "1800", ".", "-", "0",
           "ID=CDS:ENST00000419783.3;Parent=ENST00000419783.3;" + attrs + ";protein_id=ENSP00000407375.2"});
  gff3 += Row({"chr3", "HAVANA", "exon", "1001", "1300", ".", "-", ".",
               "ID=exon:ENST00000419783.3:2;Parent=ENST00000419783.3;" + attrs});
  gff3 +=
      Row({"chr3", "HAVANA", "CDS", "1202", "1300", ".", "-", "0",
           "ID=CDS:ENST00000419783.3;Parent=ENST00000419783.3;" + attrs + ";protein_id=ENSP00000407375.2"});
  gff3 +=
      Row({"chr3", "HAVANA", "stop_codon_redefined_as_selenocysteine", "1651", "1653", ".", "-", ".",
           "ID=stop_codon_redefined_as_selenocysteine:ENST00000419783.3;Parent=ENST00000419783.3;" + attrs});
  Loaded from_gff3 = Load(dir, "gencode.gff3", gff3);
  ASSERT_TRUE(from_gff3.model.ok()) << from_gff3.model.status().ToString();
  EXPECT_EQ(from_gff3.diagnostics->Total(), 0) << from_gff3.AllWarnings();
  EXPECT_THAT(from_gff3.model->transcripts()[0].selenocysteine_codons, ElementsAre(Closed(1651, 1653)));
}

TEST(GeneModelQuirks, SelenocysteineOutsideTheCdsIsIgnoredWithAWarning) {
  TempDir dir;
  const std::string t = "gene_id \"G1\"; transcript_id \"T1\"; gene_name \"G1\";";
  std::string text;
  text += Row({"1", "x", "exon", "101", "400", ".", "+", ".", t});
  text += Row({"1", "x", "CDS", "151", "300", ".", "+", "0", t});
  text += Row({"1", "x", "Selenocysteine", "361", "363", ".", "+", ".", t});
  Loaded loaded = Load(dir, "sec.gtf", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.Count("selenocysteine outside CDS"), 1);
  EXPECT_TRUE(loaded.model->transcripts()[0].selenocysteine_codons.empty());
  EXPECT_THAT(loaded.AllWarnings(),
              HasSubstr(dir.File("sec.gtf") + ":3: start: transcript T1: selenocysteine "
                                              "codon 361-363 is not inside its CDS"));
}

// --- 9. ribosomal slippage ---------------------------------------------------------------------

std::string SlippageGff3(const std::string& second_start, const std::string& exception = "") {
  // SARS-CoV-2-like: ORF1ab's CDS read through a -1 frameshift, as Ensembl-style lines without exons.
  std::string s = "##gff-version 3\n##sequence-region MN908947.3 1 29903\n";
  s += Row({"MN908947.3", "feature", "gene", "266", "21555", ".", "+", ".",
            "ID=gene:ORF1ab;Name=ORF1ab;biotype=protein_coding;gene=ORF1ab"});
  s += Row({"MN908947.3", "feature", "mRNA", "266", "21555", ".", "+", ".",
            "ID=transcript:ORF1ab;Parent=gene:ORF1ab;biotype=protein_coding"});
  s += Row({"MN908947.3", "feature", "CDS", "266", "13468", ".", "+", "0",
            "ID=CDS:YP_009724389.1;Parent=transcript:ORF1ab;protein_id=YP_009724389.1" + exception});
  s += Row({"MN908947.3", "feature", "CDS", second_start, "21555", ".", "+", "0",
            "ID=CDS:YP_009724389.1;Parent=transcript:ORF1ab;protein_id=YP_009724389.1" + exception});
  return s;
}

TEST(GeneModelQuirks, OverlappingCdsIsRibosomalSlippage) {
  TempDir dir;
  const std::string text = SlippageGff3("13468");
  Loaded loaded = Load(dir, "slip.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  EXPECT_EQ(loaded.Count("CDS overlap read as ribosomal slippage"), 1);
  EXPECT_EQ(loaded.diagnostics->Total(), 1);
  const Transcript& t = loaded.model->transcripts()[0];
  EXPECT_TRUE(t.ribosomal_slippage);
  EXPECT_THAT(t.cds, ElementsAre(Closed(266, 13468), Closed(13468, 21555)));
  EXPECT_THAT(t.exons, ElementsAre(Closed(266, 21555)));
  EXPECT_EQ(t.cds_length(), 21555 - 266 + 2);
  EXPECT_EQ(t.protein_id, "YP_009724389.1");
  EXPECT_THAT(loaded.AllWarnings(),
              HasSubstr(At(dir, "slip.gff3", text, "CDS\t13468", "start") +
                        ": transcript ORF1ab: CDS 13468-21555 overlaps CDS 266-13468 by 1 base(s); read as a "
                        "programmed -1 frameshift though no exception=ribosomal slippage marks it"));
  ExpectStrictError(dir, "slip.gff3", text, "read as a programmed -1 frameshift");

  // Marked as RefSeq marks it: no warning, also in strict mode.
  const std::string marked = SlippageGff3("13468", ";exception=ribosomal slippage");
  Loaded quiet = Load(dir, "marked.gff3", marked, true);
  ASSERT_TRUE(quiet.model.ok()) << quiet.model.status().ToString();
  EXPECT_TRUE(quiet.model->transcripts()[0].ribosomal_slippage);
}

TEST(GeneModelQuirks, LargeOrNonConsecutiveCdsOverlapsStayErrors) {
  TempDir dir;
  Loaded wide = Load(dir, "wide.gff3", SlippageGff3("13464"));  // 5 bases
  ASSERT_FALSE(wide.model.ok());
  EXPECT_EQ(wide.Count("overlapping CDS"), 1);
  EXPECT_THAT(wide.AllWarnings(), HasSubstr("CDS 13464-21555 overlaps CDS 266-13468 by 5 bases"));

  // The third segment overlaps the second by 3 bases but also the first: no frameshift reads so.
  std::string text = "##gff-version 3\n";
  text += Row({"1", "x", "gene", "101", "300", ".", "+", ".", "ID=g1;Name=G1"});
  text += Row({"1", "x", "mRNA", "101", "300", ".", "+", ".", "ID=t1;Parent=g1"});
  text += Row({"1", "x", "CDS", "101", "200", ".", "+", "0", "Parent=t1"});
  text += Row({"1", "x", "CDS", "199", "202", ".", "+", "2", "Parent=t1"});
  text += Row({"1", "x", "CDS", "200", "300", ".", "+", "0", "Parent=t1"});
  text += Row({"1", "x", "gene", "1001", "1300", ".", "+", ".", "ID=g2;Name=G2"});
  text += Row({"1", "x", "mRNA", "1001", "1300", ".", "+", ".", "ID=t2;Parent=g2"});
  text += Row({"1", "x", "exon", "1001", "1300", ".", "+", ".", "Parent=t2"});
  Loaded tangled = Load(dir, "tangled.gff3", text);
  ASSERT_TRUE(tangled.model.ok()) << tangled.model.status().ToString();
  EXPECT_EQ(tangled.model->transcripts().size(), 1u);
  EXPECT_EQ(tangled.Count("overlapping CDS"), 1);
  EXPECT_THAT(tangled.AllWarnings(),
              HasSubstr(dir.File("tangled.gff3") + ":6: start: transcript t1: CDS 200-300 "
                                                   "overlaps CDS 199-202"));
}

TEST(GeneModelQuirks, ValidateTranscriptAcceptsSlippageOnlyWhenMarked) {
  Transcript t;
  t.id = "T";
  t.exons = {Closed(101, 400)};
  t.span = Closed(101, 400);
  t.cds = {Closed(101, 200), Closed(200, 298)};
  EXPECT_FALSE(ValidateTranscript(t).ok());
  t.ribosomal_slippage = true;
  EXPECT_TRUE(ValidateTranscript(t).ok()) << ValidateTranscript(t).message();
  t.cds = {Closed(101, 200), Closed(196, 298)};  // 5 bases
  EXPECT_FALSE(ValidateTranscript(t).ok());
  t.cds = {Closed(101, 200), Closed(150, 180)};  // inside the previous segment
  EXPECT_FALSE(ValidateTranscript(t).ok());
  t.cds = {Closed(101, 200), Closed(200, 298)};
  t.selenocysteine_codons = {Closed(151, 153)};
  EXPECT_TRUE(ValidateTranscript(t).ok());
  t.selenocysteine_codons = {Closed(351, 353)};
  EXPECT_THAT(ValidateTranscript(t).message(), HasSubstr("selenocysteine codon (351-353) outside its CDS"));
}

// --- 11. what is refused, and that the rest still loads ----------------------------------------

TEST(GeneModelQuirks, TranscriptsWithoutUsableStructureAreRefusedAndTheRestLoads) {
  TempDir dir;
  std::string text = "##gff-version 3\n";
  text += Row({"1", "x", "gene", "101", "2000", ".", "+", ".", "ID=gene:G1;Name=G1;biotype=protein_coding"});
  // CDS partly outside its exons.
  text += Row({"1", "x", "mRNA", "101", "400", ".", "+", ".", "ID=transcript:T1;Parent=gene:G1"});
  text += Row({"1", "x", "exon", "101", "400", ".", "+", ".", "Parent=transcript:T1"});
  text += Row({"1", "x", "CDS", "351", "450", ".", "+", "0", "Parent=transcript:T1"});
  // Overlapping exons.
  text += Row({"1", "x", "mRNA", "101", "700", ".", "+", ".", "ID=transcript:T2;Parent=gene:G1"});
  text += Row({"1", "x", "exon", "101", "400", ".", "+", ".", "Parent=transcript:T2"});
  text += Row({"1", "x", "exon", "351", "700", ".", "+", ".", "Parent=transcript:T2"});
  // Nothing but its own line.
  text += Row({"1", "x", "mRNA", "101", "900", ".", "+", ".", "ID=transcript:T3;Parent=gene:G1"});
  // No exon lines, but CDS and UTR pieces: those are its exons.
  text += Row({"1", "x", "mRNA", "1001", "2000", ".", "+", ".", "ID=transcript:T4;Parent=gene:G1"});
  text += Row({"1", "x", "five_prime_UTR", "1001", "1100", ".", "+", ".", "Parent=transcript:T4"});
  text += Row({"1", "x", "CDS", "1101", "1400", ".", "+", "0", "Parent=transcript:T4"});
  text += Row({"1", "x", "CDS", "1701", "1900", ".", "+", "0", "Parent=transcript:T4"});
  text += Row({"1", "x", "three_prime_UTR", "1901", "2000", ".", "+", ".", "Parent=transcript:T4"});
  Loaded loaded = Load(dir, "refused.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  ASSERT_EQ(loaded.model->transcripts().size(), 1u);
  const Transcript& t4 = loaded.model->transcripts()[0];
  EXPECT_EQ(t4.id, "T4");
  EXPECT_THAT(t4.exons, ElementsAre(Closed(1001, 1400), Closed(1701, 2000)));
  EXPECT_EQ(loaded.Count("CDS outside exons"), 1);
  EXPECT_EQ(loaded.Count("overlapping exons"), 1);
  EXPECT_EQ(loaded.Count("transcript without exons"), 1);
  const std::string all = loaded.AllWarnings();
  EXPECT_THAT(all, HasSubstr(At(dir, "refused.gff3", text, "CDS\t351", "start") +
                             ": transcript T1: CDS 351-450 is not inside an exon"));
  EXPECT_THAT(all, HasSubstr(At(dir, "refused.gff3", text, "exon\t351", "start") +
                             ": transcript T2: exon 351-700 overlaps exon 101-400"));
  EXPECT_THAT(all, HasSubstr(At(dir, "refused.gff3", text, "mRNA\t101\t900", "type") +
                             ": transcript T3: has no exon, CDS or UTR features"));

  // Nothing usable left: the load fails, saying why.
  std::string none = "##gff-version 3\n" +
                     Row({"1", "x", "gene", "101", "900", ".", "+", ".", "ID=gene:G1"}) +
                     Row({"1", "x", "mRNA", "101", "900", ".", "+", ".", "ID=transcript:T3;Parent=gene:G1"});
  Loaded empty = Load(dir, "none.gff3", none);
  ASSERT_FALSE(empty.model.ok());
  EXPECT_THAT(empty.model.status().message(), HasSubstr("no usable transcripts"));
  EXPECT_THAT(empty.model.status().message(), HasSubstr("1 gene model: transcript without exons"));
}

TEST(GeneModelQuirks, AFewColumnsLineRefusesTheTranscriptItNames) {
  TempDir dir;
  std::string text = "##gff-version 3\n";
  text += Row({"1", "x", "gene", "101", "900", ".", "+", ".", "ID=gene:G1;Name=G1"});
  text += Row({"1", "x", "lnc_RNA", "101", "900", ".", "+", ".", "ID=transcript:T1;Parent=gene:G1"});
  text += Row({"1", "x", "exon", "101", "200", ".", "+", ".", "Parent=transcript:T1"});
  text += Row({"1", "x", "exon", "801", "900", ".", "+", "Parent=transcript:T1"});  // the phase column lost
  text += Row({"1", "x", "lnc_RNA", "101", "900", ".", "+", ".", "ID=transcript:T2;Parent=gene:G1"});
  text += Row({"1", "x", "exon", "101", "900", ".", "+", ".", "Parent=transcript:T2"});
  Loaded loaded = Load(dir, "columns.gff3", text);
  ASSERT_TRUE(loaded.model.ok()) << loaded.model.status().ToString();
  ASSERT_EQ(loaded.model->transcripts().size(), 1u);
  EXPECT_EQ(loaded.model->transcripts()[0].id, "T2");
  EXPECT_EQ(loaded.diagnostics->Total(), 1) << loaded.AllWarnings();
  EXPECT_THAT(loaded.AllWarnings(), HasSubstr(dir.File("columns.gff3") + ":5: columns: expected 9"));
}

}  // namespace
}  // namespace zenome
