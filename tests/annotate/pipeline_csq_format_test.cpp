#include <gtest/gtest.h>

#include "annotate/csq_format.h"
#include "annotate/pick.h"

namespace zenome {
namespace {

std::vector<std::string> SplitOn(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

Transcript MakeTranscript(std::string id, bool coding, int64_t length) {
  Transcript t;
  t.id = std::move(id);
  t.version = "3";
  t.gene_id = "ZG1";
  t.gene_name = "GENE1";
  t.biotype = coding ? "protein_coding" : "lncRNA";
  t.strand = Strand::kReverse;
  t.exons = {{100, 100 + length}};
  t.span = t.exons.front();
  if (coding) t.cds = {{100, 100 + length}};
  return t;
}

TEST(VepAllele, DropsTheSharedAnchorBaseLikeVep) {
  EXPECT_EQ(VepAllele({"A", "G"}, 1), "G");           // SNV: as is
  EXPECT_EQ(VepAllele({"CA", "C"}, 1), "-");          // deletion
  EXPECT_EQ(VepAllele({"C", "CTT"}, 1), "TT");        // insertion
  EXPECT_EQ(VepAllele({"CA", "C", "CAA"}, 2), "AA");  // all share C
  EXPECT_EQ(VepAllele({"CA", "C", "TA"}, 2), "TA");   // not all share the first base
  EXPECT_EQ(VepAllele({"AC", "GT"}, 1), "GT");        // MNV
}

TEST(CsqLayout, HeaderListsEveryFieldAndEntriesMatchIt) {
  CsqLayout layout({"gnomad_AF", "CLIN_SIG"});
  std::string description = layout.HeaderDescription();
  ASSERT_NE(description.find("Format: Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|"),
            std::string::npos);
  std::string format = description.substr(description.find("Format: ") + 8);
  std::vector<std::string> names = SplitOn(format, '|');
  EXPECT_EQ(names, layout.fields());
  EXPECT_EQ(names.back(), "CLIN_SIG");

  Transcript t = MakeTranscript("ZT1", true, 300);
  t.canonical = true;
  t.mane_select = true;
  t.tsl = 1;
  t.protein_id = "ZP1";
  TranscriptEffect effect;
  effect.transcript = &t;
  effect.consequences.Add(Consequence::kSpliceRegion);
  effect.consequences.Add(Consequence::kSynonymous);
  effect.exon = "2/5";
  effect.hgvsc = "ZT1.3:c.30A>G";
  effect.hgvsp = "ZP1:p.Leu10=";
  AlleleAnnotation allele{"G", "chr1:g.130T>C", {"0.0012", "Benign,Likely_benign"}};
  std::string entry;
  layout.AppendEntry(allele, effect, true, CsqLayout::Escaping::kVcf, entry);
  std::vector<std::string> values = SplitOn(entry, '|');
  ASSERT_EQ(values.size(), names.size()) << entry;
  auto value = [&](const std::string& name) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return values[i];
    }
    return std::string("<no such field>");
  };
  EXPECT_EQ(value("Consequence"), "splice_region_variant&synonymous_variant");  // severity order
  EXPECT_EQ(value("IMPACT"), "LOW");
  EXPECT_EQ(value("Feature"), "ZT1.3");
  EXPECT_EQ(value("Feature_type"), "Transcript");
  EXPECT_EQ(value("STRAND"), "-1");
  EXPECT_EQ(value("PICK"), "1");
  EXPECT_EQ(value("CANONICAL"), "YES");
  EXPECT_EQ(value("MANE"), "MANE_Select");
  EXPECT_EQ(value("TSL"), "1");
  EXPECT_EQ(value("HGVSp"), "ZP1:p.Leu10%3D");           // '=' escaped as VEP does in VCF
  EXPECT_EQ(value("CLIN_SIG"), "Benign&Likely_benign");  // ',' cannot appear inside CSQ
  EXPECT_EQ(value("gnomad_AF"), "0.0012");

  std::string row;
  layout.AppendEntry(allele, effect, false, CsqLayout::Escaping::kTsv, row);
  std::vector<std::string> columns = SplitOn(row, '\t');
  ASSERT_EQ(columns.size(), names.size());
  EXPECT_NE(row.find("ZP1:p.Leu10="), std::string::npos);  // TSV keeps the text as is
}

TEST(CsqLayout, IntergenicEntryHasNoTranscriptFields) {
  CsqLayout layout;
  TranscriptEffect effect;
  effect.consequences.Add(Consequence::kIntergenic);
  std::string entry;
  layout.AppendEntry({"T", "", {}}, effect, true, CsqLayout::Escaping::kVcf, entry);
  std::vector<std::string> values = SplitOn(entry, '|');
  ASSERT_EQ(values.size(), layout.fields().size());
  EXPECT_EQ(values[1], "intergenic_variant");
  EXPECT_EQ(values[2], "MODIFIER");
  EXPECT_EQ(values[6], "");  // Feature
}

// An entry is written in one go when no value needs escaping and field by field when one does;
// both ways write every other field the same, with or without a transcript, for every field.
TEST(CsqLayout, EntryNeedingEscapesMatchesTheCleanEntryFieldForField) {
  CsqLayout layout({"gnomad_AF", "CLIN_SIG"});
  Transcript t = MakeTranscript("ZT1", true, 300);
  t.canonical = true;
  t.mane_plus_clinical = true;
  t.tsl = 5;
  t.protein_id = "ZP1";
  TranscriptEffect effect;
  effect.transcript = &t;
  effect.consequences.Add(Consequence::kFrameshift);
  effect.consequences.Add(Consequence::kSpliceRegion);
  effect.exon = "2/5";
  effect.intron = "2-3/4";
  effect.hgvsc = "ZT1.3:c.30_31insA";
  effect.hgvsp = "ZP1:p.Leu10fs";
  effect.cdna_position = "30-31";
  effect.cds_position = "?-31";
  effect.protein_position = "10-11";
  effect.amino_acids = "L/LX";
  effect.codons = "ctg/cAtg";
  effect.distance = 1234;
  effect.flags = "cds_start_NF";
  effect.hgvs_shift = 7;
  for (bool with_transcript : {true, false}) {
    effect.transcript = with_transcript ? &t : nullptr;
    for (auto escaping : {CsqLayout::Escaping::kVcf, CsqLayout::Escaping::kTsv}) {
      const char separator = escaping == CsqLayout::Escaping::kVcf ? '|' : '\t';
      AlleleAnnotation clean{"A", "chr1:g.130_131insA", {"0.5", "Benign"}};
      AlleleAnnotation dirty{"A", "chr1:g.130_131insA", {"0.5", "Ben\x01ign"}};
      std::string clean_entry = "prefix";
      std::string dirty_entry = "prefix";
      layout.AppendEntry(clean, effect, true, escaping, clean_entry);
      layout.AppendEntry(dirty, effect, true, escaping, dirty_entry);
      std::vector<std::string> clean_values = SplitOn(clean_entry, separator);
      std::vector<std::string> dirty_values = SplitOn(dirty_entry, separator);
      ASSERT_EQ(clean_values.size(), layout.fields().size());
      ASSERT_EQ(dirty_values.size(), layout.fields().size());
      EXPECT_EQ(dirty_values.back(), "Ben%01ign");  // the control character percent-encoded
      clean_values.pop_back();
      dirty_values.pop_back();
      EXPECT_EQ(clean_values, dirty_values) << clean_entry << "\n" << dirty_entry;
      EXPECT_EQ(clean_values[0], "prefixA");
      EXPECT_EQ(clean_values[1], "frameshift_variant&splice_region_variant");
      EXPECT_EQ(clean_values[6], with_transcript ? "ZT1.3" : "");
      EXPECT_EQ(clean_values[17], "1234");                                       // DISTANCE
      EXPECT_EQ(clean_values[22], with_transcript ? "MANE_Plus_Clinical" : "");  // MANE
      EXPECT_EQ(clean_values[23], with_transcript ? "5" : "");                   // TSL
      EXPECT_EQ(clean_values[26], "7");                                          // HGVS_OFFSET
    }
  }
}

TEST(Pick, FollowsVepOrderManeThenCanonicalThenBiotypeThenSeverityThenLength) {
  Transcript mane = MakeTranscript("A_MANE", true, 300);
  mane.mane_select = true;
  Transcript canonical = MakeTranscript("B_CANON", true, 300);
  canonical.canonical = true;
  Transcript coding_long = MakeTranscript("C_LONG", true, 900);
  Transcript coding_short = MakeTranscript("D_SHORT", true, 300);
  Transcript noncoding = MakeTranscript("E_NC", false, 3000);

  auto effect = [](const Transcript& t, Consequence c) {
    TranscriptEffect e;
    e.transcript = &t;
    e.consequences.Add(c);
    return e;
  };
  // MANE wins even when another transcript has a more severe consequence.
  std::vector<TranscriptEffect> effects = {effect(noncoding, Consequence::kStopGained),
                                           effect(canonical, Consequence::kMissense),
                                           effect(mane, Consequence::kIntron)};
  EXPECT_EQ(PickEffect(effects), 2u);
  effects.pop_back();
  EXPECT_EQ(PickEffect(effects), 1u);  // then canonical
  // Protein-coding before non-coding, then severity, then length.
  std::vector<TranscriptEffect> plain = {effect(noncoding, Consequence::kStopGained),
                                         effect(coding_short, Consequence::kIntron),
                                         effect(coding_long, Consequence::kIntron)};
  EXPECT_EQ(PickEffect(plain), 2u);
  plain.push_back(effect(coding_short, Consequence::kMissense));
  EXPECT_EQ(PickEffect(plain), 3u);
}

}  // namespace
}  // namespace zenome
