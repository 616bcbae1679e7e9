// The disease catalogue and the ClinVar-style VCF.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "simulate/simulate_test_helpers.h"

namespace zenome::simulate::testing {
namespace {

struct DiseaseRow {
  std::string id, name, gene, inheritance;
  std::vector<std::string> hpo;
  std::string mondo;
};

std::vector<DiseaseRow> Diseases() {
  std::vector<DiseaseRow> rows;
  auto lines = zenome::testing::ReadLines(MainFile("diseases.tsv"));
  EXPECT_EQ(lines.at(0), "disease_id\tdisease_name\tgene_symbol\tinheritance\thpo_ids\tmondo_id");
  for (size_t i = 1; i < lines.size(); ++i) {
    auto c = Split(lines[i], '\t');
    rows.push_back({c.at(0), c.at(1), c.at(2), c.at(3), Split(c.at(4), ','), c.at(5)});
  }
  return rows;
}

bool IsPathogenic(const std::string& clnsig) {
  return clnsig == "Pathogenic" || clnsig == "Likely_pathogenic" || clnsig == "Pathogenic/Likely_pathogenic";
}

TEST(SimulatedClinvar, DiseaseCatalogueIsWellFormed) {
  auto diseases = Diseases();
  GffModel gff = ReadGff3(MainFile("genes.gff3"));
  int protein_coding = 0;
  for (const auto& [id, gene] : gff.genes) protein_coding += gene.biotype == "protein_coding";
  EXPECT_GE(static_cast<int>(diseases.size()), std::max(5, protein_coding / 20 - 1));
  std::set<std::string> ids, mondo_ids, inheritance;
  const std::regex hpo("HP:[0-9]{7}");
  for (const DiseaseRow& d : diseases) {
    EXPECT_TRUE(ids.insert(d.id).second) << d.id;
    EXPECT_TRUE(std::regex_match(d.id, std::regex("ZD:[0-9]{6}"))) << d.id;
    EXPECT_TRUE(mondo_ids.insert(d.mondo).second) << d.mondo;
    EXPECT_TRUE(std::regex_match(d.mondo, std::regex("MONDO:09[0-9]{5}"))) << d.mondo;
    ASSERT_TRUE(gff.genes.count(d.gene)) << d.gene;
    EXPECT_EQ(gff.genes.at(d.gene).biotype, "protein_coding");
    EXPECT_TRUE(d.inheritance == "AD" || d.inheritance == "AR" || d.inheritance == "XL") << d.inheritance;
    if (d.inheritance == "XL") {
      EXPECT_EQ(gff.genes.at(d.gene).chrom, "chrX");
    }
    inheritance.insert(d.inheritance);
    EXPECT_GE(d.hpo.size(), 3u);
    EXPECT_LE(d.hpo.size(), 8u);
    for (const auto& term : d.hpo) EXPECT_TRUE(std::regex_match(term, hpo)) << term;
    EXPECT_NE(d.name.find(d.gene), std::string::npos);
  }
  EXPECT_TRUE(inheritance.count("AD"));
  EXPECT_TRUE(inheritance.count("AR"));
}

TEST(SimulatedClinvar, PathogenicEntriesDamageTheirDiseaseGenes) {
  const auto& reference = MainReference();
  GffModel gff = ReadGff3(MainFile("genes.gff3"));
  std::set<std::string> disease_genes;
  for (const DiseaseRow& d : Diseases()) disease_genes.insert(d.gene);
  VcfFile clinvar = ReadVcf(MainFile("clinvar.vcf.gz"));
  int pathogenic = 0, stop_gained = 0, frameshift = 0, splice = 0, missense = 0;
  std::set<std::string> variation_ids;
  for (const VcfRecord& r : clinvar.records) {
    EXPECT_TRUE(variation_ids.insert(r.id).second) << "duplicate variation ID " << r.id;
    EXPECT_TRUE(std::all_of(r.id.begin(), r.id.end(), ::isdigit)) << r.id;
    EXPECT_TRUE(r.info.count("ALLELEID"));
    ASSERT_TRUE(r.info.count("CLNSIG") && r.info.count("CLNREVSTAT") && r.info.count("CLNDN") &&
                r.info.count("CLNVC") && r.info.count("GENEINFO"));
    EXPECT_EQ(r.info.at("CLNDN").find(' '), std::string::npos);
    EXPECT_TRUE(std::regex_match(r.info.at("GENEINFO"), std::regex("ZG[0-9]+:[0-9]+")))
        << r.info.at("GENEINFO");
    if (!IsPathogenic(r.info.at("CLNSIG"))) continue;
    ++pathogenic;
    const std::string gene = Split(r.info.at("GENEINFO"), ':')[0];
    ASSERT_TRUE(disease_genes.count(gene)) << gene << " is not a disease gene";
    const GffTranscript* mane = nullptr;
    for (const std::string& tid : gff.genes.at(gene).transcripts) {
      if (gff.transcripts.at(tid).HasTag("MANE_Select")) mane = &gff.transcripts.at(tid);
    }
    ASSERT_NE(mane, nullptr);
    const std::string contig = "chr" + r.chrom;
    const std::string mc = r.info.count("MC") ? r.info.at("MC") : "";
    // Where the change is: in the CDS, or on an intron's first/last two bases.
    bool in_cds = false, at_splice_site = false;
    for (const auto& piece : mane->cds) in_cds |= r.pos >= piece.start && r.pos <= piece.end;
    for (size_t k = 0; k + 1 < mane->exons.size(); ++k) {
      int64_t a = mane->exons[k].second + 1, b = mane->exons[k + 1].first - 1;  // intron [a, b]
      at_splice_site |= (r.pos >= a && r.pos <= a + 1) || (r.pos >= b - 1 && r.pos <= b);
    }
    if (mc.find("splice") != std::string::npos) {
      ++splice;
      EXPECT_TRUE(at_splice_site) << r.chrom << ":" << r.pos;
      continue;
    }
    EXPECT_TRUE(in_cds) << r.chrom << ":" << r.pos << " " << mc;
    std::string cds = Spliced(reference.at(contig), CdsPieces(*mane), mane->strand);
    if (mc.find("nonsense") != std::string::npos || mc.find("missense") != std::string::npos) {
      ASSERT_EQ(r.ref.size(), 1u);
      // Apply the SNV to the reference and translate the CDS again.
      std::string mutated_contig = reference.at(contig);
      mutated_contig[static_cast<size_t>(r.pos - 1)] = r.alts[0][0];
      std::string mutated = Spliced(mutated_contig, CdsPieces(*mane), mane->strand);
      std::string before = Translate(cds), after = Translate(mutated);
      if (mc.find("nonsense") != std::string::npos) {
        ++stop_gained;
        EXPECT_LT(after.find('*'), before.size() - 1) << r.chrom << ":" << r.pos;
      } else {
        ++missense;
        EXPECT_NE(before, after);
        EXPECT_EQ(after.find('*'), after.size() - 1);
      }
    } else if (mc.find("frameshift") != std::string::npos) {
      ++frameshift;
      EXPECT_NE(static_cast<int64_t>(r.alts[0].size() - r.ref.size()) % 3, 0);
    } else {
      ADD_FAILURE() << "unexpected MC for a pathogenic entry: " << mc;
    }
  }
  EXPECT_GT(pathogenic, 30);
  EXPECT_GT(stop_gained, 0);
  EXPECT_GT(frameshift, 0);
  EXPECT_GT(splice, 0);
  EXPECT_GT(missense, 0);
}

TEST(SimulatedClinvar, ClassificationsAndReviewStatusesCoverTheRange) {
  VcfFile clinvar = ReadVcf(MainFile("clinvar.vcf.gz"));
  std::set<std::string> clnsig, revstat;
  for (const VcfRecord& r : clinvar.records) {
    clnsig.insert(r.info.at("CLNSIG"));
    revstat.insert(r.info.at("CLNREVSTAT"));
  }
  for (const char* value : {"Pathogenic", "Likely_pathogenic", "Uncertain_significance", "Likely_benign",
                            "Benign", "Conflicting_classifications_of_pathogenicity"}) {
    EXPECT_TRUE(clnsig.count(value)) << value;
  }
  for (const char* value :
       {"practice_guideline", "reviewed_by_expert_panel",
        "criteria_provided,_multiple_submitters,_no_conflicts", "criteria_provided,_single_submitter",
        "criteria_provided,_conflicting_classifications", "no_assertion_criteria_provided"}) {
    EXPECT_TRUE(revstat.count(value)) << value;
  }
  // ClinVar's own contig names, every INFO key declared.
  bool declared_revstat = false, contig_one = false;
  for (const std::string& line : clinvar.header) {
    declared_revstat |= line.rfind("##INFO=<ID=CLNREVSTAT,", 0) == 0;
    contig_one |= line.rfind("##contig=<ID=1,", 0) == 0;
  }
  EXPECT_TRUE(declared_revstat);
  EXPECT_TRUE(contig_one);
}

TEST(SimulatedClinvar, BenignEntriesAreCommonPopulationSites) {
  std::map<std::string, double> panel;
  for (const VcfRecord& r : ReadVcf(MainFile("population_sites.vcf.gz")).records) {
    panel[r.chrom + ":" + std::to_string(r.pos) + ":" + r.ref + ":" + r.alts[0]] = std::stod(r.info.at("AF"));
  }
  int benign = 0;
  for (const VcfRecord& r : ReadVcf(MainFile("clinvar.vcf.gz")).records) {
    if (r.info.at("CLNSIG") != "Benign") continue;
    ++benign;
    std::string chrom = r.chrom == "MT" ? "chrM" : "chr" + r.chrom;
    auto it = panel.find(chrom + ":" + std::to_string(r.pos) + ":" + r.ref + ":" + r.alts[0]);
    ASSERT_NE(it, panel.end()) << r.chrom << ":" << r.pos;
    EXPECT_GE(it->second, 0.01);
  }
  EXPECT_GT(benign, 5);
}

}  // namespace
}  // namespace zenome::simulate::testing
