// `zenome annotate` on a small hand-written genome with real-shaped Ensembl GFF3 (gene, mRNA,
// exon, CDS and UTR lines with Ensembl's attributes; a lncRNA on the other strand), and the same
// input through `bcftools csq` when it is installed. Every record states zenome's terms and
// bcftools' terms; where they differ the comment says whose rule zenome follows (VEP's, cited) and
// why. A change in either tool's answer fails the test, so the list of explained disagreements
// stays true.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace zenome::testing {
namespace {

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// A pseudo-random filler that never spells the planted motifs by accident on purpose.
std::string Filler(size_t n, uint32_t seed) {
  std::string s(n, 'A');
  for (char& c : s) {
    seed = seed * 1103515245u + 12345u;
    c = "ACGT"[(seed >> 16) & 3];
  }
  return s;
}

std::string ReverseComplementOf(const std::string& s) {
  std::string out(s.rbegin(), s.rend());
  for (char& c : out) c = c == 'A' ? 'T' : c == 'C' ? 'G' : c == 'G' ? 'C' : 'A';
  return out;
}

// The genome: contig 7 with RSG1 (+ strand, three exons, 21 codons) and RSG2-AS (- strand lncRNA,
// two exons). Coordinates are 1-based, as in GFF3 and VCF.
struct Genome {
  std::string seq;
  int64_t e1s = 0, e1e = 0, e2s = 0, e2e = 0, e3s = 0, e3e = 0;  // RSG1 exons
  int64_t cds1 = 0;                                              // A of ATG
  int64_t stop = 0;                                              // T of TAA
  int64_t l1s = 0, l1e = 0, l2s = 0, l2e = 0;                    // lncRNA exons (genomic)
  std::string gff3;

  char At(int64_t pos) const { return seq[static_cast<size_t>(pos - 1)]; }
  std::string Bases(int64_t pos, int64_t n) const { return seq.substr(static_cast<size_t>(pos - 1), n); }
};

Genome MakeGenome() {
  Genome g;
  auto add = [&](const std::string& piece) {
    const int64_t start = static_cast<int64_t>(g.seq.size()) + 1;
    g.seq += piece;
    return start;
  };
  add(Filler(200, 1));
  // Exon 1: 5' UTR ending in A, then codons 1-10: M A K L G E R P W K.
  g.e1s = add("GCAGCGGCTCCAGGCACGCA");
  g.cds1 = add("ATGGCTAAGCTTGGAGAACGTCCGTGGAAA");
  g.e1e = static_cast<int64_t>(g.seq.size());
  add("GTAAGTCTGACC" + Filler(80, 2) + "CCTTTTCTCTGCAG");
  // Exon 2: codons 11-17: D L Q F G N L.
  g.e2s = add("GATCTGCAGTTCGGAAACCTG");
  g.e2e = static_cast<int64_t>(g.seq.size());
  add("GTGAGTACC" + Filler(70, 3) + "TTCCTTCCCCAG");
  // Exon 3: codons 18-21 K A E *, then the 3' UTR.
  g.e3s = add("AAAGCTGAG");
  g.stop = add("TAA");
  add("GCCTGGACTTGAACAGGCTT");
  g.e3e = static_cast<int64_t>(g.seq.size());
  add(Filler(300, 4));
  // The lncRNA, written 5' to 3' and placed on the reverse strand.
  const std::string lnc_exon1 = "GGCTTACGGATCCTGAAGCTTGCA";
  const std::string lnc_intron = "GTAAGAGCTT" + Filler(60, 5) + "TCTCCCTTTCAG";
  const std::string lnc_exon2 = "CCTGAAGGTCACGATTGCCAAGTC";
  const int64_t lnc_start = add(ReverseComplementOf(lnc_exon1 + lnc_intron + lnc_exon2));
  const int64_t lnc_end = static_cast<int64_t>(g.seq.size());
  g.l2s = lnc_start;
  g.l2e = lnc_start + static_cast<int64_t>(lnc_exon2.size()) - 1;
  g.l1e = lnc_end;
  g.l1s = lnc_end - static_cast<int64_t>(lnc_exon1.size()) + 1;
  add(Filler(6000, 6));

  auto line = [&](const std::string& type, int64_t s, int64_t e, char strand, const std::string& phase,
                  const std::string& attributes) {
    g.gff3 += "7\tensembl_havana\t" + type + "\t" + std::to_string(s) + "\t" + std::to_string(e) + "\t.\t" +
              strand + "\t" + phase + "\t" + attributes + "\n";
  };
  g.gff3 = "##gff-version 3\n##sequence-region   7 1 " + std::to_string(g.seq.size()) +
           "\n#!genome-build GRCh38.p14\n";
  line("gene", g.e1s, g.e3e, '+', ".",
       "ID=gene:ENSG00000900001;Name=RSG1;biotype=protein_coding;description=real-shaped gene 1;"
       "gene_id=ENSG00000900001;logic_name=ensembl_havana_gene_homo_sapiens;version=3");
  line("mRNA", g.e1s, g.e3e, '+', ".",
       "ID=transcript:ENST00000900001;Parent=gene:ENSG00000900001;Name=RSG1-201;biotype=protein_coding;"
       "tag=basic,Ensembl_canonical,MANE_Select;transcript_id=ENST00000900001;version=2");
  line("five_prime_UTR", g.e1s, g.cds1 - 1, '+', ".", "Parent=transcript:ENST00000900001");
  line("exon", g.e1s, g.e1e, '+', ".",
       "Parent=transcript:ENST00000900001;Name=ENSE00009000011;constitutive=1;ensembl_end_phase=0;"
       "ensembl_phase=-1;exon_id=ENSE00009000011;rank=1;version=1");
  line("CDS", g.cds1, g.e1e, '+', "0",
       "ID=CDS:ENSP00000900001;Parent=transcript:ENST00000900001;protein_id=ENSP00000900001");
  line("exon", g.e2s, g.e2e, '+', ".",
       "Parent=transcript:ENST00000900001;Name=ENSE00009000012;constitutive=1;ensembl_end_phase=0;"
       "ensembl_phase=0;exon_id=ENSE00009000012;rank=2;version=1");
  line("CDS", g.e2s, g.e2e, '+', "0",
       "ID=CDS:ENSP00000900001;Parent=transcript:ENST00000900001;protein_id=ENSP00000900001");
  line("exon", g.e3s, g.e3e, '+', ".",
       "Parent=transcript:ENST00000900001;Name=ENSE00009000013;constitutive=1;ensembl_end_phase=-1;"
       "ensembl_phase=0;exon_id=ENSE00009000013;rank=3;version=1");
  line("CDS", g.e3s, g.stop + 2, '+', "0",
       "ID=CDS:ENSP00000900001;Parent=transcript:ENST00000900001;protein_id=ENSP00000900001");
  line("three_prime_UTR", g.stop + 3, g.e3e, '+', ".", "Parent=transcript:ENST00000900001");
  g.gff3 += "###\n";
  line("ncRNA_gene", lnc_start, lnc_end, '-', ".",
       "ID=gene:ENSG00000900002;Name=RSG2-AS;biotype=lncRNA;gene_id=ENSG00000900002;"
       "logic_name=havana_homo_sapiens;version=1");
  line("lnc_RNA", lnc_start, lnc_end, '-', ".",
       "ID=transcript:ENST00000900002;Parent=gene:ENSG00000900002;Name=RSG2-AS-201;biotype=lncRNA;"
       "tag=basic,Ensembl_canonical;transcript_id=ENST00000900002;version=1");
  line("exon", g.l1s, g.l1e, '-', ".",
       "Parent=transcript:ENST00000900002;Name=ENSE00009000021;rank=1;exon_id=ENSE00009000021;version=1");
  line("exon", g.l2s, g.l2e, '-', ".",
       "Parent=transcript:ENST00000900002;Name=ENSE00009000022;rank=2;exon_id=ENSE00009000022;version=1");
  g.gff3 += "###\n";
  return g;
}

struct Case {
  std::string what;
  int64_t pos;
  std::string ref, alt;
  std::string info;      // for symbolic alleles
  std::string zenome;    // zenome's terms on the transcript (CSQ Consequence)
  std::string bcftools;  // bcftools csq's terms on it (BCSQ consequence), "" when it gives none
};

// bcftools csq term -> SO term, for the comparison.
std::string ToSo(const std::string& term) {
  static const std::map<std::string, std::string> kMap = {
      {"intron", "intron_variant"},
      {"splice_region", "splice_region_variant"},
      {"splice_acceptor", "splice_acceptor_variant"},
      {"splice_donor", "splice_donor_variant"},
      {"5_prime_utr", "5_prime_UTR_variant"},
      {"3_prime_utr", "3_prime_UTR_variant"},
      {"missense", "missense_variant"},
      {"synonymous", "synonymous_variant"},
      {"stop_retained", "stop_retained_variant"},
      {"start_retained", "start_retained_variant"},
      {"frameshift", "frameshift_variant"},
      {"inframe_altering", "protein_altering_variant"},
      {"non_coding", "non_coding_transcript_exon_variant"},
      {"coding_sequence", "coding_sequence_variant"},
  };
  auto it = kMap.find(term);
  return it == kMap.end() ? term : it->second;
}

class RealShapedCsqTest : public ::testing::Test {
 protected:
  void SetUp() override {
    genome_ = MakeGenome();
    WriteFasta(dir_.File("ref.fa"), {{"7", genome_.seq}});
    WriteFile(dir_.File("genes.gff3"), genome_.gff3);
  }

  std::string WriteVcf(const std::vector<Case>& cases) {
    std::string vcf = "##fileformat=VCFv4.2\n##contig=<ID=7,length=" + std::to_string(genome_.seq.size()) +
                      ">\n##INFO=<ID=END,Number=1,Type=Integer,Description=\"End\">\n"
                      "##INFO=<ID=SVTYPE,Number=1,Type=String,Description=\"Type\">\n"
                      "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n";
    std::vector<Case> sorted = cases;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Case& x, const Case& y) { return x.pos < y.pos; });
    for (const Case& c : sorted) {
      EXPECT_EQ(genome_.Bases(c.pos, static_cast<int64_t>(c.ref.size())), c.ref) << c.what;
      vcf += "7\t" + std::to_string(c.pos) + "\t" + c.what + "\t" + c.ref + "\t" + c.alt + "\t.\tPASS\t" +
             (c.info.empty() ? "." : c.info) + "\n";
    }
    const std::string path = dir_.File("calls.vcf");
    WriteFile(path, vcf);
    return path;
  }

  // zenome's Consequence per record ID on one transcript.
  std::map<std::string, std::string> Zenome(const std::string& vcf, const std::string& transcript) {
    CommandResult run = RunZenome("annotate -q --tsv -f " + dir_.File("ref.fa") + " -g " +
                                  dir_.File("genes.gff3") + " " + vcf);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    std::map<std::string, std::string> out;
    std::vector<std::string> header;
    for (const std::string& line : Split(run.out, '\n')) {
      if (line.empty()) continue;
      std::vector<std::string> f = Split(line, '\t');
      if (line[0] == '#') {
        header = f;
        continue;
      }
      std::map<std::string, std::string> row;
      for (size_t i = 0; i < f.size() && i < header.size(); ++i) row[header[i]] = f[i];
      if (row["Feature"].starts_with(transcript)) out[row["ID"]] = row["Consequence"];
    }
    return out;
  }

  // bcftools csq's consequence per record ID on one transcript, in SO terms joined by '&' in the
  // order bcftools writes them.
  std::map<std::string, std::string> Bcftools(const std::string& vcf, const std::string& transcript) {
    CommandResult run =
        RunShell("bcftools csq -l -f " + dir_.File("ref.fa") + " -g " + dir_.File("genes.gff3") + " " + vcf +
                 " | bcftools query -f '%ID\\t%BCSQ\\n'");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    std::map<std::string, std::string> out;
    for (const std::string& line : Split(run.out, '\n')) {
      std::vector<std::string> f = Split(line, '\t');
      if (f.size() != 2) continue;
      for (const std::string& entry : Split(f[1], ',')) {
        std::vector<std::string> parts = Split(entry, '|');
        if (parts.size() < 3 || parts[2] != transcript) continue;
        std::string terms;
        for (const std::string& t : Split(parts[0], '&')) terms += (terms.empty() ? "" : "&") + ToSo(t);
        out[f[0]] = terms;
      }
    }
    return out;
  }

  void Check(const std::vector<Case>& cases, const std::string& transcript) {
    const std::string vcf = WriteVcf(cases);
    const std::map<std::string, std::string> zenome = Zenome(vcf, transcript);
    const bool have_bcftools = HaveTool("bcftools");
    const std::map<std::string, std::string> bcftools =
        have_bcftools ? Bcftools(vcf, transcript) : std::map<std::string, std::string>();
    for (const Case& c : cases) {
      SCOPED_TRACE(c.what + " 7:" + std::to_string(c.pos) + " " + c.ref + ">" + c.alt);
      auto z = zenome.find(c.what);
      EXPECT_EQ(z == zenome.end() ? "" : z->second, c.zenome);
      if (have_bcftools) {
        auto b = bcftools.find(c.what);
        EXPECT_EQ(b == bcftools.end() ? "" : b->second, c.bcftools);
      }
    }
  }

  TempDir dir_;
  Genome genome_;
};

TEST_F(RealShapedCsqTest, CodingTranscript) {
  const Genome& g = genome_;
  const int64_t d = g.e1e;  // last base of exon 1; the donor is d+1, d+2
  const int64_t a = g.e2s;  // first base of exon 2; the acceptor is a-2, a-1
  std::vector<Case> cases = {
      {"synonymous", g.cds1 + 5, "T", "C", "", "synonymous_variant", "synonymous_variant"},
      {"missense", g.cds1 + 7, "A", "C", "", "missense_variant", "missense_variant"},
      {"stop_gained", g.cds1 + 15, "G", "T", "", "stop_gained", "stop_gained"},
      {"start_lost", g.cds1 + 1, "T", "C", "", "start_lost", "start_lost"},
      // The 5' UTR ends with A: deleting the A of ATG leaves ATG and the whole CDS in place.
      // VEP calls it start_lost, start_retained and frameshift at once (its inversion test fires
      // on any change that moves the start); zenome: start_retained_variant, the start codon is
      // the annotated one and the protein is unchanged (p.=); bcftools places the deletion in the
      // UTR (it left-aligns) and says 5_prime_utr: the same event seen one base to the left.
      {"start_retained_del", g.cds1 - 1, "AA", "A", "", "start_retained_variant", "5_prime_UTR_variant"},
      {"utr5", g.e1s + 3, "G", "A", "", "5_prime_UTR_variant", "5_prime_UTR_variant"},
      {"donor_1", d + 1, "G", "A", "", "splice_donor_variant", "splice_donor_variant"},
      // VEP (since release 105) names intron +3..+6 splice_donor_region_variant and +5
      // splice_donor_5th_base_variant (VariationEffect::donor_splice_site_5th_base); bcftools has
      // only splice_region.
      {"donor_5", d + 5, "G", "A", "", "splice_donor_5th_base_variant&intron_variant",
       "splice_region_variant"},
      {"acceptor_2", a - 2, "A", "G", "", "splice_acceptor_variant", "splice_acceptor_variant"},
      // Acceptor -3..-17 is VEP's splice_polypyrimidine_tract_variant (LOW); -3..-8 is also the
      // splice region. bcftools has splice_region only.
      {"ppt", a - 5, "T", "G", "", "splice_region_variant&splice_polypyrimidine_tract_variant&intron_variant",
       "splice_region_variant"},
      // An insertion between the last exon base and the first intron base leaves GT in place and
      // adds a base to the exon: VEP's insertion rule (ensembl-variation variation_effect.t, "an
      // insertion between the last exon base and the first intron base is not essential") gives
      // frameshift + splice_region; bcftools csq counts the insertion into the donor site.
      {"ins_exon_intron", d, g.Bases(d, 1), g.Bases(d, 1) + "T", "",
       "frameshift_variant&splice_region_variant", "splice_donor_variant"},
      // A deletion of the last two exon bases and the first three intron bases: the donor is gone.
      // VEP: splice_donor_variant with coding_sequence_variant and intron_variant (no frameshift
      // or inframe call: VEP's CDS mapping of a deletion that leaves the exon has no end, so the
      // protein change is unknown), and intron +3 is in the donor region. bcftools calls the
      // exonic part an inframe deletion (it counts the 3 exonic-looking bases after realignment).
      {"del_exon_intron", d - 2, g.Bases(d - 2, 6), g.Bases(d - 2, 1), "",
       "splice_donor_variant&splice_donor_region_variant&coding_sequence_variant&intron_variant",
       "inframe_deletion&splice_donor_variant"},
      {"stop_lost", g.stop, "T", "C", "", "stop_lost", "stop_lost"},
      {"stop_retained", g.stop + 2, "A", "G", "", "stop_retained_variant", "stop_retained_variant"},
      // An insertion inside TAA that keeps a stop in place (T-AGT-AA reads TAG) is
      // stop_retained_variant (VEP: inframe_insertion + stop_retained_variant); one that does not
      // (T-GGA-AA reads TGG AAA) is stop_lost.
      {"stop_ins_kept", g.stop, "T", "TAGT", "", "inframe_insertion&stop_retained_variant",
       "inframe_insertion&stop_retained_variant"},
      // bcftools adds inframe_insertion to the lost stop; VEP's inframe_insertion excludes
      // stop_lost alleles whose peptide does not keep the reference (VariationEffect::inframe_insertion).
      {"stop_ins_lost", g.stop, "T", "TGGA", "", "stop_lost", "stop_lost&inframe_insertion"},
      {"utr3", g.e3e - 2, "C", "T", "", "3_prime_UTR_variant", "3_prime_UTR_variant"},
      // Exon 2 deleted with 20 intron bases on each side: both splice sites and the donor's 5th
      // base go (VEP's overlap predicates), the coding change is unknown without RNA evidence of
      // how the exons rejoin (coding_sequence_variant; VEP and zenome do not guess exon
      // skipping). bcftools: splice_acceptor and coding_sequence.
      {"exon2_del", a - 21, g.Bases(a - 21, 63), g.Bases(a - 21, 1), "",
       "splice_acceptor_variant&splice_donor_variant&splice_donor_5th_base_variant&coding_sequence_variant&"
       "intron_variant",
       "splice_acceptor_variant&coding_sequence_variant"},
      // A deletion from upstream of the transcript into its CDS takes the start codon with it:
      // start_lost. VEP cannot map a deletion with no cDNA start, never tests the codon and says
      // coding_sequence_variant&5_prime_UTR_variant; bcftools says 5_prime_utr.
      {"del_from_upstream", g.e1s - 11, g.Bases(g.e1s - 11, 40), g.Bases(g.e1s - 11, 1), "",
       "start_lost&5_prime_UTR_variant", "5_prime_UTR_variant"},
      // A long deletion from exon 3 past the transcript's end takes the stop codon: stop_lost (VEP:
      // coding_sequence_variant&3_prime_UTR_variant, for the same reason; bcftools: 3_prime_utr).
      {"del_past_end", g.e3s + 2, g.Bases(g.e3s + 2, 60), g.Bases(g.e3s + 2, 1), "",
       "stop_lost&3_prime_UTR_variant", "3_prime_UTR_variant"},
      // Structural alleles: VEP's terms; bcftools csq gives feature_elongation inside the CDS.
      {"sv_ins", a + 5, g.Bases(a + 5, 1), "<INS:ME:ALU>", "SVTYPE=INS",
       "feature_elongation&coding_sequence_variant", "coding_sequence_variant&feature_elongation"},
      {"sv_del_gene", g.e1s - 10, g.Bases(g.e1s - 10, 1), "<DEL>",
       "SVTYPE=DEL;END=" + std::to_string(g.e3e + 10), "transcript_ablation", ""},
  };
  Check(cases, "ENST00000900001");
}

// bcftools csq skips transcripts of biotype lncRNA ("Ignored the following biotypes"): it gives no
// consequence for any of these records; VEP annotates every biotype, and so does zenome.
TEST_F(RealShapedCsqTest, NonCodingTranscriptOnTheReverseStrand) {
  const Genome& g = genome_;
  std::vector<Case> cases = {
      {"nc_exon", g.l1s + 5, g.Bases(g.l1s + 5, 1), g.Bases(g.l1s + 5, 1) == "A" ? "G" : "A", "",
       "non_coding_transcript_exon_variant", ""},
      // The lncRNA's donor (5' end of its intron) lies just below exon 1 on the reverse strand.
      {"nc_donor", g.l1s - 1, g.Bases(g.l1s - 1, 1), g.Bases(g.l1s - 1, 1) == "A" ? "G" : "A", "",
       "splice_donor_variant&non_coding_transcript_variant", ""},
      {"nc_intron", g.l1s - 40, g.Bases(g.l1s - 40, 1), g.Bases(g.l1s - 40, 1) == "A" ? "G" : "A", "",
       "intron_variant&non_coding_transcript_variant", ""},
      // A deletion across the exon 2 / intron boundary of the lncRNA.
      {"nc_boundary_del", g.l2e - 2, g.Bases(g.l2e - 2, 6), g.Bases(g.l2e - 2, 1), "",
       "splice_acceptor_variant&non_coding_transcript_exon_variant&intron_variant", ""},
  };
  Check(cases, "ENST00000900002");
}

// Structural alleles whose extent cannot be known are reported, never annotated silently: a
// warning naming the line (an error with --strict); the record is written without their CSQ.
TEST_F(RealShapedCsqTest, StructuralAllelesWithoutAnExtentAreReported) {
  const Genome& g = genome_;
  const std::string base = g.Bases(g.e2s, 1);
  std::vector<Case> cases = {
      {"no_end", g.e2s, base, "<DEL>", "", "", ""},
      {"end_before_pos", g.e2s + 1, g.Bases(g.e2s + 1, 1), "<DUP>", "END=" + std::to_string(g.e2s - 5), "",
       ""},
      {"unknown_class", g.e2s + 2, g.Bases(g.e2s + 2, 1), "<FOO>", "", "", ""},
      {"breakend", g.e2s + 3, g.Bases(g.e2s + 3, 1), g.Bases(g.e2s + 3, 1) + "]7:100]", "SVTYPE=BND",
       "feature_truncation&coding_sequence_variant", ""},
  };
  const std::string vcf = WriteVcf(cases);
  CommandResult run =
      RunZenome("annotate --tsv -f " + dir_.File("ref.fa") + " -g " + dir_.File("genes.gff3") + " " + vcf);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("calls.vcf:6: ALT: symbolic ALT '<DEL>' has neither INFO END nor SVLEN"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("is before POS"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("'<FOO>' is not a known structural class"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("\tbreakend\t"), std::string::npos);
  const std::map<std::string, std::string> zenome = Zenome(vcf, "ENST00000900001");
  EXPECT_EQ(zenome.count("no_end"), 0u);
  EXPECT_EQ(zenome.at("breakend"), "feature_truncation&coding_sequence_variant");
  CommandResult strict = RunZenome("annotate --strict --tsv -f " + dir_.File("ref.fa") + " -g " +
                                   dir_.File("genes.gff3") + " " + vcf);
  EXPECT_NE(strict.exit_code, 0);
  EXPECT_NE(strict.err.find("calls.vcf:6"), std::string::npos) << strict.err;
}

// Haplotype-aware consequences: alleles on one phased haplotype in one codon get the combined
// codon's consequence and HGVSp in their own entries (HAPLOTYPE names the partner); a frameshift
// restored by a second indel on the haplotype is reported with the combined, in-frame change.
// The same alleles in trans, or unphased, keep their own consequences.
TEST_F(RealShapedCsqTest, HaplotypeAwareConsequences) {
  const Genome& g = genome_;
  // Codon 3 is AAG (Lys): A>C at its first base gives CAG (Gln), G>T at its third AAT (Asn);
  // together CAT (His). Codon 4 CTT loses its C (frameshift); an extra T after codon 6 (GAG)
  // restores the frame.
  const int64_t k1 = g.cds1 + 6, k3 = g.cds1 + 8;
  const int64_t del = g.cds1 + 8, ins = g.cds1 + 17;
  auto vcf_with = [&](const std::string& gt1, const std::string& gt2, const std::string& gt3,
                      const std::string& gt4) {
    std::string text = "##fileformat=VCFv4.2\n##contig=<ID=7,length=" + std::to_string(g.seq.size()) +
                       ">\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n"
                       "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP1\n";
    text += "7\t" + std::to_string(k1) + "\tk1\tA\tC\t.\tPASS\t.\tGT\t" + gt1 + "\n";
    text += "7\t" + std::to_string(k3) + "\tk3\tG\tT\t.\tPASS\t.\tGT\t" + gt2 + "\n";
    text += "7\t" + std::to_string(del) + "\tdel\t" + g.Bases(del, 2) + "\t" + g.Bases(del, 1) +
            "\t.\tPASS\t.\tGT\t" + gt3 + "\n";
    text += "7\t" + std::to_string(ins) + "\tins\t" + g.Bases(ins, 1) + "\t" + g.Bases(ins, 1) + "T" +
            "\t.\tPASS\t.\tGT\t" + gt4 + "\n";
    const std::string path = dir_.File("phased.vcf");
    WriteFile(path, text);
    return path;
  };
  auto rows = [&](const std::string& vcf) {
    CommandResult run = RunZenome("annotate -q --tsv -f " + dir_.File("ref.fa") + " -g " +
                                  dir_.File("genes.gff3") + " " + vcf);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    std::map<std::string, std::map<std::string, std::string>> out;
    std::vector<std::string> header;
    for (const std::string& line : Split(run.out, '\n')) {
      if (line.empty()) continue;
      std::vector<std::string> f = Split(line, '\t');
      if (line[0] == '#') {
        header = f;
        continue;
      }
      std::map<std::string, std::string> row;
      for (size_t i = 0; i < f.size() && i < header.size(); ++i) row[header[i]] = f[i];
      if (row["Feature"].starts_with("ENST00000900001")) out[row["ID"]] = row;
    }
    return out;
  };
  // Codon 3's alleles in cis; the two indels in cis on the other haplotype.
  auto cis = rows(vcf_with("0|1", "0|1", "1|0", "1|0"));
  EXPECT_EQ(cis["k1"]["Consequence"], "missense_variant");
  EXPECT_EQ(cis["k1"]["Amino_acids"], "K/H");
  EXPECT_EQ(cis["k1"]["HGVSp"], "ENSP00000900001:p.Lys3His");
  EXPECT_EQ(cis["k1"]["HGVSc"], "ENST00000900001.2:c.7A>C");  // HGVS c. stays the allele's own
  EXPECT_EQ(cis["k1"]["HAPLOTYPE"], std::to_string(k3) + ":G>T");
  EXPECT_EQ(cis["k3"]["HGVSp"], "ENSP00000900001:p.Lys3His");
  EXPECT_EQ(cis["k3"]["HAPLOTYPE"], std::to_string(k1) + ":A>C");
  EXPECT_EQ(cis["del"]["Consequence"], "missense_variant");  // not frameshift_variant
  EXPECT_EQ(cis["del"]["HGVSp"], cis["ins"]["HGVSp"]);
  // CTT GGA GAA without the C and with T after GAA: TTG GAG AAT (Leu Glu Asn). The second group
  // of a run is read from its own reference bases (an earlier build appended them to the first's).
  EXPECT_EQ(cis["del"]["HGVSp"], "ENSP00000900001:p.Gly5_Glu6delinsGluAsn");
  EXPECT_EQ(cis["ins"]["HAPLOTYPE"], std::to_string(del) + ":" + g.Bases(del, 2) + ">" + g.Bases(del, 1));
  // In trans, and unphased: each record's own answer.
  for (const auto& other :
       {rows(vcf_with("0|1", "1|0", "1|0", "0|1")), rows(vcf_with("0/1", "0/1", "0/1", "0/1"))}) {
    EXPECT_EQ(other.at("k1").at("HGVSp"), "ENSP00000900001:p.Lys3Gln");
    EXPECT_EQ(other.at("k3").at("HGVSp"), "ENSP00000900001:p.Lys3Asn");
    EXPECT_EQ(other.at("del").at("Consequence"), "frameshift_variant");
    EXPECT_EQ(other.at("ins").at("Consequence"), "frameshift_variant");
    EXPECT_EQ(other.at("k1").at("HAPLOTYPE"), "");
  }
}

}  // namespace
}  // namespace zenome::testing
