#include "store/variants/export.h"

#include <htslib/vcf.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

#include "core/contig_names.h"
#include "core/record_normalizer.h"
#include "store/catalog/pseudonymizer.h"
#include "store/catalog/store_contigs.h"
#include "store/variants/sample_groups.h"
#include "store/variants/variant_store.h"

namespace zenome {

namespace {

Status Append(bcf_hdr_t* header, const std::string& line) {
  if (bcf_hdr_append(header, line.c_str()) < 0) return Status::Internal("cannot add header line: " + line);
  return Status::Ok();
}

// A header with the store's contigs (those holding sites at least).
Result<BcfHeaderPtr> BaseHeader(const StoreHandle& store, const VariantStore& variants) {
  BcfHeaderPtr header(bcf_hdr_init("w"));
  ZENOME_RETURN_IF_ERROR(Append(header.get(), "##fileformat=VCFv4.2"));
  ZENOME_ASSIGN_OR_RETURN(StoreContigs contigs, StoreContigs::Load(*store.catalog));
  std::set<std::string> declared;
  for (const auto& contig : contigs.contigs()) {
    std::string line = "##contig=<ID=" + contig.name;
    if (contig.length > 0) line += ",length=" + std::to_string(contig.length);
    ZENOME_RETURN_IF_ERROR(Append(header.get(), line + ">"));
    declared.insert(contig.name);
  }
  for (const auto& name : variants.contigs()) {
    if (!declared.count(name)) ZENOME_RETURN_IF_ERROR(Append(header.get(), "##contig=<ID=" + name + ">"));
  }
  std::string build = std::string(GenomeBuildName(store.build));
  ZENOME_RETURN_IF_ERROR(Append(header.get(), "##zenome_store=<Build=" + build +
                                                  ",Segments=" + std::to_string(variants.segments().size()) +
                                                  ",Genomes=" + std::to_string(variants.samples().size()) +
                                                  ">"));
  return header;
}

Status SetAlleles(bcf_hdr_t* header, bcf1_t* record, const VariantKey& key, std::string& buffer) {
  record->rid = bcf_hdr_name2id(header, key.contig.c_str());
  if (record->rid < 0) return Status::Internal("contig " + key.contig + " missing from the export header");
  record->pos = key.pos0;
  buffer = key.ref + "," + key.alt;
  if (bcf_update_alleles_str(header, record, buffer.c_str()) < 0) {
    return Status::Internal("cannot set alleles of " + key.ToString());
  }
  return Status::Ok();
}

}  // namespace

std::string InfoKeySuffix(const std::string& group) {
  std::string out;
  for (char c : group) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    out.push_back(ok ? c : '_');
  }
  if (out.empty()) out = "_";
  return out;
}

Result<ExportStats> ExportSites(const StoreHandle& store, const SitesExportOptions& options) {
  ZENOME_ASSIGN_OR_RETURN(auto variants, VariantStore::Open(store));
  // All dimensions' groups in one SampleGroups; suffixes made unique.
  SampleGroups groups;
  groups.dimension = "export";
  std::vector<std::string> suffixes;
  std::vector<std::string> descriptions;
  std::set<std::string> used;
  for (const auto& dimension : options.dimensions) {
    ZENOME_ASSIGN_OR_RETURN(SampleGroups one, LoadSampleGroups(*store.catalog, dimension));
    int offset = static_cast<int>(groups.names.size());
    for (const auto& name : one.names) {
      std::string suffix = InfoKeySuffix(name);
      if (used.count(suffix)) suffix = InfoKeySuffix(dimension + "_" + name);
      used.insert(suffix);
      suffixes.push_back(suffix);
      descriptions.push_back(dimension + " " + name);
      groups.names.push_back(name);
    }
    for (const auto& [sample, indexes] : one.groups_of_sample) {
      for (int index : indexes) groups.groups_of_sample[sample].push_back(offset + index);
    }
  }
  const SampleGroups* group_pointer = groups.names.empty() ? nullptr : &groups;

  ZENOME_ASSIGN_OR_RETURN(BcfHeaderPtr header, BaseHeader(store, *variants));
  auto declare = [&](const std::string& suffix, const std::string& who) -> Status {
    ZENOME_RETURN_IF_ERROR(Append(
        header.get(), "##INFO=<ID=AC" + suffix +
                          ",Number=A,Type=Integer,Description=\"Alternate allele count" + who + "\">"));
    ZENOME_RETURN_IF_ERROR(
        Append(header.get(), "##INFO=<ID=AN" + suffix +
                                 ",Number=1,Type=Integer,Description=\"Total number of called "
                                 "alleles" +
                                 who + "\">"));
    ZENOME_RETURN_IF_ERROR(Append(
        header.get(), "##INFO=<ID=AF" + suffix +
                          ",Number=A,Type=Float,Description=\"Alternate allele frequency" + who + "\">"));
    return Append(header.get(),
                  "##INFO=<ID=nhomalt" + suffix +
                      ",Number=A,Type=Integer,Description=\"Number of homozygous (or hemizygous) "
                      "alternate genomes" +
                      who + "\">");
  };
  ZENOME_RETURN_IF_ERROR(declare("", " in the store"));
  for (size_t g = 0; g < suffixes.size(); ++g) {
    ZENOME_RETURN_IF_ERROR(declare("_" + suffixes[g], " in " + descriptions[g]));
  }
  if (bcf_hdr_sync(header.get()) < 0) return Status::Internal("bcf_hdr_sync failed");
  VcfWriterOptions writer_options = options.writer;
  bool compressed =
      writer_options.type == VcfOutputType::kVcfGz || writer_options.type == VcfOutputType::kBcf;
  if (options.output != "-" && compressed) writer_options.write_index = true;
  ZENOME_ASSIGN_OR_RETURN(auto writer, VcfWriter::Open(options.output, header.get(), writer_options));

  ExportStats stats;
  stats.groups = static_cast<int64_t>(groups.names.size());
  stats.samples = static_cast<int64_t>(variants->samples().size());
  BcfRecordPtr record = NewBcfRecord();
  std::string alleles;
  std::vector<std::string> keys_ac, keys_an, keys_af, keys_nhomalt;
  keys_ac.push_back("AC");
  keys_an.push_back("AN");
  keys_af.push_back("AF");
  keys_nhomalt.push_back("nhomalt");
  for (const auto& suffix : suffixes) {
    keys_ac.push_back("AC_" + suffix);
    keys_an.push_back("AN_" + suffix);
    keys_af.push_back("AF_" + suffix);
    keys_nhomalt.push_back("nhomalt_" + suffix);
  }
  auto put = [&](size_t index, const AlleleCounts& counts) {
    int32_t ac = static_cast<int32_t>(counts.allele_count);
    int32_t an = static_cast<int32_t>(counts.allele_number);
    int32_t nhomalt = static_cast<int32_t>(counts.hom_alt);
    bcf_update_info_int32(header.get(), record.get(), keys_ac[index].c_str(), &ac, 1);
    bcf_update_info_int32(header.get(), record.get(), keys_an[index].c_str(), &an, 1);
    if (counts.allele_number > 0) {
      float af = static_cast<float>(counts.frequency());
      bcf_update_info_float(header.get(), record.get(), keys_af[index].c_str(), &af, 1);
    }
    bcf_update_info_int32(header.get(), record.get(), keys_nhomalt[index].c_str(), &nhomalt, 1);
  };
  ZENOME_RETURN_IF_ERROR(variants->ForEachSite(
      [&](const SiteSummary& site) -> Status {
        bcf_clear(record.get());
        ZENOME_RETURN_IF_ERROR(SetAlleles(header.get(), record.get(), site.key, alleles));
        put(0, site.counts);
        for (size_t g = 0; g < site.groups.size(); ++g) put(g + 1, site.groups[g]);
        ZENOME_RETURN_IF_ERROR(writer->Write(record.get()));
        ++stats.records;
        return Status::Ok();
      },
      group_pointer));
  ZENOME_RETURN_IF_ERROR(writer->Close());
  return stats;
}

Result<ExportStats> ExportSamples(const StoreHandle& store, const SamplesExportOptions& options) {
  if (options.samples.empty()) return Status::Usage("--samples needs at least one sample");
  ZENOME_ASSIGN_OR_RETURN(auto variants, VariantStore::Open(store));
  const Pseudonymizer* pseudonymizer = options.pseudonymizer;
  std::optional<Pseudonymizer> loaded;
  bool any_raw = std::any_of(options.samples.begin(), options.samples.end(), [](const std::string& name) {
    return !Pseudonymizer::LooksLikePseudonym(name);
  });
  if (any_raw && pseudonymizer == nullptr) {
    ZENOME_ASSIGN_OR_RETURN(loaded, Pseudonymizer::FromOptionOrEnvironment(options.key_file));
    pseudonymizer = &*loaded;
  }
  std::unordered_map<std::string, int64_t> by_pseudonym;
  for (const auto& sample : variants->samples()) by_pseudonym[sample.pseudonym] = sample.sample_id;
  std::vector<int64_t> ids;
  std::vector<std::string> pseudonyms;
  std::set<std::string> seen;
  for (size_t i = 0; i < options.samples.size(); ++i) {
    const std::string& given = options.samples[i];
    if (given.empty()) return Status::Usage("sample " + std::to_string(i + 1) + " of --samples is empty");
    std::string pseudonym;
    if (Pseudonymizer::LooksLikePseudonym(given)) {
      pseudonym = given;
    } else {
      if (pseudonymizer == nullptr) {
        return Status::Usage(
            "sample " + std::to_string(i + 1) +
            " of --samples is not a pseudonym (ZP-...): raw names need the pseudonymisation key "
            "(--key-file or ZENOME_PSEUDONYM_KEY_FILE)");
      }
      pseudonym = pseudonymizer->Pseudonym(given);
    }
    auto it = by_pseudonym.find(pseudonym);
    if (it == by_pseudonym.end()) {
      return Status::NotFound("sample " + std::to_string(i + 1) + " of --samples (pseudonym " + pseudonym +
                              ") has no stored genome");
    }
    if (!seen.insert(pseudonym).second) {
      return Status::Usage("sample " + std::to_string(i + 1) + " of --samples (pseudonym " + pseudonym +
                           ") is given twice");
    }
    ids.push_back(it->second);
    pseudonyms.push_back(pseudonym);
  }

  ZENOME_ASSIGN_OR_RETURN(BcfHeaderPtr header, BaseHeader(store, *variants));
  ZENOME_RETURN_IF_ERROR(
      Append(header.get(), "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">"));
  for (const auto& pseudonym : pseudonyms) {
    if (bcf_hdr_add_sample(header.get(), pseudonym.c_str()) < 0)
      return Status::Internal("bcf_hdr_add_sample failed");
  }
  if (bcf_hdr_sync(header.get()) < 0) return Status::Internal("bcf_hdr_sync failed");
  VcfWriterOptions writer_options = options.writer;
  writer_options.command_line.clear();
  ZENOME_ASSIGN_OR_RETURN(auto writer, VcfWriter::Open(options.output, header.get(), writer_options));

  ExportStats stats;
  stats.samples = static_cast<int64_t>(ids.size());
  BcfRecordPtr record = NewBcfRecord();
  std::string alleles;
  std::vector<int32_t> gt(ids.size() * 2);
  ZENOME_RETURN_IF_ERROR(variants->ForEachGenotypes(
      ids,
      [&](const VariantKey& key, const std::vector<GenotypeCode>& codes, const std::vector<uint8_t>& ploidy) {
        bcf_clear(record.get());
        ZENOME_RETURN_IF_ERROR(SetAlleles(header.get(), record.get(), key, alleles));
        for (size_t i = 0; i < ids.size(); ++i) {
          int32_t* out = &gt[2 * i];
          bool haploid = ploidy[i] == 1 || (ploidy[i] == 0 && codes[i] == GenotypeCode::kMissing);
          switch (codes[i]) {
            case GenotypeCode::kHomRef: out[0] = bcf_gt_unphased(0), out[1] = bcf_gt_unphased(0); break;
            case GenotypeCode::kHet: out[0] = bcf_gt_unphased(0), out[1] = bcf_gt_unphased(1); break;
            case GenotypeCode::kHomAlt: out[0] = bcf_gt_unphased(1), out[1] = bcf_gt_unphased(1); break;
            case GenotypeCode::kMissing: out[0] = bcf_gt_missing, out[1] = bcf_gt_missing; break;
          }
          if (haploid) out[1] = bcf_int32_vector_end;
        }
        bcf_update_genotypes(header.get(), record.get(), gt.data(), static_cast<int>(gt.size()));
        ZENOME_RETURN_IF_ERROR(writer->Write(record.get()));
        ++stats.records;
        return Status::Ok();
      }));
  ZENOME_RETURN_IF_ERROR(writer->Close());
  return stats;
}

}  // namespace zenome
