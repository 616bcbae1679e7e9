#include "annotate/structural_allele.h"

#include <htslib/vcf.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "core/text.h"

namespace zenome {

namespace {

// Integer `index` of an INFO field, read straight from the unpacked record.
std::optional<int64_t> InfoInt(const bcf1_t* record, int id, int index) {
  if (id < 0) return std::nullopt;
  for (int i = 0; i < record->n_info; ++i) {
    const bcf_info_t& field = record->d.info[i];
    if (field.key != id || field.vptr == nullptr || index >= field.len) continue;
    switch (field.type) {
      case BCF_BT_INT8: {
        const int8_t v = reinterpret_cast<const int8_t*>(field.vptr)[index];
        if (v == bcf_int8_missing || v == bcf_int8_vector_end) return std::nullopt;
        return v;
      }
      case BCF_BT_INT16: {
        int16_t v;
        std::memcpy(&v, field.vptr + 2 * index, sizeof v);
        if (v == bcf_int16_missing || v == bcf_int16_vector_end) return std::nullopt;
        return v;
      }
      case BCF_BT_INT32: {
        int32_t v;
        std::memcpy(&v, field.vptr + 4 * index, sizeof v);
        if (v == bcf_int32_missing || v == bcf_int32_vector_end) return std::nullopt;
        return v;
      }
      default: return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string_view InfoString(const bcf1_t* record, int id) {
  if (id < 0) return {};
  for (int i = 0; i < record->n_info; ++i) {
    const bcf_info_t& field = record->d.info[i];
    if (field.key != id || field.type != BCF_BT_CHAR || field.vptr == nullptr) continue;
    std::string_view text(reinterpret_cast<const char*>(field.vptr), static_cast<size_t>(field.len));
    const size_t nul = text.find('\0');
    return nul == std::string_view::npos ? text : text.substr(0, nul);
  }
  return {};
}

// The class a symbolic ID names: its first ':'-separated part (<DUP:TANDEM> -> DUP), upper case.
std::optional<StructuralKind> KindOfSymbol(std::string_view symbol) {
  const std::string upper = AsciiUpper(symbol);
  const std::string_view head = std::string_view(upper).substr(0, upper.find(':'));
  if (head == "DEL") return StructuralKind::kDeletion;
  if (head == "DUP") return StructuralKind::kDuplication;
  if (head == "INS") return StructuralKind::kInsertion;
  if (head == "INV") return StructuralKind::kInversion;
  if (head == "BND") return StructuralKind::kBreakend;
  if (head == "CNV") {
    if (upper == "CNV:GAIN") return StructuralKind::kCopyNumberGain;
    if (upper == "CNV:LOSS") return StructuralKind::kCopyNumberLoss;
    return StructuralKind::kCopyNumberChange;
  }
  // <CN0>, <CN1>: fewer copies than a diploid genome has; <CN3> and up: more.
  if (head.size() > 2 && head.starts_with("CN") &&
      head.find_first_not_of("0123456789", 2) == std::string_view::npos) {
    // More digits than any copy number: a gain (and no overflow in the conversion).
    const int copies = head.size() > 6 ? 3 : std::atoi(std::string(head.substr(2)).c_str());
    if (copies < 2) return StructuralKind::kCopyNumberLoss;
    if (copies > 2) return StructuralKind::kCopyNumberGain;
    return StructuralKind::kCopyNumberChange;
  }
  return std::nullopt;
}

}  // namespace

StructuralInfoIds FindStructuralInfoIds(const bcf_hdr_t* header) {
  StructuralInfoIds ids;
  auto id_of = [&](const char* tag) {
    const int id = bcf_hdr_id2int(header, BCF_DT_ID, tag);
    return id >= 0 && bcf_hdr_idinfo_exists(header, BCF_HL_INFO, id) ? id : -1;
  };
  ids.end = id_of("END");
  ids.svlen = id_of("SVLEN");
  ids.svtype = id_of("SVTYPE");
  return ids;
}

Result<std::optional<StructuralChange>> ReadStructuralAllele(bcf1_t* record, int alt_index,
                                                             std::string_view contig,
                                                             const StructuralInfoIds& ids) {
  const std::string_view alt = record->d.allele[alt_index];
  if (alt == "*" || alt == "<*>" || alt == "<NON_REF>" || alt == "<X>")
    return std::optional<StructuralChange>();
  const int64_t pos0 = record->pos;
  StructuralChange change;
  change.contig = contig;
  const bool breakend = alt.find_first_of("[]") != std::string_view::npos ||
                        (alt.size() > 1 && (alt.front() == '.' || alt.back() == '.'));
  bcf_unpack(record, BCF_UN_INFO);
  if (breakend) {
    // t[p[ and t]p] join after the POS base; [p[t and ]p]t (and .t) join before it.
    const bool joins_before = alt.front() == '[' || alt.front() == ']' || alt.front() == '.';
    change.kind = StructuralKind::kBreakend;
    change.start = change.end = joins_before ? pos0 : pos0 + 1;
    return std::optional<StructuralChange>(change);
  }
  if (alt.size() < 3 || alt.front() != '<' || alt.back() != '>') {
    return Status::BadInput("ALT '" + std::string(alt) +
                            "' is neither bases nor a symbolic allele <...> nor a breakend");
  }
  std::optional<StructuralKind> kind = KindOfSymbol(alt.substr(1, alt.size() - 2));
  if (!kind) kind = KindOfSymbol(InfoString(record, ids.svtype));
  if (!kind) {
    return Status::BadInput("symbolic ALT '" + std::string(alt) +
                            "' is not a known structural class (DEL, DUP, INS, INV, CNV, CNn, BND) and INFO "
                            "SVTYPE does not name one");
  }
  change.kind = *kind;
  change.start = pos0 + 1;  // the POS base is the padding base before the event
  if (change.kind == StructuralKind::kInsertion || change.kind == StructuralKind::kBreakend) {
    change.end = change.start;
    return std::optional<StructuralChange>(change);
  }
  const std::optional<int64_t> end = InfoInt(record, ids.end, 0);
  std::optional<int64_t> svlen = InfoInt(record, ids.svlen, alt_index - 1);
  if (!svlen) svlen = InfoInt(record, ids.svlen, 0);
  if (end) {
    if (*end < pos0 + 1) {
      return Status::BadInput("INFO END=" + std::to_string(*end) + " is before POS " +
                              std::to_string(pos0 + 1));
    }
    change.end = *end;
  } else if (svlen && *svlen != 0) {
    change.end = change.start + std::llabs(*svlen);
  } else {
    return Status::BadInput("symbolic ALT '" + std::string(alt) +
                            "' has neither INFO END nor SVLEN: its extent is unknown");
  }
  if (change.end <= change.start) {
    return Status::BadInput("symbolic ALT '" + std::string(alt) +
                            "' spans no reference base (END equals POS)");
  }
  return std::optional<StructuralChange>(change);
}

}  // namespace zenome
