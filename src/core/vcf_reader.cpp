#include "core/vcf_reader.h"

#include <htslib/bgzf.h>
#include <htslib/hts.h>
#include <htslib/kseq.h>
#include <htslib/kstring.h>
#include <htslib/vcf.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <map>

#include "core/diagnostics.h"
#include "core/sequence.h"

namespace zenome {

namespace {

// Splits `line` on tabs into at most `max_fields` views; returns how many there were in total.
size_t SplitTabs(std::string_view line, std::string_view* fields, size_t max_fields) {
  size_t count = 0;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    std::string_view field = line.substr(start, tab == std::string_view::npos ? line.npos : tab - start);
    if (count < max_fields) fields[count] = field;
    ++count;
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return count;
}

std::string Quote(std::string_view text) {
  constexpr size_t kMax = 40;
  std::string shown(text.substr(0, kMax));
  if (text.size() > kMax) shown += "...";
  return "'" + shown + "'";
}

Status FieldError(const InputLocation& where, std::string_view field, std::string_view message) {
  InputLocation at = where;
  at.field = std::string(field);
  return Status::BadInputAt(at, message);
}

bool ValidAltAllele(std::string_view allele) {
  if (allele.empty()) return false;
  if (allele == "*") return true;
  if (allele.front() == '<') return allele.size() > 2 && allele.back() == '>';
  // Breakends: t[p[, t]p], ]p]t, [p[t and single breakends .t / t.
  if (allele.find_first_of("[]") != std::string_view::npos) return true;
  if (allele.size() > 1 && (allele.front() == '.' || allele.back() == '.')) return true;
  for (char c : allele) {
    if (!IsAcgtnBase(c)) return false;
  }
  return true;
}

bool ValidInfoKey(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    bool ok =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

// True when `key` is declared in the header as the given kind (BCF_HL_INFO, BCF_HL_FMT, ...).
bool Declared(const bcf_hdr_t* header, int kind, std::string_view key) {
  std::array<char, 256> buffer{};
  if (key.size() >= buffer.size()) return false;
  std::memcpy(buffer.data(), key.data(), key.size());
  if (kind == BCF_HL_CTG) return bcf_hdr_name2id(header, buffer.data()) >= 0;
  int id = bcf_hdr_id2int(header, BCF_DT_ID, buffer.data());
  return id >= 0 && bcf_hdr_idinfo_exists(header, kind, id);
}

void ReportUndeclared(Diagnostics* diagnostics, const InputLocation& where, std::string_view field,
                      std::string_view what, std::string_view key) {
  if (diagnostics == nullptr) return;
  InputLocation at = where;
  at.field = std::string(field);
  diagnostics->Warn("undeclared header " + std::string(what),
                    FormatLocation(at) + ": " + std::string(what) + " '" + std::string(key) +
                        "' is not declared in the header; accepted as htslib does");
}

// The VCF column a byte offset of a data line falls in, by name.
std::string ColumnName(std::string_view line, size_t offset, const bcf_hdr_t* header) {
  static constexpr const char* kFixed[] = {"CHROM", "POS",    "ID",   "REF",   "ALT",
                                           "QUAL",  "FILTER", "INFO", "FORMAT"};
  size_t column = static_cast<size_t>(std::count(line.begin(), line.begin() + offset, '\t'));
  if (column < std::size(kFixed)) return kFixed[column];
  size_t sample = column - std::size(kFixed);
  if (header != nullptr && sample < static_cast<size_t>(bcf_hdr_nsamples(header))) {
    return "sample " + std::string(header->samples[sample]);
  }
  return "column " + std::to_string(column + 1);
}

bool SameAllele(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// An ALT equal to REF or to an earlier ALT is no alternate allele: VCF's ALT lists non-reference
// alleles, and bcftools norm stops on "Duplicate alleles".
std::string DuplicateAlleleMessage(std::string_view allele, bool same_as_ref) {
  if (same_as_ref) {
    return "ALT allele " + Quote(allele) +
           " is the same as REF: not a variant (ALT lists non-reference alleles; '.' when there is none)";
  }
  return "ALT allele " + Quote(allele) + " is listed twice";
}

// `earlier`: the comma-separated ALTs before `allele`. Empty when the allele is new.
std::string DuplicateAlleleProblem(std::string_view ref, std::string_view earlier, std::string_view allele) {
  if (SameAllele(allele, ref)) return DuplicateAlleleMessage(allele, true);
  while (!earlier.empty()) {
    size_t comma = earlier.find(',');
    if (SameAllele(allele, earlier.substr(0, comma))) return DuplicateAlleleMessage(allele, false);
    if (comma == earlier.npos) break;
    earlier.remove_prefix(comma + 1);
  }
  return {};
}

std::string_view ErrcodeField(int errcode) {
  if (errcode & BCF_ERR_NCOLS) return "columns";
  if (errcode & BCF_ERR_CHAR) return "FORMAT";
  if (errcode & (BCF_ERR_CTG_INVALID)) return "CHROM";
  if (errcode & (BCF_ERR_TAG_INVALID)) return "INFO/FORMAT";
  if (errcode & BCF_ERR_LIMITS) return "record";
  return "record";
}

// Checks the GT value (first FORMAT key) of every sample: allele indexes within the ALT count or
// '.', separated by '/' or '|'.
Status ValidateGenotypes(std::string_view line, std::string_view alt, const bcf_hdr_t* header,
                         const InputLocation& where) {
  int n_alleles = alt == "." ? 1 : 1 + static_cast<int>(std::count(alt.begin(), alt.end(), ',')) + 1;
  size_t column_start = 0;
  for (int column = 0; column < 9; ++column) column_start = line.find('\t', column_start) + 1;
  for (int sample = 0; column_start != 0 && column_start <= line.size(); ++sample) {
    size_t column_end = line.find('\t', column_start);
    std::string_view value =
        line.substr(column_start, column_end == line.npos ? line.npos : column_end - column_start);
    std::string_view gt = value.substr(0, value.find(':'));
    bool ok = !gt.empty();
    bool expect_allele = true;
    int allele = -1;
    for (size_t i = 0; ok && i <= gt.size(); ++i) {
      char c = i < gt.size() ? gt[i] : '/';
      if (expect_allele) {
        if (c == '.') {
          expect_allele = false;
        } else if (c >= '0' && c <= '9') {
          allele = allele < 0 ? c - '0' : allele * 10 + (c - '0');
          if (allele >= n_alleles) ok = false;
          if (i + 1 < gt.size() && gt[i + 1] >= '0' && gt[i + 1] <= '9') continue;
          expect_allele = false;
        } else {
          ok = false;
        }
      } else {
        ok = c == '/' || c == '|';
        expect_allele = true;
        allele = -1;
      }
    }
    if (!ok) {
      std::string sample_name = sample < bcf_hdr_nsamples(header) ? header->samples[sample] : "?";
      return FieldError(where, "FORMAT/GT of sample " + sample_name,
                        "expected allele indexes 0.." + std::to_string(n_alleles - 1) +
                            " or '.' separated by '/' or '|', found " + Quote(gt));
    }
    if (column_end == line.npos) break;
    column_start = column_end + 1;
  }
  return Status::Ok();
}

// Digits with at most one '.' (QUAL as callers write it): a number strtod reads whole.
bool PlainDecimal(std::string_view text) {
  bool digit = false;
  bool point = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digit;
}

bool KnownDeclared(const VcfLineCheckCache* cache, std::string_view key) {
  if (cache == nullptr) return false;
  for (const std::string& known : cache->declared_info) {
    if (known == key) return true;
  }
  return false;
}

}  // namespace

Status ValidateVcfDataLine(std::string_view line, const bcf_hdr_t* header, const InputLocation& where,
                           Diagnostics* diagnostics, VcfLineCheckCache* cache) {
  constexpr size_t kFixed = 8;
  // htslib parses C strings: a NUL would silently cut the record short.
  if (size_t nul = line.find('\0'); nul != line.npos) {
    return FieldError(where, ColumnName(line, nul, header),
                      "contains a NUL byte (binary data in a text VCF?); expected text");
  }
  std::array<std::string_view, 10> fields;
  size_t n = SplitTabs(line, fields.data(), fields.size());
  int n_samples = header != nullptr ? bcf_hdr_nsamples(header) : 0;
  size_t expected = n_samples > 0 ? kFixed + 1 + static_cast<size_t>(n_samples) : kFixed;
  if (n < kFixed) {
    return FieldError(where, "columns",
                      "expected at least 8 tab-separated columns, found " + std::to_string(n) +
                          (line.find(' ') != line.npos ? " (spaces are not column separators)" : ""));
  }
  if (n != expected && !(n_samples == 0 && n == kFixed + 1)) {
    return FieldError(where, "columns",
                      "expected " + std::to_string(expected) + " columns (" + std::to_string(n_samples) +
                          " samples in the header), found " + std::to_string(n));
  }
  std::string_view chrom = fields[0];
  if (chrom.empty() || chrom.find_first_of(" ,") != chrom.npos) {
    return FieldError(where, "CHROM", "expected a contig name, found " + Quote(chrom));
  }
  if (header != nullptr && !Declared(header, BCF_HL_CTG, chrom)) {
    ReportUndeclared(diagnostics, where, "CHROM", "contig", chrom);
  }
  std::string_view pos = fields[1];
  int64_t pos_value = 0;
  auto [ptr, ec] = std::from_chars(pos.data(), pos.data() + pos.size(), pos_value);
  if (pos.empty() || ec != std::errc() || ptr != pos.data() + pos.size() || pos_value < 1) {
    return FieldError(where, "POS", "expected a positive integer, found " + Quote(pos));
  }
  std::string_view ref = fields[3];
  if (ref.empty()) return FieldError(where, "REF", "is empty; expected bases (A, C, G, T, N)");
  for (char c : ref) {
    if (!IsAcgtnBase(c)) {
      return FieldError(where, "REF", "expected bases A, C, G, T or N, found " + Quote(ref));
    }
  }
  std::string_view alt = fields[4];
  if (alt.empty()) return FieldError(where, "ALT", "is empty; expected alleles or '.'");
  if (alt != ".") {
    size_t start = 0;
    for (;;) {
      size_t comma = alt.find(',', start);
      std::string_view allele = alt.substr(start, comma == alt.npos ? alt.npos : comma - start);
      if (!ValidAltAllele(allele)) {
        return FieldError(where, "ALT",
                          "expected comma-separated alleles (bases, *, <SYMBOLIC> or a breakend), "
                          "found " +
                              Quote(alt));
      }
      std::string duplicate = DuplicateAlleleProblem(ref, alt.substr(0, start == 0 ? 0 : start - 1), allele);
      if (!duplicate.empty()) return FieldError(where, "ALT", duplicate);
      if (comma == alt.npos) break;
      start = comma + 1;
    }
  }
  std::string_view qual = fields[5];
  if (qual != "." && !PlainDecimal(qual)) {
    char* end = nullptr;
    std::string copy(qual);
    std::strtod(copy.c_str(), &end);
    if (qual.empty() || end != copy.c_str() + copy.size()) {
      return FieldError(where, "QUAL", "expected a number or '.', found " + Quote(qual));
    }
  }
  if (fields[6].empty()) return FieldError(where, "FILTER", "is empty; expected PASS, '.' or filter names");
  std::string_view info = fields[7];
  if (info.empty()) return FieldError(where, "INFO", "is empty; expected '.' or KEY=VALUE entries");
  if (info != ".") {
    size_t start = 0;
    for (;;) {
      size_t semi = info.find(';', start);
      std::string_view entry = info.substr(start, semi == info.npos ? info.npos : semi - start);
      std::string_view key = entry.substr(0, entry.find('='));
      if (!ValidInfoKey(key)) {
        return FieldError(where, "INFO",
                          "expected KEY or KEY=VALUE entries separated by ';', found " + Quote(entry));
      }
      if (header != nullptr && !KnownDeclared(cache, key)) {
        if (Declared(header, BCF_HL_INFO, key)) {
          if (cache != nullptr) cache->declared_info.emplace_back(key);
        } else {
          ReportUndeclared(diagnostics, where, "INFO/" + std::string(key), "INFO tag", key);
        }
      }
      if (semi == info.npos) break;
      start = semi + 1;
    }
  }
  if (n > kFixed && header != nullptr) {
    std::string_view format = fields[8];
    const bool checked = cache != nullptr && !format.empty() && format == cache->checked_format;
    bool all_declared = true;
    size_t start = 0;
    for (; !checked;) {
      size_t colon = format.find(':', start);
      std::string_view key = format.substr(start, colon == format.npos ? format.npos : colon - start);
      if (!ValidInfoKey(key)) {
        return FieldError(where, "FORMAT", "expected KEY:KEY:... , found " + Quote(format));
      }
      // htslib keeps a repeated key and garbles the values (GT 0/1 is written back as "2,4").
      for (size_t seen = 0; seen < start;) {
        const size_t end = format.find(':', seen);
        if (format.substr(seen, end - seen) == key) {
          return FieldError(where, "FORMAT", "key " + Quote(key) + " appears twice in " + Quote(format));
        }
        seen = end + 1;
      }
      if (!Declared(header, BCF_HL_FMT, key)) {
        all_declared = false;
        ReportUndeclared(diagnostics, where, "FORMAT/" + std::string(key), "FORMAT tag", key);
      }
      if (colon == format.npos) break;
      start = colon + 1;
    }
    if (!checked && all_declared && cache != nullptr) cache->checked_format.assign(format);
    if (format.substr(0, 2) == "GT" && (format.size() == 2 || format[2] == ':')) {
      ZENOME_RETURN_IF_ERROR(ValidateGenotypes(line, fields[4], header, where));
    }
  }
  return Status::Ok();
}

struct VcfReader::Handle {
  htsFile* file = nullptr;
  kstring_t line = {0, 0, nullptr};
  bool threaded = false;  // BGZF blocks decompressed by the thread pool
  // htslib 1.16's threaded reader, when it cannot read a block, drops the blocks in flight and
  // goes on single-threaded from where its reading thread stopped (usually the end of the
  // file): the records in between vanish without an error. It has then left threaded mode.
  bool LostThreadedBlocks() const { return threaded && file->fp.bgzf->mt == nullptr; }
  ~Handle() {
    free(line.s);
    if (file != nullptr) hts_close(file);
  }
};

VcfReader::~VcfReader() {
  if (header_ != nullptr) bcf_hdr_destroy(header_);
}

Result<std::unique_ptr<VcfReader>> VcfReader::Open(const std::string& path, const VcfReaderOptions& options) {
  std::unique_ptr<VcfReader> reader(new VcfReader());
  reader->options_ = options;
  reader->display_path_ = path == "-" ? "<stdin>" : path;
  reader->where_.file = reader->display_path_;
  reader->handle_ = std::make_unique<Handle>();
  htsFile* file = hts_open(path.c_str(), "r");
  if (file == nullptr) {
    return Status::NotFound(reader->display_path_ + ": cannot open (" + std::strerror(errno) + ")");
  }
  reader->handle_->file = file;
  const htsFormat* format = hts_get_format(file);
  // The EOF check runs before any thread pool is attached: through the pool, htslib's check can
  // wait for ever on a corrupt file.
  const bool missing_eof = format->compression == bgzf && path != "-" && bgzf_check_EOF(file->fp.bgzf) == 0;
  if (format->format == empty_format) {
    // Compressed data that yields nothing is empty only if it decompresses cleanly to its end.
    char byte = 0;
    struct stat info = {};
    // The smallest gzip stream (an empty one) is 20 bytes.
    const bool gzip_stub =
        format->compression == gzip && path != "-" && stat(path.c_str(), &info) == 0 && info.st_size < 20;
    if (format->compression != no_compression &&
        (gzip_stub || missing_eof || bgzf_read(file->fp.bgzf, &byte, 1) < 0)) {
      return Status::Io(reader->display_path_ +
                        ": truncated or corrupt compressed file (decompression failed" +
                        (missing_eof ? "; the BGZF end-of-file marker is missing)" : ")"));
    }
    return Status::BadInput(reader->display_path_ + ": file is empty; expected a VCF or BCF header");
  }
  // Plain text that does not start with ##fileformat is read as text so the header check below
  // can say exactly what is wrong with it.
  if (format->format != vcf && format->format != bcf && format->format != text_format) {
    char* described = hts_format_description(format);
    std::string what = described != nullptr ? described : "unknown format";
    free(described);
    return Status::BadInput(reader->display_path_ + ": not a VCF or BCF file (looks like " + what + ")");
  }
  if (missing_eof && options.diagnostics != nullptr) {
    options.diagnostics->Warn("truncated file", reader->display_path_ +
                                                    ": the BGZF end-of-file marker is missing; "
                                                    "the file may be truncated");
  }
  // A truncated file is read on this thread: htslib's threaded reader reports a short last block
  // as a clean end of file.
  if (options.thread_pool != nullptr && format->compression == bgzf && !missing_eof) {
    htsThreadPool pool = {options.thread_pool, 0};
    if (hts_set_thread_pool(file, &pool) == 0) reader->handle_->threaded = true;
  }
  reader->missing_eof_ = missing_eof;
  reader->is_bcf_ = format->format == bcf;
  if (reader->is_bcf_) {
    reader->header_ = bcf_hdr_read(file);
    if (reader->header_ == nullptr) {
      return Status::BadInput(reader->display_path_ + ": cannot read the BCF header (corrupt or truncated)");
    }
  } else {
    ZENOME_RETURN_IF_ERROR(reader->ReadTextHeader());
  }
  return reader;
}

Status VcfReader::ReadTextHeader() {
  kstring_t text = {0, 0, nullptr};
  kstring_t& line = handle_->line;
  bool saw_chrom_line = false;
  std::map<std::string, int64_t> contig_lines;  // ##contig ID → its line
  int ret = 0;
  while ((ret = hts_getline(handle_->file, KS_SEP_LINE, &line)) >= 0) {
    ++line_;
    if (line.l == 0) continue;
    if (line.s[0] != '#') {
      free(text.s);
      InputLocation where{display_path_, line_, "header"};
      return Status::BadInputAt(where, line_ == 1 ? "expected a VCF header starting with ##fileformat=VCFv4.x"
                                                  : "data line before the #CHROM header line");
    }
    std::string_view header_line(line.s, line.l);
    if (header_line.find('\0') != header_line.npos) {
      free(text.s);
      return Status::BadInputAt({display_path_, line_, "header"},
                                "contains a NUL byte (binary data in a text VCF?); expected text");
    }
    // htslib keeps the first of two ##contig lines with one ID and drops the other unseen.
    if (header_line.substr(0, 13) == "##contig=<ID=") {
      std::string_view id = header_line.substr(13);
      id = id.substr(0, id.find_first_of(",>"));
      auto [seen, added] = contig_lines.try_emplace(std::string(id), line_);
      if (!added) {
        free(text.s);
        return Status::BadInputAt({display_path_, line_, "header"},
                                  "contig '" + std::string(id) + "' is declared twice (##contig lines " +
                                      std::to_string(seen->second) + " and " + std::to_string(line_) +
                                      "); expected one ##contig line per contig");
      }
    }
    kputsn(line.s, line.l, &text);
    kputc('\n', &text);
    if (line.l > 1 && line.s[1] != '#') {
      saw_chrom_line = true;
      // htslib rejects an empty sample name only at the end of the line; one between two tabs
      // elsewhere garbles the header it writes back.
      std::string_view chrom_line(line.s, line.l);
      if (!chrom_line.empty() && chrom_line.back() == '\r') chrom_line.remove_suffix(1);
      for (size_t start = 0, column = 1;; ++column) {
        const size_t tab = chrom_line.find('\t', start);
        if (column >= 10 && (tab == std::string_view::npos ? chrom_line.size() : tab) == start) {
          free(text.s);
          return Status::BadInputAt({display_path_, line_, "header"},
                                    "sample column " + std::to_string(column - 9) +
                                        " of the #CHROM line has an empty name (a doubled or trailing tab?)");
        }
        if (tab == std::string_view::npos) break;
        start = tab + 1;
      }
      break;
    }
  }
  if (ret < -1 || (ret == -1 && handle_->LostThreadedBlocks())) {
    free(text.s);
    return Status::Io(display_path_ + ": read error in the header (truncated or corrupt compressed file)");
  }
  const char* truncated = missing_eof_ ? " (the BGZF end-of-file marker is missing: truncated file?)" : "";
  if (line_ == 0 || text.s == nullptr) {
    free(text.s);
    if (missing_eof_) return Status::Io(display_path_ + ": no data" + truncated);
    return Status::BadInput(display_path_ + ": file is empty; expected a VCF header");
  }
  if (!saw_chrom_line) {
    free(text.s);
    return Status::BadInputAt(
        {display_path_, line_, "header"},
        std::string("the header has no #CHROM line (file ended inside the header)") + truncated);
  }
  if (std::strncmp(text.s, "##fileformat=VCF", 16) != 0) {
    free(text.s);
    return Status::BadInputAt({display_path_, 1, "header"},
                              "expected ##fileformat=VCFv4.x as the first line");
  }
  header_ = bcf_hdr_init("r");
  int parsed = header_ != nullptr ? bcf_hdr_parse(header_, text.s) : -1;
  free(text.s);
  if (parsed < 0) return Status::BadInput(display_path_ + ": malformed VCF header");
  return Status::Ok();
}

InputLocation VcfReader::Location(std::string_view field) const {
  return {display_path_, line_, std::string(field)};
}

int VcfReader::samples() const {
  return bcf_hdr_nsamples(header_);
}

std::vector<ContigLength> VcfReader::HeaderContigs() const {
  std::vector<ContigLength> contigs;
  int n = 0;
  const char** names = bcf_hdr_seqnames(header_, &n);
  for (int i = 0; i < n; ++i) {
    int64_t length = 0;
    int rid = bcf_hdr_name2id(header_, names[i]);
    if (rid >= 0 && header_->id[BCF_DT_CTG][rid].val != nullptr) {
      length = header_->id[BCF_DT_CTG][rid].val->info[0];
    }
    contigs.push_back({names[i], length});
  }
  free(names);
  return contigs;
}

Status VcfReader::AddMissingContigs(const std::vector<ContigLength>& contigs) {
  bool changed = false;
  for (const auto& contig : contigs) {
    if (bcf_hdr_name2id(header_, contig.name.c_str()) >= 0) continue;
    std::string line = "##contig=<ID=" + contig.name + ",length=" + std::to_string(contig.length) + ">";
    if (bcf_hdr_append(header_, line.c_str()) < 0) {
      return Status::Internal("cannot add " + line + " to the header of " + display_path_);
    }
    changed = true;
  }
  if (changed && bcf_hdr_sync(header_) < 0) return Status::Internal("bcf_hdr_sync failed");
  return Status::Ok();
}

Result<bool> VcfReader::Read(bcf1_t* record) {
  return is_bcf_ ? ReadBinary(record) : ReadText(record);
}

Result<bool> VcfReader::ReadText(bcf1_t* record) {
  kstring_t& line = handle_->line;
  for (;;) {
    int ret = hts_getline(handle_->file, KS_SEP_LINE, &line);
    if (ret == -1 && handle_->LostThreadedBlocks()) {
      return Status::Io(display_path_ + ": read error after line " + std::to_string(line_) +
                        " (truncated or corrupt compressed file: a BGZF block could not be read)");
    }
    if (ret == -1) return false;
    if (ret < -1) {
      return Status::Io(display_path_ + ":" + std::to_string(line_ + 1) +
                        ": read error (truncated or corrupt compressed file)");
    }
    ++line_;
    if (line.l == 0) continue;  // blank lines are tolerated, as htslib does
    break;
  }
  std::string_view text(line.s, line.l);
  if (!text.empty() && text.back() == '\r') {
    line.s[--line.l] = '\0';
    text.remove_suffix(1);
  }
  if (text.front() == '#') {
    return Status::BadInputAt(Location("header"), "header line after the #CHROM line");
  }
  where_.line = line_;
  ZENOME_RETURN_IF_ERROR(ValidateVcfDataLine(text, header_, where_, options_.diagnostics, &check_cache_));
  int ret = vcf_parse(&line, header_, record);
  constexpr int kTolerated = BCF_ERR_CTG_UNDEF | BCF_ERR_TAG_UNDEF;
  if (ret < 0 || (record->errcode & ~kTolerated) != 0) {
    return Status::BadInputAt(Location(ErrcodeField(record->errcode)),
                              "htslib could not parse this record (see its message above)");
  }
  record->errcode = 0;
  return true;
}

Result<bool> VcfReader::ReadBinary(bcf1_t* record) {
  int ret = bcf_read(handle_->file, header_, record);
  if (ret == -1 && handle_->LostThreadedBlocks()) ret = -2;
  if (ret == -1) return false;
  ++line_;
  if (ret < -1) {
    return Status::Io(display_path_ + ": record " + std::to_string(line_) +
                      ": read error (truncated or corrupt BCF)");
  }
  if (record->errcode != 0) {
    return Status::BadInputAt({display_path_, line_, std::string(ErrcodeField(record->errcode))},
                              "invalid BCF record");
  }
  bcf_unpack(record, BCF_UN_STR);
  for (int i = 1; i < record->n_allele; ++i) {
    for (int j = 0; j < i; ++j) {
      if (SameAllele(record->d.allele[i], record->d.allele[j])) {
        return Status::BadInputAt({display_path_, line_, "ALT"},
                                  DuplicateAlleleMessage(record->d.allele[i], j == 0));
      }
    }
  }
  return true;
}

}  // namespace zenome
