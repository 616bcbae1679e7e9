#include "store/render/render.h"

#include <cstdio>

namespace zenome {

namespace {

using json = nlohmann::json;

constexpr std::pair<OutputFormat, std::string_view> kFormatNames[] = {
    {OutputFormat::kTsv, "tsv"}, {OutputFormat::kJson, "json"}, {OutputFormat::kText, "text"}};

std::string FormatFrequency(const AlleleCounts& counts) {
  if (counts.allele_number == 0) return "NA";
  char text[32];
  std::snprintf(text, sizeof(text), "%.6g", counts.frequency());
  return text;
}

json CountsJson(const AlleleCounts& counts) {
  json out = {{"ac", counts.allele_count},
              {"an", counts.allele_number},
              {"n_het", counts.het},
              {"n_homalt", counts.hom_alt}};
  out["af"] = counts.allele_number > 0 ? json(counts.frequency()) : json(nullptr);
  return out;
}

std::string_view GenotypeName(GenotypeCode code) {
  return code == GenotypeCode::kHomAlt ? "hom_alt" : code == GenotypeCode::kHet ? "het" : "other";
}

std::string OrDot(const std::string& text) {
  return text.empty() ? "." : text;
}

}  // namespace

std::string_view OutputFormatName(OutputFormat format) {
  for (const auto& [known, name] : kFormatNames) {
    if (known == format) return name;
  }
  return "?";
}

Result<OutputFormat> ParseOutputFormat(std::string_view name, std::initializer_list<OutputFormat> allowed) {
  std::string expected;
  for (OutputFormat format : allowed) {
    if (OutputFormatName(format) == name) return format;
    expected += (expected.empty() ? "" : " or ") + std::string(OutputFormatName(format));
  }
  return Status::Usage("unknown format '" + std::string(name) + "'; expected " + expected);
}

json FrequencyTableJson(const FrequencyTable& table) {
  json out = json::array();
  for (const FrequencyRow& row : table.rows) {
    const SiteSummary& site = row.site;
    json variant = {{"variant", site.key.ToString()},
                    {"contig", site.key.contig},
                    {"pos", site.key.pos0 + 1},
                    {"ref", site.key.ref},
                    {"alt", site.key.alt}};
    if (table.annotated) {
      variant["gene"] = row.effect.gene_id.empty() ? json(nullptr) : json(row.effect.gene_id);
      variant["consequence"] = OrDot(row.effect.consequence);
      variant["impact"] = OrDot(row.effect.impact);
      variant["hgvsc"] = OrDot(row.effect.hgvsc);
      variant["hgvsp"] = OrDot(row.effect.hgvsp);
    }
    variant.update(CountsJson(site.counts));
    if (!table.dimension.empty()) {
      json groups = json::array();
      for (size_t g = 0; g < site.groups.size(); ++g) {
        json group = {{"group", table.group_names[g]}};
        group.update(CountsJson(site.groups[g]));
        groups.push_back(std::move(group));
      }
      variant["by"] = table.dimension;
      variant["groups"] = std::move(groups);
    }
    if (table.with_carriers) {
      json carriers = json::array();
      for (const auto& carrier : row.carriers) {
        carriers.push_back({{"pseudonym", carrier.pseudonym}, {"genotype", GenotypeName(carrier.genotype)}});
      }
      variant["carriers"] = std::move(carriers);
    }
    out.push_back(std::move(variant));
  }
  return out;
}

void WriteFrequencyTable(const FrequencyTable& table, OutputFormat format, std::ostream& out) {
  if (format == OutputFormat::kJson) {
    out << FrequencyTableJson(table).dump(1) << '\n';
    return;
  }
  out << "variant\tcontig\tpos\tref\talt" << (table.annotated ? "\tgene\tconsequence\timpact\thgvsp" : "")
      << "\tgroup\tAC\tAN\tAF\tn_het\tn_homalt" << (table.with_carriers ? "\tcarriers" : "") << '\n';
  for (const FrequencyRow& row : table.rows) {
    const SiteSummary& site = row.site;
    std::string prefix = site.key.ToString() + "\t" + site.key.contig + "\t" +
                         std::to_string(site.key.pos0 + 1) + "\t" + site.key.ref + "\t" + site.key.alt + "\t";
    if (table.annotated) {
      prefix += OrDot(row.effect.gene_id) + "\t" + OrDot(row.effect.consequence) + "\t" +
                OrDot(row.effect.impact) + "\t" + OrDot(row.effect.hgvsp) + "\t";
    }
    auto line = [&](const std::string& group, const AlleleCounts& counts, const std::string& extra) {
      out << prefix << group << '\t' << counts.allele_count << '\t' << counts.allele_number << '\t'
          << FormatFrequency(counts) << '\t' << counts.het << '\t' << counts.hom_alt << extra << '\n';
    };
    std::string carriers;
    if (table.with_carriers) {
      carriers = "\t";
      for (size_t c = 0; c < row.carriers.size(); ++c) {
        if (c > 0) carriers += ',';
        carriers += row.carriers[c].pseudonym + ":" + std::string(GenotypeName(row.carriers[c].genotype));
      }
      if (row.carriers.empty()) carriers += '.';
    }
    line("all", site.counts, carriers);
    for (size_t g = 0; g < site.groups.size(); ++g) {
      line(table.group_names[g], site.groups[g], table.with_carriers ? "\t." : "");
    }
  }
}

json CohortResultJson(const CohortResult& result, const CohortView& view) {
  json out;
  out["count"] = result.participants.size();
  if (view.list) out["participants"] = result.participants;
  if (view.explain) {
    out["steps"] = json::array();
    for (const auto& step : result.steps) {
      out["steps"].push_back({{"path", step.path}, {"criterion", step.key}, {"matched", step.matched}});
    }
  }
  return out;
}

void WriteCohortResult(const CohortResult& result, const CohortView& view, OutputFormat format,
                       std::ostream& out) {
  if (format == OutputFormat::kJson) {
    out << CohortResultJson(result, view).dump(2) << '\n';
    return;
  }
  if (view.explain) {
    out << "#criterion\tpath\tmatched\n";
    for (const auto& step : result.steps)
      out << '#' << step.key << '\t' << step.path << '\t' << step.matched << '\n';
  }
  if (view.list) {
    out << "participant\n";
    for (const auto& pseudonym : result.participants) out << pseudonym << '\n';
  } else {
    out << "count\n" << result.participants.size() << '\n';
  }
}

json StoreStatsJson(const StoreStats& stats) {
  json out = {{"build", stats.build},
              {"segments", stats.segments},
              {"genomes", stats.genomes},
              {"replaced_genomes", stats.replaced},
              {"variants", stats.variants},
              {"segment_bytes", stats.segment_bytes},
              {"catalog_bytes", stats.catalog_bytes},
              {"total_bytes", stats.total_bytes},
              {"bytes_per_genome", stats.bytes_per_genome}};
  json contigs = json::array();
  for (const auto& [contig, variants] : stats.variants_per_contig) {
    contigs.push_back({{"contig", contig}, {"variants", variants}});
  }
  out["variants_per_contig"] = std::move(contigs);
  json segments = json::array();
  for (const auto& segment : stats.per_segment) {
    segments.push_back({{"segment", segment.directory},
                        {"created", segment.created},
                        {"coverage", segment.coverage},
                        {"samples", segment.samples},
                        {"variants", segment.variants},
                        {"bytes", segment.bytes}});
  }
  out["per_segment"] = std::move(segments);
  json tables = json::object();
  for (const auto& [table, rows] : stats.layer_rows) tables[table] = rows;
  out["layers"] = std::move(tables);
  return out;
}

void WriteStoreStats(const StoreStats& stats, OutputFormat format, std::ostream& out) {
  if (format == OutputFormat::kJson) {
    out << StoreStatsJson(stats).dump(1) << '\n';
    return;
  }
  char per_genome[32];
  std::snprintf(per_genome, sizeof(per_genome), "%.0f", stats.bytes_per_genome);
  out << "build\t" << stats.build << "\nsegments\t" << stats.segments << "\ngenomes\t" << stats.genomes
      << "\nreplaced genomes\t" << stats.replaced << "\nvariants\t" << stats.variants << "\nsegment bytes\t"
      << stats.segment_bytes << "\ncatalog bytes\t" << stats.catalog_bytes << "\ntotal bytes\t"
      << stats.total_bytes << "\nbytes per genome\t" << per_genome << '\n';
  for (const auto& [contig, variants] : stats.variants_per_contig) {
    out << "variants on " << contig << '\t' << variants << '\n';
  }
  for (const auto& segment : stats.per_segment) {
    out << "segment " << segment.directory << '\t' << segment.samples << " genomes, " << segment.variants
        << " variants, " << segment.bytes << " bytes, " << segment.coverage << ", " << segment.created
        << '\n';
  }
  for (const auto& [table, rows] : stats.layer_rows) out << "rows in " << table << '\t' << rows << '\n';
}

std::string ImportSummaryLine(const std::string& file, const ImportStats& stats) {
  bool ontology = stats.layer == LayerKind::kOntology;
  std::string line = file + ": " + std::string(LayerKindName(stats.layer)) + ", " +
                     std::to_string(stats.records) + (ontology ? " terms" : " records");
  if (!ontology) {
    line += ", " + std::to_string(stats.participants) + " participants (" +
            std::to_string(stats.new_participants) + " new)";
  }
  line += ", " + std::to_string(stats.rows_written) + " rows written";
  if (stats.rows_removed > 0) line += ", " + std::to_string(stats.rows_removed) + " replaced";
  if (stats.terms_remapped > 0)
    line += ", " + std::to_string(stats.terms_remapped) + " ontology ids remapped";
  for (const auto& note : stats.notes) line += "; " + note;
  return line;
}

}  // namespace zenome
