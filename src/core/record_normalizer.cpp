#include "core/record_normalizer.h"

#include <htslib/vcf.h>

#include <strings.h>
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/diagnostics.h"
#include "core/normalize.h"
#include "core/reference.h"

namespace zenome {

void BcfRecordDeleter::operator()(bcf1_t* record) const {
  bcf_destroy(record);
}

BcfRecordPtr NewBcfRecord() {
  return BcfRecordPtr(bcf_init());
}

void BcfHeaderDeleter::operator()(bcf_hdr_t* header) const {
  bcf_hdr_destroy(header);
}

namespace {

// Which of the source record's values the split record for ALT `alt` keeps, for a field of the
// given VCF Number (A, R or G) and ploidy (for G).
std::vector<int> SelectedIndexes(int number, int alt, int ploidy) {
  switch (number) {
    case BCF_VL_A: return {alt - 1};
    case BCF_VL_R: return {0, alt};
    case BCF_VL_G:
      if (ploidy == 1) return {0, alt};
      // Diploid genotype order: index of (a, b), a <= b, is b*(b+1)/2 + a.
      return {0, alt * (alt + 1) / 2, alt * (alt + 1) / 2 + alt};
    default: return {};
  }
}

int ExpectedCount(int number, int n_alleles, int ploidy) {
  switch (number) {
    case BCF_VL_A: return n_alleles - 1;
    case BCF_VL_R: return n_alleles;
    case BCF_VL_G: return ploidy == 1 ? n_alleles : n_alleles * (n_alleles + 1) / 2;
    default: return -1;
  }
}

std::vector<std::string_view> SplitCommas(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == text.npos ? text.npos : comma - start));
    if (comma == text.npos) break;
    start = comma + 1;
  }
  return parts;
}

template <typename T>
struct HtsBuffer {
  T* data = nullptr;
  int capacity = 0;
  ~HtsBuffer() { free(data); }
};

bool IsVectorEnd(int32_t value) {
  return value == bcf_int32_vector_end;
}
bool IsVectorEnd(float value) {
  return bcf_float_is_vector_end(value);
}
void SetVectorEnd(int32_t& value) {
  value = bcf_int32_vector_end;
}
void SetVectorEnd(float& value) {
  bcf_float_set_vector_end(value);
}

// Ploidy of each sample from GT (count of non-padding entries); 2 when GT is absent.
std::vector<int> SamplePloidies(const bcf_hdr_t* header, bcf1_t* record) {
  int n_samples = bcf_hdr_nsamples(header);
  std::vector<int> ploidy(n_samples, 2);
  HtsBuffer<int32_t> gt;
  int n = bcf_get_genotypes(header, record, &gt.data, &gt.capacity);
  if (n <= 0 || n_samples == 0) return ploidy;
  int per_sample = n / n_samples;
  for (int s = 0; s < n_samples; ++s) {
    int count = 0;
    while (count < per_sample && gt.data[s * per_sample + count] != bcf_int32_vector_end) ++count;
    ploidy[s] = count > 0 ? count : 2;
  }
  return ploidy;
}

}  // namespace

RecordNormalizer::RecordNormalizer(bcf_hdr_t* header, ReferenceReader* reference,
                                   RecordNormalizerOptions options, Diagnostics* diagnostics)
    : header_(header), reference_(reference), options_(options), diagnostics_(diagnostics) {}

Status RecordNormalizer::Normalize(const bcf1_t* record, const InputLocation& where,
                                   std::vector<BcfRecordPtr>& out) {
  BcfRecordPtr copy(bcf_dup(const_cast<bcf1_t*>(record)));
  bcf_unpack(copy.get(), BCF_UN_STR);
  const char* contig = bcf_seqname(header_, copy.get());
  bool skip_realign = false;
  if (reference_ != nullptr && copy->n_allele > 0) {
    std::string ref = copy->d.allele[0];
    Result<std::string> expected =
        reference_->Fetch(contig, copy->pos, copy->pos + static_cast<int64_t>(ref.size()));
    if (!expected.ok()) {
      InputLocation at = where;
      at.field = "CHROM";
      return Status::BadInputAt(at, expected.status().message());
    }
    if (expected->size() != ref.size()) {
      // REF runs past the end of the contig: nothing to check, set or align it against, whatever
      // --check-ref says (the reference clips the fetch, so "setting" REF would empty it).
      InputLocation at = where;
      at.field = "POS";
      return Status::BadInputAt(at, "REF '" + ref + "' at " + contig + ":" + std::to_string(copy->pos + 1) +
                                        " runs past the end of the contig (length " +
                                        std::to_string(reference_->genome().Length(contig).value_or(0)) +
                                        " in the reference)");
    }
    bool matches = true;
    for (size_t i = 0; matches && i < ref.size(); ++i) {
      char base = static_cast<char>(std::toupper(static_cast<unsigned char>(ref[i])));
      matches = base == (*expected)[i] || (*expected)[i] == 'N' || base == 'N';
    }
    if (!matches) {
      InputLocation at = where;
      at.field = "REF";
      std::string message = FormatLocation(at) + ": REF '" + ref + "' does not match the reference '" +
                            *expected + "' at " + contig + ":" + std::to_string(copy->pos + 1);
      switch (options_.ref_check) {
        case RefCheck::kError: return Status::BadInput(message);
        case RefCheck::kExclude:
          if (diagnostics_ != nullptr) diagnostics_->Warn("REF mismatch (record dropped)", message);
          return Status::Ok();
        case RefCheck::kWarn:
          if (diagnostics_ != nullptr) diagnostics_->Warn("REF mismatch (left as is)", message);
          skip_realign = true;
          break;
        case RefCheck::kSet: {
          std::vector<const char*> alleles(copy->n_allele);
          alleles[0] = expected->c_str();
          for (int i = 1; i < copy->n_allele; ++i) alleles[i] = copy->d.allele[i];
          for (int i = 1; i < copy->n_allele; ++i) {
            if (strcasecmp(copy->d.allele[i], expected->c_str()) == 0) {
              // The reference's bases are this ALT: with REF set, the record is no variant.
              if (diagnostics_ != nullptr) {
                diagnostics_->Warn("REF mismatch (ALT is the reference: record dropped)",
                                   message + "; ALT '" + copy->d.allele[i] +
                                       "' is the reference base(s), so the record is dropped");
              }
              return Status::Ok();
            }
          }
          if (diagnostics_ != nullptr) diagnostics_->Warn("REF mismatch (REF replaced)", message);
          if (bcf_update_alleles(header_, copy.get(), alleles.data(), copy->n_allele) < 0) {
            return Status::Internal("bcf_update_alleles failed");
          }
          break;
        }
      }
    }
  }
  std::vector<BcfRecordPtr> pieces;
  if (options_.split_multiallelic && copy->n_allele > 2) {
    ZENOME_RETURN_IF_ERROR(SplitInto(copy.get(), pieces));
    ++split_records_;
  } else {
    pieces.push_back(std::move(copy));
  }
  for (auto& piece : pieces) {
    if (!skip_realign) {
      ZENOME_ASSIGN_OR_RETURN(bool changed, Realign(piece.get()));
      if (changed) ++realigned_records_;
    }
    out.push_back(std::move(piece));
  }
  return Status::Ok();
}

Result<bool> RecordNormalizer::Realign(bcf1_t* record) {
  bcf_unpack(record, BCF_UN_STR);
  if (record->n_allele < 2) return false;
  AlleleSet site;
  site.pos0 = record->pos;
  site.ref = record->d.allele[0];
  for (int i = 1; i < record->n_allele; ++i) site.alts.emplace_back(record->d.allele[i]);
  if (!IsNormalisable(site)) return false;
  bool changed = false;
  if (reference_ != nullptr) {
    ZENOME_ASSIGN_OR_RETURN(changed, NormaliseAlleles(site, bcf_seqname(header_, record), *reference_));
  } else {
    AlleleSet before = site;
    TrimAlleles(site);
    changed = site.pos0 != before.pos0 || site.ref != before.ref;
  }
  if (!changed) return false;
  record->pos = site.pos0;
  std::vector<const char*> alleles;
  alleles.push_back(site.ref.c_str());
  for (const auto& alt : site.alts) alleles.push_back(alt.c_str());
  if (bcf_update_alleles(header_, record, alleles.data(), static_cast<int>(alleles.size())) < 0) {
    return Status::Internal("bcf_update_alleles failed");
  }
  return true;
}

namespace {

// Subsets one numeric INFO field of `src` into `dst` for ALT `alt`.
template <typename T>
void SubsetNumericInfo(const bcf_hdr_t* header, bcf1_t* src, bcf1_t* dst, const char* tag, int type,
                       int number, int alt, Diagnostics* diagnostics) {
  HtsBuffer<T> values;
  int n =
      bcf_get_info_values(header, src, tag, reinterpret_cast<void**>(&values.data), &values.capacity, type);
  if (n <= 0) return;
  int expected = ExpectedCount(number, src->n_allele, 2);
  std::vector<int> keep = SelectedIndexes(number, alt, 2);
  if (n != expected) {
    if (diagnostics != nullptr) {
      diagnostics->Warn("wrong number of values",
                        std::string("INFO/") + tag + " at " + bcf_seqname(header, src) + ":" +
                            std::to_string(src->pos + 1) + " has " + std::to_string(n) +
                            " values, expected " + std::to_string(expected) + "; dropped when splitting");
    }
    bcf_update_info(header, dst, tag, nullptr, 0, type);
    return;
  }
  std::vector<T> subset;
  for (int index : keep) subset.push_back(values.data[index]);
  bcf_update_info(header, dst, tag, subset.data(), static_cast<int>(subset.size()), type);
}

template <typename T>
void SubsetNumericFormat(const bcf_hdr_t* header, bcf1_t* src, bcf1_t* dst, const char* tag, int type,
                         int number, int alt, const std::vector<int>& ploidy) {
  HtsBuffer<T> values;
  int n =
      bcf_get_format_values(header, src, tag, reinterpret_cast<void**>(&values.data), &values.capacity, type);
  int n_samples = bcf_hdr_nsamples(header);
  if (n <= 0 || n_samples == 0) return;
  int per_sample = n / n_samples;
  int out_per_sample = number == BCF_VL_A ? 1 : number == BCF_VL_R ? 2 : 3;
  std::vector<T> subset(static_cast<size_t>(out_per_sample) * n_samples);
  for (int s = 0; s < n_samples; ++s) {
    const T* in = values.data + static_cast<size_t>(s) * per_sample;
    T* out = subset.data() + static_cast<size_t>(s) * out_per_sample;
    int sample_ploidy = ploidy[s];
    if (number == BCF_VL_G && per_sample == src->n_allele) sample_ploidy = 1;
    std::vector<int> keep = SelectedIndexes(number, alt, sample_ploidy);
    int filled = 0;
    bool short_vector = false;
    for (int index : keep) {
      if (index >= per_sample || IsVectorEnd(in[index])) {
        short_vector = true;
        break;
      }
      out[filled++] = in[index];
    }
    if (short_vector) {  // the sample has no per-allele values (e.g. '.'): keep it missing
      filled = 0;
      out[filled++] = in[0];
    }
    for (; filled < out_per_sample; ++filled) SetVectorEnd(out[filled]);
  }
  bcf_update_format(header, dst, tag, subset.data(), static_cast<int>(subset.size()), type);
}

std::string JoinSelected(std::string_view text, const std::vector<int>& keep) {
  std::vector<std::string_view> parts = SplitCommas(text);
  std::string out;
  for (int index : keep) {
    if (!out.empty()) out.push_back(',');
    out += index < static_cast<int>(parts.size()) ? std::string(parts[index]) : ".";
  }
  return out;
}

}  // namespace

Status RecordNormalizer::SplitInto(const bcf1_t* record, std::vector<BcfRecordPtr>& out) {
  bcf1_t* src = const_cast<bcf1_t*>(record);
  bcf_unpack(src, BCF_UN_ALL);
  const int n_alleles = src->n_allele;
  const int n_samples = bcf_hdr_nsamples(header_);
  std::vector<int> ploidy = SamplePloidies(header_, src);
  HtsBuffer<int32_t> gt;
  int n_gt = bcf_get_genotypes(header_, src, &gt.data, &gt.capacity);
  for (int alt = 1; alt < n_alleles; ++alt) {
    BcfRecordPtr dst(bcf_dup(src));
    bcf_unpack(dst.get(), BCF_UN_ALL);
    const char* alleles[2] = {src->d.allele[0], src->d.allele[alt]};
    if (bcf_update_alleles(header_, dst.get(), alleles, 2) < 0)
      return Status::Internal("bcf_update_alleles failed");
    for (int k = 0; k < src->n_info; ++k) {
      const bcf_info_t& info = src->d.info[k];
      if (info.vptr == nullptr) continue;
      int number = bcf_hdr_id2length(header_, BCF_HL_INFO, info.key);
      if (number != BCF_VL_A && number != BCF_VL_R && number != BCF_VL_G) continue;
      const char* tag = bcf_hdr_int2id(header_, BCF_DT_ID, info.key);
      int type = bcf_hdr_id2type(header_, BCF_HL_INFO, info.key);
      if (type == BCF_HT_INT) {
        SubsetNumericInfo<int32_t>(header_, src, dst.get(), tag, type, number, alt, diagnostics_);
      } else if (type == BCF_HT_REAL) {
        SubsetNumericInfo<float>(header_, src, dst.get(), tag, type, number, alt, diagnostics_);
      } else if (type == BCF_HT_STR) {
        HtsBuffer<char> text;
        if (bcf_get_info_string(header_, src, tag, &text.data, &text.capacity) > 0) {
          std::string joined = JoinSelected(text.data, SelectedIndexes(number, alt, 2));
          bcf_update_info_string(header_, dst.get(), tag, joined.c_str());
        }
      }
    }
    for (int k = 0; k < src->n_fmt; ++k) {
      const bcf_fmt_t& fmt = src->d.fmt[k];
      if (fmt.p == nullptr) continue;
      const char* tag = bcf_hdr_int2id(header_, BCF_DT_ID, fmt.id);
      if (std::strcmp(tag, "GT") == 0) {
        std::vector<int32_t> recoded(gt.data, gt.data + std::max(n_gt, 0));
        for (int32_t& value : recoded) {
          if (value == bcf_int32_vector_end || bcf_gt_is_missing(value)) continue;
          int allele = bcf_gt_allele(value);
          bool phased = bcf_gt_is_phased(value);
          if (allele == alt) {
            value = phased ? bcf_gt_phased(1) : bcf_gt_unphased(1);
          } else if (allele == 0 || !options_.other_alleles_missing) {
            value = phased ? bcf_gt_phased(0) : bcf_gt_unphased(0);
          } else {
            value = phased ? (bcf_gt_missing | 1) : bcf_gt_missing;
          }
        }
        if (n_gt > 0) bcf_update_genotypes(header_, dst.get(), recoded.data(), n_gt);
        continue;
      }
      int number = bcf_hdr_id2length(header_, BCF_HL_FMT, fmt.id);
      if (number != BCF_VL_A && number != BCF_VL_R && number != BCF_VL_G) continue;
      int type = bcf_hdr_id2type(header_, BCF_HL_FMT, fmt.id);
      if (type == BCF_HT_INT) {
        SubsetNumericFormat<int32_t>(header_, src, dst.get(), tag, type, number, alt, ploidy);
      } else if (type == BCF_HT_REAL) {
        SubsetNumericFormat<float>(header_, src, dst.get(), tag, type, number, alt, ploidy);
      } else if (type == BCF_HT_STR && n_samples > 0) {
        char** strings = nullptr;
        int capacity = 0;
        if (bcf_get_format_string(header_, src, tag, &strings, &capacity) > 0) {
          std::vector<std::string> subset(n_samples);
          std::vector<const char*> pointers(n_samples);
          for (int s = 0; s < n_samples; ++s) {
            subset[s] = JoinSelected(strings[s], SelectedIndexes(number, alt, ploidy[s]));
            pointers[s] = subset[s].c_str();
          }
          bcf_update_format_string(header_, dst.get(), tag, pointers.data(), n_samples);
          free(strings[0]);
          free(strings);
        }
      }
    }
    out.push_back(std::move(dst));
  }
  return Status::Ok();
}

void SortWindow::Push(BcfRecordPtr record, std::vector<BcfRecordPtr>& ready) {
  if (record->rid != current_contig_) {
    Flush(ready);
    current_contig_ = record->rid;
    newest_pos_ = 0;
  }
  // Later records can move left by at most `window_` bases, so nothing held further back than
  // that from the newest position can be overtaken any more.
  newest_pos_ = std::max<int64_t>(newest_pos_, record->pos);
  held_.push({record->pos, sequence_++, record.release()});
  while (!held_.empty() && held_.top().pos + window_ < newest_pos_) {
    ready.emplace_back(held_.top().record);
    held_.pop();
  }
}

SortWindow::~SortWindow() {
  while (!held_.empty()) {
    bcf_destroy(held_.top().record);
    held_.pop();
  }
}

void SortWindow::Flush(std::vector<BcfRecordPtr>& ready) {
  while (!held_.empty()) {
    ready.emplace_back(held_.top().record);
    held_.pop();
  }
}

}  // namespace zenome
