#include "annotate/csq_format.h"

#include <array>
#include <charconv>

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
  // Fields are appended in place: values from the input or the gene model go through AppendRaw,
  // fixed words (terms, impacts, numbers) are known to need no escaping.
  const char separator = escaping == Escaping::kVcf ? '|' : '\t';
  const Transcript* t = effect.transcript;
  auto field = [&](std::string_view value) {
    AppendRaw(value, escaping, out);
    out.push_back(separator);
  };
  auto word = [&](std::string_view value) {
    out.append(value);
    out.push_back(separator);
  };
  auto number = [&](int64_t value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof(digits), value).ptr;
    out.append(digits, end);
  };
  field(allele.vep_allele);
  if (effect.consequences.empty()) {
    out += "intergenic_variant";
  } else {
    effect.consequences.AppendJoined('&', out);
  }
  out.push_back(separator);
  word(ImpactName(effect.consequences.empty() ? Impact::kModifier : effect.consequences.HighestImpact()));
  if (t != nullptr) {
    field(t->gene_name);
    field(t->gene_id);
    word("Transcript");
    // The versioned ID, escaped as one value: escaping never reaches across the '.'.
    AppendRaw(t->id, escaping, out);
    if (!t->version.empty()) {
      out.push_back('.');
      AppendRaw(t->version, escaping, out);
    }
    out.push_back(separator);
    field(t->biotype);
  } else {
    out.append(5, separator);
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
  if (effect.distance >= 0) number(effect.distance);
  out.push_back(separator);
  word(t != nullptr ? (t->strand == Strand::kForward ? "1" : "-1") : "");
  field(effect.flags);
  word(picked ? "1" : "");
  word(t != nullptr && t->canonical ? "YES" : "");
  word(t != nullptr ? (t->mane_select          ? "MANE_Select"
                       : t->mane_plus_clinical ? "MANE_Plus_Clinical"
                                               : "")
                    : "");
  if (t != nullptr && t->tsl > 0) number(t->tsl);
  out.push_back(separator);
  field(t != nullptr ? std::string_view(t->protein_id) : std::string_view());
  field(allele.hgvsg);
  if (effect.hgvs_shift > 0) number(effect.hgvs_shift);
  out.push_back(separator);
  for (const auto& value : allele.extra_values) field(value);
  out.pop_back();  // the separator after the last field
}

}  // namespace zenome
