#pragma once
// Exports of the variant store (zenome db export): a gnomAD-style sites VCF with counts overall
// and per group, which `zenome annotate --af` reads back; and chosen genomes' genotypes as
// VCF/BCF with pseudonyms as sample names.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/vcf_writer.h"
#include "store/catalog/store_dir.h"

namespace zenome {

class Pseudonymizer;

struct SitesExportOptions {
  std::string output;  // .vcf.gz/.bcf (indexed), .vcf, or "-"
  // Group dimensions ("population", "sex", "diagnosis"): INFO AC_<group>, AN_<group>,
  // AF_<group>, nhomalt_<group> for each of their groups.
  std::vector<std::string> dimensions;
  VcfWriterOptions writer;
};

struct SamplesExportOptions {
  std::string output;
  // Pseudonyms, or raw names pseudonymised with `pseudonymizer`, else with the key read from
  // `key_file` (else $ZENOME_PSEUDONYM_KEY_FILE). The output never records the command line, which
  // may hold raw names.
  std::vector<std::string> samples;
  const Pseudonymizer* pseudonymizer = nullptr;
  std::string key_file;
  VcfWriterOptions writer;
};

struct ExportStats {
  int64_t records = 0;
  int64_t samples = 0;
  int64_t groups = 0;
};

// INFO records: AC, AN, AF, nhomalt (Number=A/1 as gnomAD), per group the same with a suffix; every
// store contig as ##contig. Written atomically (core/vcf_writer.h); a bgzipped VCF or BCF file is
// always indexed, so that `zenome annotate --af` can read it.
Result<ExportStats> ExportSites(const StoreHandle& store, const SitesExportOptions& options);

// One record per site where a chosen genome is het or hom-alt: GT only (0/1, 1/1; 0 and 1 where
// haploid; ./. or . where not called or not callable). Sample names are pseudonyms.
Result<ExportStats> ExportSamples(const StoreHandle& store, const SamplesExportOptions& options);

// "MONDO:0007254" → "MONDO_0007254": characters a VCF INFO key cannot hold become '_'.
std::string InfoKeySuffix(const std::string& group);

}  // namespace zenome
