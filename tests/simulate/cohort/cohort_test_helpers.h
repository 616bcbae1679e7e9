#pragma once
// Readers for the cohort tests, independent of src/simulate: an RFC 4180 CSV parser, the cohort's
// tables keyed by column name, and which samples carry which ClinVar pathogenic alleles (from the
// sample VCFs and clinvar.vcf.gz).

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "simulate/simulate_test_helpers.h"

namespace zenome::simulate::testing {

// RFC 4180: fields separated by commas, quoted fields may hold commas, quotes (doubled) and
// line breaks. Throws on a malformed quote.
inline std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, after_quote = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (!field.empty() || after_quote) throw std::runtime_error("quote inside an unquoted field");
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
      after_quote = false;
    } else if (c == '\n') {
      row.push_back(field);
      rows.push_back(row);
      row.clear();
      field.clear();
      after_quote = false;
    } else if (c == '\r') {
      continue;
    } else {
      if (after_quote) throw std::runtime_error("text after a closing quote");
      field += c;
    }
  }
  if (quoted) throw std::runtime_error("unterminated quoted field");
  if (!field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
  }
  return rows;
}

struct Table {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
};

// A CSV (or, with '\t', a TSV without quoting) as rows keyed by column name; every row must have
// as many cells as the header.
inline Table ReadTable(const std::string& path, char separator = ',') {
  std::string text = zenome::testing::ReadFile(path);
  std::vector<std::vector<std::string>> cells;
  if (separator == ',') {
    cells = ParseCsv(text);
  } else {
    for (const std::string& line : zenome::testing::ReadLines(path)) {
      if (!line.empty()) cells.push_back(Split(line, separator));
    }
  }
  Table table;
  if (cells.empty()) throw std::runtime_error(path + ": empty");
  table.header = cells[0];
  for (size_t r = 1; r < cells.size(); ++r) {
    if (cells[r].size() != table.header.size()) {
      throw std::runtime_error(path + ": row " + std::to_string(r + 1) + " has " +
                               std::to_string(cells[r].size()) + " cells, header " +
                               std::to_string(table.header.size()));
    }
    std::map<std::string, std::string> row;
    for (size_t c = 0; c < table.header.size(); ++c) row[table.header[c]] = cells[r][c];
    table.rows.push_back(std::move(row));
  }
  return table;
}

inline std::vector<std::string> SplitCell(const std::string& cell) {
  if (cell.empty()) return {};
  return Split(cell, ';');
}

// diseases.tsv: gene symbol and MONDO id per disease.
struct CatalogueDisease {
  std::string id, gene, inheritance, mondo;
  std::vector<std::string> hpo;
};
inline std::vector<CatalogueDisease> ReadDiseases(const std::string& directory) {
  std::vector<CatalogueDisease> diseases;
  Table table = ReadTable(directory + "/diseases.tsv", '\t');
  for (const auto& row : table.rows) {
    diseases.push_back({row.at("disease_id"), row.at("gene_symbol"), row.at("inheritance"),
                        row.at("mondo_id"), Split(row.at("hpo_ids"), ',')});
  }
  return diseases;
}

// ClinVar P/LP alleles by "chrN:pos:ref:alt" (simulated contig names), with their gene and
// whether ClinVar's MC calls them loss of function.
struct PathogenicAllele {
  std::string gene;
  bool loss_of_function = false;
};
inline std::map<std::string, PathogenicAllele> ReadPathogenicAlleles(const std::string& directory) {
  std::map<std::string, PathogenicAllele> alleles;
  for (const VcfRecord& r : ReadVcf(directory + "/clinvar.vcf.gz").records) {
    const std::string& clnsig = r.info.at("CLNSIG");
    if (clnsig != "Pathogenic" && clnsig != "Likely_pathogenic" && clnsig != "Pathogenic/Likely_pathogenic")
      continue;
    const std::string mc = r.info.count("MC") ? r.info.at("MC") : "";
    const bool lof = mc.find("nonsense") != std::string::npos || mc.find("frameshift") != std::string::npos ||
                     mc.find("splice") != std::string::npos;
    const std::string chrom = r.chrom == "MT" ? "chrM" : "chr" + r.chrom;
    alleles[chrom + ":" + std::to_string(r.pos) + ":" + r.ref + ":" + r.alts.at(0)] = {
        Split(r.info.at("GENEINFO"), ':')[0], lof};
  }
  return alleles;
}

// Per sample: gene → ALT copies of ClinVar P/LP alleles (and of loss-of-function ones), read from
// samples/<S>.vcf.gz.
struct GeneDosage {
  int copies = 0;
  int lof_copies = 0;
};
inline std::map<std::string, std::map<std::string, GeneDosage>> PathogenicDosages(
    const std::string& directory, const std::vector<std::string>& samples) {
  const auto alleles = ReadPathogenicAlleles(directory);
  std::map<std::string, std::map<std::string, GeneDosage>> out;
  for (const std::string& sample : samples) {
    auto& genes = out[sample];
    for (const VcfRecord& r : ReadVcf(directory + "/samples/" + sample + ".vcf.gz").records) {
      const std::string gt = r.Sample(0, "GT");
      for (size_t a = 0; a < r.alts.size(); ++a) {
        auto found = alleles.find(r.chrom + ":" + std::to_string(r.pos) + ":" + r.ref + ":" + r.alts[a]);
        if (found == alleles.end()) continue;
        int copies = 0;
        for (char c : gt) copies += c == static_cast<char>('1' + a);
        GeneDosage& dosage = genes[found->second.gene];
        dosage.copies += copies;
        if (found->second.loss_of_function) dosage.lof_copies += copies;
      }
    }
  }
  return out;
}

}  // namespace zenome::simulate::testing
