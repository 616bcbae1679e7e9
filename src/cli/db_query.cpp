// zenome db query DIR (--region CHR:START-END | --variant CHR-POS-REF-ALT) [--by DIMENSION]
//                     [--format tsv|json] [--carriers --allow-carriers]
// Allele counts and frequencies of stored variants, overall and per group (long format: one row
// per variant and group, "all" first). Carrier pseudonyms only with an explicit permission flag.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <tuple>

#include "cli/db_subcommand.h"
#include "store/catalog/store_dir.h"
#include "store/variants/annotations.h"
#include "store/variants/sample_groups.h"
#include "store/variants/variant_store.h"

namespace zenome::cli {

namespace {

struct QueryOptions {
  std::string dir;
  std::string region;
  std::string variant;
  std::string gene;
  std::string by;
  std::string format = "tsv";
  bool carriers = false;
  bool allow_carriers = false;
};

struct Region {
  std::string contig;
  int64_t start0 = 0;
  int64_t end0 = INT64_MAX;
};

// "chr1:1,000-2,000" (1-based, inclusive), "chr1:1000" (one base) or "chr1" (whole contig).
Result<Region> ParseRegion(const std::string& text) {
  Region region;
  size_t colon = text.rfind(':');
  if (colon == std::string::npos) {
    region.contig = text;
    if (region.contig.empty()) return Status::Usage("--region needs CHR:START-END");
    return region;
  }
  region.contig = text.substr(0, colon);
  std::string range;
  for (char c : text.substr(colon + 1)) {
    if (c != ',') range.push_back(c);
  }
  size_t dash = range.find('-');
  auto parse = [&](const std::string& part, int64_t& value) {
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    return ec == std::errc() && ptr == part.data() + part.size() && value >= 1;
  };
  int64_t first = 0, last = 0;
  if (!parse(range.substr(0, dash), first) ||
      (dash != std::string::npos && !parse(range.substr(dash + 1), last))) {
    return Status::Usage("--region '" + text + "': expected CHR:START-END with 1-based positions");
  }
  if (dash == std::string::npos) last = first;
  if (last < first) return Status::Usage("--region '" + text + "': END is before START");
  region.start0 = first - 1;
  region.end0 = last;
  return region;
}

std::string FormatFrequency(const AlleleCounts& counts) {
  if (counts.allele_number == 0) return "NA";
  char text[32];
  std::snprintf(text, sizeof(text), "%.6g", counts.frequency());
  return text;
}

nlohmann::json CountsJson(const AlleleCounts& counts) {
  nlohmann::json json = {{"ac", counts.allele_count},
                         {"an", counts.allele_number},
                         {"n_het", counts.het},
                         {"n_homalt", counts.hom_alt}};
  json["af"] = counts.allele_number > 0 ? nlohmann::json(counts.frequency()) : nlohmann::json(nullptr);
  return json;
}

std::string_view GenotypeName(GenotypeCode code) {
  return code == GenotypeCode::kHomAlt ? "hom_alt" : code == GenotypeCode::kHet ? "het" : "other";
}

int ImpactRank(const std::string& impact) {
  return impact == "HIGH" ? 0 : impact == "MODERATE" ? 1 : impact == "LOW" ? 2 : 3;
}

// The gene effect shown for each site: on the queried gene, else the most severe one (by impact).
// Empty effects (no annotation, intergenic) print as ".".
Result<std::vector<VariantGeneEffect>> SiteEffects(Catalog& catalog, const std::vector<SiteSummary>& sites,
                                                   const std::string& gene_id) {
  std::vector<VariantGeneEffect> shown(sites.size());
  if (sites.empty()) return shown;
  std::map<std::tuple<int64_t, std::string, std::string>, size_t> index;
  for (size_t i = 0; i < sites.size(); ++i)
    index[{sites[i].key.pos0, sites[i].key.ref, sites[i].key.alt}] = i;
  int64_t start0 = sites.front().key.pos0;
  int64_t end0 = sites.back().key.pos0 + 1;
  ZENOME_ASSIGN_OR_RETURN(auto effects, EffectsInRegion(catalog, sites.front().key.contig, start0, end0));
  for (auto& effect : effects) {
    auto found = index.find({effect.key.pos0, effect.key.ref, effect.key.alt});
    if (found == index.end()) continue;
    if (!gene_id.empty() && effect.gene_id != gene_id) continue;
    VariantGeneEffect& current = shown[found->second];
    if (current.gene_id.empty() || ImpactRank(effect.impact) < ImpactRank(current.impact))
      current = std::move(effect);
  }
  return shown;
}

std::string OrDot(const std::string& text) {
  return text.empty() ? "." : text;
}

Status RunQuery(const QueryOptions& options) {
  int selectors = !options.region.empty() + !options.variant.empty() + !options.gene.empty();
  if (selectors != 1) {
    return Status::Usage(
        "zenome db query needs exactly one of --region CHR:START-END, --gene SYMBOL or --variant "
        "CHR-POS-REF-ALT");
  }
  if (options.carriers && !options.allow_carriers) {
    return Status::Usage(
        "--carriers lists which genomes carry a variant: add --allow-carriers to confirm you are "
        "permitted to see carrier pseudonyms");
  }
  if (options.format != "tsv" && options.format != "json") {
    return Status::Usage("--format must be tsv or json");
  }
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(options.dir, /*for_writing=*/false));
  std::optional<SampleGroups> groups;
  if (!options.by.empty()) {
    ZENOME_ASSIGN_OR_RETURN(groups, LoadSampleGroups(*store.catalog, options.by));
  }
  const SampleGroups* group_pointer = groups ? &*groups : nullptr;
  ZENOME_ASSIGN_OR_RETURN(auto variants, VariantStore::Open(store));
  std::vector<SiteSummary> sites;
  std::optional<GeneRecord> gene;
  if (!options.variant.empty()) {
    ZENOME_ASSIGN_OR_RETURN(VariantKey key, ParseVariantKey(store, options.variant));
    ZENOME_ASSIGN_OR_RETURN(auto site, variants->Variant(key, group_pointer));
    if (site) {
      sites.push_back(std::move(*site));
    } else {
      std::cerr << "zenome db query: " << key.ToString() << " is not in the store\n";
    }
  } else if (!options.gene.empty()) {
    ZENOME_ASSIGN_OR_RETURN(gene, FindGene(*store.catalog, options.gene));
    ZENOME_ASSIGN_OR_RETURN(sites,
                            variants->Region(gene->contig, std::max<int64_t>(0, gene->start0 - kGeneFlank),
                                             gene->end0 + kGeneFlank, group_pointer));
  } else {
    ZENOME_ASSIGN_OR_RETURN(Region region, ParseRegion(options.region));
    ZENOME_ASSIGN_OR_RETURN(sites,
                            variants->Region(region.contig, region.start0, region.end0, group_pointer));
  }
  // Gene annotations, when the store has them (zenome db annotate); a gene query keeps only the
  // variants with an effect on that gene.
  ZENOME_ASSIGN_OR_RETURN(auto provenance, GetAnnotationProvenance(*store.catalog));
  bool annotated = provenance.has_value();
  std::vector<VariantGeneEffect> effects(sites.size());
  if (annotated) {
    ZENOME_ASSIGN_OR_RETURN(effects, SiteEffects(*store.catalog, sites, gene ? gene->gene_id : ""));
  }
  if (gene) {
    std::vector<SiteSummary> gene_sites;
    std::vector<VariantGeneEffect> gene_effects;
    for (size_t i = 0; i < sites.size(); ++i) {
      if (effects[i].gene_id.empty()) continue;
      gene_sites.push_back(std::move(sites[i]));
      gene_effects.push_back(std::move(effects[i]));
    }
    sites = std::move(gene_sites);
    effects = std::move(gene_effects);
  }
  std::vector<std::vector<Carrier>> carriers(sites.size());
  if (options.carriers) {
    for (size_t i = 0; i < sites.size(); ++i) {
      ZENOME_ASSIGN_OR_RETURN(carriers[i], variants->Carriers(sites[i].key));
    }
  }

  if (options.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (size_t i = 0; i < sites.size(); ++i) {
      const SiteSummary& site = sites[i];
      nlohmann::json row = {{"variant", site.key.ToString()},
                            {"contig", site.key.contig},
                            {"pos", site.key.pos0 + 1},
                            {"ref", site.key.ref},
                            {"alt", site.key.alt}};
      if (annotated) {
        row["gene"] =
            effects[i].gene_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(effects[i].gene_id);
        row["consequence"] = OrDot(effects[i].consequence);
        row["impact"] = OrDot(effects[i].impact);
        row["hgvsc"] = OrDot(effects[i].hgvsc);
        row["hgvsp"] = OrDot(effects[i].hgvsp);
      }
      row.update(CountsJson(site.counts));
      if (groups) {
        nlohmann::json by = nlohmann::json::array();
        for (size_t g = 0; g < site.groups.size(); ++g) {
          nlohmann::json group = {{"group", groups->names[g]}};
          group.update(CountsJson(site.groups[g]));
          by.push_back(group);
        }
        row["by"] = groups->dimension;
        row["groups"] = by;
      }
      if (options.carriers) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& carrier : carriers[i]) {
          list.push_back({{"pseudonym", carrier.pseudonym}, {"genotype", GenotypeName(carrier.genotype)}});
        }
        row["carriers"] = list;
      }
      out.push_back(row);
    }
    std::cout << out.dump(1) << '\n';
    return Status::Ok();
  }
  std::cout << "variant\tcontig\tpos\tref\talt" << (annotated ? "\tgene\tconsequence\timpact\thgvsp" : "")
            << "\tgroup\tAC\tAN\tAF\tn_het\tn_homalt" << (options.carriers ? "\tcarriers" : "") << '\n';
  for (size_t i = 0; i < sites.size(); ++i) {
    const SiteSummary& site = sites[i];
    std::string prefix = site.key.ToString() + "\t" + site.key.contig + "\t" +
                         std::to_string(site.key.pos0 + 1) + "\t" + site.key.ref + "\t" + site.key.alt + "\t";
    if (annotated) {
      prefix += OrDot(effects[i].gene_id) + "\t" + OrDot(effects[i].consequence) + "\t" +
                OrDot(effects[i].impact) + "\t" + OrDot(effects[i].hgvsp) + "\t";
    }
    auto row = [&](const std::string& group, const AlleleCounts& counts, const std::string& extra) {
      std::cout << prefix << group << '\t' << counts.allele_count << '\t' << counts.allele_number << '\t'
                << FormatFrequency(counts) << '\t' << counts.het << '\t' << counts.hom_alt << extra << '\n';
    };
    std::string carrier_column;
    if (options.carriers) {
      carrier_column = "\t";
      for (size_t c = 0; c < carriers[i].size(); ++c) {
        if (c > 0) carrier_column += ',';
        carrier_column += carriers[i][c].pseudonym + ":" + std::string(GenotypeName(carriers[i][c].genotype));
      }
      if (carriers[i].empty()) carrier_column += '.';
    }
    row("all", site.counts, carrier_column);
    for (size_t g = 0; g < site.groups.size(); ++g) {
      row(groups->names[g], site.groups[g], options.carriers ? "\t." : "");
    }
  }
  return Status::Ok();
}

void AddQuery(CLI::App& db, Action& action, const CommandContext& /*context*/) {
  auto options = std::make_shared<QueryOptions>();
  CLI::App* query = db.add_subcommand("query", "Allele counts and frequencies of stored variants");
  query->add_option("dir", options->dir, "Store directory")->required();
  query->add_option("--region", options->region, "CHR:START-END (1-based, inclusive)");
  query->add_option("--variant", options->variant, "CHR-POS-REF-ALT (or CHR:POS:REF:ALT)");
  query->add_option("--gene", options->gene, "Gene symbol or ID (needs zenome db annotate)");
  query->add_option("--by", options->by, "Break counts down by population, diagnosis or sex");
  query->add_option("--format", options->format, "tsv or json")->capture_default_str();
  query->add_flag("--carriers", options->carriers, "List carrier pseudonyms (needs --allow-carriers)");
  query->add_flag("--allow-carriers", options->allow_carriers,
                  "Confirm you may see which genomes carry a variant");
  query->callback([options, &action] { action = [options]() -> Status { return RunQuery(*options); }; });
}

const bool kRegistered = RegisterDbSubcommand(40, AddQuery);

}  // namespace

}  // namespace zenome::cli
