// The store's one renderer: exact TSV/text and JSON of hand-built results (expected text written
// from the formats' definitions in src/store/README.md, not copied from zenome's output).
#include "store/render/render.h"

#include <gtest/gtest.h>

#include <sstream>

namespace zenome {
namespace {

FrequencyTable SmallTable() {
  FrequencyTable table;
  table.annotated = true;
  table.with_carriers = true;
  table.dimension = "sex";
  table.group_names = {"female", "male"};
  FrequencyRow row;
  row.site.key = {"chr1", 99, "A", "G"};
  row.site.counts = {3, 8, 1, 1};
  row.site.groups = {{3, 4, 1, 1}, {0, 4, 0, 0}};
  row.effect.gene_id = "ZG1";
  row.effect.consequence = "missense_variant";
  row.effect.impact = "MODERATE";
  row.effect.hgvsp = "p.Arg5Gly";
  row.carriers = {{1, "ZP-AAAA", GenotypeCode::kHet}, {2, "ZP-BBBB", GenotypeCode::kHomAlt}};
  table.rows.push_back(row);
  FrequencyRow uncalled;
  uncalled.site.key = {"chr1", 199, "C", "CT"};
  uncalled.site.groups = {{}, {}};
  table.rows.push_back(uncalled);
  return table;
}

TEST(Render, FrequencyTableTsvIsLongFormWithAllFirst) {
  std::ostringstream out;
  WriteFrequencyTable(SmallTable(), OutputFormat::kTsv, out);
  EXPECT_EQ(
      out.str(),
      "variant\tcontig\tpos\tref\talt\tgene\tconsequence\timpact\thgvsp\tgroup\tAC\tAN\tAF\tn_het\tn_homalt"
      "\tcarriers\n"
      "chr1-100-A-G\tchr1\t100\tA\tG\tZG1\tmissense_variant\tMODERATE\tp.Arg5Gly\tall\t3\t8\t0.375\t1\t1"
      "\tZP-AAAA:het,ZP-BBBB:hom_alt\n"
      "chr1-100-A-G\tchr1\t100\tA\tG\tZG1\tmissense_variant\tMODERATE\tp.Arg5Gly\tfemale\t3\t4\t0.75\t1\t1\t."
      "\n"
      "chr1-100-A-G\tchr1\t100\tA\tG\tZG1\tmissense_variant\tMODERATE\tp.Arg5Gly\tmale\t0\t4\t0\t0\t0\t.\n"
      "chr1-200-C-CT\tchr1\t200\tC\tCT\t.\t.\t.\t.\tall\t0\t0\tNA\t0\t0\t.\n"
      "chr1-200-C-CT\tchr1\t200\tC\tCT\t.\t.\t.\t.\tfemale\t0\t0\tNA\t0\t0\t.\n"
      "chr1-200-C-CT\tchr1\t200\tC\tCT\t.\t.\t.\t.\tmale\t0\t0\tNA\t0\t0\t.\n");
}

TEST(Render, FrequencyTableJsonNestsGroupsAndCarriers) {
  nlohmann::json json = FrequencyTableJson(SmallTable());
  ASSERT_EQ(json.size(), 2u);
  const auto& first = json[0];
  EXPECT_EQ(first["variant"], "chr1-100-A-G");
  EXPECT_EQ(first["pos"], 100);
  EXPECT_EQ(first["gene"], "ZG1");
  EXPECT_EQ(first["hgvsc"], ".");
  EXPECT_EQ(first["ac"], 3);
  EXPECT_EQ(first["an"], 8);
  EXPECT_DOUBLE_EQ(first["af"].get<double>(), 0.375);
  EXPECT_EQ(first["by"], "sex");
  ASSERT_EQ(first["groups"].size(), 2u);
  EXPECT_EQ(first["groups"][1]["group"], "male");
  EXPECT_EQ(first["groups"][1]["an"], 4);
  EXPECT_EQ(first["carriers"][1]["genotype"], "hom_alt");
  EXPECT_TRUE(json[1]["gene"].is_null());
  EXPECT_TRUE(json[1]["af"].is_null());  // AN 0: no frequency, not 0
}

TEST(Render, UnannotatedTableHasNoEffectColumnsOrKeys) {
  FrequencyTable table = SmallTable();
  table.annotated = false;
  table.with_carriers = false;
  table.dimension.clear();
  table.group_names.clear();
  for (auto& row : table.rows) row.site.groups.clear();
  std::ostringstream out;
  WriteFrequencyTable(table, OutputFormat::kTsv, out);
  EXPECT_EQ(out.str().substr(0, out.str().find('\n')),
            "variant\tcontig\tpos\tref\talt\tgroup\tAC\tAN\tAF\tn_het\tn_homalt");
  nlohmann::json json = FrequencyTableJson(table);
  EXPECT_FALSE(json[0].contains("gene"));
  EXPECT_FALSE(json[0].contains("groups"));
  EXPECT_FALSE(json[0].contains("carriers"));
}

TEST(Render, CohortResultCountListAndExplain) {
  CohortResult result;
  result.participants = {"ZP-B", "ZP-A"};
  result.steps = {{"", "all", 2}, {"/all/0", "sex", 5}};
  std::ostringstream count;
  WriteCohortResult(result, {}, OutputFormat::kTsv, count);
  EXPECT_EQ(count.str(), "count\n2\n");
  std::ostringstream listed;
  WriteCohortResult(result, {.list = true, .explain = true}, OutputFormat::kTsv, listed);
  EXPECT_EQ(listed.str(), "#criterion\tpath\tmatched\n#all\t\t2\n#sex\t/all/0\t5\nparticipant\nZP-A\nZP-B\n");
  nlohmann::json json = CohortResultJson(result, {.list = true, .explain = false});
  EXPECT_EQ(json["count"], 2);
  EXPECT_EQ(json["participants"], nlohmann::json({"ZP-A", "ZP-B"}));
  EXPECT_FALSE(json.contains("steps"));
}

TEST(Render, StoreStatsTextAndJson) {
  StoreStats stats;
  stats.build = "GRCh38";
  stats.segments = 1;
  stats.genomes = 2;
  stats.variants = 3;
  stats.segment_bytes = 1000;
  stats.catalog_bytes = 24;
  stats.total_bytes = 1024;
  stats.bytes_per_genome = 500;
  stats.variants_per_contig = {{"chr1", 3}};
  stats.per_segment = {{1, "s000001", "2026-01-01T00:00:00Z", "assumed", 2, 3, 1000}};
  stats.layer_rows = {{"diagnoses", 4}};
  std::ostringstream text;
  WriteStoreStats(stats, OutputFormat::kText, text);
  EXPECT_EQ(text.str(),
            "build\tGRCh38\nsegments\t1\ngenomes\t2\nreplaced genomes\t0\nvariants\t3\nsegment bytes\t1000\n"
            "catalog bytes\t24\ntotal bytes\t1024\nbytes per genome\t500\nvariants on chr1\t3\n"
            "segment s000001\t2 genomes, 3 variants, 1000 bytes, assumed, 2026-01-01T00:00:00Z\n"
            "rows in diagnoses\t4\n");
  nlohmann::json json = StoreStatsJson(stats);
  EXPECT_EQ(json["layers"]["diagnoses"], 4);
  EXPECT_EQ(json["per_segment"][0]["segment"], "s000001");
  EXPECT_EQ(json["variants_per_contig"][0]["contig"], "chr1");
}

TEST(Render, OutputFormatsAreCheckedAgainstWhatTheCallerAllows) {
  auto json = ParseOutputFormat("json", {OutputFormat::kTsv, OutputFormat::kJson});
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(*json, OutputFormat::kJson);
  auto text = ParseOutputFormat("text", {OutputFormat::kTsv, OutputFormat::kJson});
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), ErrorCode::kUsage);
  EXPECT_NE(text.status().message().find("expected tsv or json"), std::string::npos);
}

TEST(Render, ImportSummaryHasCountsOnly) {
  ImportStats stats;
  stats.layer = LayerKind::kClinical;
  stats.records = 3;
  stats.participants = 3;
  stats.new_participants = 1;
  stats.rows_written = 9;
  stats.rows_removed = 2;
  EXPECT_EQ(ImportSummaryLine("c.csv", stats),
            "c.csv: clinical, 3 records, 3 participants (1 new), 9 rows written, 2 replaced");
  ImportStats ontology;
  ontology.layer = LayerKind::kOntology;
  ontology.records = 10;
  ontology.rows_written = 10;
  ontology.notes = {"ontology 'hp'"};
  EXPECT_EQ(ImportSummaryLine("hp.obo", ontology),
            "hp.obo: ontology, 10 terms, 10 rows written; ontology 'hp'");
}

}  // namespace
}  // namespace zenome
