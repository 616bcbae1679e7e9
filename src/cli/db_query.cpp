// zenome db query DIR (--region CHR:START-END | --variant CHR-POS-REF-ALT) [--by DIMENSION]
//                     [--format tsv|json] [--carriers --allow-carriers]
// Allele counts and frequencies of stored variants, overall and per group (long format: one row
// per variant and group, "all" first). Carrier pseudonyms only with an explicit permission flag.
#include <charconv>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/db_subcommand.h"
#include "store/sample_groups.h"
#include "store/store_dir.h"
#include "store/variant_store.h"

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

Status RunQuery(const QueryOptions& options) {
  if (!options.gene.empty()) {
    return Status::Usage("--gene needs gene annotations (zenome db annotate)");
  }
  if (options.region.empty() == options.variant.empty()) {
    return Status::Usage(
        "zenome db query needs exactly one of --region CHR:START-END or --variant CHR-POS-REF-ALT");
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
  if (!options.variant.empty()) {
    ZENOME_ASSIGN_OR_RETURN(VariantKey key, ParseVariantKey(store, options.variant));
    ZENOME_ASSIGN_OR_RETURN(auto site, variants->Variant(key, group_pointer));
    if (site) {
      sites.push_back(std::move(*site));
    } else {
      std::cerr << "zenome db query: " << key.ToString() << " is not in the store\n";
    }
  } else {
    ZENOME_ASSIGN_OR_RETURN(Region region, ParseRegion(options.region));
    ZENOME_ASSIGN_OR_RETURN(sites,
                            variants->Region(region.contig, region.start0, region.end0, group_pointer));
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
  std::cout << "variant\tcontig\tpos\tref\talt\tgroup\tAC\tAN\tAF\tn_het\tn_homalt"
            << (options.carriers ? "\tcarriers" : "") << '\n';
  for (size_t i = 0; i < sites.size(); ++i) {
    const SiteSummary& site = sites[i];
    std::string prefix = site.key.ToString() + "\t" + site.key.contig + "\t" +
                         std::to_string(site.key.pos0 + 1) + "\t" + site.key.ref + "\t" + site.key.alt + "\t";
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
