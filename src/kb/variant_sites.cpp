#include "kb/variant_sites.h"

#include <htslib/bgzf.h>
#include <htslib/hts.h>
#include <htslib/kstring.h>
#include <htslib/tbx.h>
#include <htslib/vcf.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>

#include "core/contig_alias.h"
#include "core/contig_names.h"
#include "core/diagnostics.h"
#include "core/record_normalizer.h"
#include "core/reference.h"
#include "core/text.h"
#include "core/utf8.h"

namespace zenome {

// ---------------------------------------------------------------------------------------------
// Field specs

namespace {

bool IsNameChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

}  // namespace

std::string DefaultSiteSourceName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  base = base.substr(0, base.find('.'));
  std::string name;
  for (char c : base) name.push_back(IsNameChar(c) ? c : '_');
  if (name.empty()) return "sites";
  if (std::isdigit(static_cast<unsigned char>(name[0])) != 0) name.insert(name.begin(), '_');
  return name;
}

Result<SiteFieldSpec> ParseSiteFieldSpec(std::string_view text) {
  auto usage = [&](const std::string& why) {
    return Status::Usage("sites file argument '" + std::string(text) + "': " + why +
                         " (expected [NAME=]FILE:FIELD[,FIELD...], e.g. gnomad=gnomad.vcf.bgz:AF,AF_eas)");
  };
  SiteFieldSpec spec;
  std::string_view rest = text;
  size_t eq = rest.find('=');
  if (eq != std::string_view::npos && eq > 0 && rest.substr(0, eq).find('/') == std::string_view::npos &&
      std::all_of(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(eq), IsNameChar)) {
    spec.name.assign(rest.substr(0, eq));
    rest.remove_prefix(eq + 1);
  }
  size_t colon = rest.rfind(':');
  if (colon == std::string_view::npos) return usage("no ':' before the field list");
  spec.path.assign(rest.substr(0, colon));
  if (spec.path.empty()) return usage("no file name");
  std::string_view fields = rest.substr(colon + 1);
  if (fields.empty()) return usage("no fields after ':'");
  while (true) {
    size_t comma = fields.find(',');
    std::string_view field = fields.substr(0, comma);
    if (field.empty()) return usage("empty field name");
    if (std::find(spec.fields.begin(), spec.fields.end(), field) == spec.fields.end()) {
      spec.fields.emplace_back(field);
    }
    if (comma == std::string_view::npos) break;
    fields.remove_prefix(comma + 1);
  }
  if (spec.name.empty()) spec.name = DefaultSiteSourceName(spec.path);
  return spec;
}

// ---------------------------------------------------------------------------------------------
// Source

namespace {

struct HtsFileCloser {
  void operator()(htsFile* fp) const { hts_close(fp); }
};
struct TbxDeleter {
  void operator()(tbx_t* tbx) const { tbx_destroy(tbx); }
};
using HtsFilePtr = std::unique_ptr<htsFile, HtsFileCloser>;
using TbxPtr = std::unique_ptr<tbx_t, TbxDeleter>;

std::string IndexHint(const std::string& path) {
  return "index it with tabix -p vcf " + path;
}

Result<HtsFilePtr> OpenBgzippedVcf(const std::string& path) {
  HtsFilePtr fp(hts_open(path.c_str(), "r"));
  if (fp == nullptr) {
    return Status::NotFound(path + ": cannot open sites file: " + std::strerror(errno));
  }
  const htsFormat* format = hts_get_format(fp.get());
  if (format->format == bcf) {
    return Status::Unsupported(path +
                               ": BCF sites files are not supported; convert it with bcftools view -Oz -o " +
                               path + ".vcf.gz " + path + " and index that with tabix -p vcf");
  }
  if (format->format != vcf) return Status::BadInput(path + ": not a VCF file");
  if (format->compression != bgzf) {
    return Status::BadInput(path + ": sites files must be bgzip-compressed and indexed (this one is " +
                            (format->compression == gzip ? "plain gzip" : "not compressed") +
                            "): compress it with bgzip and " +
                            IndexHint(path + (format->compression == gzip ? "" : ".gz")));
  }
  return fp;
}

Result<TbxPtr> LoadIndex(const std::string& path) {
  TbxPtr tbx(tbx_index_load3(path.c_str(), nullptr, HTS_IDX_SILENT_FAIL));
  if (tbx == nullptr) {
    return Status::NotFound(path + " is not indexed (no .tbi or .csi index found): " + IndexHint(path));
  }
  return tbx;
}

std::string HeaderValue(bcf_hrec_t* hrec, const char* key) {
  if (hrec == nullptr) return {};
  int k = bcf_hrec_find_key(hrec, key);
  if (k < 0 || hrec->vals[k] == nullptr) return {};
  std::string value = hrec->vals[k];
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    value = value.substr(1, value.size() - 2);
  return value;
}

bool ContainsVersion(const char* key) {
  return AsciiLower(key).find("version") != std::string::npos;
}

// Spellings a per-contig file name may use for a reference contig: as the reference writes it,
// without "chr", with "chr", the mitochondrion's M/MT variants, and the names an installed contig
// alias table gives it (a reference saying NC_000001.11 finds gnomad.chr1.vcf.gz).
std::vector<std::string> FileNameSpellings(const std::string& name) {
  const std::string canonical = CanonicalContigName(name);
  std::vector<std::string> out = {name, canonical, "chr" + canonical};
  if (canonical == "MT") out.insert(out.end(), {"chrM", "M", "chrMT"});
  if (const ContigAliases* aliases = InstalledContigAliases()) {
    for (std::string& alias : aliases->NamesOf(name)) out.push_back(std::move(alias));
  }
  std::vector<std::string> unique;
  for (auto& s : out) {
    if (std::find(unique.begin(), unique.end(), s) == unique.end()) unique.push_back(std::move(s));
  }
  return unique;
}

}  // namespace

Status VariantSiteSource::CheckFile(const std::string& path, bool first, const ReferenceGenome* reference) {
  ZENOME_ASSIGN_OR_RETURN(HtsFilePtr fp, OpenBgzippedVcf(path));
  BcfHeaderPtr hdr(bcf_hdr_read(fp.get()));
  if (hdr == nullptr) return Status::BadInput(path + ": cannot parse the VCF header");
  ZENOME_ASSIGN_OR_RETURN(TbxPtr tbx, LoadIndex(path));
  {
    // Lookups by either spelling of a contig indexed twice (chr1 and 1) would find only one.
    int n = 0;
    const char** names = tbx_seqnames(tbx.get(), &n);
    ContigNameMap seen;
    for (int i = 0; i < n; ++i) {
      std::optional<std::string> other = seen.NativeName(names[i]);
      if (other) {
        std::string message = path + ": contigs '" + *other + "' and '" + names[i] +
                              "' are the same contig to zenome (" + SameContigRule() + "); keep one spelling";
        free(names);
        return Status::BadInput(message);
      }
      seen.Add(names[i]);
    }
    free(names);
  }
  for (const std::string& name : spec_.fields) {
    int id = bcf_hdr_id2int(hdr.get(), BCF_DT_ID, name.c_str());
    if (!bcf_hdr_idinfo_exists(hdr.get(), BCF_HL_INFO, id)) {
      std::string available;
      int listed = 0;
      int total = 0;
      for (int i = 0; i < hdr->nhrec; ++i) {
        if (hdr->hrec[i]->type != BCF_HL_INFO) continue;
        ++total;
        if (listed >= 60) continue;
        std::string info_id = HeaderValue(hdr->hrec[i], "ID");
        available += (listed++ == 0 ? "" : ", ") + info_id;
      }
      if (total > listed) available += ", ... (" + std::to_string(total - listed) + " more)";
      return Status::BadInput(path + ": INFO field '" + name + "' is not declared in the header; " +
                              (total == 0 ? std::string("the file declares no INFO fields")
                                          : "available INFO fields: " + available));
    }
    if (!first) continue;
    SiteField field;
    field.name = name;
    switch (bcf_hdr_id2length(hdr.get(), BCF_HL_INFO, id)) {
      case BCF_VL_A: field.number = SiteFieldNumber::kPerAlt; break;
      case BCF_VL_R: field.number = SiteFieldNumber::kPerAltWithRef; break;
      default: field.number = SiteFieldNumber::kWhole; break;
    }
    bcf_hrec_t* hrec = bcf_hdr_get_hrec(hdr.get(), BCF_HL_INFO, "ID", name.c_str(), nullptr);
    field.type = HeaderValue(hrec, "Type");
    field.description = HeaderValue(hrec, "Description");
    fields_.push_back(std::move(field));
  }
  std::vector<ContigLength> contigs;
  for (int i = 0; i < hdr->n[BCF_DT_CTG]; ++i) {
    contigs.push_back(
        {hdr->id[BCF_DT_CTG][i].key, static_cast<int64_t>(hdr->id[BCF_DT_CTG][i].val->info[0])});
  }
  if (reference != nullptr) {
    ZENOME_RETURN_IF_ERROR(
        CheckContigsAgree(reference->contigs(), "reference " + reference->path(), contigs, path));
  }
  if (first) {
    contigs_ = std::move(contigs);
    for (int i = 0; i < hdr->nhrec; ++i) {
      bcf_hrec_t* hrec = hdr->hrec[i];
      if (hrec->type != BCF_HL_GEN || hrec->value == nullptr) continue;
      std::string_view key = hrec->key;
      if (key == "fileDate" || key == "source" || key == "reference" || ContainsVersion(hrec->key)) {
        if (!version_.empty()) version_ += "; ";
        version_ += std::string(key) + "=" + hrec->value;
      }
    }
  }
  return Status::Ok();
}

Result<std::shared_ptr<const VariantSiteSource>> VariantSiteSource::Open(SiteFieldSpec spec,
                                                                         const ReferenceGenome* reference) {
  auto source = std::shared_ptr<VariantSiteSource>(new VariantSiteSource());
  source->spec_ = std::move(spec);
  const std::string& pattern = source->spec_.path;
  const size_t slot = pattern.find(kContigPlaceholder);
  if (slot == std::string::npos) {
    source->files_.push_back(pattern);
  } else {
    // One file per contig (gnomAD v3/v4 genomes): find each reference contig's file.
    if (reference == nullptr) {
      return Status::Usage(pattern + ": a " + std::string(kContigPlaceholder) +
                           " file pattern needs the reference to list the contigs");
    }
    std::string tried;
    for (const ContigLength& contig : reference->contigs()) {
      for (const std::string& spelling : FileNameSpellings(contig.name)) {
        std::string path = pattern;
        path.replace(slot, kContigPlaceholder.size(), spelling);
        if (tried.empty()) tried = path;
        std::error_code ignored;
        if (!std::filesystem::exists(path, ignored)) continue;
        source->file_by_contig_.emplace(CanonicalContigName(contig.name),
                                        static_cast<int>(source->files_.size()));
        source->files_.push_back(std::move(path));
        break;
      }
    }
    if (source->files_.empty()) {
      return Status::NotFound(pattern + ": no file matches the pattern for any reference contig (tried " +
                              tried + ", ...)");
    }
  }
  for (size_t i = 0; i < source->files_.size(); ++i) {
    ZENOME_RETURN_IF_ERROR(source->CheckFile(source->files_[i], i == 0, reference));
  }
  return std::shared_ptr<const VariantSiteSource>(std::move(source));
}

int VariantSiteSource::FileFor(std::string_view contig) const {
  if (file_by_contig_.empty()) return 0;
  auto it = file_by_contig_.find(CanonicalContigName(contig));
  return it == file_by_contig_.end() ? -1 : it->second;
}

// ---------------------------------------------------------------------------------------------
// Reader

struct VariantSiteReader::Handle {
  HtsFilePtr fp;
  TbxPtr tbx;
  ContigNameMap contigs;  // as the index spells them
  kstring_t line = KS_INITIALIZE;
  ~Handle() { ks_free(&line); }
};

VariantSiteReader::~VariantSiteReader() = default;

Result<std::unique_ptr<VariantSiteReader>> VariantSiteReader::Open(
    std::shared_ptr<const VariantSiteSource> source, ReferenceReader& reference, Diagnostics* diagnostics) {
  std::unique_ptr<VariantSiteReader> reader(new VariantSiteReader());
  reader->handles_.resize(source->files().size());
  reader->source_ = std::move(source);
  reader->reference_ = &reference;
  reader->diagnostics_ = diagnostics;
  reader->scratch_.alts.resize(1);
  // The first file now, so a file that vanished since the source was checked fails here.
  ZENOME_RETURN_IF_ERROR(reader->OpenFile(0));
  return reader;
}

Status VariantSiteReader::OpenFile(int file) {
  if (handles_[file] != nullptr) return Status::Ok();
  const std::string& path = source_->files()[file];
  auto handle = std::make_unique<Handle>();
  ZENOME_ASSIGN_OR_RETURN(handle->fp, OpenBgzippedVcf(path));
  ZENOME_ASSIGN_OR_RETURN(handle->tbx, LoadIndex(path));
  // Nearby windows re-read the same compressed blocks; keep recent ones decompressed.
  bgzf_set_cache_size(hts_get_bgzfp(handle->fp.get()), 16 << 20);
  int n = 0;
  const char** names = tbx_seqnames(handle->tbx.get(), &n);
  for (int i = 0; i < n; ++i) handle->contigs.Add(names[i]);
  free(names);
  handles_[file] = std::move(handle);
  return Status::Ok();
}

namespace {

void UpperCase(std::string& s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
}

// Alleles that name no sequence change to look up.
bool IsSkippedAlt(std::string_view alt, std::string_view ref) {
  return alt.empty() || alt == "*" || alt == "." || alt == "<*>" || alt == "<NON_REF>" || alt == ref;
}

uint64_t AlleleHash(int64_t pos0, std::string_view ref, std::string_view alt) {
  uint64_t h = std::hash<std::string_view>{}(ref);
  h ^= std::hash<std::string_view>{}(alt) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= static_cast<uint64_t>(pos0) * 0xff51afd7ed558ccdULL;
  return h;
}

// The n-th comma-separated element and the element count.
std::string_view NthElement(std::string_view list, size_t n, size_t& count) {
  std::string_view found;
  count = 0;
  size_t start = 0;
  while (true) {
    size_t comma = list.find(',', start);
    if (count == n)
      found = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    ++count;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return found;
}

// What the record reader below needs to know and tells back.
struct ReadContext {
  std::string_view contig;  // the index's spelling of the contig queried
  int tid = -1;
  int64_t pos0 = 0;     // of the record just read
  std::string problem;  // why a line could not be read
  std::string field = "POS";
};

// The index iterator's record reader (htslib hts_readrec_func). tabix's own reader scans every
// line in full (it looks for END= in INFO), which costs more than everything else here on
// gnomAD's kilobyte-wide lines; this one reads CHROM, POS and the length of REF only.
int ReadSiteLine(BGZF* fp, void* data, void* record, int* tid, hts_pos_t* beg, hts_pos_t* end) {
  auto* context = static_cast<ReadContext*>(data);
  auto* line = static_cast<kstring_t*>(record);
  int got = 0;
  // '#' lines are not records, as tabix indexes them (a second header in a concatenated file);
  // read as records, one would end the query early or fail it.
  do {
    got = bgzf_getline(fp, '\n', line);
  } while (got >= 0 && line->l > 0 && line->s[0] == '#');
  if (got < 0) return got;
  std::string_view text(line->s, line->l);
  size_t c1 = text.find('\t');
  size_t c2 = c1 == std::string_view::npos ? c1 : text.find('\t', c1 + 1);
  size_t c3 = c2 == std::string_view::npos ? c2 : text.find('\t', c2 + 1);
  size_t c4 = c3 == std::string_view::npos ? c3 : text.find('\t', c3 + 1);
  if (c4 == std::string_view::npos) {
    context->problem = "record has fewer than 5 columns: " + std::string(text.substr(0, 80));
    return -4;
  }
  int64_t pos1 = 0;
  auto [ptr, ec] = std::from_chars(text.data() + c1 + 1, text.data() + c2, pos1);
  if (ec != std::errc() || ptr != text.data() + c2 || pos1 < 1) {
    context->problem =
        "POS '" + std::string(text.substr(c1 + 1, c2 - c1 - 1)) + "' is not a positive integer";
    return -4;
  }
  const std::string_view chrom = text.substr(0, c1);
  if (chrom != context->contig && chrom.find('\0') != std::string_view::npos) {
    // tabix indexes such a line under a name cut at the NUL, so it can sit inside the query of
    // the next contig: ending the query on it would silently drop that contig's records.
    context->field = "CHROM";
    context->problem = "CHROM contains a NUL byte (binary data in a text VCF?)";
    return -4;
  }
  *tid = chrom == context->contig ? context->tid : -1;  // another contig ends the query
  context->pos0 = pos1 - 1;
  *beg = pos1 - 1;
  *end = pos1 - 1 + static_cast<hts_pos_t>(std::max<size_t>(c4 - c3 - 1, 1));
  return got;
}

// Windows closer than this share one index query. A tabix/CSI query starts reading at the first
// record of its 16 kb linear-index bin anyway, so separate queries within one bin would re-read
// the same records; across a wider gap a fresh query is cheaper than reading through it.
constexpr int64_t kClusterGap = int64_t{1} << 14;

}  // namespace

Status VariantSiteReader::Normalise(std::string_view contig) {
  if (!IsNormalisable(scratch_)) return Status::Ok();
  ZENOME_ASSIGN_OR_RETURN(bool changed, NormaliseAlleles(scratch_, contig, *reference_));
  (void)changed;
  return Status::Ok();
}

Result<Interval0> VariantSiteReader::MatchWindow(std::string_view contig, int64_t pos0, std::string_view ref,
                                                 std::string_view alt) {
  scratch_.pos0 = pos0;
  scratch_.ref.assign(ref);
  scratch_.alts[0].assign(alt);
  UpperCase(scratch_.ref);
  UpperCase(scratch_.alts[0]);
  const int64_t written_end = pos0 + std::max<int64_t>(1, static_cast<int64_t>(ref.size()));
  if (IsSkippedAlt(scratch_.alts[0], scratch_.ref) || !IsNormalisable(scratch_)) {
    return Interval0{pos0, written_end};
  }
  ZENOME_RETURN_IF_ERROR(Normalise(contig));
  ZENOME_ASSIGN_OR_RETURN(int64_t end, ShiftableRegionEnd(scratch_, contig, *reference_));
  // The window also covers the allele as the caller wrote it, so Lookup finds it loaded.
  return Interval0{std::min(pos0, scratch_.pos0),
                   std::max({end, written_end, scratch_.pos0 + static_cast<int64_t>(scratch_.ref.size())})};
}

bool VariantSiteReader::InLoadedWindows(int64_t pos0) const {
  auto it = std::upper_bound(windows_.begin(), windows_.end(), pos0,
                             [](int64_t pos, const Interval0& w) { return pos < w.start; });
  return it != windows_.begin() && std::prev(it)->Contains(pos0);
}

Status VariantSiteReader::Load(std::string_view contig, std::vector<Interval0> windows) {
  arena_.clear();
  entries_.clear();
  values_.clear();
  by_hash_.clear();
  windows_.clear();
  loaded_contig_ = CanonicalContigName(contig);
  loaded_contig_spelling_.assign(contig);  // the reference knows this spelling
  std::sort(windows.begin(), windows.end(),
            [](const Interval0& a, const Interval0& b) { return a.start < b.start; });
  for (const Interval0& w : windows) {
    if (w.empty()) continue;
    if (!windows_.empty() && w.start <= windows_.back().end) {
      windows_.back().end = std::max(windows_.back().end, w.end);
    } else {
      windows_.push_back(w);
    }
  }
  loaded_file_ = source_->FileFor(contig);
  if (loaded_file_ < 0 || windows_.empty()) return Status::Ok();
  ZENOME_RETURN_IF_ERROR(OpenFile(loaded_file_));
  Handle& handle = *handles_[loaded_file_];
  const std::string& path = source_->files()[loaded_file_];
  auto native = handle.contigs.NativeName(contig);
  if (!native) return Status::Ok();
  tbx_t* tbx = handle.tbx.get();
  const int tid = tbx_name2id(tbx, native->c_str());
  if (tid < 0) return Status::Ok();

  Interval0 previous{-1, -1};
  for (size_t w = 0; w < windows_.size();) {
    Interval0 cluster = windows_[w];
    size_t next = w + 1;
    while (next < windows_.size() && windows_[next].start - cluster.end < kClusterGap) {
      cluster.end = windows_[next++].end;
    }
    w = next;
    std::unique_ptr<hts_itr_t, void (*)(hts_itr_t*)> itr(
        hts_itr_query(tbx->idx, tid, cluster.start, cluster.end, ReadSiteLine), hts_itr_destroy);
    if (itr == nullptr) {
      return Status::Io(path + ": index query failed for " + *native + ":" +
                        std::to_string(cluster.start + 1) + "-" + std::to_string(cluster.end));
    }
    ReadContext context;
    context.contig = *native;
    context.tid = tid;
    BGZF* bgzf = hts_get_bgzfp(handle.fp.get());
    int got;
    while ((got = hts_itr_next(bgzf, itr.get(), &handle.line, &context)) >= 0) {
      const std::string_view line(handle.line.s, handle.line.l);
      const size_t ref_start = [&] {
        size_t at = 0;
        for (int tabs = 0; tabs < 3; ++tabs) at = line.find('\t', at) + 1;
        return at;
      }();
      const int64_t ref_length = static_cast<int64_t>(line.find('\t', ref_start) - ref_start);
      const Interval0 span{context.pos0, context.pos0 + ref_length};
      if (span.start < cluster.start && span.Overlaps(previous)) continue;  // decoded with the last cluster
      auto first = std::upper_bound(windows_.begin(), windows_.end(), span.start,
                                    [](int64_t pos, const Interval0& win) { return pos < win.end; });
      if (first == windows_.end() || first->start >= std::max(span.end, span.start + 1)) continue;
      ZENOME_RETURN_IF_ERROR(DecodeRecord(line, context.pos0));
    }
    if (got == -4) {
      return Status::BadInputAt({path, 0, context.field}, "in " + *native + ": " + context.problem);
    }
    if (got < -1) {
      return Status::Io(path + ": read failed in " + *native + ":" + std::to_string(cluster.start + 1) + "-" +
                        std::to_string(cluster.end) + " (truncated or corrupt bgzip file?)");
    }
    previous = cluster;
  }
  if (arena_.size() >= kMissing) {
    return Status::Unsupported(path + ": more than 4 GB of site data in one batch; use smaller batches");
  }
  by_hash_.reserve(entries_.size());
  for (uint32_t i = 0; i < entries_.size(); ++i) by_hash_.emplace_back(entries_[i].hash, i);
  std::sort(by_hash_.begin(), by_hash_.end());
  return Status::Ok();
}

Status VariantSiteReader::DecodeRecord(std::string_view line, int64_t pos0) {
  std::string_view cols[8];
  size_t start = 0;
  int n = 0;
  while (n < 8) {
    size_t tab = line.find('\t', start);
    cols[n++] = line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start);
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  const std::string_view id = n > 2 && cols[2] != "." ? cols[2] : std::string_view();
  const std::string_view ref = cols[3];
  std::string_view alt_column = n > 4 ? cols[4] : std::string_view();
  std::string_view info = n > 7 && cols[7] != "." ? cols[7] : std::string_view();

  // The requested INFO values as written (whole lists), found by one pass over INFO.
  const auto& fields = source_->fields();
  const size_t n_fields = fields.size();
  scratch_raw_.assign(n_fields, std::string_view());
  scratch_found_.assign(n_fields, 0);
  while (!info.empty()) {
    size_t semi = info.find(';');
    std::string_view pair = info.substr(0, semi);
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    for (size_t k = 0; k < n_fields; ++k) {
      if (scratch_found_[k] == 0 && fields[k].name == key) {
        scratch_found_[k] = 1;
        scratch_raw_[k] = eq == std::string_view::npos ? std::string_view("1") : pair.substr(eq + 1);  // Flag
      }
    }
    if (semi == std::string_view::npos) break;
    info.remove_prefix(semi + 1);
  }

  scratch_alts_.clear();
  while (true) {
    size_t comma = alt_column.find(',');
    scratch_alts_.push_back(alt_column.substr(0, comma));
    if (comma == std::string_view::npos) break;
    alt_column.remove_prefix(comma + 1);
  }
  const size_t n_alts = scratch_alts_.size();
  for (size_t a = 0; a < n_alts; ++a) {
    scratch_.pos0 = pos0;
    scratch_.ref.assign(ref);
    scratch_.alts[0].assign(scratch_alts_[a]);
    UpperCase(scratch_.ref);
    UpperCase(scratch_.alts[0]);
    if (IsSkippedAlt(scratch_.alts[0], scratch_.ref)) continue;
    ZENOME_RETURN_IF_ERROR(Normalise(loaded_contig_spelling_));
    Entry entry;
    entry.pos0 = scratch_.pos0;
    entry.hash = AlleleHash(scratch_.pos0, scratch_.ref, scratch_.alts[0]);
    entry.ref_offset = static_cast<uint32_t>(arena_.size());
    entry.ref_length = static_cast<uint32_t>(scratch_.ref.size());
    arena_ += scratch_.ref;
    entry.alt_offset = static_cast<uint32_t>(arena_.size());
    entry.alt_length = static_cast<uint32_t>(scratch_.alts[0].size());
    arena_ += scratch_.alts[0];
    entry.id_offset = static_cast<uint32_t>(arena_.size());
    entry.id_length = static_cast<uint32_t>(id.size());
    arena_ += id;
    entry.values = static_cast<uint32_t>(values_.size());
    for (size_t k = 0; k < n_fields; ++k) {
      const uint32_t offset = static_cast<uint32_t>(arena_.size());
      if (scratch_found_[k] == 0) {
        values_.push_back({0, kMissing});
        continue;
      }
      const std::string_view whole = scratch_raw_[k];
      if (fields[k].number == SiteFieldNumber::kWhole) {
        arena_ += whole;
      } else {
        // Number=A: this ALT's value; Number=R: the REF value and this ALT's, as "REF,ALT".
        const bool with_ref = fields[k].number == SiteFieldNumber::kPerAltWithRef;
        const size_t expected = with_ref ? n_alts + 1 : n_alts;
        size_t count = 0;
        std::string_view mine = NthElement(whole, with_ref ? a + 1 : a, count);
        if (count != expected) {
          if (diagnostics_ != nullptr) {
            diagnostics_->Warn(
                "sites: wrong value count",
                Status::BadInputAt({source_->files()[loaded_file_], 0, fields[k].name},
                                   "record at " + std::string(cols[0]) + ":" + std::string(cols[1]) +
                                       " has " + std::to_string(count) + " values for " +
                                       std::to_string(n_alts) +
                                       " ALT alleles (Number=" + (with_ref ? "R" : "A") + "); value dropped")
                    .message());
          }
          values_.push_back({0, kMissing});
          continue;
        }
        if (with_ref) {
          std::string_view ref_value = NthElement(whole, 0, count);
          if (ref_value == "." && mine == ".")
            mine = ".";
          else {
            arena_ += ref_value;
            arena_ += ',';
          }
        }
        arena_ += mine;
      }
      const std::string_view written(arena_.data() + offset, arena_.size() - offset);
      if (written.empty() || written == ".") {
        arena_.resize(offset);
        values_.push_back({0, kMissing});
      } else {
        values_.push_back({offset, static_cast<uint32_t>(written.size())});
      }
    }
    entries_.push_back(entry);
  }
  return Status::Ok();
}

Result<std::optional<SiteValues>> VariantSiteReader::Lookup(std::string_view contig, int64_t pos0,
                                                            std::string_view ref, std::string_view alt) {
  if (loaded_contig_.empty() ||
      (contig != loaded_contig_spelling_ && CanonicalContigName(contig) != loaded_contig_)) {
    return Status::Internal(source_->path() + ": lookup on " + std::string(contig) +
                            " but the loaded region is on '" + loaded_contig_ + "'; call Load first");
  }
  scratch_.pos0 = pos0;
  scratch_.ref.assign(ref);
  scratch_.alts[0].assign(alt);
  UpperCase(scratch_.ref);
  UpperCase(scratch_.alts[0]);
  if (IsSkippedAlt(scratch_.alts[0], scratch_.ref)) return std::optional<SiteValues>();
  if (!InLoadedWindows(pos0)) {
    // Symbolic alleles (<DEL>, breakends) match only as written; callers may leave them out.
    if (!IsNormalisable(scratch_)) return std::optional<SiteValues>();
    return Status::Internal(source_->path() + ": allele " + std::string(contig) + ":" +
                            std::to_string(pos0 + 1) + " " + std::string(ref) + ">" + std::string(alt) +
                            " is outside the loaded windows; Load its MatchWindow first");
  }
  ZENOME_RETURN_IF_ERROR(Normalise(contig));
  const uint64_t hash = AlleleHash(scratch_.pos0, scratch_.ref, scratch_.alts[0]);
  auto it = std::lower_bound(by_hash_.begin(), by_hash_.end(), std::make_pair(hash, uint32_t{0}));
  for (; it != by_hash_.end() && it->first == hash; ++it) {
    const Entry& e = entries_[it->second];
    if (e.pos0 == scratch_.pos0 && Text(e.ref_offset, e.ref_length) == scratch_.ref &&
        Text(e.alt_offset, e.alt_length) == scratch_.alts[0]) {
      return std::optional<SiteValues>(SiteValues(this, it->second));
    }
  }
  return std::optional<SiteValues>();
}

size_t SiteValues::size() const {
  return reader_->source_->fields().size();
}

bool SiteValues::has(size_t field) const {
  return reader_->values_[reader_->entries_[entry_].values + field].length != VariantSiteReader::kMissing;
}

std::string_view SiteValues::value(size_t field) const {
  const auto& span = reader_->values_[reader_->entries_[entry_].values + field];
  if (span.length == VariantSiteReader::kMissing) return {};
  return reader_->Text(span.offset, span.length);
}

std::string_view SiteValues::id() const {
  const auto& e = reader_->entries_[entry_];
  return reader_->Text(e.id_offset, e.id_length);
}

// ---------------------------------------------------------------------------------------------
// CSQ escaping

void AppendCsqEscaped(std::string_view value, std::string& out) {
  bool in_space = false;
  for (size_t at = 0; at < value.size();) {
    const char c = value[at];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      if (!in_space) out.push_back('_');
      in_space = true;
      ++at;
      continue;
    }
    in_space = false;
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x80) {  // UTF-8 as it is; bytes that are not UTF-8 percent-encoded
      const size_t length = Utf8SequenceLength(value, at);
      if (length == 0) {
        AppendPercentEncoded(byte, out);
        ++at;
      } else {
        out.append(value.substr(at, length));
        at += length;
      }
      continue;
    }
    switch (c) {
      case ',':
      case '|': out.push_back('&'); break;
      case ';': out += "%3B"; break;
      case '=': out += "%3D"; break;
      default:
        if (byte < 0x20 || byte == 0x7f) {
          AppendPercentEncoded(byte, out);  // NUL and other control characters
        } else {
          out.push_back(c);
        }
        break;
    }
    ++at;
  }
}

std::string EscapeCsqValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  AppendCsqEscaped(value, out);
  return out;
}

}  // namespace zenome
