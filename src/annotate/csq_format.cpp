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
    "CANONICAL",        "MANE",        "TSL",    "ENSP",     "HGVSg",  "HGVS_OFFSET",   "HAPLOTYPE"};

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

namespace {
// Copies `text` to `to` and returns the end; short texts (nearly every field) with fixed-size
// moves instead of a call.
inline char* Put(char* to, std::string_view text) {
  const size_t n = text.size();
  const char* from = text.data();
  if (n >= 16) {
    std::memcpy(to, from, n);
  } else if (n >= 8) {
    uint64_t head = 0;
    uint64_t tail = 0;
    std::memcpy(&head, from, 8);
    std::memcpy(&tail, from + n - 8, 8);
    std::memcpy(to, &head, 8);
    std::memcpy(to + n - 8, &tail, 8);
  } else if (n >= 4) {
    uint32_t head = 0;
    uint32_t tail = 0;
    std::memcpy(&head, from, 4);
    std::memcpy(&tail, from + n - 4, 4);
    std::memcpy(to, &head, 4);
    std::memcpy(to + n - 4, &tail, 4);
  } else {
    for (size_t i = 0; i < n; ++i) to[i] = from[i];
  }
  return to + n;
}

char* PutNumber(char* to, int64_t value) {
  return std::to_chars(to, to + 20, value).ptr;
}

std::string_view ManeOf(const Transcript& t) {
  return t.mane_select ? "MANE_Select" : t.mane_plus_clinical ? "MANE_Plus_Clinical" : "";
}
}  // namespace

void CsqLayout::AppendEntry(const AlleleAnnotation& allele, const TranscriptEffect& effect, bool picked,
                            Escaping escaping, std::string& out) const {
  const Transcript* t = effect.transcript;
  // Values from the input or the gene model (and zenome's own text, which never needs it) are
  // escaped where a character cannot stand in CSQ or TSV. Nearly always none needs it: then the
  // entry is written in one go into room reserved for its longest form.
  const std::string_view texts[] = {allele.vep_allele,
                                    t != nullptr ? std::string_view(t->gene_name) : std::string_view(),
                                    t != nullptr ? std::string_view(t->gene_id) : std::string_view(),
                                    t != nullptr ? std::string_view(t->id) : std::string_view(),
                                    t != nullptr ? std::string_view(t->version) : std::string_view(),
                                    t != nullptr ? std::string_view(t->biotype) : std::string_view(),
                                    effect.exon,
                                    effect.intron,
                                    effect.hgvsc,
                                    effect.hgvsp,
                                    effect.cdna_position,
                                    effect.cds_position,
                                    effect.protein_position,
                                    effect.amino_acids,
                                    effect.codons,
                                    effect.flags,
                                    t != nullptr ? std::string_view(t->protein_id) : std::string_view(),
                                    allele.hgvsg,
                                    effect.haplotype};
  bool clean = true;
  size_t room = 0;
  for (std::string_view text : texts) {
    clean = clean && Clean(text, escaping);
    room += text.size();
  }
  for (const std::string& value : allele.extra_values) {
    clean = clean && Clean(value, escaping);
    room += value.size() + 1;
  }
  const char separator = escaping == Escaping::kVcf ? '|' : '\t';
  if (!clean) {
    AppendEntryEscaped(allele, effect, picked, escaping, out);
    return;
  }
  // Fixed words: the terms (each under 40 characters), impact, numbers, flags. The room is
  // zero-filled by resize, so it is kept near the entry's size.
  room += static_cast<size_t>(std::popcount(effect.consequences.bits()) + 1) * 40 + 256;
  const size_t at = out.size();
  out.resize(at + room);
  char* p = out.data() + at;
  auto field = [&](std::string_view text) {
    p = Put(p, text);
    *p++ = separator;
  };
  field(allele.vep_allele);
  if (effect.consequences.empty()) {
    p = Put(p, "intergenic_variant");
  } else {
    bool first = true;
    for (uint64_t rest = effect.consequences.bits(); rest != 0; rest &= rest - 1) {
      const auto term = static_cast<Consequence>(std::countr_zero(rest));
      if (term >= Consequence::kCount) break;
      if (!first) *p++ = '&';
      first = false;
      p = Put(p, SoTerm(term));
    }
  }
  *p++ = separator;
  field(ImpactName(effect.consequences.empty() ? Impact::kModifier : effect.consequences.HighestImpact()));
  if (t != nullptr) {
    field(t->gene_name);
    field(t->gene_id);
    field("Transcript");
    p = Put(p, t->id);
    if (!t->version.empty()) {
      *p++ = '.';
      p = Put(p, t->version);
    }
    *p++ = separator;
    field(t->biotype);
  } else {
    for (int k = 0; k < 5; ++k) *p++ = separator;
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
  if (effect.distance >= 0) p = PutNumber(p, effect.distance);
  *p++ = separator;
  field(t != nullptr ? (t->strand == Strand::kForward ? "1" : "-1") : "");
  field(effect.flags);
  field(picked ? "1" : "");
  field(t != nullptr && t->canonical ? "YES" : "");
  field(t != nullptr ? ManeOf(*t) : "");
  if (t != nullptr && t->tsl > 0) p = PutNumber(p, t->tsl);
  *p++ = separator;
  field(t != nullptr ? std::string_view(t->protein_id) : std::string_view());
  field(allele.hgvsg);
  if (effect.hgvs_shift > 0) p = PutNumber(p, effect.hgvs_shift);
  *p++ = separator;
  p = Put(p, effect.haplotype);
  for (const auto& value : allele.extra_values) {
    *p++ = separator;
    p = Put(p, value);
  }
  out.resize(static_cast<size_t>(p - out.data()));
}

void CsqLayout::AppendEntryEscaped(const AlleleAnnotation& allele, const TranscriptEffect& effect,
                                   bool picked, Escaping escaping, std::string& out) const {
  const char separator = escaping == Escaping::kVcf ? '|' : '\t';
  const Transcript* t = effect.transcript;
  auto field = [&](std::string_view value) {
    AppendRaw(value, escaping, out);
    out.push_back(separator);
  };
  field(allele.vep_allele);
  field(effect.consequences.empty() ? std::string("intergenic_variant") : effect.consequences.Join('&'));
  field(ImpactName(effect.consequences.empty() ? Impact::kModifier : effect.consequences.HighestImpact()));
  field(t != nullptr ? std::string_view(t->gene_name) : std::string_view());
  field(t != nullptr ? std::string_view(t->gene_id) : std::string_view());
  field(t != nullptr ? "Transcript" : "");
  field(t != nullptr ? t->versioned_id() : std::string());
  field(t != nullptr ? std::string_view(t->biotype) : std::string_view());
  field(effect.exon);
  field(effect.intron);
  field(effect.hgvsc);
  field(effect.hgvsp);
  field(effect.cdna_position);
  field(effect.cds_position);
  field(effect.protein_position);
  field(effect.amino_acids);
  field(effect.codons);
  field(effect.distance >= 0 ? std::to_string(effect.distance) : std::string());
  field(t != nullptr ? (t->strand == Strand::kForward ? "1" : "-1") : "");
  field(effect.flags);
  field(picked ? "1" : "");
  field(t != nullptr && t->canonical ? "YES" : "");
  field(t != nullptr ? ManeOf(*t) : "");
  field(t != nullptr && t->tsl > 0 ? std::to_string(t->tsl) : std::string());
  field(t != nullptr ? std::string_view(t->protein_id) : std::string_view());
  field(allele.hgvsg);
  field(effect.hgvs_shift > 0 ? std::to_string(effect.hgvs_shift) : std::string());
  field(effect.haplotype);
  for (const auto& value : allele.extra_values) field(value);
  out.pop_back();  // the separator after the last field
}

}  // namespace zenome
