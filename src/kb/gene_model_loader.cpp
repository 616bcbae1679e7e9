// LoadGeneModel: GFF3 (Ensembl, GENCODE, RefSeq-like) and GTF (Ensembl, GENCODE) into a GeneModel.
//
// One pass over the file tokenizes each line in place (string_views into the reader's buffer);
// only gene and transcript records are copied into strings. Exon-level features are kept as
// small fixed-size records pointing at their transcript, then grouped per transcript with a
// counting sort, checked, and assembled. Parents may appear after their children (GFF3 allows
// it), so parent links that cannot be resolved on the spot are resolved after the pass. Genes and
// transcripts are told apart by structure (what hangs from them), so new feature types load.
// Quirks with one clear meaning load with a counted warning (see src/kb/README.md).

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
  kSegment,     // V/D/J/C_gene_segment: Ensembl writes genes and transcripts with this type (GFF3)
  kOther,       // unknown type: a gene at the top level, else a transcript if it has exons (GFF3)
  kExon,
  kCds,
  kStartCodon,
  kStopCodon,
  kUtr,
  kSelenocysteine,  // GTF "Selenocysteine", GENCODE GFF3 "stop_codon_redefined_as_selenocysteine"
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
  if (type == "Selenocysteine" || type == "selenocysteine" ||
      type == "stop_codon_redefined_as_selenocysteine") {
    return Kind::kSelenocysteine;
  }
  if (type == "gene" || type == "pseudogene" || type.ends_with("_gene")) return Kind::kGene;
  if (type == "transcript" || type == "mRNA") return Kind::kTranscript;
  if (format == Format::kGtf) return Kind::kIgnored;  // GTF links by gene_id/transcript_id, not by type
  if (type == "chromosome" || type == "region" || type == "biological_region" || type == "supercontig" ||
      type == "scaffold" || type == "contig" || type == "intron" || type == "match" || type == "cDNA_match" ||
      type == "match_part") {
    return Kind::kIgnored;
  }
  if (type.ends_with("gene_segment")) return Kind::kSegment;
  if (type.find("RNA") != std::string_view::npos || type.find("transcript") != std::string_view::npos) {
    return Kind::kTranscript;  // lnc_RNA, NMD_transcript_variant, pseudogenic_transcript, ...
  }
  return Kind::kOther;
}

bool IsExonLevel(Kind kind) {
  return kind == Kind::kExon || kind == Kind::kCds || kind == Kind::kStartCodon || kind == Kind::kStopCodon ||
         kind == Kind::kUtr || kind == Kind::kSelenocysteine;
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
  // RefSeq CDS lines: exception=ribosomal slippage, transl_except=(pos:..,aa:Sec), start_range=.,N
  std::string_view exception, transl_except, start_range, end_range;
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
      else if (key == "exception")
        a.exception = value;
      else if (key == "end_range")
        a.end_range = value;
      break;
    case 10:
      if (key == "protein_id") a.protein_id = value;
      break;
    case 11:
      if (key == "start_range") a.start_range = value;
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
      if (key == "transcript_id")
        a.transcript_id = value;
      else if (key == "transl_except")
        a.transl_except = value;
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

// RefSeq's gene id: "GeneID:7157" in Dbxref=GeneID:7157,HGNC:HGNC:11998; empty when absent.
std::string_view DbxrefGeneId(std::string_view dbxref) {
  size_t at = dbxref.find("GeneID:");
  if (at == std::string_view::npos) return {};
  std::string_view rest = dbxref.substr(at + 7);
  return rest.substr(0, rest.find(','));
}

// exception=ribosomal slippage (RefSeq lists several exceptions comma-separated).
bool IsRibosomalSlippage(std::string_view exception, bool gff3) {
  if (exception.empty()) return false;
  return exception.find("ribosomal slippage") != std::string_view::npos ||
         (gff3 && exception.find("ribosomal%20slippage") != std::string_view::npos);
}

// Whether a CDS line may carry RefSeq's exception=, transl_except=, start_range=.,N or
// end_range=N,. (the attributes are parsed in full only then). GENCODE repeats every attribute on
// CDS lines, so this runs over most of a genome's bytes: two memchr scans for bytes that are rare
// there ('x' of "except", ',' beside '.').
bool MayHaveCdsNotes(std::string_view attributes) {
  const char* begin = attributes.data();
  const char* end = begin + attributes.size();
  for (const char* x = begin; (x = static_cast<const char*>(std::memchr(x, 'x', end - x))) != nullptr; ++x) {
    if (x > begin && x[-1] == 'e' && end - x >= 5 && std::memcmp(x, "xcept", 5) == 0) return true;
  }
  for (const char* c = begin; (c = static_cast<const char*>(std::memchr(c, ',', end - c))) != nullptr; ++c) {
    if ((c > begin && c[-1] == '.') || (c + 1 < end && c[1] == '.')) return true;
  }
  return false;
}

// The codons RefSeq's transl_except marks as selenocysteine, percent-decoded:
// "(pos:complement(1234..1236),aa:Sec)", several comma-separated; a codon split by an intron,
// "pos:join(100..101,200..200)", gives its pieces. Other amino acids (aa:TERM, ...) are skipped.
void SelenocysteineCodons(std::string_view text, std::vector<Interval0>& out) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t at = 0;
  while ((at = text.find("pos:", at)) != std::string_view::npos) {
    const size_t aa = text.find("aa:", at);
    if (aa == std::string_view::npos) return;
    const std::string_view location = text.substr(at + 4, aa - at - 4);
    std::string_view amino = text.substr(aa + 3);
    amino = amino.substr(0, amino.find_first_of("),; "));
    at = aa + 3;
    if (amino != "Sec") continue;
    size_t i = 0;
    while (i < location.size()) {
      if (!digit(location[i])) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < location.size() && digit(location[j])) ++j;
      int64_t from = 0;
      int64_t to = 0;
      const bool ok = ParsePosition(location.substr(i, j - i), from);
      to = from;
      if (location.substr(j, 2) == "..") {
        size_t k = j + 2;
        while (k < location.size() && digit(location[k])) ++k;
        if (!ParsePosition(location.substr(j + 2, k - j - 2), to)) to = -1;
        j = k;
      }
      if (ok && from >= 1 && to >= from && to - from < 3) out.push_back(FromOneBasedClosed(from, to));
      i = j;
    }
  }
}

struct GeneRecord {
  std::string key;  // the ID (GFF3) or gene_id (GTF) that children refer to; never moves
  Gene gene;
  int64_t line = 0;  // 0: implied by its transcripts (GTF without gene lines, a gene line missing)
  bool dropped = false;
  bool span_known = true;        // false: the line's coordinates were unusable; spans its transcripts
  bool strand_known = true;      // false: the line's strand was unusable; its transcripts' strand
  bool tentative = false;        // a top-level feature of an unknown type: a gene only if it has children
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
  std::string gene_id_hint;  // RefSeq Dbxref GeneID: the id of a gene made for a missing gene-X
  bool dropped = false;
  bool protein_from_cds = false;
  bool gene_from_attribute = false;  // no Parent: gene_id/geneID names the gene, which may be implied
  bool span_known = true;            // false: the line's coordinates were unusable; spans its exons
  bool slippage_marked = false;      // exception=ribosomal slippage on the transcript line
};

// Per-feature marks from RefSeq CDS attributes.
enum FeatureFlag : uint8_t {
  kFlagSlippage = 1 << 0,   // exception=ribosomal slippage
  kFlagOpenLeft = 1 << 1,   // start_range=.,N: the CDS continues past its genomic start
  kFlagOpenRight = 1 << 2,  // end_range=N,.: the CDS continues past its genomic end
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
  int8_t phase;   // -1 when '.'
  uint8_t flags;  // FeatureFlag bits
};
static_assert(sizeof(Feature) == 32);

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
  std::string protein_id;  // a CDS line's, for the transcript that comes later
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
  // The protein of a transcript whose first CDS line came before it: the first such line's.
  static void GiveProtein(TranscriptRecord& record, std::string& protein_id) {
    if (protein_id.empty() || record.protein_from_cds) return;
    record.transcript.protein_id = std::move(protein_id);
    record.protein_from_cds = true;
  }
  // Makes the gene of a transcript whose gene line is missing (a counted warning) or implied.
  Status GiveGene(TranscriptRecord& record);
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
  std::vector<Interval0> scratch_codons_;
  std::vector<Interval0> scratch_line_codons_;  // DataLine: one CDS line's transl_except codons
  std::vector<Pending> pending_;
  StringSet failed_keys_;      // ids whose own line was malformed: their children go quietly
  StringSet incomplete_keys_;  // parents named by a line refused for its column count
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
  // RefSeq's rna-X for transcripts without transcript_id (a miRNA under its primary transcript).
  std::string_view display =
      !a.transcript_id.empty() ? a.transcript_id : StripPrefix(StripPrefix(a.id, "transcript:"), "rna-");
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
    // When the last column still reads as attributes, the transcripts it names lost a line and are
    // refused (a transcript line of this kind names its gene, which is not refused).
    if (n > 1) {
      std::string_view text = cols[n - 1];
      const bool gff3 =
          format_ == Format::kGff3 || (format_ == Format::kUnknown && text.find('=') < text.find(' '));
      Attributes a;
      if (gff3) {
        ParseGff3Attributes(text, a, false);
        for (std::string_view keys = a.parent; !keys.empty();) {
          const size_t comma = keys.find(',');
          incomplete_keys_.emplace(keys.substr(0, comma));
          if (comma == std::string_view::npos) break;
          keys.remove_prefix(comma + 1);
        }
      } else if (text.find('"') != std::string_view::npos) {
        ParseGtfAttributes(text, a, false);
        if (!a.transcript_id.empty()) incomplete_keys_.emplace(a.transcript_id);
      }
    }
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
  bool tentative = false;  // an unknown feature type at the top level
  if (gff3) {
    if (kind == Kind::kSegment || kind == Kind::kOther) {
      // Recognised by structure, not by type: at the top level a gene (Ensembl writes IG/TR genes
      // as J_gene_segment, ...; a feature of an unknown type stays out of the model unless it has
      // children), under a parent a transcript (an unknown type only if it has exons).
      if (kind == Kind::kOther && a.id.empty()) return Status::Ok();
      tentative = kind == Kind::kOther && a.parent.empty();
      kind = a.parent.empty() ? Kind::kGene : kind == Kind::kSegment ? Kind::kTranscript : Kind::kOther;
    }
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

  // Coordinates. A gene or transcript line whose own span is unusable (an excerpt's gene starting
  // at -15) is kept: its span comes from its transcripts or exons.
  const bool exon_level = IsExonLevel(kind);
  int64_t first = 0;
  int64_t last = 0;
  std::string_view bad_field;
  std::string bad_message;
  if (!ParsePosition(cols[3], first) || first < 1) {
    bad_field = "start";
    bad_message = "start '" + std::string(cols[3]) + "' is not a positive integer";
  } else if (!ParsePosition(cols[4], last)) {
    bad_field = "end";
    bad_message = "end '" + std::string(cols[4]) + "' is not an integer";
  } else if (last < first) {
    bad_field = "end";
    bad_message = "end " + std::to_string(last) + " is before start " + std::to_string(first);
  }
  const bool span_known = bad_field.empty();
  if (!span_known) {
    if (exon_level) {
      MarkFailed(a, kind);
      return Problem("malformed line", line_number, bad_field, bad_message);
    }
    if (!tentative) {
      const bool gene = kind == Kind::kGene;
      ZENOME_RETURN_IF_ERROR(Problem(
          gene ? "gene span from its transcripts" : "transcript span from its exons", line_number, bad_field,
          bad_message + (gene ? "; the gene's span is taken from its transcripts"
                              : "; the transcript's span is taken from its exons")));
    }
  }
  Strand strand = Strand::kForward;
  bool strand_known = true;
  if (cols[6] == "+") {
    strand = Strand::kForward;
  } else if (cols[6] == "-") {
    strand = Strand::kReverse;
  } else if (kind == Kind::kGene) {
    strand_known = false;
    if (!tentative) {
      ZENOME_RETURN_IF_ERROR(
          Problem("gene strand from its transcripts", line_number, "strand",
                  "strand '" + std::string(cols[6]) +
                      "' is not '+' or '-'; the gene's strand is taken from its transcripts"));
    }
  } else {
    MarkFailed(a, kind);
    return Problem("malformed line", line_number, "strand",
                   "strand '" + std::string(cols[6]) + "' is not '+' or '-'");
  }
  int8_t phase = -1;  // '.': a CDS's phase is computed from the CDS before it (CheckAndBuild)
  if (cols[7].size() == 1 && cols[7][0] >= '0' && cols[7][0] <= '2') {
    phase = static_cast<int8_t>(cols[7][0] - '0');
  } else if (cols[7] != "." &&
             (kind == Kind::kCds || kind == Kind::kStopCodon || kind == Kind::kStartCodon)) {
    MarkFailed(a, kind);
    return Problem("malformed line", line_number, "phase",
                   "phase '" + std::string(cols[7]) + "' is not 0, 1 or 2");
  }
  if (cols[0].empty()) {
    if (tentative) return Status::Ok();
    MarkFailed(a, kind);
    return Problem("malformed line", line_number, "seqid", "empty sequence name");
  }
  const int contig = InternContig(cols[0]);
  const Interval0 span = span_known ? FromOneBasedClosed(first, last) : Interval0{};

  if (kind == Kind::kGene) {
    if (!tentative) has_gene_lines_ = true;
    std::string_view key = gff3 ? a.id : a.gene_id;
    const int index = static_cast<int>(genes_.size());
    GeneRecord& record = genes_.emplace_back();
    record.key.assign(key);
    // GFF3 ids share one namespace; GTF's gene_id and transcript_id do not.
    if ((gff3 && transcript_by_key_.count(key) != 0) || !gene_by_key_.try_emplace(record.key, index).second) {
      genes_.pop_back();
      if (tentative) return Status::Ok();  // a feature of an unknown type written over several lines
      failed_keys_.emplace(key);           // which children belong to which copy is unknowable
      return Problem("duplicate ID", line_number, gff3 ? "ID" : "gene_id",
                     "ID '" + std::string(key) + "' is already used by another record");
    }
    record.line = line_number;
    record.tentative = tentative;
    record.span_known = span_known;
    record.strand_known = strand_known;
    Gene& g = record.gene;
    std::string_view display = !a.gene_id.empty() ? a.gene_id : StripPrefix(a.id, "gene:");
    if (a.gene_id.empty() && a.id.substr(0, 5) == "gene-") {
      // RefSeq: ID=gene-TP53;Dbxref=GeneID:7157,HGNC:HGNC:11998 — the gene id is the GeneID.
      std::string_view gene_id = DbxrefGeneId(a.dbxref);
      if (!gene_id.empty()) display = gene_id;
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
    record.gene_id_hint.assign(DbxrefGeneId(a.dbxref));
    record.slippage_marked = IsRibosomalSlippage(a.exception, gff3);
    record.span_known = span_known;
    record.transcript.contig = contig;
    record.transcript.strand = strand;
    record.transcript.span = span;
    return Status::Ok();
  }

  // Exon-level feature: attach to its transcript(s). Start codons lie inside the CDS and add
  // nothing once their line is checked.
  if (kind == Kind::kStartCodon) return Status::Ok();
  uint8_t flags = 0;
  std::vector<Interval0>& selenocysteines = scratch_line_codons_;
  selenocysteines.clear();
  if (kind == Kind::kCds && MayHaveCdsNotes(cols[8])) {
    // RefSeq writes these on CDS lines only; GENCODE's long CDS lines seldom reach this parse.
    complete_attributes();
    if (IsRibosomalSlippage(a.exception, gff3)) flags |= kFlagSlippage;
    if (!a.start_range.empty()) flags |= kFlagOpenLeft;
    if (!a.end_range.empty()) flags |= kFlagOpenRight;
    if (!a.transl_except.empty()) SelenocysteineCodons(Decode(a.transl_except, gff3), selenocysteines);
  }
  Feature feature{span.start, span.end, -1,   static_cast<uint32_t>(line_number), contig, strand,
                  kind,       phase,    flags};
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
    if (index < 0) {
      Pending& pending = pending_.emplace_back(Pending{features_.size() - 1, std::string(parent_key), {}});
      if (kind == Kind::kCds) {
        complete_attributes();
        if (!a.protein_id.empty()) {
          pending.protein_id = Decode(a.protein_id, gff3);
          if (!a.protein_version.empty()) pending.protein_id += "." + std::string(a.protein_version);
        }
      }
    }
    for (const Interval0& codon : selenocysteines) {
      // RefSeq transl_except=(pos:..,aa:Sec): a Selenocysteine feature of the same transcript.
      features_.push_back(
          {codon.start, codon.end, index, feature.line, contig, strand, Kind::kSelenocysteine, -1, 0});
      if (index < 0) pending_.push_back({features_.size() - 1, std::string(parent_key), {}});
    }
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
      GiveProtein(transcripts_[it->second], pending.protein_id);
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
      GiveProtein(transcripts_[g.implicit_transcript], pending.protein_id);
      continue;
    }
    if (failed_keys_.count(pending.parent_key) != 0) continue;  // already reported
    ZENOME_RETURN_IF_ERROR(Problem("missing parent", feature.line, "Parent",
                                   "parent '" + pending.parent_key + "' is not defined in the file"));
  }
  const bool any_failed = !failed_keys_.empty();
  // Transcripts to genes, in two rounds: first those whose parent is a gene (or is missing: then
  // the gene is made), then those whose parent is another transcript (RefSeq's miRNA under its
  // primary_transcript), which join that transcript's gene.
  std::vector<size_t> nested;
  for (size_t i = 0; i < transcripts_.size(); ++i) {
    TranscriptRecord& record = transcripts_[i];
    if ((any_failed && failed_keys_.count(record.key) != 0) ||
        (!incomplete_keys_.empty() && incomplete_keys_.count(record.key) != 0)) {
      record.dropped = true;  // a line of it was refused, and reported
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
    if (any_failed && failed_keys_.count(record.parent_key) != 0) {
      record.dropped = true;  // its gene's line was refused, and reported
      continue;
    }
    if (format_ == Format::kGff3 && !record.parent_key.empty() &&
        transcript_by_key_.count(record.parent_key) != 0) {
      nested.push_back(i);
      continue;
    }
    ZENOME_RETURN_IF_ERROR(GiveGene(record));
  }
  for (size_t i : nested) {
    TranscriptRecord& record = transcripts_[i];
    // Up the chain of transcripts to the first with a gene (bounded: a cycle of Parents ends it).
    std::string_view key = record.parent_key;
    for (int step = 0; step < 16 && record.gene < 0; ++step) {
      auto it = transcript_by_key_.find(key);
      if (it == transcript_by_key_.end()) break;
      const TranscriptRecord& parent = transcripts_[it->second];
      if (parent.gene >= 0) {
        record.gene = parent.gene;
        break;
      }
      auto gene = gene_by_key_.find(parent.parent_key);
      if (gene != gene_by_key_.end()) {
        record.gene = gene->second;
        break;
      }
      key = parent.parent_key;
    }
    if (record.gene < 0) ZENOME_RETURN_IF_ERROR(GiveGene(record));
  }
  return Status::Ok();
}

Status GeneModelParser::GiveGene(TranscriptRecord& record) {
  if (record.kind == Kind::kOther) {  // an unknown feature type under something that is no gene
    record.dropped = true;
    return Status::Ok();
  }
  const Transcript& t = record.transcript;
  // GTF without gene lines, or a GFF3 transcript naming its gene by gene_id: an implied gene, as
  // the file means it. Otherwise the gene line is missing (or the transcript has no Parent).
  const bool implied = (format_ == Format::kGtf && !has_gene_lines_) || record.gene_from_attribute;
  const bool gff3 = format_ == Format::kGff3;
  const int index = static_cast<int>(genes_.size());
  GeneRecord& g = genes_.emplace_back();
  g.key = record.parent_key.empty() ? record.key : record.parent_key;
  std::string version_unused;
  if (record.parent_key.empty()) {
    g.gene.id = !t.gene_name.empty() ? t.gene_name : t.id;
  } else {
    std::string_view id = StripPrefix(record.parent_key, "gene:");
    if (gff3 && id.substr(0, 5) == "gene-") {
      // RefSeq's gene-BRCA1: the gene id is the GeneID its transcripts also list in Dbxref.
      id = !record.gene_id_hint.empty() ? std::string_view(record.gene_id_hint) : id.substr(5);
    }
    SplitVersion(Decode(id, gff3), g.gene.id, version_unused);
  }
  g.gene.name = t.gene_name;
  g.gene.biotype = t.gene_biotype;
  g.gene.contig = t.contig;
  g.gene.strand = t.strand;
  gene_by_key_.emplace(g.key, index);
  record.gene = index;
  if (implied) return Status::Ok();
  const int64_t line = record.line != 0 ? record.line : record.first_feature_line;
  std::string what = record.parent_key.empty() ? "transcript '" + record.key + "' has no Parent"
                                               : "gene '" + record.parent_key + "' of transcript '" +
                                                     record.key + "' is not in the file";
  return Problem("gene made from its transcripts", line, gff3 ? "Parent" : "gene_id",
                 what + "; gene " + g.gene.id + (g.gene.name.empty() ? "" : " (" + g.gene.name + ")") +
                     " is made from its transcripts");
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
  std::vector<Interval0>& codons = scratch_codons_;
  codons.clear();
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
      case Kind::kSelenocysteine: codons.push_back({f->start, f->end}); break;
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
  if (record.line != 0 && record.span_known && !(t.span == hull)) {
    ZENOME_RETURN_IF_ERROR(Problem("transcript span from its exons", record.line, "start",
                                   "transcript " + t.id + ": transcript line spans " + Range1(t.span) +
                                       " but its exons span " + Range1(hull) + "; the exons' span is used"));
  }
  t.span = hull;

  // CDS: sorted, inside exons, phases consistent along the transcript; disjoint, except that a
  // segment may start up to kMaxSlippageOverlap bases before the previous one ends (a programmed
  // -1 frameshift, as in SARS-CoV-2 ORF1ab or RefSeq's exception=ribosomal slippage).
  if (!std::is_sorted(cds.begin(), cds.end(), by_start)) std::sort(cds.begin(), cds.end(), by_start);
  bool slippage_marked = record.slippage_marked;
  const Feature* slipped = nullptr;  // the first segment overlapping the one before it
  for (size_t i = 0; i < cds.size(); ++i) {
    const Interval0 segment{cds[i]->start, cds[i]->end};
    slippage_marked = slippage_marked || (cds[i]->flags & kFlagSlippage) != 0;
    if (i > 0 && cds[i]->start < cds[i - 1]->end) {
      const Interval0 previous{cds[i - 1]->start, cds[i - 1]->end};
      const int64_t overlap = previous.end - segment.start;
      const bool frameshift = overlap <= kMaxSlippageOverlap && segment.end > previous.end &&
                              segment.start >= previous.start && (i < 2 || segment.start >= cds[i - 2]->end);
      if (!frameshift) {
        return drop("overlapping CDS", cds[i]->line, "start",
                    "CDS " + Range1(segment) + " overlaps CDS " + Range1(previous) +
                        (overlap <= kMaxSlippageOverlap ? "" : " by " + std::to_string(overlap) + " bases"));
      }
      if (slipped == nullptr) slipped = cds[i];
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
  t.ribosomal_slippage = false;
  if (!cds.empty()) {
    const bool forward = t.strand == Strand::kForward;
    const size_t n = cds.size();
    auto in_order = [&](size_t k) { return cds[forward ? k : n - 1 - k]; };
    // The phase is the number of bases to skip to reach the next codon start. A segment written
    // with phase '.' takes it from the CDS bases before it; the first segment's phase is the one
    // the first segment with a phase implies, else 0.
    int first_phase = 0;
    int64_t before = 0;  // CDS bases upstream in transcript order
    for (size_t k = 0; k < n; ++k) {
      const Feature* f = in_order(k);
      if (f->phase >= 0) {
        first_phase = static_cast<int>((f->phase + before) % 3);
        break;
      }
      before += f->end - f->start;
    }
    before = 0;
    const Feature* unphased = nullptr;
    size_t n_unphased = 0;
    for (size_t k = 0; k < n; ++k) {
      const Feature* f = in_order(k);
      const int expected = static_cast<int>(((first_phase - before) % 3 + 3) % 3);
      if (f->phase < 0) {
        if (unphased == nullptr) unphased = f;
        ++n_unphased;
      } else if (f->phase != expected) {
        return drop("bad CDS phase", f->line, "phase",
                    "CDS " + Range1({f->start, f->end}) + " has phase " + std::to_string(f->phase) +
                        " but the " + std::to_string(before) + " CDS bases before it (first phase " +
                        std::to_string(first_phase) + ") require phase " + std::to_string(expected));
      }
      before += f->end - f->start;
      // RefSeq's partial CDS: start_range/end_range mark the genomic side that is open.
      if (f->flags & kFlagOpenLeft) (forward ? t.cds_start_incomplete : t.cds_end_incomplete) = true;
      if (f->flags & kFlagOpenRight) (forward ? t.cds_end_incomplete : t.cds_start_incomplete) = true;
    }
    if (unphased != nullptr) {
      ZENOME_RETURN_IF_ERROR(Problem(
          "CDS phase computed", unphased->line, "phase",
          "transcript " + t.id + ": " + std::to_string(n_unphased) + " of " + std::to_string(n) +
              " CDS segments have phase '.'; computed from the CDS bases before each in transcript order "
              "(first segment phase " +
              std::to_string(first_phase) + ")"));
    }
    t.cds_start_phase = first_phase;
    t.cds.reserve(cds.size() + stops.size());
    for (const Feature* f : cds) t.cds.push_back({f->start, f->end});
    t.ribosomal_slippage = slipped != nullptr || slippage_marked;
    if (slipped != nullptr && !slippage_marked) {
      const size_t i = static_cast<size_t>(std::find(cds.begin(), cds.end(), slipped) - cds.begin());
      ZENOME_RETURN_IF_ERROR(Problem("CDS overlap read as ribosomal slippage", slipped->line, "start",
                                     "transcript " + t.id + ": CDS " +
                                         Range1({slipped->start, slipped->end}) + " overlaps CDS " +
                                         Range1({cds[i - 1]->start, cds[i - 1]->end}) + " by " +
                                         std::to_string(cds[i - 1]->end - slipped->start) +
                                         " base(s); read as a programmed -1 frameshift though no "
                                         "exception=ribosomal slippage marks it"));
    }
  }
  if (!stops.empty()) {
    // GTF's CDS excludes the stop codon; GFF3's includes it. Each stop codon joins the CDS segment
    // it touches or overlaps when the two stay within one exon, else is a segment of its own.
    for (const Interval0& stop : stops) {
      bool joined = false;
      for (Interval0& segment : t.cds) {
        if (stop.start > segment.end || segment.start > stop.end) continue;
        const Interval0 both{std::min(segment.start, stop.start), std::max(segment.end, stop.end)};
        if (ContainingExon(t.exons, both) >= 0) {
          segment = both;
          joined = true;
          break;
        }
      }
      if (!joined) t.cds.push_back(stop);
    }
    std::sort(t.cds.begin(), t.cds.end(),
              [](const Interval0& a, const Interval0& b) { return a.start < b.start; });
    t.cds.erase(std::unique(t.cds.begin(), t.cds.end()), t.cds.end());
  }

  // Selenocysteine codons: those inside the CDS, once each.
  t.selenocysteine_codons.clear();
  if (!codons.empty()) {
    std::sort(codons.begin(), codons.end(), [](const Interval0& a, const Interval0& b) {
      return a.start != b.start ? a.start < b.start : a.end < b.end;
    });
    codons.erase(std::unique(codons.begin(), codons.end()), codons.end());
    const Interval0 coding = t.coding_span();
    for (const Interval0& codon : codons) {
      if (!t.cds.empty() && codon.start >= coding.start && codon.end <= coding.end) {
        t.selenocysteine_codons.push_back(codon);
        continue;
      }
      int64_t codon_line = line;
      for (size_t i = 0; i < n_features; ++i) {
        const Feature* f = features[i];
        if (f->kind == Kind::kSelenocysteine && f->start == codon.start && f->end == codon.end) {
          codon_line = f->line;
          break;
        }
      }
      ZENOME_RETURN_IF_ERROR(Problem("selenocysteine outside CDS", codon_line, "start",
                                     "transcript " + t.id + ": selenocysteine codon " + Range1(codon) +
                                         " is not inside its CDS; ignored"));
    }
  }

  // The gene holds its transcripts.
  GeneRecord& g = genes_[record.gene];
  if (!g.strand_known) {  // its line's strand was unusable: its first transcript's
    g.gene.strand = t.strand;
    g.strand_known = true;
  }
  if (g.gene.contig != t.contig || g.gene.strand != t.strand) {
    return drop("feature off its transcript", line, g.gene.contig != t.contig ? "seqid" : "strand",
                "transcript is not on the contig and strand of its gene " + g.gene.id);
  }
  if (g.line != 0 && g.span_known && (t.span.start < g.gene.span.start || t.span.end > g.gene.span.end)) {
    ZENOME_RETURN_IF_ERROR(Problem("gene span from its transcripts", line, "start",
                                   "transcript " + t.id + " " + Range1(t.span) + " extends beyond its gene " +
                                       g.gene.id + " " + Range1(g.gene.span) +
                                       "; the gene's span is widened to hold it"));
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
      // Made or implied genes, and genes whose line had no usable span, span their transcripts.
      if (g.line == 0 || !g.span_known) genes.back().span = kept[i].span;
    }
    Gene& gene = genes[g.kept_index];
    gene.transcripts.push_back(static_cast<int>(i));
    // A gene line narrower than its transcripts (reported in CheckAndBuild) is widened.
    gene.span.start = std::min(gene.span.start, kept[i].span.start);
    gene.span.end = std::max(gene.span.end, kept[i].span.end);
    if (g.line == 0 && gene.name.empty()) gene.name = kept[i].gene_name;
    if (g.line == 0 && gene.biotype.empty()) gene.biotype = kept[i].gene_biotype;
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
