#include "store/segment/reader.h"

#include <zstd.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/contig_names.h"
#include "store/segment/io.h"

namespace zenome {

namespace {
// One decompression context per thread: creating one per block costs more than decompressing it.
size_t Decompress(void* out, size_t out_size, const void* in, size_t in_size) {
  struct Context {
    ZSTD_DCtx* context = ZSTD_createDCtx();
    ~Context() { ZSTD_freeDCtx(context); }
  };
  thread_local Context context;
  return ZSTD_decompressDCtx(context.context, out, out_size, in, in_size);
}
}  // namespace

using segment::Breakpoint;
using segment::GenotypeBlockEntry;
using segment::PloidyInterval;
using segment::SiteBlockEntry;
using segment::SiteRecord;

std::string SegmentManifestJson(const SegmentManifest& manifest) {
  nlohmann::json json;
  json["format"] = "zenome-segment";
  json["version"] = manifest.version;
  nlohmann::json samples = nlohmann::json::array();
  for (const auto& sample : manifest.samples) {
    samples.push_back({{"pseudonym", sample.pseudonym},
                       {"coverage", std::string(segment::CoverageName(sample.coverage))},
                       {"haploid_x", sample.haploid_x}});
  }
  json["samples"] = samples;
  json["source"] = manifest.source;
  nlohmann::json contigs = nlohmann::json::array();
  for (const auto& contig : manifest.contigs) {
    contigs.push_back({{"name", contig.name}, {"stem", contig.stem}, {"sites", contig.sites}});
  }
  json["contigs"] = contigs;
  json["n_variants"] = manifest.n_variants;
  nlohmann::json files = nlohmann::json::array();
  for (const auto& file : manifest.files) {
    files.push_back({{"name", file.name}, {"bytes", file.bytes}, {"sha256", file.sha256}});
  }
  json["files"] = files;
  return json.dump() + "\n";
}

Result<SegmentManifest> ParseSegmentManifest(std::string_view text, const std::string& where) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, false);
  auto bad = [&](const std::string& what) { return Status::BadInput(where + ": " + what); };
  if (!json.is_object() || json.value("format", "") != "zenome-segment") return bad("not a segment manifest");
  SegmentManifest manifest;
  try {
    manifest.version = json.at("version").get<int>();
    if (manifest.version != segment::kFormatVersion) {
      return Status::Unsupported(where + ": segment format version " + std::to_string(manifest.version) +
                                 " is not supported (expects " + std::to_string(segment::kFormatVersion) +
                                 ")");
    }
    for (const auto& sample : json.at("samples")) {
      SegmentSampleInfo info;
      info.pseudonym = sample.at("pseudonym").get<std::string>();
      info.coverage = sample.at("coverage").get<std::string>() == "gvcf" ? segment::Coverage::kGvcf
                                                                         : segment::Coverage::kAssumed;
      info.haploid_x = sample.value("haploid_x", false);
      manifest.samples.push_back(std::move(info));
    }
    manifest.source = json.value("source", std::vector<std::string>());
    for (const auto& contig : json.at("contigs")) {
      manifest.contigs.push_back({contig.at("name").get<std::string>(), contig.at("stem").get<std::string>(),
                                  contig.at("sites").get<uint64_t>()});
    }
    manifest.n_variants = json.value("n_variants", uint64_t{0});
    for (const auto& file : json.at("files")) {
      manifest.files.push_back({file.at("name").get<std::string>(), file.at("bytes").get<uint64_t>(),
                                file.at("sha256").get<std::string>()});
    }
  } catch (const nlohmann::json::exception& error) {
    return bad(std::string("malformed manifest: ") + error.what());
  }
  return manifest;
}

Result<std::unique_ptr<SegmentContigView>> SegmentContigView::Open(const std::string& dir,
                                                                   const SegmentContigInfo& info,
                                                                   size_t n_columns) {
  std::unique_ptr<SegmentContigView> view(new SegmentContigView());
  view->name_ = info.name;
  view->n_columns_ = n_columns;
  std::string base = dir + "/" + info.stem;
  view->where_ = base;
  ZENOME_ASSIGN_OR_RETURN(view->sites_file_, MappedFile::Open(base + ".sites"));
  ZENOME_ASSIGN_OR_RETURN(view->genotypes_file_, MappedFile::Open(base + ".gt"));
  ZENOME_ASSIGN_OR_RETURN(view->cover_file_, MappedFile::Open(base + ".cover"));
  auto corrupt = [&](const std::string& file, const std::string& what) {
    return Status::Io(base + file + ": corrupt segment file (" + what + "); run zenome db check");
  };

  const MappedFile& sites = *view->sites_file_;
  if (sites.size() < sizeof(segment::SitesFooter)) return corrupt(".sites", "too short");
  segment::SitesFooter sites_footer;
  std::memcpy(&sites_footer, sites.data() + sites.size() - sizeof(sites_footer), sizeof(sites_footer));
  if (std::memcmp(sites_footer.magic, segment::kSitesMagic, 8) != 0 || sites_footer.index_offset % 8 != 0 ||
      sites_footer.index_offset + sites_footer.n_blocks * sizeof(SiteBlockEntry) + sizeof(sites_footer) !=
          sites.size() ||
      (sites_footer.n_sites + segment::kSitesPerBlock - 1) / segment::kSitesPerBlock !=
          sites_footer.n_blocks) {
    return corrupt(".sites", "bad footer");
  }
  view->site_blocks_ = reinterpret_cast<const SiteBlockEntry*>(sites.data() + sites_footer.index_offset);
  view->n_site_blocks_ = sites_footer.n_blocks;
  view->n_sites_ = sites_footer.n_sites;
  view->max_ref_length_ = sites_footer.max_ref_length;

  const MappedFile& genotypes = *view->genotypes_file_;
  if (genotypes.size() < sizeof(segment::GenotypeFooter)) return corrupt(".gt", "too short");
  segment::GenotypeFooter footer;
  std::memcpy(&footer, genotypes.data() + genotypes.size() - sizeof(footer), sizeof(footer));
  if (std::memcmp(footer.magic, segment::kGenotypeMagic, 8) != 0 || footer.directory_offset % 8 != 0 ||
      footer.directory_offset + footer.n_blocks * sizeof(GenotypeBlockEntry) + sizeof(footer) !=
          genotypes.size()) {
    return corrupt(".gt", "bad footer");
  }
  view->blocks_ = reinterpret_cast<const GenotypeBlockEntry*>(genotypes.data() + footer.directory_offset);
  view->n_blocks_ = footer.n_blocks;

  const MappedFile& cover = *view->cover_file_;
  if (cover.size() < sizeof(segment::CoverHeader)) return corrupt(".cover", "too short");
  segment::CoverHeader cover_header;
  std::memcpy(&cover_header, cover.data(), sizeof(cover_header));
  size_t columns_bytes = (cover_header.n_columns * sizeof(uint32_t) + 7) / 8 * 8;  // padded to 8
  size_t expected = sizeof(cover_header) + columns_bytes + (cover_header.n_lists + 1) * sizeof(uint64_t) +
                    cover_header.n_intervals * sizeof(PloidyInterval) +
                    cover_header.n_breakpoints * sizeof(Breakpoint);
  if (std::memcmp(cover_header.magic, segment::kCoverMagic, 8) != 0 || cover_header.n_columns != n_columns ||
      cover.size() != expected) {
    return corrupt(".cover", "bad header or size");
  }
  const uint8_t* at = cover.data() + sizeof(cover_header);
  view->list_of_column_ = reinterpret_cast<const uint32_t*>(at);
  at += columns_bytes;
  view->list_offsets_ = reinterpret_cast<const uint64_t*>(at);
  at += (cover_header.n_lists + 1) * sizeof(uint64_t);
  view->intervals_ = reinterpret_cast<const PloidyInterval*>(at);
  at += cover_header.n_intervals * sizeof(PloidyInterval);
  view->breakpoints_ = reinterpret_cast<const Breakpoint*>(at);
  view->n_breakpoints_ = cover_header.n_breakpoints;
  for (size_t column = 0; column < n_columns; ++column) {
    if (view->list_of_column_[column] >= cover_header.n_lists) return corrupt(".cover", "bad list number");
  }
  if (view->list_offsets_[cover_header.n_lists] != cover_header.n_intervals) {
    return corrupt(".cover", "bad list offsets");
  }
  return view;
}

SegmentContigView::~SegmentContigView() = default;

Status SegmentContigView::LoadSiteBlock(uint32_t block, SiteBlockCache& cache) const {
  if (cache.view == this && cache.block == block) return Status::Ok();
  if (block >= n_site_blocks_) return Status::Io(where_ + ".sites: no block " + std::to_string(block));
  const SiteBlockEntry& entry = site_blocks_[block];
  size_t sites_in_block = std::min(segment::kSitesPerBlock, n_sites_ - block * segment::kSitesPerBlock);
  if (entry.file_offset + entry.compressed_size > sites_file_->size() ||
      entry.uncompressed_size < sites_in_block * sizeof(SiteRecord)) {
    return Status::Io(where_ + ".sites: corrupt block index; run zenome db check");
  }
  thread_local std::string packed;
  packed.resize(entry.uncompressed_size);
  size_t size = Decompress(packed.data(), packed.size(), sites_file_->data() + entry.file_offset,
                           entry.compressed_size);
  if (ZSTD_isError(size) || size != entry.uncompressed_size) {
    cache.view = nullptr;
    return Status::Io(where_ + ".sites: block " + std::to_string(block) + " does not decompress");
  }
  // The records come packed column-wise (segment::PackSiteRecords); the alleles as they are.
  size_t records_bytes = sites_in_block * sizeof(SiteRecord);
  cache.data.resize(entry.uncompressed_size);
  segment::UnpackSiteRecords(packed.data(), sites_in_block, reinterpret_cast<SiteRecord*>(cache.data.data()));
  std::memcpy(cache.data.data() + records_bytes, packed.data() + records_bytes, size - records_bytes);
  cache.view = this;
  cache.block = block;
  return Status::Ok();
}

Status SegmentContigView::Site(size_t i, SiteBlockCache& cache, SiteView& out) const {
  uint32_t block = static_cast<uint32_t>(i / segment::kSitesPerBlock);
  ZENOME_RETURN_IF_ERROR(LoadSiteBlock(block, cache));
  size_t within = i % segment::kSitesPerBlock;
  size_t sites_in_block = std::min(segment::kSitesPerBlock, n_sites_ - block * segment::kSitesPerBlock);
  std::memcpy(&out.record, cache.data.data() + within * sizeof(SiteRecord), sizeof(SiteRecord));
  size_t alleles = sites_in_block * sizeof(SiteRecord);
  if (alleles + out.record.allele_offset + out.record.ref_length + out.record.alt_length >
      cache.data.size()) {
    return Status::Io(where_ + ".sites: alleles beyond their block; run zenome db check");
  }
  const char* base = cache.data.data() + alleles + out.record.allele_offset;
  out.index = i;
  out.ref = std::string_view(base, out.record.ref_length);
  out.alt = std::string_view(base + out.record.ref_length, out.record.alt_length);
  return Status::Ok();
}

Result<size_t> SegmentContigView::LowerBound(int64_t pos0, SiteBlockCache& cache) const {
  // The first block that ends at or after pos0, then within it.
  const SiteBlockEntry* end = site_blocks_ + n_site_blocks_;
  const SiteBlockEntry* block = std::lower_bound(
      site_blocks_, end, pos0,
      [](const SiteBlockEntry& entry, int64_t pos) { return static_cast<int64_t>(entry.last_pos0) < pos; });
  if (block == end) return n_sites_;
  size_t first = static_cast<size_t>(block - site_blocks_) * segment::kSitesPerBlock;
  size_t count = std::min(segment::kSitesPerBlock, n_sites_ - first);
  ZENOME_RETURN_IF_ERROR(LoadSiteBlock(static_cast<uint32_t>(block - site_blocks_), cache));
  const char* records = cache.data.data();
  size_t low = 0, high = count;
  while (low < high) {
    size_t mid = low + (high - low) / 2;
    uint32_t mid_pos;
    std::memcpy(&mid_pos, records + mid * sizeof(SiteRecord) + offsetof(SiteRecord, pos0), sizeof(mid_pos));
    if (static_cast<int64_t>(mid_pos) < pos0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return first + low;
}

Result<std::optional<SiteView>> SegmentContigView::Find(int64_t pos0, std::string_view ref,
                                                        std::string_view alt, SiteBlockCache& cache) const {
  ZENOME_ASSIGN_OR_RETURN(size_t i, LowerBound(pos0, cache));
  SiteView site;
  for (; i < n_sites_; ++i) {
    ZENOME_RETURN_IF_ERROR(Site(i, cache, site));
    if (site.record.pos0 != pos0) break;
    if (site.ref == ref && site.alt == alt) return std::optional<SiteView>(site);
  }
  return std::optional<SiteView>();
}

uint32_t SegmentContigView::BaselineAn(int64_t pos0) const {
  // Last breakpoint at or before pos0.
  const Breakpoint* end = breakpoints_ + n_breakpoints_;
  const Breakpoint* it = std::upper_bound(
      breakpoints_, end, pos0,
      [](int64_t pos, const Breakpoint& breakpoint) { return pos < static_cast<int64_t>(breakpoint.pos0); });
  if (it == breakpoints_) return 0;
  return (it - 1)->allele_number;
}

std::span<const PloidyInterval> SegmentContigView::intervals(size_t column) const {
  uint32_t list = list_of_column_[column];
  return {intervals_ + list_offsets_[list], intervals_ + list_offsets_[list + 1]};
}

uint32_t SegmentContigView::Ploidy(size_t column, int64_t pos0) const {
  auto list = intervals(column);
  auto it = std::upper_bound(list.begin(), list.end(), pos0, [](int64_t pos, const PloidyInterval& interval) {
    return pos < static_cast<int64_t>(interval.start);
  });
  if (it == list.begin()) return 0;
  --it;
  return pos0 < static_cast<int64_t>(it->end) ? it->ploidy : 0;
}

int64_t SegmentContigView::NextChange(size_t column, int64_t pos0) const {
  auto list = intervals(column);
  auto it = std::upper_bound(list.begin(), list.end(), pos0, [](int64_t pos, const PloidyInterval& interval) {
    return pos < static_cast<int64_t>(interval.start);
  });
  // `it` starts after pos0; the interval before it may contain pos0 and end sooner.
  int64_t next = it == list.end() ? INT64_MAX : static_cast<int64_t>(it->start);
  if (it != list.begin()) {
    int64_t end = (it - 1)->end;
    if (end > pos0) next = std::min(next, end);
  }
  return next;
}

Status SegmentContigView::LoadBlock(uint32_t block, GenotypeBlockCache& cache) const {
  if (cache.view == this && cache.block == block) return Status::Ok();
  if (block >= n_blocks_) return Status::Io(where_ + ".gt: site refers to a missing genotype block");
  const GenotypeBlockEntry& entry = blocks_[block];
  if (entry.file_offset + entry.compressed_size > genotypes_file_->size()) {
    return Status::Io(where_ + ".gt: block beyond the end of the file");
  }
  cache.data.resize(entry.uncompressed_size);
  size_t size = Decompress(cache.data.data(), cache.data.size(), genotypes_file_->data() + entry.file_offset,
                           entry.compressed_size);
  if (ZSTD_isError(size) || size != entry.uncompressed_size) {
    cache.view = nullptr;
    return Status::Io(where_ + ".gt: genotype block " + std::to_string(block) + " does not decompress");
  }
  cache.view = this;
  cache.block = block;
  return Status::Ok();
}

Status SegmentContigView::DecodeRow(const SiteRecord& record, GenotypeBlockCache& cache,
                                    std::vector<GenotypeEntry>& entries) const {
  ZENOME_RETURN_IF_ERROR(LoadBlock(record.gt_block, cache));
  if (record.gt_offset >= cache.data.size()) return Status::Io(where_ + ".gt: row offset beyond its block");
  auto* data = reinterpret_cast<const uint8_t*>(cache.data.data()) + record.gt_offset;
  Result<size_t> used = DecodeGenotypeRow(data, cache.data.size() - record.gt_offset, n_columns_, entries);
  if (!used.ok()) return Status::Io(where_ + ".gt: " + used.status().message());
  return Status::Ok();
}

Result<std::unique_ptr<SegmentReader>> SegmentReader::Open(const std::string& dir) {
  std::unique_ptr<SegmentReader> reader(new SegmentReader());
  reader->dir_ = dir;
  std::string manifest_path = dir + "/" + segment::kManifestName;
  ZENOME_ASSIGN_OR_RETURN(auto manifest_file, MappedFile::Open(manifest_path));
  ZENOME_ASSIGN_OR_RETURN(
      reader->manifest_,
      ParseSegmentManifest(
          std::string_view(reinterpret_cast<const char*>(manifest_file->data()), manifest_file->size()),
          manifest_path));
  for (const auto& contig : reader->manifest_.contigs) {
    ZENOME_ASSIGN_OR_RETURN(auto view, SegmentContigView::Open(dir, contig, reader->n_columns()));
    reader->by_name_[contig.name] = view.get();
    reader->contigs_.push_back(std::move(view));
  }
  for (const auto& sample : reader->manifest_.samples) {
    reader->default_an_other_ += segment::DefaultPloidy("1", sample.coverage, sample.haploid_x);
    reader->default_an_x_ += segment::DefaultPloidy("X", sample.coverage, sample.haploid_x);
    reader->default_an_y_ += segment::DefaultPloidy("Y", sample.coverage, sample.haploid_x);
    reader->default_an_mt_ += segment::DefaultPloidy("MT", sample.coverage, sample.haploid_x);
  }
  return reader;
}

const SegmentContigView* SegmentReader::contig(std::string_view store_name) const {
  auto it = by_name_.find(std::string(store_name));
  return it == by_name_.end() ? nullptr : it->second;
}

uint32_t SegmentReader::BaselineAn(const SegmentContigView* view, std::string_view canonical,
                                   int64_t pos0) const {
  if (view != nullptr) return view->BaselineAn(pos0);
  if (canonical == "X") return default_an_x_;
  if (canonical == "Y") return default_an_y_;
  if (canonical == "MT") return default_an_mt_;
  return default_an_other_;
}

uint32_t SegmentReader::Ploidy(const SegmentContigView* view, std::string_view canonical, size_t column,
                               int64_t pos0) const {
  if (view != nullptr) return view->Ploidy(column, pos0);
  const SegmentSampleInfo& sample = manifest_.samples[column];
  return segment::DefaultPloidy(canonical, sample.coverage, sample.haploid_x);
}

}  // namespace zenome
