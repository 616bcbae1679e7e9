#pragma once
// Rewriting a stored segment in tests: re-encoded in the current format (with small genotype
// blocks, or with counts a bug would write), or in format 4 as the format-4 writer wrote it (the
// blocks are the same; only the tails differ: no checksums). Both re-seal the manifest and the
// catalog's checksum of it, so only the segment's contents change.

#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/catalog/catalog.h"
#include "store/catalog/pseudonymizer.h"
#include "store/catalog/store_dir.h"
#include "store/ingest/ingest.h"
#include "store/segment/format.h"
#include "store/segment/genotype_codec.h"
#include "store/segment/io.h"
#include "store/segment/publish.h"
#include "store/segment/reader.h"
#include "store/segment/writer.h"
#include "support/test_support.h"

namespace zenome::testing {

// The catalog row of segments/`directory` gets the SHA-256 of `manifest_text`.
inline Status SetCatalogChecksum(const std::string& store_dir, const std::string& directory,
                                 const std::string& manifest_text) {
  ZENOME_ASSIGN_OR_RETURN(auto catalog,
                          Catalog::Open(store_dir + "/catalog.sqlite", Catalog::Mode::kReadWrite));
  ZENOME_ASSIGN_OR_RETURN(Statement update,
                          catalog->Prepare("UPDATE segments SET checksum = ?1 WHERE directory = ?2"));
  update.Bind(1, Sha256Hex(manifest_text)).Bind(2, directory);
  return update.Run();
}

// Writes every contig of segments/`directory` (any readable version) again in the current format,
// genotype blocks closing at `block_target_bytes`; `edit` may change each site's record (its counts)
// before it is written.
inline Status RewriteSegment(const std::string& store_dir, const std::string& directory,
                             size_t block_target_bytes = segment::kBlockTargetBytes,
                             const std::function<void(segment::SiteRecord&)>& edit = {}) {
  namespace fs = std::filesystem;
  std::string dir = store_dir + "/segments/" + directory;
  std::string temp = dir + ".rewrite";
  fs::create_directories(temp);
  SegmentManifest manifest;
  {
    ZENOME_ASSIGN_OR_RETURN(auto reader, SegmentReader::Open(dir));
    manifest = reader->manifest();
    size_t n = reader->n_columns();
    for (const auto& contig : manifest.contigs) {
      const SegmentContigView& view = *reader->contig(contig.name);
      ZENOME_ASSIGN_OR_RETURN(auto writer,
                              SegmentContigWriter::Create(temp, contig.stem, n, 3, block_target_bytes));
      SiteBlockCache sites;
      GenotypeBlockCache genotypes;
      SiteView site;
      std::vector<GenotypeEntry> entries;
      std::string row;
      for (size_t i = 0; i < view.n_sites(); ++i) {
        ZENOME_RETURN_IF_ERROR(view.Site(i, sites, site));
        entries.clear();
        ZENOME_RETURN_IF_ERROR(view.DecodeRow(site.record, genotypes, entries));
        row.clear();
        EncodeGenotypeRowFromEntries(entries, n, row);
        segment::SiteRecord record = site.record;
        if (edit) edit(record);
        SiteCounts counts{record.allele_count, record.allele_number, record.het, record.hom_alt};
        ZENOME_RETURN_IF_ERROR(writer->Add(record.pos0, site.ref, site.alt, counts, row));
      }
      std::vector<std::vector<segment::PloidyInterval>> intervals(n);
      for (size_t c = 0; c < n; ++c) intervals[c].assign(view.intervals(c).begin(), view.intervals(c).end());
      std::vector<segment::Breakpoint> breakpoints(view.breakpoints().begin(), view.breakpoints().end());
      ZENOME_RETURN_IF_ERROR(writer->Finish(intervals, breakpoints));
    }
  }
  for (const auto& entry : fs::directory_iterator(temp))
    fs::rename(entry.path(), dir + "/" + entry.path().filename().string());
  fs::remove(temp);
  manifest.version = segment::kFormatVersion;
  uint64_t bytes = 0;
  ZENOME_ASSIGN_OR_RETURN(std::string text, SealSegment(dir, manifest, bytes));
  return SetCatalogChecksum(store_dir, directory, text);
}

// Rewrites a format-5 segment as the format-4 writer wrote it: the same blocks and tables, the
// tails without checksums.
inline Status WriteSegmentInFormat4(const std::string& store_dir, const std::string& directory) {
  std::string dir = store_dir + "/segments/" + directory;
  std::string manifest_path = dir + "/" + segment::kManifestName;
  ZENOME_ASSIGN_OR_RETURN(SegmentManifest manifest,
                          ParseSegmentManifest(ReadFile(manifest_path), manifest_path));
  if (manifest.version != 5) return Status::Internal(dir + ": not in format 5");
  auto tail = [](const std::string& bytes, auto& footer) {
    std::memcpy(&footer, bytes.data() + bytes.size() - sizeof(footer), sizeof(footer));
  };
  auto append = [](std::string& out, const auto& value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof(value));
  };
  for (const auto& contig : manifest.contigs) {
    std::string base = dir + "/" + contig.stem;
    std::string sites = ReadFile(base + ".sites");
    segment::v5::SitesFooter sites5;
    tail(sites, sites5);
    std::string out =
        sites.substr(0, sites5.index_offset + sites5.n_blocks * sizeof(segment::SiteBlockEntry));
    segment::v4::SitesFooter sites4{
        sites5.index_offset, sites5.n_sites, sites5.n_blocks, sites5.max_ref_length, 4, 0, {}};
    std::memcpy(sites4.magic, segment::v4::kSitesMagic, 8);
    append(out, sites4);
    WriteFile(base + ".sites", out);

    std::string genotypes = ReadFile(base + ".gt");
    segment::v5::GenotypeFooter genotypes5;
    tail(genotypes, genotypes5);
    out = genotypes.substr(
        0, genotypes5.directory_offset + genotypes5.n_blocks * sizeof(segment::GenotypeBlockEntry));
    segment::v4::GenotypeFooter genotypes4{genotypes5.directory_offset, genotypes5.n_blocks, 4, {}};
    std::memcpy(genotypes4.magic, segment::v4::kGenotypeMagic, 8);
    append(out, genotypes4);
    WriteFile(base + ".gt", out);

    std::string cover = ReadFile(base + ".cover");
    segment::v5::CoverHeader cover5;
    std::memcpy(&cover5, cover.data(), sizeof(cover5));
    segment::v4::CoverHeader cover4{
        {}, 4, cover5.n_columns, cover5.n_lists, cover5.n_intervals, cover5.n_breakpoints};
    std::memcpy(cover4.magic, segment::v4::kCoverMagic, 8);
    out.clear();
    append(out, cover4);
    out += cover.substr(sizeof(cover5));
    WriteFile(base + ".cover", out);
  }
  manifest.version = 4;
  uint64_t bytes = 0;
  ZENOME_ASSIGN_OR_RETURN(std::string text, SealSegment(dir, manifest, bytes));
  return SetCatalogChecksum(store_dir, directory, text);
}

// tests/data/store_format4: a segment the format-4 writer wrote, with its inputs and key.
inline std::string Format4FixtureDir() {
  return TestDataDir() + "/store_format4";
}

// A store under `work` holding the format-4 fixture's inputs, ingested now (one segment, s000001,
// in the current format). Returns the store's directory.
inline Result<std::string> MakeFixtureStore(const std::string& work) {
  for (const char* name : {"ref.fa", "trio.vcf", "g1.g.vcf"}) {
    WriteFile(work + "/" + name, ReadFile(Format4FixtureDir() + "/" + name));
  }
  std::string store_dir = work + "/store";
  StoreInitOptions init;
  init.build = GenomeBuild::kCustom;
  init.reference_fasta = work + "/ref.fa";
  ZENOME_RETURN_IF_ERROR(InitStore(store_dir, init));
  ZENOME_ASSIGN_OR_RETURN(StoreHandle store, OpenStore(store_dir, true));
  ZENOME_ASSIGN_OR_RETURN(Pseudonymizer pseudonymizer,
                          Pseudonymizer::FromKeyFile(Format4FixtureDir() + "/key.txt"));
  ZENOME_RETURN_IF_ERROR(
      IngestFiles(store, pseudonymizer, {work + "/trio.vcf", work + "/g1.g.vcf"}, IngestOptions{}).status());
  return store_dir;
}

}  // namespace zenome::testing
