#include "store/segment/writer.h"

#include <zstd.h>

#include <array>
#include <cstddef>
#include <cstring>
#include <map>

#include "store/segment/io.h"

namespace zenome {

using segment::Breakpoint;
using segment::GenotypeBlockEntry;
using segment::PloidyInterval;
using segment::SiteBlockEntry;

namespace {
// Zero bytes up to the next multiple of 8, so the tables that follow are aligned when mapped.
Status PadTo8(SegmentFileWriter& file) {
  static constexpr char kZeros[8] = {};
  size_t pad = (8 - file.offset() % 8) % 8;
  return pad > 0 ? file.Write(kZeros, pad) : Status::Ok();
}
}  // namespace

Result<std::unique_ptr<SegmentContigWriter>> SegmentContigWriter::Create(const std::string& dir,
                                                                         const std::string& stem,
                                                                         size_t n_columns,
                                                                         int compression_level,
                                                                         size_t block_target_bytes) {
  std::unique_ptr<SegmentContigWriter> writer(new SegmentContigWriter());
  writer->dir_ = dir;
  writer->stem_ = stem;
  writer->n_columns_ = n_columns;
  writer->compression_level_ = compression_level;
  writer->block_target_bytes_ = block_target_bytes;
  std::string base = dir + "/" + stem;
  ZENOME_ASSIGN_OR_RETURN(writer->sites_, SegmentFileWriter::Create(base + ".sites"));
  ZENOME_ASSIGN_OR_RETURN(writer->genotypes_, SegmentFileWriter::Create(base + ".gt"));
  writer->zstd_context_ = ZSTD_createCCtx();
  return writer;
}

SegmentContigWriter::~SegmentContigWriter() {
  if (zstd_context_ != nullptr) ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(zstd_context_));
}

std::vector<std::string> SegmentContigWriter::file_names() const {
  return {stem_ + ".sites", stem_ + ".gt", stem_ + ".cover"};
}

Status SegmentContigWriter::Add(uint32_t pos0, std::string_view ref, std::string_view alt,
                                const SiteCounts& counts, std::string_view row) {
  if (block_sites_ >= segment::kBlockMaxSites || block_.size() + row.size() > block_target_bytes_) {
    if (block_sites_ > 0) ZENOME_RETURN_IF_ERROR(FlushBlock());
  }
  segment::SiteRecord record{};
  record.pos0 = pos0;
  record.allele_offset = static_cast<uint32_t>(site_alleles_.size());
  record.ref_length = static_cast<uint32_t>(ref.size());
  record.alt_length = static_cast<uint32_t>(alt.size());
  record.allele_count = counts.allele_count;
  record.allele_number = counts.allele_number;
  record.het = counts.het;
  record.hom_alt = counts.hom_alt;
  record.gt_block = static_cast<uint32_t>(directory_.size());
  record.gt_offset = static_cast<uint32_t>(block_.size());
  site_block_.push_back(record);
  site_alleles_.append(ref);
  site_alleles_.append(alt);
  max_ref_length_ = std::max(max_ref_length_, static_cast<uint32_t>(ref.size()));
  block_.append(row);
  ++block_sites_;
  ++n_sites_;
  if (site_block_.size() == segment::kSitesPerBlock) ZENOME_RETURN_IF_ERROR(FlushSiteBlock());
  return Status::Ok();
}

Status SegmentContigWriter::Compress(const std::string& input, std::string& output) {
  output.resize(ZSTD_compressBound(input.size()));
  size_t size = ZSTD_compressCCtx(static_cast<ZSTD_CCtx*>(zstd_context_), output.data(), output.size(),
                                  input.data(), input.size(), compression_level_);
  if (ZSTD_isError(size)) return Status::Internal(dir_ + "/" + stem_ + ": zstd: " + ZSTD_getErrorName(size));
  output.resize(size);
  return Status::Ok();
}

Status SegmentContigWriter::FlushSiteBlock() {
  if (site_block_.empty()) return Status::Ok();
  site_payload_.resize(site_block_.size() * sizeof(segment::SiteRecord));
  segment::PackSiteRecords(site_block_.data(), site_block_.size(), site_payload_.data());
  site_payload_.append(site_alleles_);
  if (site_payload_.size() > 0xFFFFFFFFull) {
    return Status::Unsupported(dir_ + "/" + stem_ + ".sites: alleles longer than 4 GiB in one block");
  }
  ZENOME_RETURN_IF_ERROR(Compress(site_payload_, compressed_));
  SiteBlockEntry entry{};
  entry.first_pos0 = site_block_.front().pos0;
  entry.last_pos0 = site_block_.back().pos0;
  entry.file_offset = sites_->offset();
  entry.compressed_size = static_cast<uint32_t>(compressed_.size());
  entry.uncompressed_size = static_cast<uint32_t>(site_payload_.size());
  ZENOME_RETURN_IF_ERROR(sites_->Write(compressed_));
  site_index_.push_back(entry);
  site_checksums_.push_back(segment::Checksum(compressed_.data(), compressed_.size()));
  site_block_.clear();
  site_alleles_.clear();
  return Status::Ok();
}

Status SegmentContigWriter::FlushBlock() {
  ZENOME_RETURN_IF_ERROR(Compress(block_, compressed_));
  GenotypeBlockEntry entry{};
  entry.file_offset = genotypes_->offset();
  entry.compressed_size = static_cast<uint32_t>(compressed_.size());
  entry.uncompressed_size = static_cast<uint32_t>(block_.size());
  ZENOME_RETURN_IF_ERROR(genotypes_->Write(compressed_));
  directory_.push_back(entry);
  block_checksums_.push_back(segment::Checksum(compressed_.data(), compressed_.size()));
  block_.clear();
  block_sites_ = 0;
  return Status::Ok();
}

namespace {
// A block index or directory followed by its blocks' checksums, as one table; returns its checksum.
template <typename Entry>
Result<uint64_t> WriteTable(SegmentFileWriter& file, const std::vector<Entry>& entries,
                            const std::vector<uint64_t>& checksums) {
  std::string table(entries.size() * sizeof(Entry) + checksums.size() * sizeof(uint64_t), '\0');
  if (!entries.empty()) {
    std::memcpy(table.data(), entries.data(), entries.size() * sizeof(Entry));
    std::memcpy(table.data() + entries.size() * sizeof(Entry), checksums.data(),
                checksums.size() * sizeof(uint64_t));
  }
  ZENOME_RETURN_IF_ERROR(file.Write(table));
  return segment::Checksum(table.data(), table.size());
}
}  // namespace

Status SegmentContigWriter::Finish(const std::vector<std::vector<PloidyInterval>>& intervals,
                                   const std::vector<Breakpoint>& breakpoints) {
  if (block_sites_ > 0) ZENOME_RETURN_IF_ERROR(FlushBlock());
  segment::v5::GenotypeFooter footer{};
  std::memcpy(footer.magic, segment::v5::kGenotypeMagic, sizeof(footer.magic));
  footer.version = segment::kFormatVersion;
  ZENOME_RETURN_IF_ERROR(PadTo8(*genotypes_));
  footer.directory_offset = genotypes_->offset();
  footer.n_blocks = static_cast<uint32_t>(directory_.size());
  ZENOME_ASSIGN_OR_RETURN(footer.directory_checksum, WriteTable(*genotypes_, directory_, block_checksums_));
  footer.footer_checksum = segment::Checksum(&footer, offsetof(segment::v5::GenotypeFooter, footer_checksum));
  ZENOME_RETURN_IF_ERROR(genotypes_->Write(&footer, sizeof(footer)));
  ZENOME_RETURN_IF_ERROR(genotypes_->Close());

  ZENOME_RETURN_IF_ERROR(FlushSiteBlock());
  segment::v5::SitesFooter sites_footer{};
  std::memcpy(sites_footer.magic, segment::v5::kSitesMagic, sizeof(sites_footer.magic));
  sites_footer.version = segment::kFormatVersion;
  ZENOME_RETURN_IF_ERROR(PadTo8(*sites_));
  sites_footer.index_offset = sites_->offset();
  sites_footer.n_sites = n_sites_;
  sites_footer.n_blocks = static_cast<uint32_t>(site_index_.size());
  sites_footer.max_ref_length = max_ref_length_;
  ZENOME_ASSIGN_OR_RETURN(sites_footer.index_checksum, WriteTable(*sites_, site_index_, site_checksums_));
  sites_footer.footer_checksum =
      segment::Checksum(&sites_footer, offsetof(segment::v5::SitesFooter, footer_checksum));
  ZENOME_RETURN_IF_ERROR(sites_->Write(&sites_footer, sizeof(sites_footer)));
  ZENOME_RETURN_IF_ERROR(sites_->Close());

  // Columns with equal intervals (most plain-VCF samples of a contig) share one list.
  std::vector<uint32_t> list_of_column(intervals.size());
  std::vector<const std::vector<PloidyInterval>*> lists;
  std::map<std::vector<std::array<uint32_t, 3>>, uint32_t> known;
  for (size_t column = 0; column < intervals.size(); ++column) {
    std::vector<std::array<uint32_t, 3>> key;
    key.reserve(intervals[column].size());
    for (const auto& interval : intervals[column])
      key.push_back({interval.start, interval.end, interval.ploidy});
    auto [it, inserted] = known.emplace(std::move(key), static_cast<uint32_t>(lists.size()));
    if (inserted) lists.push_back(&intervals[column]);
    list_of_column[column] = it->second;
  }
  ZENOME_ASSIGN_OR_RETURN(auto cover, SegmentFileWriter::Create(dir_ + "/" + stem_ + ".cover"));
  segment::v5::CoverHeader cover_header{};
  std::memcpy(cover_header.magic, segment::v5::kCoverMagic, sizeof(cover_header.magic));
  cover_header.version = segment::kFormatVersion;
  cover_header.n_columns = static_cast<uint32_t>(intervals.size());
  cover_header.n_lists = lists.size();
  std::vector<uint64_t> offsets;
  offsets.reserve(lists.size() + 1);
  uint64_t total = 0;
  for (const auto* list : lists) {
    offsets.push_back(total);
    total += list->size();
  }
  offsets.push_back(total);
  cover_header.n_intervals = total;
  cover_header.n_breakpoints = breakpoints.size();
  // The header goes in last, when the tables' checksum is known.
  ZENOME_RETURN_IF_ERROR(cover->Write(&cover_header, sizeof(cover_header)));
  segment::ChecksumStream tables;
  auto write = [&](const void* data, size_t size) -> Status {
    if (size == 0) return Status::Ok();
    tables.Update(data, size);
    return cover->Write(data, size);
  };
  ZENOME_RETURN_IF_ERROR(write(list_of_column.data(), list_of_column.size() * sizeof(uint32_t)));
  static constexpr char kZeros[8] = {};
  ZENOME_RETURN_IF_ERROR(write(kZeros, (8 - cover->offset() % 8) % 8));
  ZENOME_RETURN_IF_ERROR(write(offsets.data(), offsets.size() * sizeof(uint64_t)));
  for (const auto* list : lists)
    ZENOME_RETURN_IF_ERROR(write(list->data(), list->size() * sizeof(PloidyInterval)));
  ZENOME_RETURN_IF_ERROR(write(breakpoints.data(), breakpoints.size() * sizeof(Breakpoint)));
  cover_header.tables_checksum = tables.Digest();
  cover_header.header_checksum =
      segment::Checksum(&cover_header, offsetof(segment::v5::CoverHeader, header_checksum));
  ZENOME_RETURN_IF_ERROR(cover->WriteAt(0, &cover_header, sizeof(cover_header)));
  return cover->Close();
}

}  // namespace zenome
