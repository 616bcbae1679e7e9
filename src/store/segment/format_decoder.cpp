#include "store/segment/format_decoder_internal.h"

#include <cstddef>
#include <cstring>

namespace zenome::segment {

Status DamageNamer::Damaged(std::string_view extension, std::string_view part, std::string_view what) const {
  std::string message = segment_ + ": " + stem_ + std::string(extension) + " (" + contig_ + ")";
  if (!part.empty()) message += " " + std::string(part);
  return Status::Io(message + ": " + std::string(what) + ": the file is damaged; run zenome db check");
}

Status DamageNamer::Mismatch(std::string_view extension, std::string_view part, uint64_t stored,
                             uint64_t computed) const {
  return Damaged(
      extension, part,
      "checksum mismatch (stored " + ChecksumHex(stored) + ", computed " + ChecksumHex(computed) + ")");
}

std::string ChecksumHex(uint64_t checksum) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, checksum >>= 4) hex[i] = kDigits[checksum & 15];
  return hex;
}

namespace {

// Checks shared by every version (what the checksums cannot vouch for in format 4, and cheap).

// The blocks lie one after another from the start of the file, then zero padding up to the
// table at `table_offset` (less than 8 bytes).
template <typename Entry>
Status CheckBlocksTile(const Entry* entries, size_t n, std::span<const uint8_t> file, uint64_t table_offset,
                       std::string_view extension, const DamageNamer& namer) {
  uint64_t end = 0;
  for (size_t i = 0; i < n; ++i) {
    Entry entry;
    std::memcpy(&entry, &entries[i], sizeof(entry));
    if (entry.file_offset != end || entry.compressed_size > table_offset - end) {
      return namer.Damaged(extension, "block " + std::to_string(i), "not where the blocks before it end");
    }
    end += entry.compressed_size;
  }
  if (table_offset - end >= 8)
    return namer.Damaged(extension, "", "bytes between the last block and the index");
  for (uint64_t at = end; at < table_offset; ++at) {
    if (file[at] != 0) return namer.Damaged(extension, "padding", "not zero");
  }
  return Status::Ok();
}

// The .cover tables after the header: list numbers, list offsets, intervals, breakpoints.
Status DecodeCoverTables(std::span<const uint8_t> tables, size_t n_columns, uint64_t header_columns,
                         uint64_t n_lists, uint64_t n_intervals, uint64_t n_breakpoints,
                         const DamageNamer& namer, ContigLayout& layout) {
  if (header_columns != n_columns) {
    return namer.Damaged(
        ".cover", "header",
        std::to_string(header_columns) + " columns where the manifest lists " + std::to_string(n_columns));
  }
  size_t columns_bytes = (n_columns * sizeof(uint32_t) + 7) / 8 * 8;  // padded to 8
  // Each count is bounded by the file before it is multiplied, so nothing overflows.
  uint64_t size = tables.size();
  bool fits = n_lists < size / sizeof(uint64_t) && n_intervals <= size / sizeof(PloidyInterval) &&
              n_breakpoints <= size / sizeof(Breakpoint);
  if (!fits || columns_bytes + (n_lists + 1) * sizeof(uint64_t) + n_intervals * sizeof(PloidyInterval) +
                       n_breakpoints * sizeof(Breakpoint) !=
                   size) {
    return namer.Damaged(".cover", "", "its tables do not fill the file as its header says");
  }
  const uint8_t* at = tables.data();
  layout.list_of_column = reinterpret_cast<const uint32_t*>(at);
  at += columns_bytes;
  layout.list_offsets = reinterpret_cast<const uint64_t*>(at);
  at += (n_lists + 1) * sizeof(uint64_t);
  layout.intervals = reinterpret_cast<const PloidyInterval*>(at);
  at += n_intervals * sizeof(PloidyInterval);
  layout.breakpoints = reinterpret_cast<const Breakpoint*>(at);
  layout.n_lists = n_lists;
  layout.n_intervals = n_intervals;
  layout.n_breakpoints = n_breakpoints;
  for (size_t column = 0; column < n_columns; ++column) {
    if (layout.list_of_column[column] >= n_lists) return namer.Damaged(".cover", "", "a bad list number");
  }
  // Offsets rise to n_intervals, so every list lies inside the interval table.
  if (layout.list_offsets[0] != 0 || layout.list_offsets[n_lists] != n_intervals) {
    return namer.Damaged(".cover", "", "bad list offsets");
  }
  for (size_t list = 0; list < n_lists; ++list) {
    if (layout.list_offsets[list] > layout.list_offsets[list + 1]) {
      return namer.Damaged(".cover", "", "bad list offsets");
    }
  }
  return Status::Ok();
}

uint64_t SiteBlocksFor(uint64_t n_sites) {
  return n_sites / kSitesPerBlock + (n_sites % kSitesPerBlock != 0 ? 1 : 0);
}

// Format 4: no checksums; the footers and the .cover header are checked for shape only.
class DecoderV4 final : public FormatDecoder {
 public:
  int version() const override { return 4; }

  Status Decode(const ContigFiles& files, size_t n_columns, const DamageNamer& namer,
                ContigLayout& layout) const override {
    std::span<const uint8_t> sites = files.sites;
    if (sites.size() < sizeof(v4::SitesFooter)) return namer.Damaged(".sites", "", "shorter than its footer");
    v4::SitesFooter sites_footer;
    std::memcpy(&sites_footer, sites.data() + sites.size() - sizeof(sites_footer), sizeof(sites_footer));
    uint64_t room = sites.size() - sizeof(sites_footer);
    if (std::memcmp(sites_footer.magic, v4::kSitesMagic, 8) != 0 || sites_footer.index_offset % 8 != 0 ||
        sites_footer.index_offset > room ||
        room - sites_footer.index_offset != uint64_t{sites_footer.n_blocks} * sizeof(SiteBlockEntry) ||
        SiteBlocksFor(sites_footer.n_sites) != sites_footer.n_blocks) {
      return namer.Damaged(".sites", "footer", "not a format-4 footer that fits the file");
    }
    layout.site_blocks = reinterpret_cast<const SiteBlockEntry*>(sites.data() + sites_footer.index_offset);
    layout.n_site_blocks = sites_footer.n_blocks;
    layout.n_sites = sites_footer.n_sites;
    layout.max_ref_length = sites_footer.max_ref_length;
    ZENOME_RETURN_IF_ERROR(CheckBlocksTile(layout.site_blocks, layout.n_site_blocks, sites,
                                           sites_footer.index_offset, ".sites", namer));

    std::span<const uint8_t> genotypes = files.genotypes;
    if (genotypes.size() < sizeof(v4::GenotypeFooter))
      return namer.Damaged(".gt", "", "shorter than its footer");
    v4::GenotypeFooter footer;
    std::memcpy(&footer, genotypes.data() + genotypes.size() - sizeof(footer), sizeof(footer));
    room = genotypes.size() - sizeof(footer);
    if (std::memcmp(footer.magic, v4::kGenotypeMagic, 8) != 0 || footer.directory_offset % 8 != 0 ||
        footer.directory_offset > room ||
        room - footer.directory_offset != uint64_t{footer.n_blocks} * sizeof(GenotypeBlockEntry)) {
      return namer.Damaged(".gt", "footer", "not a format-4 footer that fits the file");
    }
    layout.genotype_blocks =
        reinterpret_cast<const GenotypeBlockEntry*>(genotypes.data() + footer.directory_offset);
    layout.n_genotype_blocks = footer.n_blocks;
    ZENOME_RETURN_IF_ERROR(CheckBlocksTile(layout.genotype_blocks, layout.n_genotype_blocks, genotypes,
                                           footer.directory_offset, ".gt", namer));

    std::span<const uint8_t> cover = files.cover;
    if (cover.size() < sizeof(v4::CoverHeader)) return namer.Damaged(".cover", "", "shorter than its header");
    v4::CoverHeader header;
    std::memcpy(&header, cover.data(), sizeof(header));
    if (std::memcmp(header.magic, v4::kCoverMagic, 8) != 0) {
      return namer.Damaged(".cover", "header", "not a format-4 header");
    }
    return DecodeCoverTables(cover.subspan(sizeof(header)), n_columns, header.n_columns, header.n_lists,
                             header.n_intervals, header.n_breakpoints, namer, layout);
  }
};

// Format 5: every table and footer under a checksum, checked here; the blocks' own checksums are
// checked when a block is read.
class DecoderV5 final : public FormatDecoder {
 public:
  int version() const override { return 5; }

  Status Decode(const ContigFiles& files, size_t n_columns, const DamageNamer& namer,
                ContigLayout& layout) const override {
    std::span<const uint8_t> sites = files.sites;
    if (sites.size() < sizeof(v5::SitesFooter)) return namer.Damaged(".sites", "", "shorter than its footer");
    v5::SitesFooter sites_footer;
    std::memcpy(&sites_footer, sites.data() + sites.size() - sizeof(sites_footer), sizeof(sites_footer));
    uint64_t computed = Checksum(&sites_footer, offsetof(v5::SitesFooter, footer_checksum));
    if (computed != sites_footer.footer_checksum) {
      return namer.Mismatch(".sites", "footer", sites_footer.footer_checksum, computed);
    }
    uint64_t room = sites.size() - sizeof(sites_footer);
    uint64_t table_bytes = uint64_t{sites_footer.n_blocks} * (sizeof(SiteBlockEntry) + sizeof(uint64_t));
    if (std::memcmp(sites_footer.magic, v5::kSitesMagic, 8) != 0 || sites_footer.version != 5 ||
        sites_footer.index_offset % 8 != 0 || sites_footer.index_offset > room ||
        room - sites_footer.index_offset != table_bytes ||
        SiteBlocksFor(sites_footer.n_sites) != sites_footer.n_blocks) {
      return namer.Damaged(".sites", "footer", "not a format-5 footer that fits the file");
    }
    const uint8_t* index = sites.data() + sites_footer.index_offset;
    computed = Checksum(index, table_bytes);
    if (computed != sites_footer.index_checksum) {
      return namer.Mismatch(".sites", "block index", sites_footer.index_checksum, computed);
    }
    layout.site_blocks = reinterpret_cast<const SiteBlockEntry*>(index);
    layout.site_checksums =
        reinterpret_cast<const uint64_t*>(index + sites_footer.n_blocks * sizeof(SiteBlockEntry));
    layout.n_site_blocks = sites_footer.n_blocks;
    layout.n_sites = sites_footer.n_sites;
    layout.max_ref_length = sites_footer.max_ref_length;
    ZENOME_RETURN_IF_ERROR(CheckBlocksTile(layout.site_blocks, layout.n_site_blocks, sites,
                                           sites_footer.index_offset, ".sites", namer));

    std::span<const uint8_t> genotypes = files.genotypes;
    if (genotypes.size() < sizeof(v5::GenotypeFooter))
      return namer.Damaged(".gt", "", "shorter than its footer");
    v5::GenotypeFooter footer;
    std::memcpy(&footer, genotypes.data() + genotypes.size() - sizeof(footer), sizeof(footer));
    computed = Checksum(&footer, offsetof(v5::GenotypeFooter, footer_checksum));
    if (computed != footer.footer_checksum)
      return namer.Mismatch(".gt", "footer", footer.footer_checksum, computed);
    room = genotypes.size() - sizeof(footer);
    table_bytes = uint64_t{footer.n_blocks} * (sizeof(GenotypeBlockEntry) + sizeof(uint64_t));
    if (std::memcmp(footer.magic, v5::kGenotypeMagic, 8) != 0 || footer.version != 5 ||
        footer.directory_offset % 8 != 0 || footer.directory_offset > room ||
        room - footer.directory_offset != table_bytes) {
      return namer.Damaged(".gt", "footer", "not a format-5 footer that fits the file");
    }
    const uint8_t* directory = genotypes.data() + footer.directory_offset;
    computed = Checksum(directory, table_bytes);
    if (computed != footer.directory_checksum) {
      return namer.Mismatch(".gt", "block directory", footer.directory_checksum, computed);
    }
    layout.genotype_blocks = reinterpret_cast<const GenotypeBlockEntry*>(directory);
    layout.genotype_checksums =
        reinterpret_cast<const uint64_t*>(directory + footer.n_blocks * sizeof(GenotypeBlockEntry));
    layout.n_genotype_blocks = footer.n_blocks;
    ZENOME_RETURN_IF_ERROR(CheckBlocksTile(layout.genotype_blocks, layout.n_genotype_blocks, genotypes,
                                           footer.directory_offset, ".gt", namer));

    std::span<const uint8_t> cover = files.cover;
    if (cover.size() < sizeof(v5::CoverHeader)) return namer.Damaged(".cover", "", "shorter than its header");
    v5::CoverHeader header;
    std::memcpy(&header, cover.data(), sizeof(header));
    computed = Checksum(&header, offsetof(v5::CoverHeader, header_checksum));
    if (computed != header.header_checksum)
      return namer.Mismatch(".cover", "header", header.header_checksum, computed);
    if (std::memcmp(header.magic, v5::kCoverMagic, 8) != 0 || header.version != 5) {
      return namer.Damaged(".cover", "header", "not a format-5 header");
    }
    std::span<const uint8_t> tables = cover.subspan(sizeof(header));
    computed = Checksum(tables.data(), tables.size());
    if (computed != header.tables_checksum)
      return namer.Mismatch(".cover", "tables", header.tables_checksum, computed);
    return DecodeCoverTables(tables, n_columns, header.n_columns, header.n_lists, header.n_intervals,
                             header.n_breakpoints, namer, layout);
  }
};

}  // namespace

const FormatDecoder* DecoderForVersion(int version) {
  static const DecoderV4 v4;
  static const DecoderV5 v5;
  switch (version) {
    case 4: return &v4;
    case 5: return &v5;
    default: return nullptr;
  }
}

}  // namespace zenome::segment
