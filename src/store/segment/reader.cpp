#include "store/segment/reader.h"

#include <zstd.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/contig_names.h"
#include "store/segment/format_decoder_internal.h"
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
    if (segment::DecoderForVersion(manifest.version) == nullptr) {
      return Status::Unsupported(where + ": segment format version " + std::to_string(manifest.version) +
                                 " is not supported (this zenome reads versions " +
                                 std::to_string(segment::kOldestReadableFormatVersion) + " to " +
                                 std::to_string(segment::kFormatVersion) + ")");
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
  return OpenVersion(dir, info, n_columns, segment::kFormatVersion, "segment " + dir, nullptr);
}

Result<std::unique_ptr<SegmentContigView>> SegmentContigView::OpenVersion(const std::string& dir,
                                                                          const SegmentContigInfo& info,
                                                                          size_t n_columns, int version,
                                                                          const std::string& segment,
                                                                          const uint64_t* sizes) {
  const segment::FormatDecoder* decoder = segment::DecoderForVersion(version);
  if (decoder == nullptr) {
    return Status::Unsupported(segment + ": segment format version " + std::to_string(version) +
                               " is not supported");
  }
  std::unique_ptr<SegmentContigView> view(new SegmentContigView());
  view->name_ = info.name;
  view->n_columns_ = n_columns;
  view->segment_ = segment;
  view->stem_ = info.stem;
  std::string base = dir + "/" + info.stem;
  ZENOME_ASSIGN_OR_RETURN(view->sites_file_, MappedFile::Open(base + ".sites"));
  ZENOME_ASSIGN_OR_RETURN(view->genotypes_file_, MappedFile::Open(base + ".gt"));
  ZENOME_ASSIGN_OR_RETURN(view->cover_file_, MappedFile::Open(base + ".cover"));
  const MappedFile* files[] = {view->sites_file_.get(), view->genotypes_file_.get(), view->cover_file_.get()};
  const char* extensions[] = {".sites", ".gt", ".cover"};
  for (int i = 0; sizes != nullptr && i < 3; ++i) {
    if (files[i]->size() != sizes[i]) {
      return view->Damaged(extensions[i], "",
                           "it has " + std::to_string(files[i]->size()) + " bytes where the manifest lists " +
                               std::to_string(sizes[i]));
    }
  }
  auto bytes = [](const MappedFile& file) { return std::span<const uint8_t>(file.data(), file.size()); };
  segment::ContigLayout layout;
  ZENOME_RETURN_IF_ERROR(
      decoder->Decode({bytes(*view->sites_file_), bytes(*view->genotypes_file_), bytes(*view->cover_file_)},
                      n_columns, segment::DamageNamer(segment, info.stem, info.name), layout));
  view->site_blocks_ = layout.site_blocks;
  view->site_checksums_ = layout.site_checksums;
  view->n_site_blocks_ = layout.n_site_blocks;
  view->n_sites_ = layout.n_sites;
  view->max_ref_length_ = layout.max_ref_length;
  view->blocks_ = layout.genotype_blocks;
  view->block_checksums_ = layout.genotype_checksums;
  view->n_blocks_ = layout.n_genotype_blocks;
  view->list_of_column_ = layout.list_of_column;
  view->list_offsets_ = layout.list_offsets;
  view->intervals_ = layout.intervals;
  view->breakpoints_ = layout.breakpoints;
  view->n_breakpoints_ = layout.n_breakpoints;
  return view;
}

Status SegmentContigView::Damaged(std::string_view extension, std::string_view part,
                                  std::string_view what) const {
  return segment::DamageNamer(segment_, stem_, name_).Damaged(extension, part, what);
}

SegmentContigView::~SegmentContigView() = default;

Status SegmentContigView::LoadSiteBlock(uint32_t block, SiteBlockCache& cache) const {
  if (cache.view == this && cache.block == block) return Status::Ok();
  if (block >= n_site_blocks_) return Damaged(".sites", "", "no block " + std::to_string(block));
  auto part = [block] { return "block " + std::to_string(block); };  // for errors only
  const SiteBlockEntry& entry = site_blocks_[block];
  size_t sites_in_block = std::min(segment::kSitesPerBlock, n_sites_ - block * segment::kSitesPerBlock);
  // Where the blocks lie was checked when the contig was opened (they tile the file).
  if (entry.uncompressed_size < sites_in_block * sizeof(SiteRecord)) {
    return Damaged(".sites", part(), "shorter than its sites");
  }
  const uint8_t* compressed = sites_file_->data() + entry.file_offset;
  if (site_checksums_ != nullptr) {
    uint64_t computed = segment::Checksum(compressed, entry.compressed_size);
    if (computed != site_checksums_[block]) {
      cache.view = nullptr;
      return segment::DamageNamer(segment_, stem_, name_)
          .Mismatch(".sites", part(), site_checksums_[block], computed);
    }
  }
  // The frame states its size too: a damaged entry (format 4) never sizes the buffer.
  if (ZSTD_getFrameContentSize(compressed, entry.compressed_size) != entry.uncompressed_size) {
    cache.view = nullptr;
    return Damaged(".sites", part(), "its size disagrees with its zstd frame");
  }
  thread_local std::string packed;
  packed.resize(entry.uncompressed_size);
  size_t size = Decompress(packed.data(), packed.size(), compressed, entry.compressed_size);
  if (ZSTD_isError(size) || size != entry.uncompressed_size) {
    cache.view = nullptr;
    return Damaged(".sites", part(), "it does not decompress");
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
    return Damaged(".sites", "block " + std::to_string(block), "alleles beyond the block");
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
  if (block >= n_blocks_) return Damaged(".gt", "", "a site refers to a missing genotype block");
  const GenotypeBlockEntry& entry = blocks_[block];
  const uint8_t* compressed = genotypes_file_->data() + entry.file_offset;
  if (block_checksums_ != nullptr) {
    uint64_t computed = segment::Checksum(compressed, entry.compressed_size);
    if (computed != block_checksums_[block]) {
      cache.view = nullptr;
      return segment::DamageNamer(segment_, stem_, name_)
          .Mismatch(".gt", "block " + std::to_string(block), block_checksums_[block], computed);
    }
  }
  if (ZSTD_getFrameContentSize(compressed, entry.compressed_size) != entry.uncompressed_size) {
    cache.view = nullptr;
    return Damaged(".gt", "block " + std::to_string(block), "its size disagrees with its zstd frame");
  }
  cache.data.resize(entry.uncompressed_size);
  size_t size = Decompress(cache.data.data(), cache.data.size(), compressed, entry.compressed_size);
  if (ZSTD_isError(size) || size != entry.uncompressed_size) {
    cache.view = nullptr;
    return Damaged(".gt", "block " + std::to_string(block), "it does not decompress");
  }
  cache.view = this;
  cache.block = block;
  return Status::Ok();
}

Status SegmentContigView::VerifyBlocks() const {
  auto verify = [&](const char* extension, const MappedFile& file, const auto* entries,
                    const uint64_t* checksums, size_t n) -> Status {
    for (size_t block = 0; checksums != nullptr && block < n; ++block) {
      uint64_t computed =
          segment::Checksum(file.data() + entries[block].file_offset, entries[block].compressed_size);
      if (computed != checksums[block]) {
        return segment::DamageNamer(segment_, stem_, name_)
            .Mismatch(extension, "block " + std::to_string(block), checksums[block], computed);
      }
    }
    return Status::Ok();
  };
  ZENOME_RETURN_IF_ERROR(verify(".sites", *sites_file_, site_blocks_, site_checksums_, n_site_blocks_));
  return verify(".gt", *genotypes_file_, blocks_, block_checksums_, n_blocks_);
}

Status SegmentContigView::DecodeRow(const SiteRecord& record, GenotypeBlockCache& cache,
                                    std::vector<GenotypeEntry>& entries) const {
  ZENOME_RETURN_IF_ERROR(LoadBlock(record.gt_block, cache));
  auto part = [&record] { return "block " + std::to_string(record.gt_block); };  // for errors only
  if (record.gt_offset >= cache.data.size()) return Damaged(".gt", part(), "a row offset beyond the block");
  auto* data = reinterpret_cast<const uint8_t*>(cache.data.data()) + record.gt_offset;
  Result<size_t> used = DecodeGenotypeRow(data, cache.data.size() - record.gt_offset, n_columns_, entries);
  if (!used.ok()) return Damaged(".gt", part(), used.status().message());
  return Status::Ok();
}

namespace {
// "store DIR, segment sNNNNNN" for a segment under DIR/segments/, else "segment PATH".
std::string SegmentLabel(const std::string& dir) {
  std::filesystem::path path = std::filesystem::path(dir).lexically_normal();
  if (!path.has_filename()) path = path.parent_path();
  std::filesystem::path parent = path.parent_path();
  if (parent.filename() == "segments") {
    return "store " + parent.parent_path().string() + ", segment " + path.filename().string();
  }
  return "segment " + dir;
}
}  // namespace

Result<std::unique_ptr<SegmentReader>> SegmentReader::Open(const std::string& dir,
                                                           std::string_view manifest_sha256) {
  std::unique_ptr<SegmentReader> reader(new SegmentReader());
  reader->dir_ = dir;
  std::string label = SegmentLabel(dir);
  std::string manifest_path = dir + "/" + segment::kManifestName;
  ZENOME_ASSIGN_OR_RETURN(auto manifest_file, MappedFile::Open(manifest_path));
  std::string_view manifest_text(reinterpret_cast<const char*>(manifest_file->data()), manifest_file->size());
  if (!manifest_sha256.empty() && Sha256Hex(manifest_text) != manifest_sha256) {
    return Status::Io(label +
                      ": manifest.json does not match the checksum the catalog recorded: the file is "
                      "damaged; run zenome db check");
  }
  ZENOME_ASSIGN_OR_RETURN(reader->manifest_, ParseSegmentManifest(manifest_text, manifest_path));
  std::unordered_map<std::string, uint64_t> sizes;
  for (const auto& file : reader->manifest_.files) sizes[file.name] = file.bytes;
  for (const auto& contig : reader->manifest_.contigs) {
    uint64_t expected[3];
    const char* extensions[] = {".sites", ".gt", ".cover"};
    for (int i = 0; i < 3; ++i) {
      auto it = sizes.find(contig.stem + extensions[i]);
      if (it == sizes.end()) {
        return Status::Io(label + ": manifest.json does not list " + contig.stem + extensions[i] +
                          "; run zenome db check");
      }
      expected[i] = it->second;
    }
    ZENOME_ASSIGN_OR_RETURN(
        auto view, SegmentContigView::OpenVersion(dir, contig, reader->n_columns(), reader->manifest_.version,
                                                  label, expected));
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
