#include "annotate/csq_format.h"

#include <array>
#include <bit>
#include <charconv>
#include <cstring>

#include "core/utf8.h"
#include "kb/variant_sites.h"

namespace zenome {

namespace {
// The fixed part of every entry, in VEP's order where VEP has the field.
const std::vector<std::string> kFixedFields = {
    "Allele",           "Consequence", "IMPACT", "SYMBOL",   "Gene",   "Feature_type",  "Feature",
    "BIOTYPE",          "EXON",        "INTRON", "HGVSc",    "HGVSp",  "cDNA_position", "CDS_position",
    "Protein_position", "Amino_acids", "Codons", "DISTANCE", "STRAND", "FLAGS",         "PICK",
    "CANONICAL",        "MANE",        "TSL",    "ENSP",     "HGVSg",  "HGVS_OFFSET"};

// Characters that cannot stand as they are inside a CSQ value (VCF) or a TSV cell. Control
// characters never can; bytes above ASCII are checked to be UTF-8 on the slow path.
constexpr bool NeedsEscape(char c, CsqLayout::Escaping escaping) {
  const auto byte = static_cast<unsigned char>(c);
  if (byte < 0x20 || byte >= 0x7f) return true;
  if (escaping == CsqLayout::Escaping::kTsv) return false;
  return c == ',' || c == '|' || c == ';' || c == '=' || c == ' ';
}

// NeedsEscape as a table per escaping (one load per byte on the hot path).
struct EscapeTable {
  std::array<bool, 256> vcf{};
  std::array<bool, 256> tsv{};
  constexpr EscapeTable() {
    for (int b = 0; b < 256; ++b) {
      vcf[b] = NeedsEscape(static_cast<char>(b), CsqLayout::Escaping::kVcf);
      tsv[b] = NeedsEscape(static_cast<char>(b), CsqLayout::Escaping::kTsv);
    }
  }
};
constexpr EscapeTable kEscape;

bool Clean(std::string_view value, CsqLayout::Escaping escaping) {
  const std::array<bool, 256>& table = escaping == CsqLayout::Escaping::kVcf ? kEscape.vcf : kEscape.tsv;
  bool dirty = false;
  for (char c : value) dirty |= table[static_cast<unsigned char>(c)];
  return !dirty;
}

void AppendRaw(std::string_view value, CsqLayout::Escaping escaping, std::string& out) {
  if (Clean(value, escaping)) {  // nearly every value: append in one go
    out.append(value);
  } else if (escaping == CsqLayout::Escaping::kVcf) {
    AppendCsqEscaped(value, out);
  } else {
    // TSV: tabs and line breaks become spaces, other control characters and bytes that are not
    // UTF-8 "%XX".
    for (size_t at = 0; at < value.size();) {
      const auto byte = static_cast<unsigned char>(value[at]);
      const size_t length = byte < 0x80 ? 1 : Utf8SequenceLength(value, at);
      if (byte == '\t' || byte == '\n' || byte == '\r') {
        out.push_back(' ');
      } else if (length == 0 || byte < 0x20 || byte == 0x7f) {
        AppendPercentEncoded(byte, out);
      } else {
        out.append(value.substr(at, length));
        at += length;
        continue;
      }
      ++at;
    }
  }
}
}  // namespace

CsqLayout::CsqLayout(std::vector<std::string> extra_fields) : fields_(kFixedFields) {
  extra_count_ = extra_fields.size();
  for (auto& field : extra_fields) fields_.push_back(std::move(field));
}

std::string CsqLayout::HeaderDescription() const {
  std::string out = "Consequence annotations from zenome (VEP-compatible). Format: ";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out.push_back('|');
    out += fields_[i];
  }
  return out;
}

std::string VepAllele(const std::vector<std::string_view>& alleles, size_t alt_index) {
  bool shared_first_base = alleles.size() > 1;
  bool all_single = true;
  for (std::string_view allele : alleles) {
    if (allele.empty() || allele[0] != alleles[0][0]) shared_first_base = false;
    if (allele.size() != 1) all_single = false;
  }
  std::string_view alt = alleles[alt_index];
  if (shared_first_base && !all_single) alt.remove_prefix(1);
  return alt.empty() ? std::string("-") : std::string(alt);
}

void CsqLayout::AppendEntry(const AlleleAnnotation& allele, const TranscriptEffect& effect, bool picked,
                            Escaping escaping, std::string& out) const {
  // The entry is listed as pieces first: values from the input or the gene model ("raw", escaped
  // when they need it) and fixed words (separators, terms, impacts, numbers). When no raw piece
  // needs escaping, as nearly always, the entry is sized once and copied in.
  struct Piece {
    std::string_view text;
    bool raw;
  };
  thread_local std::vector<Piece> pieces;
  pieces.clear();
  const std::string_view separator = escaping == Escaping::kVcf ? "|" : "\t";
  bool clean = true;
  auto raw = [&](std::string_view value) {
    if (value.empty()) return;
    clean = clean && Clean(value, escaping);
    pieces.push_back({value, true});
  };
  auto word = [&](std::string_view value) {
    if (!value.empty()) pieces.push_back({value, false});
  };
  auto field = [&](std::string_view value) {
    raw(value);
    word(separator);
  };
  char numbers[3][24];
  auto number = [&](int slot, int64_t value) {
    const char* end = std::to_chars(numbers[slot], numbers[slot] + sizeof(numbers[slot]), value).ptr;
    word(std::string_view(numbers[slot], static_cast<size_t>(end - numbers[slot])));
  };
  const Transcript* t = effect.transcript;
  field(allele.vep_allele);
  if (effect.consequences.empty()) {
    word("intergenic_variant");
  } else {
    bool first = true;
    for (uint32_t rest = effect.consequences.bits(); rest != 0; rest &= rest - 1) {
      const auto term = static_cast<Consequence>(std::countr_zero(rest));
      if (term >= Consequence::kCount) break;
      if (!first) word("&");
      first = false;
      word(SoTerm(term));
    }
  }
  word(separator);
  word(ImpactName(effect.consequences.empty() ? Impact::kModifier : effect.consequences.HighestImpact()));
  word(separator);
  if (t != nullptr) {
    field(t->gene_name);
    field(t->gene_id);
    word("Transcript");
    word(separator);
    // The versioned ID, escaped as one value: escaping never reaches across the '.'.
    raw(t->id);
    if (!t->version.empty()) {
      word(".");
      raw(t->version);
    }
    word(separator);
    field(t->biotype);
  } else {
    for (int k = 0; k < 5; ++k) word(separator);
  }
  field(effect.exon);
  field(effect.intron);
  field(effect.hgvsc);
  field(effect.hgvsp);
  field(effect.cdna_position);
  field(effect.cds_position);
  field(effect.protein_position);
  field(effect.amino_acids);
  field(effect.codons);
  if (effect.distance >= 0) number(0, effect.distance);
  word(separator);
  word(t != nullptr ? (t->strand == Strand::kForward ? "1" : "-1") : "");
  word(separator);
  field(effect.flags);
  word(picked ? "1" : "");
  word(separator);
  word(t != nullptr && t->canonical ? "YES" : "");
  word(separator);
  word(t != nullptr ? (t->mane_select          ? "MANE_Select"
                       : t->mane_plus_clinical ? "MANE_Plus_Clinical"
                                               : "")
                    : "");
  word(separator);
  if (t != nullptr && t->tsl > 0) number(1, t->tsl);
  word(separator);
  field(t != nullptr ? std::string_view(t->protein_id) : std::string_view());
  field(allele.hgvsg);
  if (effect.hgvs_shift > 0) number(2, effect.hgvs_shift);
  for (const auto& value : allele.extra_values) {
    word(separator);
    raw(value);
  }
  if (!clean) {
    for (const Piece& piece : pieces) {
      if (piece.raw) {
        AppendRaw(piece.text, escaping, out);
      } else {
        out.append(piece.text);
      }
    }
    return;
  }
  size_t total = 0;
  for (const Piece& piece : pieces) total += piece.text.size();
  const size_t at = out.size();
  out.resize(at + total);
  char* to = out.data() + at;
  for (const Piece& piece : pieces) {
    std::memcpy(to, piece.text.data(), piece.text.size());
    to += piece.text.size();
  }
}

}  // namespace zenome
