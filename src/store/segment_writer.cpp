#include "store/segment_writer.h"

#include <zstd.h>

#include <cstring>

#include "store/segment_io.h"

namespace zenome {

using segment::Breakpoint;
using segment::GenotypeBlockEntry;
using segment::PloidyInterval;

Result<std::unique_ptr<SegmentContigWriter>> SegmentContigWriter::Create(const std::string& dir,
                                                                         const std::string& stem,
                                                                         size_t n_columns,
                                                                         int compression_level) {
  std::unique_ptr<SegmentContigWriter> writer(new SegmentContigWriter());
  writer->dir_ = dir;
  writer->stem_ = stem;
  writer->n_columns_ = n_columns;
  writer->compression_level_ = compression_level;
  std::string base = dir + "/" + stem;
  ZENOME_ASSIGN_OR_RETURN(writer->sites_, SegmentFileWriter::Create(base + ".sites"));
  ZENOME_ASSIGN_OR_RETURN(writer->alleles_, SegmentFileWriter::Create(base + ".alleles"));
  ZENOME_ASSIGN_OR_RETURN(writer->genotypes_, SegmentFileWriter::Create(base + ".gt"));
  segment::SitesHeader header{};
  ZENOME_RETURN_IF_ERROR(writer->sites_->Write(&header, sizeof(header)));  // filled in by Finish
  writer->zstd_context_ = ZSTD_createCCtx();
  return writer;
}

SegmentContigWriter::~SegmentContigWriter() {
  if (zstd_context_ != nullptr) ZSTD_freeCCtx(static_cast<ZSTD_CCtx*>(zstd_context_));
}

std::vector<std::string> SegmentContigWriter::file_names() const {
  return {stem_ + ".sites", stem_ + ".alleles", stem_ + ".gt", stem_ + ".cover"};
}

Status SegmentContigWriter::Add(uint32_t pos0, std::string_view ref, std::string_view alt,
                                const SiteCounts& counts, std::string_view row) {
  if (allele_bytes_ + ref.size() + alt.size() > 0xFFFFFFFFull) {
    return Status::Unsupported(dir_ + "/" + stem_ +
                               ": more than 4 GiB of alleles in one contig of one batch");
  }
  if (block_sites_ >= segment::kBlockMaxSites || block_.size() + row.size() > segment::kBlockTargetBytes) {
    if (block_sites_ > 0) ZENOME_RETURN_IF_ERROR(FlushBlock());
  }
  segment::SiteRecord record{};
  record.pos0 = pos0;
  record.allele_offset = static_cast<uint32_t>(allele_bytes_);
  record.ref_length = static_cast<uint32_t>(ref.size());
  record.alt_length = static_cast<uint32_t>(alt.size());
  record.allele_count = counts.allele_count;
  record.allele_number = counts.allele_number;
  record.het = counts.het;
  record.hom_alt = counts.hom_alt;
  record.gt_block = static_cast<uint32_t>(directory_.size());
  record.gt_offset = static_cast<uint32_t>(block_.size());
  ZENOME_RETURN_IF_ERROR(sites_->Write(&record, sizeof(record)));
  ZENOME_RETURN_IF_ERROR(alleles_->Write(ref));
  ZENOME_RETURN_IF_ERROR(alleles_->Write(alt));
  allele_bytes_ += ref.size() + alt.size();
  max_ref_length_ = std::max(max_ref_length_, static_cast<uint32_t>(ref.size()));
  block_.append(row);
  ++block_sites_;
  ++n_sites_;
  return Status::Ok();
}

Status SegmentContigWriter::FlushBlock() {
  compressed_.resize(ZSTD_compressBound(block_.size()));
  size_t size = ZSTD_compressCCtx(static_cast<ZSTD_CCtx*>(zstd_context_), compressed_.data(),
                                  compressed_.size(), block_.data(), block_.size(), compression_level_);
  if (ZSTD_isError(size)) {
    return Status::Internal(dir_ + "/" + stem_ + ".gt: zstd: " + ZSTD_getErrorName(size));
  }
  GenotypeBlockEntry entry{};
  entry.file_offset = genotypes_->offset();
  entry.compressed_size = static_cast<uint32_t>(size);
  entry.uncompressed_size = static_cast<uint32_t>(block_.size());
  ZENOME_RETURN_IF_ERROR(genotypes_->Write(compressed_.data(), size));
  directory_.push_back(entry);
  block_.clear();
  block_sites_ = 0;
  return Status::Ok();
}

Status SegmentContigWriter::Finish(const std::vector<std::vector<PloidyInterval>>& intervals,
                                   const std::vector<Breakpoint>& breakpoints) {
  if (block_sites_ > 0) ZENOME_RETURN_IF_ERROR(FlushBlock());
  segment::GenotypeFooter footer{};
  footer.directory_offset = genotypes_->offset();
  footer.n_blocks = static_cast<uint32_t>(directory_.size());
  footer.version = segment::kFormatVersion;
  std::memcpy(footer.magic, segment::kGenotypeMagic, sizeof(footer.magic));
  if (!directory_.empty()) {
    ZENOME_RETURN_IF_ERROR(
        genotypes_->Write(directory_.data(), directory_.size() * sizeof(GenotypeBlockEntry)));
  }
  ZENOME_RETURN_IF_ERROR(genotypes_->Write(&footer, sizeof(footer)));
  ZENOME_RETURN_IF_ERROR(genotypes_->Close());

  segment::SitesHeader header{};
  std::memcpy(header.magic, segment::kSitesMagic, sizeof(header.magic));
  header.version = segment::kFormatVersion;
  header.record_size = sizeof(segment::SiteRecord);
  header.n_sites = n_sites_;
  header.max_ref_length = max_ref_length_;
  ZENOME_RETURN_IF_ERROR(sites_->WriteAt(0, &header, sizeof(header)));
  ZENOME_RETURN_IF_ERROR(sites_->Close());
  ZENOME_RETURN_IF_ERROR(alleles_->Close());

  ZENOME_ASSIGN_OR_RETURN(auto cover, SegmentFileWriter::Create(dir_ + "/" + stem_ + ".cover"));
  segment::CoverHeader cover_header{};
  std::memcpy(cover_header.magic, segment::kCoverMagic, sizeof(cover_header.magic));
  cover_header.version = segment::kFormatVersion;
  cover_header.n_columns = static_cast<uint32_t>(intervals.size());
  std::vector<uint64_t> offsets;
  offsets.reserve(intervals.size() + 1);
  uint64_t total = 0;
  for (const auto& column : intervals) {
    offsets.push_back(total);
    total += column.size();
  }
  offsets.push_back(total);
  cover_header.n_intervals = total;
  cover_header.n_breakpoints = breakpoints.size();
  ZENOME_RETURN_IF_ERROR(cover->Write(&cover_header, sizeof(cover_header)));
  ZENOME_RETURN_IF_ERROR(cover->Write(offsets.data(), offsets.size() * sizeof(uint64_t)));
  for (const auto& column : intervals) {
    if (!column.empty())
      ZENOME_RETURN_IF_ERROR(cover->Write(column.data(), column.size() * sizeof(PloidyInterval)));
  }
  if (!breakpoints.empty()) {
    ZENOME_RETURN_IF_ERROR(cover->Write(breakpoints.data(), breakpoints.size() * sizeof(Breakpoint)));
  }
  return cover->Close();
}

}  // namespace zenome
