// LoadGeneModel: GFF3 (Ensembl, GENCODE, RefSeq-like) and GTF (Ensembl, GENCODE) into a GeneModel.
//
// One pass over the file tokenizes each line in place (string_views into the reader's buffer);
// only gene and transcript records are copied into strings. Exon-level features are kept as
// small fixed-size records pointing at their transcript, then grouped per transcript with a
// counting sort, checked, and assembled. Parents may appear after their children (GFF3 allows
// it), so parent links that cannot be resolved on the spot are resolved after the pass.

#include <algorithm>
#include <charconv>
#include <cstring>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/diagnostics.h"
#include "core/utf8.h"
#include "kb/gene_model.h"
#include "kb/line_reader.h"

namespace zenome {

namespace {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

enum class Format { kUnknown, kGff3, kGtf };

enum class Kind : uint8_t {
  kIgnored,  // not part of the gene model (chromosome, biological_region, ...)
  kGene,
  kTranscript,  // a known transcript type
  kOther,       // unknown type: a transcript when its parent turns out to be a gene (GFF3)
  kExon,
  kCds,
  kStartCodon,
  kStopCodon,
  kUtr,
};

Kind ClassifyType(std::string_view type, Format format) {
  if (type == "exon" || type == "pseudogenic_exon" || type == "noncoding_exon") return Kind::kExon;
  if (type == "CDS") return Kind::kCds;
  if (type == "stop_codon") return Kind::kStopCodon;
  if (type == "start_codon") return Kind::kStartCodon;
  if (type == "five_prime_UTR" || type == "three_prime_UTR" || type == "UTR" || type == "five_prime_utr" ||
      type == "three_prime_utr" || type == "5UTR" || type == "3UTR") {
    return Kind::kUtr;
  }
  if (type == "gene" || type == "pseudogene" || type.ends_with("_gene")) return Kind::kGene;
  if (type == "transcript" || type == "mRNA") return Kind::kTranscript;
  if (format == Format::kGtf) return Kind::kIgnored;  // Selenocysteine, ...
  if (type == "chromosome" || type == "region" || type == "biological_region" || type == "supercontig" ||
      type == "scaffold" || type == "contig" || type == "intron" || type == "Selenocysteine" ||
      type == "stop_codon_redefined_as_selenocysteine" || type == "match" || type == "cDNA_match" ||
      type == "match_part") {
    return Kind::kIgnored;
  }
  if (type.find("RNA") != std::string_view::npos || type.find("transcript") != std::string_view::npos ||
      type.ends_with("gene_segment")) {
    return Kind::kTranscript;  // lnc_RNA, NMD_transcript_variant, V_gene_segment, ...
  }
  return Kind::kOther;
}

bool IsExonLevel(Kind kind) {
  return kind == Kind::kExon || kind == Kind::kCds || kind == Kind::kStartCodon || kind == Kind::kStopCodon ||
         kind == Kind::kUtr;
}

enum TagBit : uint16_t {
  kTagBasic = 1 << 0,
  kTagCanonical = 1 << 1,
  kTagManeSelect = 1 << 2,
  kTagManePlusClinical = 1 << 3,
  kTagCdsStartNf = 1 << 4,
  kTagCdsEndNf = 1 << 5,
};

uint16_t TagBitFor(std::string_view tag) {
  if (tag == "basic") return kTagBasic;
  if (tag == "Ensembl_canonical") return kTagCanonical;
  if (tag == "MANE_Select" || tag == "MANE Select" || tag == "MANE%20Select") return kTagManeSelect;
  if (tag == "MANE_Plus_Clinical" || tag == "MANE Plus Clinical" || tag == "MANE%20Plus%20Clinical") {
    return kTagManePlusClinical;
  }
  if (tag == "cds_start_NF") return kTagCdsStartNf;
  if (tag == "cds_end_NF") return kTagCdsEndNf;
  return 0;
}

// The attributes the model needs, as views into the current line. Tags are folded into bits as
// they are read (GTF repeats the tag attribute, GFF3 lists them comma-separated).
struct Attributes {
  std::string_view id, parent, name, gene, gene_id, gene_id_other, gene_name, transcript_id;
  std::string_view biotype, gene_biotype, gene_type, transcript_biotype, transcript_type;
  std::string_view version, gene_version, transcript_version, tsl, protein_id, protein_version;
  std::string_view is_canonical, dbxref;
  uint16_t tags = 0;

  std::string_view GeneBiotype() const {
    return !gene_biotype.empty() ? gene_biotype : !gene_type.empty() ? gene_type : biotype;
  }
  std::string_view TranscriptBiotype() const {
    return !transcript_biotype.empty() ? transcript_biotype
           : !transcript_type.empty()  ? transcript_type
                                       : biotype;
  }
};

void AddTags(Attributes& a, std::string_view value, bool comma_separated) {
  if (!comma_separated) {
    a.tags |= TagBitFor(value);
    return;
  }
  while (!value.empty()) {
    size_t comma = value.find(',');
    a.tags |= TagBitFor(value.substr(0, comma));
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
}

void SetAttribute(Attributes& a, std::string_view key, std::string_view value, bool gff3) {
  switch (key.size()) {
    case 2:
      if (key == "ID") a.id = value;
      break;
    case 3:
      if (key == "tag") AddTags(a, value, gff3);
      break;
    case 4:
      if (key == "Name")
        a.name = value;
      else if (key == "gene")
        a.gene = value;
      break;
    case 6:
      if (key == "Parent")
        a.parent = value;
      else if (key == "geneID")
        a.gene_id_other = value;
      else if (key == "Dbxref")
        a.dbxref = value;
      break;
    case 7:
      if (key == "gene_id")
        a.gene_id = value;
      else if (key == "version")
        a.version = value;
      else if (key == "biotype")
        a.biotype = value;
      break;
    case 9:
      if (key == "gene_name")
        a.gene_name = value;
      else if (key == "gene_type")
        a.gene_type = value;
      break;
    case 10:
      if (key == "protein_id") a.protein_id = value;
      break;
    case 12:
      if (key == "gene_biotype")
        a.gene_biotype = value;
      else if (key == "gene_version")
        a.gene_version = value;
      else if (key == "is_canonical")
        a.is_canonical = value;
      break;
    case 13:
      if (key == "transcript_id") a.transcript_id = value;
      break;
    case 15:
      if (key == "transcript_type")
        a.transcript_type = value;
      else if (key == "protein_version")
        a.protein_version = value;
      break;
    case 18:
      if (key == "transcript_biotype")
        a.transcript_biotype = value;
      else if (key == "transcript_version")
        a.transcript_version = value;
      break;
    case 24:
      if (key == "transcript_support_level") a.tsl = value;
      break;
    default: break;
  }
}

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// GFF3 column 9: key=value;key=value (values percent-encoded; decoded when copied).
// With links_only, stops as soon as Parent is known: exon-level lines need nothing else, and
// GENCODE repeats every gene and transcript attribute on them.
void ParseGff3Attributes(std::string_view text, Attributes& a, bool links_only) {
  while (!text.empty()) {
    if (links_only && !a.parent.empty()) return;
    size_t semi = text.find(';');
    std::string_view pair = text.substr(0, semi);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos) {
      SetAttribute(a, TrimSpaces(pair.substr(0, eq)), pair.substr(eq + 1), true);
    }
    if (semi == std::string_view::npos) break;
    text.remove_prefix(semi + 1);
  }
}

// One attribute of a GTF column 9 as written: key "value"; or key value; (Ensembl quotes every
// value; GENCODE leaves numbers bare).
struct GtfAttribute {
  std::string_view key;
  std::string_view value;  // without its quotes; a bare value as written, spaces included
  bool quoted = false;
  bool closed = true;  // a quoted value's closing quote was found
};

// Calls `visit` with every attribute of `text` in order, until it returns false.
template <typename Visit>
void ForEachGtfAttribute(std::string_view text, Visit visit) {
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && (text[i] == ' ' || text[i] == ';' || text[i] == '\t')) ++i;
    size_t key_start = i;
    while (i < n && text[i] != ' ' && text[i] != ';') ++i;
    GtfAttribute attribute;
    attribute.key = text.substr(key_start, i - key_start);
    while (i < n && text[i] == ' ') ++i;
    if (i < n && text[i] == '"') {
      size_t close = text.find('"', i + 1);
      attribute.quoted = true;
      attribute.closed = close != std::string_view::npos;
      if (!attribute.closed) close = n;
      attribute.value = text.substr(i + 1, close - i - 1);
      i = close + 1;
    } else {
      size_t value_start = i;
      while (i < n && text[i] != ';') ++i;
      attribute.value = text.substr(value_start, i - value_start);
    }
    if (!visit(attribute)) return;
    while (i < n && text[i] != ';') ++i;
  }
}

void ParseGtfAttributes(std::string_view text, Attributes& a, bool links_only) {
  ForEachGtfAttribute(text, [&](const GtfAttribute& attribute) {
    if (links_only && !a.transcript_id.empty() && !a.gene_id.empty()) return false;
    if (!attribute.key.empty()) {
      SetAttribute(a, attribute.key, attribute.quoted ? attribute.value : TrimSpaces(attribute.value), false);
    }
    return true;
  });
}

// The key of the first attribute whose quoted value does not close before the next attribute
// (called for a column with an odd number of quotes); empty when no single attribute is to blame.
std::string_view UnbalancedGtfQuote(std::string_view text) {
  std::string_view found;
  ForEachGtfAttribute(text, [&](const GtfAttribute& attribute) {
    if (attribute.quoted && (!attribute.closed || attribute.value.find(';') != std::string_view::npos)) {
      found = attribute.key;
    }
    return found.empty();
  });
  return found;
}

// The key of the first attribute whose value is not quoted but holds a quote or a tab (a line with
// a stray tab, or a quote inside a bare value: no single value is meant); empty when none is.
std::string_view BareGtfValueWithQuoteOrTab(std::string_view text) {
  std::string_view found;
  ForEachGtfAttribute(text, [&](const GtfAttribute& attribute) {
    if (!attribute.quoted && !attribute.key.empty() &&
        TrimSpaces(attribute.value).find_first_of("\"\t") != std::string_view::npos) {
      found = attribute.key;
    }
    return found.empty();
  });
  return found;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// GFF3 percent-decoding; other formats' values are copied as they are.
std::string Decode(std::string_view value, bool gff3) {
  if (!gff3 || value.find('%') == std::string_view::npos) return std::string(value);
  std::string out;
  out.reserve(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '%' && i + 2 < value.size()) {
      int hi = HexValue(value[i + 1]);
      int lo = HexValue(value[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(value[i]);
  }
  return out;
}

std::string_view StripPrefix(std::string_view id, std::string_view prefix) {
  return id.substr(0, prefix.size()) == prefix ? id.substr(prefix.size()) : id;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "ENST00000456328.2" → ("ENST00000456328", "2"); GENCODE's "ENST00000381192.10_PAR_Y" →
// ("ENST00000381192", "10"). Ids without a numeric suffix are returned whole.
void SplitVersion(std::string_view id, std::string& bare, std::string& version) {
  std::string_view core = id;
  if (core.ends_with("_PAR_Y")) core.remove_suffix(6);
  size_t dot = core.rfind('.');
  if (dot != std::string_view::npos && dot > 0 && AllDigits(core.substr(dot + 1))) {
    bare.assign(core.substr(0, dot));
    version.assign(core.substr(dot + 1));
    return;
  }
  bare.assign(id);
  version.clear();
}

bool ParsePosition(std::string_view text, int64_t& out) {
  if (text.empty()) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

struct GeneRecord {
  std::string key;  // the ID (GFF3) or gene_id (GTF) that children refer to; never moves
  Gene gene;
  int64_t line = 0;  // 0: implied by its transcripts (GTF without gene lines)
  bool dropped = false;
  int implicit_transcript = -1;  // RefSeq-style exons whose parent is the gene itself
  int kept_index = -1;
  bool text_checked = false;  // its names passed CleanText
};

struct TranscriptRecord {
  std::string key;         // never moves (see ChunkedVector): gene_by_key_ views it
  std::string parent_key;  // the gene's key, kept only while the gene is not yet known
  Transcript transcript;
  Kind kind = Kind::kTranscript;
  std::string type;  // feature type, the biotype when the file gives none
  int64_t line = 0;  // 0: implied by its exons (GTF without transcript lines)
  int gene = -1;
  int64_t first_feature_line = 0;
  bool dropped = false;
  bool protein_from_cds = false;
  bool gene_from_attribute = false;  // no Parent: gene_id/geneID names the gene, which may be implied
};

// An exon-level feature: 32 bytes, the bulk of the file.
struct Feature {
  int64_t start;
  int64_t end;
  int32_t transcript;  // -1 while the parent is unresolved (see Pending)
  uint32_t line;
  int32_t contig;
  Strand strand;
  Kind kind;
  int8_t phase;  // -1 when '.'
};

// Append-only storage in fixed blocks: growing it never copies or moves what is already stored
// (a full human annotation has ~3M exon-level lines), and element addresses stay valid, so maps
// can key on views of the records' own strings.
template <typename T, size_t kBlock>
class ChunkedVector {
 public:
  T& emplace_back() {
    if (size_ == blocks_.size() * kBlock) blocks_.push_back(std::make_unique<T[]>(kBlock));
    T& slot = blocks_[size_ / kBlock][size_ % kBlock];
    ++size_;
    return slot;
  }
  void push_back(const T& value) { emplace_back() = value; }
  void pop_back() {
    --size_;
    blocks_[size_ / kBlock][size_ % kBlock] = T();
  }
  size_t size() const { return size_; }
  T& operator[](size_t i) { return blocks_[i / kBlock][i % kBlock]; }
  const T& operator[](size_t i) const { return blocks_[i / kBlock][i % kBlock]; }
  template <typename F>
  void ForEach(F&& f) const {
    for (size_t i = 0; i < size_; ++i) f(blocks_[i / kBlock][i % kBlock]);
  }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  size_t size_ = 0;
};

// Index of records by id: keys are views of the records' own `key` strings.
using IdMap = std::unordered_map<std::string_view, int, StringHash>;

struct Pending {
  size_t feature;
  std::string parent_key;
};

class GeneModelParser {
 public:
  GeneModelParser(const std::string& path, const GeneModelLoadOptions& options, Diagnostics* diagnostics)
      : path_(path), options_(options), diagnostics_(diagnostics) {
    gene_by_key_.reserve(size_t{1} << 14);
    transcript_by_key_.reserve(size_t{1} << 15);
  }

  Result<GeneModel> Load();

 private:
  Status ReadLines();
  void HeaderLine(std::string_view line);
  Status DataLine(std::string_view line, int64_t line_number);
  Status Resolve();
  Result<GeneModel> Assemble();

  // Names go into CSQ, TSV and JSON: control characters (a decoded %00, say) and bytes that are
  // not UTF-8 are percent-encoded and counted (an error with options.strict).
  Status CleanText(std::string& value, int64_t line, std::string_view field);
  // A per-record problem: an error with options.strict, else counted in diagnostics.
  Status Problem(std::string_view kind, int64_t line, std::string_view field, std::string_view message);
  int InternContig(std::string_view name);
  void FillTranscript(TranscriptRecord& record, const Attributes& a, std::string_view type);
  void MarkFailed(const Attributes& a, Kind kind);
  // Points the transcript at its gene when the gene is already known, else remembers the key.
  void LinkGene(TranscriptRecord& record, std::string_view gene_key) {
    auto it = gene_by_key_.find(gene_key);
    if (it != gene_by_key_.end()) {
      record.gene = it->second;
    } else {
      record.parent_key.assign(gene_key);
    }
  }
  Status CheckAndBuild(TranscriptRecord& record, const Feature* const* features, size_t n_features);

  std::string path_;
  const GeneModelLoadOptions& options_;
  Diagnostics* diagnostics_;
  Format format_ = Format::kUnknown;
  std::vector<std::pair<std::string, std::string>> header_info_;
  int64_t data_lines_ = 0;

  std::vector<std::string> contigs_;
  StringMap<int> contig_index_;
  std::string last_contig_name_;
  int last_contig_ = -1;

  ChunkedVector<GeneRecord, 1024> genes_;
  IdMap gene_by_key_;
  ChunkedVector<TranscriptRecord, 1024> transcripts_;
  IdMap transcript_by_key_;
  std::string last_parent_key_;
  int last_parent_ = -1;
  ChunkedVector<Feature, 65536> features_;
  // Scratch for CheckAndBuild, reused across transcripts.
  std::vector<const Feature*> scratch_cds_;
  std::vector<const Feature*> scratch_exons_;
  std::vector<Interval0> scratch_stops_;
  std::vector<Interval0> scratch_utrs_;
  std::vector<Pending> pending_;
  StringSet failed_keys_;  // ids whose own line was malformed: their children go quietly
  bool has_gene_lines_ = false;
  bool has_transcript_lines_ = false;
};

Status GeneModelParser::Problem(std::string_view kind, int64_t line, std::string_view field,
                                std::string_view message) {
  Status status = Status::BadInputAt({path_, line, std::string(field)}, message);
  if (options_.strict) return status;
  if (diagnostics_ != nullptr)
    diagnostics_->Warn(std::string("gene model: ") + std::string(kind), status.message());
  return Status::Ok();
}

Status GeneModelParser::CleanText(std::string& value, int64_t line, std::string_view field) {
  const UnsafeText unsafe = FindUnsafeText(value);
  if (!unsafe.any()) return Status::Ok();
  value = PercentEncodeUnsafe(value);
  const char* what = unsafe.control && unsafe.invalid_utf8 ? "control characters and bytes that are not UTF-8"
                     : unsafe.control                      ? "a control character"
                                                           : "bytes that are not UTF-8";
  return Problem(
      unsafe.control ? "control character in a name (percent-encoded)" : "name not UTF-8 (percent-encoded)",
      line, field, std::string("the value has ") + what + "; kept as '" + value + "'");
}

int GeneModelParser::InternContig(std::string_view name) {
  if (last_contig_ >= 0 && name == last_contig_name_) return last_contig_;
  auto it = contig_index_.find(name);
  int index;
  if (it == contig_index_.end()) {
    index = static_cast<int>(contigs_.size());
    contigs_.emplace_back(name);
    contig_index_.emplace(std::string(name), index);
  } else {
    index = it->second;
  }
  last_contig_name_.assign(name);
  last_contig_ = index;
  return index;
}

void GeneModelParser::HeaderLine(std::string_view line) {
  // "##gff-version 3", "#!genome-build GRCh38.p14", GENCODE's "##date: 2023-03-29".
  std::string_view body = line;
  while (!body.empty() && (body.front() == '#' || body.front() == '!')) body.remove_prefix(1);
  size_t space = body.find_first_of(" \t");
  std::string_view key = body.substr(0, space);
  std::string_view value =
      space == std::string_view::npos ? std::string_view() : TrimSpaces(body.substr(space));
  if (!key.empty() && key.back() == ':') key.remove_suffix(1);
  if (key == "gff-version") {
    if (format_ == Format::kUnknown) format_ = value.substr(0, 1) == "3" ? Format::kGff3 : Format::kGtf;
    return;
  }
  static constexpr std::string_view kVersionKeys[] = {
      "genome-build", "genome-version", "genebuild-last-updated", "annotation-source", "description",
      "provider",     "date",           "annotation-date",        "genome-date"};
  for (std::string_view wanted : kVersionKeys) {
    if (key == wanted && !value.empty()) {
      header_info_.emplace_back(std::string(key), std::string(value));
      return;
    }
  }
}

void GeneModelParser::FillTranscript(TranscriptRecord& record, const Attributes& a, std::string_view type) {
  const bool gff3 = format_ == Format::kGff3;
  Transcript& t = record.transcript;
  std::string_view display = !a.transcript_id.empty() ? a.transcript_id : StripPrefix(a.id, "transcript:");
  if (display.empty()) display = record.key;
  std::string_view version = !a.transcript_version.empty() ? a.transcript_version : a.version;
  if (!version.empty()) {
    t.id = Decode(display, gff3);
    t.version = Decode(version, gff3);
  } else {
    SplitVersion(Decode(display, gff3), t.id, t.version);
  }
  std::string_view biotype = a.TranscriptBiotype();
  if (!biotype.empty()) {
    t.biotype = Decode(biotype, gff3);
  } else if (type == "mRNA") {
    t.biotype = "protein_coding";  // RefSeq-like files give the type only
  } else if (type == "lnc_RNA") {
    t.biotype = "lncRNA";
  } else if (type != "transcript") {
    t.biotype = std::string(type);
  }
  std::string_view gene_name = !a.gene_name.empty() ? a.gene_name : a.gene;
  if (!gene_name.empty()) t.gene_name = Decode(gene_name, gff3);
  // Only an explicit gene biotype: GeneBiotype() falls back on biotype=, the transcript's own.
  if (!a.gene_biotype.empty() || !a.gene_type.empty()) t.gene_biotype = Decode(a.GeneBiotype(), gff3);
  if (!a.protein_id.empty()) {
    t.protein_id = Decode(a.protein_id, gff3);
    if (!a.protein_version.empty()) t.protein_id += "." + std::string(a.protein_version);
  }
  if (!a.tsl.empty()) {
    int tsl = 0;
    auto [ptr, ec] = std::from_chars(a.tsl.data(), a.tsl.data() + a.tsl.size(), tsl);
    t.tsl = ec == std::errc() && tsl >= 1 && tsl <= 5 ? tsl : 0;  // "NA", "1 (assigned previously)"
  }
  uint16_t tags = a.tags;
  t.basic = t.basic || (tags & kTagBasic);
  t.canonical = t.canonical || (tags & kTagCanonical) || a.is_canonical == "1" || a.is_canonical == "true";
  t.mane_select = t.mane_select || (tags & kTagManeSelect);
  t.mane_plus_clinical = t.mane_plus_clinical || (tags & kTagManePlusClinical);
  t.cds_start_incomplete = t.cds_start_incomplete || (tags & kTagCdsStartNf);
  t.cds_end_incomplete = t.cds_end_incomplete || (tags & kTagCdsEndNf);
  record.type.assign(type);
}

void GeneModelParser::MarkFailed(const Attributes& a, Kind kind) {
  if (format_ == Format::kGtf) {
    if (kind == Kind::kGene) {
      if (!a.gene_id.empty()) failed_keys_.emplace(a.gene_id);
    } else if (!a.transcript_id.empty()) {
      failed_keys_.emplace(a.transcript_id);
    }
    return;
  }
  std::string_view keys = IsExonLevel(kind) ? a.parent : a.id;
  while (!keys.empty()) {
    size_t comma = keys.find(',');
    failed_keys_.emplace(keys.substr(0, comma));
    if (comma == std::string_view::npos) break;
    keys.remove_prefix(comma + 1);
  }
}

Status GeneModelParser::DataLine(std::string_view line, int64_t line_number) {
  ++data_lines_;
  std::string_view cols[9];
  int n = 0;
  size_t pos = 0;
  while (n < 8) {
    size_t tab = line.find('\t', pos);
    if (tab == std::string_view::npos) break;
    cols[n++] = line.substr(pos, tab - pos);
    pos = tab + 1;
  }
  cols[n++] = line.substr(pos);
  if (n < 9) {
    return Problem("malformed line", line_number, "columns",
                   "expected 9 tab-separated columns, found " + std::to_string(n));
  }
  if (format_ == Format::kUnknown) {
    // No ##gff-version line: GFF3 attributes are key=value, GTF's are key "value".
    size_t eq = cols[8].find('=');
    size_t space = cols[8].find(' ');
    format_ = eq != std::string_view::npos && (space == std::string_view::npos || eq < space) ? Format::kGff3
                                                                                              : Format::kGtf;
  }
  const bool gff3 = format_ == Format::kGff3;
  Kind kind = ClassifyType(cols[2], format_);
  if (kind == Kind::kIgnored) return Status::Ok();

  Attributes a;
  if (!gff3 && std::count(cols[8].begin(), cols[8].end(), '"') % 2 != 0) {
    // A quote left open swallows the attributes after it into one value (a transcript ID that
    // reads 'T1; gene_name '): the line is refused, and with it its transcript.
    std::string_view key = UnbalancedGtfQuote(cols[8]);
    const size_t key_at = key.empty() ? 0 : static_cast<size_t>(key.data() - cols[8].data());
    ParseGtfAttributes(cols[8].substr(0, key_at), a, false);
    if (key == "transcript_id" || key == "gene_id") {
      // The ID most likely meant: up to where the missing quote should have been.
      std::string_view rest = cols[8].substr(key_at + key.size());
      rest = rest.substr(std::min(rest.size(), rest.find('"') + 1));
      std::string_view meant = TrimSpaces(rest.substr(0, rest.find_first_of(";\"")));
      (key == "gene_id" ? a.gene_id : a.transcript_id) = meant;
    }
    MarkFailed(a, kind);
    return Problem("malformed attribute", line_number,
                   key.empty() ? "attributes" : "attribute " + std::string(key),
                   key.empty() ? std::string("unbalanced quotes in the attribute column")
                               : "the quoted value of '" + std::string(key) +
                                     "' is not closed before the next attribute (unbalanced '\"')");
  }
  if (!gff3) {
    if (std::string_view key = BareGtfValueWithQuoteOrTab(cols[8]); !key.empty()) {
      ParseGtfAttributes(cols[8].substr(0, static_cast<size_t>(key.data() - cols[8].data())), a, false);
      MarkFailed(a, kind);
      return Problem("malformed attribute", line_number, "attribute " + std::string(key),
                     "the value of '" + std::string(key) +
                         "' is not quoted but holds a quote or a tab (a stray tab in the attribute column?)");
    }
  }
  bool complete = !IsExonLevel(kind);
  auto parse = [&](bool links_only) {
    if (gff3) {
      ParseGff3Attributes(cols[8], a, links_only);
    } else {
      ParseGtfAttributes(cols[8], a, links_only);
    }
  };
  parse(!complete);
  auto complete_attributes = [&] {
    if (!complete) parse(false);
    complete = true;
  };

  // Which record this line is, and the attributes that link it.
  if (gff3) {
    if (kind == Kind::kOther && (a.id.empty() || a.parent.empty())) return Status::Ok();
    if ((kind == Kind::kGene || kind == Kind::kTranscript) && a.id.empty()) {
      return Problem("missing ID", line_number, "ID", std::string(cols[2]) + " record has no ID attribute");
    }
    if (IsExonLevel(kind) && a.parent.empty()) {
      return Problem("missing Parent", line_number, "Parent",
                     std::string(cols[2]) + " record has no Parent attribute");
    }
  } else {
    if (a.gene_id.empty()) {
      return Problem("missing ID", line_number, "gene_id", std::string(cols[2]) + " record has no gene_id");
    }
    if (kind != Kind::kGene && a.transcript_id.empty()) {
      return Problem("missing Parent", line_number, "transcript_id",
                     std::string(cols[2]) + " record has no transcript_id");
    }
  }

  int64_t first = 0;
  int64_t last = 0;
  if (!ParsePosition(cols[3], first) || first < 1) {
    MarkFailed(a, kind);
    return Problem("malformed line", line_number, "start",
                   "start '" + std::string(cols[3]) + "' is not a positive integer");
  }
  if (!ParsePosition(cols[4], last)) {
    MarkFailed(a, kind);
    return Problem("malformed line", line_number, "end",
                   "end '" + std::string(cols[4]) + "' is not an integer");
  }
  if (last < first) {
    MarkFailed(a, kind);
    return Problem("malformed line", line_number, "end",
                   "end " + std::to_string(last) + " is before start " + std::to_string(first));
  }
  Strand strand;
  if (cols[6] == "+") {
    strand = Strand::kForward;
  } else if (cols[6] == "-") {
    strand = Strand::kReverse;
  } else {
    MarkFailed(a, kind);
    return Problem("malformed line", line_number, "strand",
                   "strand '" + std::string(cols[6]) + "' is not '+' or '-'");
  }
  int8_t phase = -1;
  if (cols[7].size() == 1 && cols[7][0] >= '0' && cols[7][0] <= '2') {
    phase = static_cast<int8_t>(cols[7][0] - '0');
  } else if (kind == Kind::kCds || cols[7] != ".") {
    if (kind == Kind::kCds || kind == Kind::kStopCodon || kind == Kind::kStartCodon) {
      MarkFailed(a, kind);
      return Problem("malformed line", line_number, "phase",
                     "phase '" + std::string(cols[7]) + "' is not 0, 1 or 2");
    }
  }
  if (cols[0].empty()) {
    MarkFailed(a, kind);
    return Problem("malformed line", line_number, "seqid", "empty sequence name");
  }
  const int contig = InternContig(cols[0]);
  const Interval0 span = FromOneBasedClosed(first, last);

  if (kind == Kind::kGene) {
    has_gene_lines_ = true;
    std::string_view key = gff3 ? a.id : a.gene_id;
    const int index = static_cast<int>(genes_.size());
    GeneRecord& record = genes_.emplace_back();
    record.key.assign(key);
    // GFF3 ids share one namespace; GTF's gene_id and transcript_id do not.
    if ((gff3 && transcript_by_key_.count(key) != 0) || !gene_by_key_.try_emplace(record.key, index).second) {
      genes_.pop_back();
      failed_keys_.emplace(key);  // which children belong to which copy is unknowable
      return Problem("duplicate ID", line_number, gff3 ? "ID" : "gene_id",
                     "ID '" + std::string(key) + "' is already used by another record");
    }
    record.line = line_number;
    Gene& g = record.gene;
    std::string_view display = !a.gene_id.empty() ? a.gene_id : StripPrefix(a.id, "gene:");
    if (a.gene_id.empty() && a.id.substr(0, 5) == "gene-") {
      // RefSeq: ID=gene-TP53;Dbxref=GeneID:7157,HGNC:HGNC:11998 — the gene id is the GeneID.
      size_t at = a.dbxref.find("GeneID:");
      if (at != std::string_view::npos) {
        std::string_view rest = a.dbxref.substr(at + 7);
        display = rest.substr(0, rest.find(','));
      }
    }
    std::string version_unused;
    SplitVersion(Decode(display, gff3), g.id, version_unused);
    std::string_view name = !a.gene_name.empty() ? a.gene_name : !a.name.empty() ? a.name : a.gene;
    g.name = Decode(name, gff3);
    g.biotype = Decode(a.GeneBiotype(), gff3);
    g.contig = contig;
    g.strand = strand;
    g.span = span;
    return Status::Ok();
  }

  if (kind == Kind::kTranscript || kind == Kind::kOther) {
    has_transcript_lines_ = true;
    std::string_view key = gff3 ? a.id : a.transcript_id;
    int index = static_cast<int>(transcripts_.size());
    transcripts_.emplace_back().key.assign(key);
    auto [slot, inserted] = transcript_by_key_.try_emplace(transcripts_[index].key, index);
    if (!inserted) {
      transcripts_.pop_back();
      index = slot->second;  // GTF: exons came first and implied the transcript
    }
    if ((gff3 && gene_by_key_.count(key) != 0) || transcripts_[index].line != 0) {
      failed_keys_.emplace(key);
      return Problem("duplicate ID", line_number, gff3 ? "ID" : "transcript_id",
                     "ID '" + std::string(key) + "' is already used by another record");
    }
    TranscriptRecord& record = transcripts_[index];
    record.kind = kind;
    record.line = line_number;
    std::string_view parent = a.gene_id;
    if (gff3) {
      parent = a.parent.substr(0, a.parent.find(','));
      if (parent.empty()) {
        parent = !a.gene_id.empty() ? a.gene_id : a.gene_id_other;
        record.gene_from_attribute = !parent.empty();
      }
    }
    LinkGene(record, parent);
    FillTranscript(record, a, cols[2]);
    record.transcript.contig = contig;
    record.transcript.strand = strand;
    record.transcript.span = span;
    return Status::Ok();
  }

  // Exon-level feature: attach to its transcript(s). Start codons lie inside the CDS and add
  // nothing once their line is checked.
  if (kind == Kind::kStartCodon) return Status::Ok();
  Feature feature{span.start, span.end, -1, static_cast<uint32_t>(line_number), contig, strand, kind, phase};
  auto attach = [&](std::string_view parent_key) {
    int index = -1;
    if (last_parent_ >= 0 && parent_key == last_parent_key_) {
      index = last_parent_;
    } else {
      auto it = transcript_by_key_.find(parent_key);
      if (it != transcript_by_key_.end()) index = it->second;
    }
    if (index < 0 && !gff3) {
      // GTF: the first line naming a transcript implies it (files without transcript lines).
      index = static_cast<int>(transcripts_.size());
      TranscriptRecord& record = transcripts_.emplace_back();
      record.key.assign(parent_key);
      transcript_by_key_.emplace(record.key, index);
      LinkGene(record, a.gene_id);
      record.first_feature_line = line_number;
      complete_attributes();
      FillTranscript(record, a, "transcript");
      record.transcript.contig = contig;
      record.transcript.strand = strand;
    }
    if (index >= 0) {
      last_parent_key_.assign(parent_key);
      last_parent_ = index;
      TranscriptRecord& record = transcripts_[index];
      if (kind == Kind::kCds && !record.protein_from_cds) {
        // The first CDS line of a transcript names its protein.
        complete_attributes();
        if (!a.protein_id.empty()) {
          record.transcript.protein_id = Decode(a.protein_id, gff3);
          if (!a.protein_version.empty())
            record.transcript.protein_id += "." + std::string(a.protein_version);
        }
        record.protein_from_cds = true;
      }
    }
    feature.transcript = index;
    features_.push_back(feature);
    if (index < 0) pending_.push_back({features_.size() - 1, std::string(parent_key)});
  };
  if (gff3) {
    std::string_view parents = a.parent;
    while (!parents.empty()) {
      size_t comma = parents.find(',');
      attach(parents.substr(0, comma));
      if (comma == std::string_view::npos) break;
      parents.remove_prefix(comma + 1);
    }
  } else {
    attach(a.transcript_id);
  }
  return Status::Ok();
}

Status GeneModelParser::ReadLines() {
  ZENOME_ASSIGN_OR_RETURN(std::unique_ptr<LineReader> reader, LineReader::Open(path_));
  std::string_view line;
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool more, reader->Next(line));
    if (!more) break;
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (line == "##FASTA") break;  // GFF3 may end with the sequences themselves
      if (line.substr(0, 16) == "##fileformat=VCF") {
        return Status::BadInput(path_ + " is a VCF file, not a GFF3/GTF gene model");
      }
      HeaderLine(line);
      continue;
    }
    if (line[0] == '>') {
      if (data_lines_ == 0) return Status::BadInput(path_ + " looks like FASTA, not a GFF3/GTF gene model");
      break;  // FASTA after the features without the ##FASTA directive
    }
    ZENOME_RETURN_IF_ERROR(DataLine(line, reader->line_number()));
  }
  if (data_lines_ == 0) {
    return Status::BadInput(path_ + ": gene model file is empty (no GFF3/GTF feature lines)");
  }
  return Status::Ok();
}

Status GeneModelParser::Resolve() {
  // Children whose parent appeared later in the file, or never.
  for (Pending& pending : pending_) {
    Feature& feature = features_[pending.feature];
    auto it = transcript_by_key_.find(pending.parent_key);
    if (it != transcript_by_key_.end()) {
      feature.transcript = it->second;
      continue;
    }
    auto gene = gene_by_key_.find(pending.parent_key);
    if (gene != gene_by_key_.end()) {
      // RefSeq-style: exons hang directly off a (pseudo)gene; the gene is its own transcript.
      GeneRecord& g = genes_[gene->second];
      if (g.implicit_transcript < 0) {
        g.implicit_transcript = static_cast<int>(transcripts_.size());
        TranscriptRecord& record = transcripts_.emplace_back();
        record.key = g.key;
        record.gene = gene->second;
        record.transcript.id = g.gene.id;
        record.transcript.biotype = g.gene.biotype;
        record.type = "gene";
      }
      feature.transcript = g.implicit_transcript;
      continue;
    }
    if (failed_keys_.count(pending.parent_key) != 0) continue;  // already reported
    ZENOME_RETURN_IF_ERROR(Problem("missing parent", feature.line, "Parent",
                                   "parent '" + pending.parent_key + "' is not defined in the file"));
  }
  const bool any_failed = !failed_keys_.empty();
  for (size_t i = 0; i < transcripts_.size(); ++i) {
    TranscriptRecord& record = transcripts_[i];
    if (any_failed && failed_keys_.count(record.key) != 0) {
      record.dropped = true;
      continue;
    }
    if (format_ == Format::kGtf && has_transcript_lines_ && record.line == 0) {
      // The file lists its transcripts, but not this one.
      record.dropped = true;
      ZENOME_RETURN_IF_ERROR(Problem("missing parent", record.first_feature_line, "transcript_id",
                                     "transcript '" + record.key + "' has no transcript line in the file"));
      continue;
    }
    if (record.gene < 0) {
      auto gene = gene_by_key_.find(record.parent_key);
      if (gene != gene_by_key_.end()) record.gene = gene->second;
    }
    if (record.gene >= 0) {
      if (any_failed && failed_keys_.count(genes_[record.gene].key) != 0) record.dropped = true;
      continue;
    }
    record.dropped = true;
    if (any_failed && failed_keys_.count(record.parent_key) != 0) continue;
    if (record.kind == Kind::kOther) continue;  // an unknown feature type that is no transcript
    if ((format_ == Format::kGtf && !has_gene_lines_) || record.gene_from_attribute) {
      // GTF without gene lines, or a GFF3 transcript naming its gene by gene_id: implied gene.
      const int index = static_cast<int>(genes_.size());
      GeneRecord& g = genes_.emplace_back();
      g.key = record.parent_key;
      std::string version_unused;
      SplitVersion(record.parent_key, g.gene.id, version_unused);
      g.gene.name = record.transcript.gene_name;
      g.gene.biotype = record.transcript.gene_biotype;
      g.gene.contig = record.transcript.contig;
      g.gene.strand = record.transcript.strand;
      gene_by_key_.emplace(g.key, index);
      record.gene = index;
      record.dropped = false;
      continue;
    }
    if (format_ == Format::kGff3 && record.parent_key.empty()) {
      ZENOME_RETURN_IF_ERROR(Problem("missing Parent", record.line, "Parent",
                                     "transcript '" + record.key + "' has no Parent attribute"));
      continue;
    }
    ZENOME_RETURN_IF_ERROR(Problem(
        "missing parent", record.line, format_ == Format::kGtf ? "gene_id" : "Parent",
        "parent '" + record.parent_key + "' of transcript '" + record.key + "' is not defined in the file"));
  }
  return Status::Ok();
}

// Merges overlapping or touching intervals of a sorted list in place.
void MergeTouching(std::vector<Interval0>& intervals) {
  size_t out = 0;
  for (size_t i = 0; i < intervals.size(); ++i) {
    if (out > 0 && intervals[i].start <= intervals[out - 1].end) {
      intervals[out - 1].end = std::max(intervals[out - 1].end, intervals[i].end);
    } else {
      intervals[out++] = intervals[i];
    }
  }
  intervals.resize(out);
}

// Index of the exon holding [start, end), or -1.
int ContainingExon(const std::vector<Interval0>& exons, const Interval0& segment) {
  auto it = std::upper_bound(exons.begin(), exons.end(), segment.start,
                             [](int64_t pos, const Interval0& exon) { return pos < exon.start; });
  if (it == exons.begin()) return -1;
  --it;
  return segment.end <= it->end ? static_cast<int>(it - exons.begin()) : -1;
}

std::string Range1(const Interval0& interval) {
  return std::to_string(interval.start + 1) + "-" + std::to_string(interval.end);
}

Status GeneModelParser::CheckAndBuild(TranscriptRecord& record, const Feature* const* features,
                                      size_t n_features) {
  Transcript& t = record.transcript;
  auto drop = [&](std::string_view kind, int64_t line, std::string_view field, const std::string& message) {
    record.dropped = true;
    return Problem(kind, line, field, "transcript " + t.id + ": " + message);
  };
  if (record.line == 0 && n_features > 0) {  // implied transcript: where its first feature is
    t.contig = features[0]->contig;
    t.strand = features[0]->strand;
  }
  std::vector<const Feature*>& exons = scratch_exons_;
  std::vector<const Feature*>& cds = scratch_cds_;
  std::vector<Interval0>& stops = scratch_stops_;
  std::vector<Interval0>& utrs = scratch_utrs_;
  exons.clear();
  cds.clear();
  stops.clear();
  utrs.clear();
  for (size_t i = 0; i < n_features; ++i) {
    const Feature* f = features[i];
    if (f->contig != t.contig) {
      return drop("feature off its transcript", f->line, "seqid",
                  "feature is on " + contigs_[f->contig] + " but its transcript is on " + contigs_[t.contig]);
    }
    if (f->strand != t.strand) {
      return drop("feature off its transcript", f->line, "strand",
                  "feature strand differs from its transcript's strand");
    }
    switch (f->kind) {
      case Kind::kExon: exons.push_back(f); break;
      case Kind::kCds: cds.push_back(f); break;
      case Kind::kStopCodon: stops.push_back({f->start, f->end}); break;
      case Kind::kUtr: utrs.push_back({f->start, f->end}); break;
      default: break;
    }
  }
  const int64_t line = record.line != 0 ? record.line : (n_features == 0 ? 0 : features[0]->line);
  auto by_start = [](const Feature* a, const Feature* b) { return a->start < b->start; };

  // Exons: sorted, disjoint.
  t.exons.clear();
  if (exons.empty()) {
    // Files that describe a transcript by CDS and UTR pieces only: those pieces are the exons.
    for (const Feature* f : cds) t.exons.push_back({f->start, f->end});
    t.exons.insert(t.exons.end(), utrs.begin(), utrs.end());
    t.exons.insert(t.exons.end(), stops.begin(), stops.end());
    std::sort(t.exons.begin(), t.exons.end(),
              [](const Interval0& a, const Interval0& b) { return a.start < b.start; });
    MergeTouching(t.exons);
    if (t.exons.empty()) {
      if (record.kind == Kind::kOther) {  // not a transcript after all
        record.dropped = true;
        return Status::Ok();
      }
      return drop("transcript without exons", line, "type", "has no exon, CDS or UTR features");
    }
  } else {
    if (!std::is_sorted(exons.begin(), exons.end(), by_start)) {
      std::sort(exons.begin(), exons.end(), by_start);
    }
    t.exons.reserve(exons.size());
    for (size_t i = 0; i < exons.size(); ++i) {
      t.exons.push_back({exons[i]->start, exons[i]->end});
      if (i > 0 && exons[i]->start < exons[i - 1]->end) {
        return drop("overlapping exons", exons[i]->line, "start",
                    "exon " + Range1(t.exons[i]) + " overlaps exon " + Range1(t.exons[i - 1]));
      }
    }
  }
  const Interval0 hull{t.exons.front().start, t.exons.back().end};
  if (record.line != 0 && !(t.span == hull)) {
    return drop("transcript span mismatch", record.line, "start",
                "transcript spans " + Range1(t.span) + " but its exons span " + Range1(hull));
  }
  t.span = hull;

  // CDS: sorted, disjoint, inside exons, phases consistent along the transcript.
  if (!std::is_sorted(cds.begin(), cds.end(), by_start)) std::sort(cds.begin(), cds.end(), by_start);
  for (size_t i = 0; i < cds.size(); ++i) {
    const Interval0 segment{cds[i]->start, cds[i]->end};
    if (i > 0 && cds[i]->start < cds[i - 1]->end) {
      return drop("overlapping CDS", cds[i]->line, "start",
                  "CDS " + Range1(segment) + " overlaps CDS " + Range1({cds[i - 1]->start, cds[i - 1]->end}));
    }
    if (ContainingExon(t.exons, segment) < 0) {
      return drop("CDS outside exons", cds[i]->line, "start",
                  "CDS " + Range1(segment) + " is not inside an exon");
    }
  }
  for (const Interval0& stop : stops) {
    if (ContainingExon(t.exons, stop) < 0) {
      int64_t stop_line = line;
      for (size_t i = 0; i < n_features; ++i) {
        const Feature* f = features[i];
        if (f->kind == Kind::kStopCodon && f->start == stop.start && f->end == stop.end) stop_line = f->line;
      }
      return drop("CDS outside exons", stop_line, "start",
                  "stop_codon " + Range1(stop) + " is not inside an exon");
    }
  }
  t.cds.clear();
  if (!cds.empty()) {
    const bool forward = t.strand == Strand::kForward;
    const size_t n = cds.size();
    const int first_phase = cds[forward ? 0 : n - 1]->phase;
    int64_t before = 0;  // CDS bases upstream in transcript order
    for (size_t k = 0; k < n; ++k) {
      const Feature* f = cds[forward ? k : n - 1 - k];
      // The phase is the number of bases to skip to reach the next codon start.
      int expected = static_cast<int>(((first_phase - before) % 3 + 3) % 3);
      if (f->phase != expected) {
        return drop("bad CDS phase", f->line, "phase",
                    "CDS " + Range1({f->start, f->end}) + " has phase " + std::to_string(f->phase) +
                        " but the " + std::to_string(before) + " CDS bases before it (first phase " +
                        std::to_string(first_phase) + ") require phase " + std::to_string(expected));
      }
      before += f->end - f->start;
    }
    t.cds_start_phase = first_phase;
    t.cds.reserve(cds.size() + stops.size());
    for (const Feature* f : cds) t.cds.push_back({f->start, f->end});
  }
  if (!stops.empty()) {
    // GTF's CDS excludes the stop codon; GFF3's includes it. Merge, within one exon only.
    t.cds.insert(t.cds.end(), stops.begin(), stops.end());
    std::sort(t.cds.begin(), t.cds.end(),
              [](const Interval0& a, const Interval0& b) { return a.start < b.start; });
    size_t out = 0;
    for (size_t i = 0; i < t.cds.size(); ++i) {
      if (out > 0 && t.cds[i].start <= t.cds[out - 1].end &&
          ContainingExon(t.exons, {t.cds[out - 1].start, std::max(t.cds[out - 1].end, t.cds[i].end)}) >= 0) {
        t.cds[out - 1].end = std::max(t.cds[out - 1].end, t.cds[i].end);
      } else {
        t.cds[out++] = t.cds[i];
      }
    }
    t.cds.resize(out);
  }

  // The gene holds its transcripts.
  const GeneRecord& g = genes_[record.gene];
  if (g.gene.contig != t.contig || g.gene.strand != t.strand) {
    return drop("feature off its transcript", line, g.gene.contig != t.contig ? "seqid" : "strand",
                "transcript is not on the contig and strand of its gene " + g.gene.id);
  }
  if (g.line != 0 && (t.span.start < g.gene.span.start || t.span.end > g.gene.span.end)) {
    return drop(
        "transcript span mismatch", line, "start",
        "transcript " + Range1(t.span) + " extends beyond its gene " + g.gene.id + " " + Range1(g.gene.span));
  }
  Status valid = ValidateTranscript(t);
  if (!valid.ok()) return drop("invalid transcript", line, "", valid.message());
  return Status::Ok();
}

Result<GeneModel> GeneModelParser::Assemble() {
  // Group features per transcript (counting sort keeps file order within a transcript).
  const size_t n_transcripts = transcripts_.size();
  std::vector<uint32_t> offsets(n_transcripts + 1, 0);
  features_.ForEach([&](const Feature& f) {
    if (f.transcript >= 0) ++offsets[f.transcript + 1];
  });
  for (size_t i = 0; i < n_transcripts; ++i) offsets[i + 1] += offsets[i];
  std::vector<const Feature*> grouped(offsets[n_transcripts]);
  {
    std::vector<uint32_t> cursor(offsets.begin(), offsets.end() - 1);
    features_.ForEach([&](const Feature& f) {
      if (f.transcript >= 0) grouped[cursor[f.transcript]++] = &f;
    });
  }
  std::unordered_set<std::string> wanted(options_.biotypes.begin(), options_.biotypes.end());
  std::vector<Transcript> kept;
  std::vector<int> kept_gene;
  kept.reserve(n_transcripts);
  for (size_t i = 0; i < n_transcripts; ++i) {
    TranscriptRecord& record = transcripts_[i];
    if (record.dropped) continue;
    ZENOME_RETURN_IF_ERROR(CheckAndBuild(record, grouped.data() + offsets[i], offsets[i + 1] - offsets[i]));
    if (record.dropped) continue;
    Transcript& t = record.transcript;
    GeneRecord& g = genes_[record.gene];
    const int64_t line = record.line != 0                 ? record.line
                         : record.first_feature_line != 0 ? record.first_feature_line
                                                          : g.line;
    if (!g.text_checked) {
      g.text_checked = true;
      const int64_t gene_line = g.line != 0 ? g.line : line;
      ZENOME_RETURN_IF_ERROR(CleanText(g.gene.id, gene_line, "gene_id"));
      ZENOME_RETURN_IF_ERROR(CleanText(g.gene.name, gene_line, "gene_name"));
      ZENOME_RETURN_IF_ERROR(CleanText(g.gene.biotype, gene_line, "gene_biotype"));
    }
    ZENOME_RETURN_IF_ERROR(CleanText(t.id, line, "transcript_id"));
    ZENOME_RETURN_IF_ERROR(CleanText(t.version, line, "version"));
    ZENOME_RETURN_IF_ERROR(CleanText(t.gene_name, line, "gene_name"));
    ZENOME_RETURN_IF_ERROR(CleanText(t.gene_biotype, line, "gene_biotype"));
    ZENOME_RETURN_IF_ERROR(CleanText(t.biotype, line, "biotype"));
    ZENOME_RETURN_IF_ERROR(CleanText(t.protein_id, line, "protein_id"));
    t.gene_id = g.gene.id;
    if (t.gene_name.empty()) t.gene_name = g.gene.name;
    if (t.gene_biotype.empty()) t.gene_biotype = g.gene.biotype;
    if (!wanted.empty() && wanted.count(t.biotype) == 0) continue;
    kept.push_back(std::move(t));
    kept_gene.push_back(record.gene);
  }
  if (kept.empty() && wanted.empty()) {
    return Status::BadInput(path_ + ": no usable transcripts in the gene model" +
                            (diagnostics_ != nullptr && diagnostics_->Total() > 0
                                 ? " (" + diagnostics_->Summary() + ")"
                                 : std::string()));
  }
  std::vector<Gene> genes;
  for (size_t i = 0; i < kept.size(); ++i) {
    GeneRecord& g = genes_[kept_gene[i]];
    if (g.kept_index < 0) {
      g.kept_index = static_cast<int>(genes.size());
      genes.push_back(std::move(g.gene));
      if (g.line == 0) genes.back().span = kept[i].span;
    }
    Gene& gene = genes[g.kept_index];
    gene.transcripts.push_back(static_cast<int>(i));
    if (g.line == 0) {
      gene.span.start = std::min(gene.span.start, kept[i].span.start);
      gene.span.end = std::max(gene.span.end, kept[i].span.end);
    }
  }
  GeneModelSource source;
  source.path = path_;
  source.format = format_ == Format::kGtf ? "GTF" : "GFF3";
  for (const auto& [key, value] : header_info_) {
    if (!source.version.empty()) source.version += "; ";
    source.version += key + " " + value;
  }
  return GeneModel::Build(std::move(source), std::move(contigs_), std::move(genes), std::move(kept));
}

Result<GeneModel> GeneModelParser::Load() {
  ZENOME_RETURN_IF_ERROR(ReadLines());
  ZENOME_RETURN_IF_ERROR(Resolve());
  return Assemble();
}

}  // namespace

Result<GeneModel> LoadGeneModel(const std::string& path, const GeneModelLoadOptions& options,
                                Diagnostics* diagnostics) {
  GeneModelParser parser(path, options, diagnostics);
  return parser.Load();
}

}  // namespace zenome
