#include "store/ingest/file.h"

#include <htslib/vcf.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <tuple>

#include "core/contig_names.h"
#include "core/diagnostics.h"
#include "core/record_normalizer.h"
#include "core/reference.h"
#include "core/sequence.h"
#include "core/text.h"
#include "core/vcf_reader.h"
#include "store/catalog/pseudonymizer.h"
#include "store/catalog/store_contigs.h"
#include "store/ingest/runs.h"
#include "store/segment/genotype_codec.h"

namespace zenome {

namespace {

using segment::Coverage;
using segment::kContigEnd;
using segment::PloidyInterval;

bool IsGvcfHeader(const bcf_hdr_t* header) {
  for (int i = 0; i < header->nhrec; ++i) {
    const bcf_hrec_t* hrec = header->hrec[i];
    if (hrec->key == nullptr) continue;
    if (std::strcmp(hrec->key, "GVCFBlock") == 0 || std::strncmp(hrec->key, "GVCFBlock", 9) == 0) return true;
    if (hrec->type == BCF_HL_GEN) continue;
    if (std::strcmp(hrec->key, "ALT") != 0) continue;
    for (int k = 0; k < hrec->nkeys; ++k) {
      if (std::strcmp(hrec->keys[k], "ID") == 0 &&
          (std::strcmp(hrec->vals[k], "NON_REF") == 0 || std::strcmp(hrec->vals[k], "*") == 0)) {
        return true;
      }
    }
  }
  return false;
}

std::string ReferenceLine(const bcf_hdr_t* header) {
  for (int i = 0; i < header->nhrec; ++i) {
    const bcf_hrec_t* hrec = header->hrec[i];
    if (hrec->type == BCF_HL_GEN && hrec->key != nullptr && std::strcmp(hrec->key, "reference") == 0 &&
        hrec->value != nullptr) {
      return hrec->value;
    }
  }
  return {};
}

bool IsNonRefAllele(std::string_view allele) {
  return allele == "<NON_REF>" || allele == "<*>";
}

// Alleles the store does not hold: symbolic (<DEL>), spanning deletions (*), breakends, '.'.
bool IsStorableAllele(std::string_view allele) {
  if (allele.empty() || allele == "*" || allele == ".") return false;
  return std::all_of(allele.begin(), allele.end(), IsAcgtnBase);
}

// Replaces raw sample names in a message by their pseudonyms (htslib-level messages name samples).
std::string ScrubSampleNames(std::string message, const bcf_hdr_t* header,
                             const std::vector<IngestSample>& samples) {
  for (int s = 0; s < bcf_hdr_nsamples(header) && s < static_cast<int>(samples.size()); ++s) {
    std::string raw = std::string("sample ") + header->samples[s];
    std::string replacement = "sample " + samples[s].pseudonym;
    for (size_t at = message.find(raw); at != std::string::npos; at = message.find(raw, at + 1)) {
      size_t end = at + raw.size();
      bool whole = end == message.size() || !(std::isalnum(static_cast<unsigned char>(message[end])) ||
                                              message[end] == '_' || message[end] == '-');
      if (whole) message.replace(at, raw.size(), replacement);
    }
  }
  return message;
}

Status Scrubbed(const Status& status, const bcf_hdr_t* header, const std::vector<IngestSample>& samples) {
  if (status.ok() || header == nullptr) return status;
  return Status(status.code(), ScrubSampleNames(status.message(), header, samples));
}

// Per-sample state while one contig is read.
struct SampleState {
  std::vector<PloidyInterval> intervals;
  uint32_t run_ploidy = 0;  // plain VCF: ploidy of the current run of calls (0: none yet)
  uint32_t run_first = 0;   // its first and last call
  uint32_t run_last = 0;
};

// One normalised biallelic record waiting to be written (records at one position are sorted by
// REF/ALT and duplicates merged before writing).
struct PendingRecord {
  uint32_t pos0;
  std::string ref;
  std::string alt;
  std::vector<uint8_t> codes;
};

class FileIngester {
 public:
  FileIngester(const std::string& path, const std::string& run_path, const IngestFileContext& context)
      : path_(path), run_path_(run_path), context_(context) {}

  Result<FileRuns> Run();

 private:
  Status Open();
  Status ReadRecords();
  Status HandleRecord(bcf1_t* record);
  Status AddCoverage(bcf1_t* record, int64_t start, int64_t end);
  Status Emit(BcfRecordPtr piece);
  Status FlushPosition();
  Status WritePending(PendingRecord& record);
  Status StartContig(const std::string& name, int rid);
  Status FinishContig();
  Result<int> GenotypeCodes(bcf1_t* record, std::vector<uint8_t>& codes, std::vector<uint8_t>& ploidy);
  Status CheckGenotypeShape(bcf1_t* record);

  const std::string& path_;
  const std::string& run_path_;
  const IngestFileContext& context_;
  std::unique_ptr<VcfReader> reader_;
  std::unique_ptr<ReferenceReader> reference_;
  std::unique_ptr<RecordNormalizer> normalizer_;
  std::unique_ptr<RunWriter> writer_;
  FileRuns runs_;
  bool gvcf_ = false;
  int n_samples_ = 0;

  // Current contig.
  int current_rid_ = -1;
  std::string current_canonical_;
  std::vector<int> finished_rids_;
  std::vector<SampleState> states_;
  int64_t last_emitted_pos_ = -1;
  InputLocation last_location_;
  std::vector<PendingRecord> at_position_;
  std::unique_ptr<SortWindow> window_;

  int32_t* gt_ = nullptr;
  int gt_capacity_ = 0;
  std::vector<uint8_t> codes_;
  std::vector<uint8_t> ploidy_;
  std::string row_;
};

Status FileIngester::Open() {
  runs_.path = path_;
  runs_.run_path = run_path_;
  ZENOME_ASSIGN_OR_RETURN(reader_, VcfReader::Open(path_, {context_.thread_pool, context_.diagnostics}));
  ZENOME_RETURN_IF_ERROR(CheckIngestHeader(path_, context_));
  n_samples_ = reader_->samples();
  gvcf_ = IsGvcfHeader(reader_->header());
  for (int s = 0; s < n_samples_; ++s) {
    std::string_view raw = reader_->header()->samples[s];
    IngestSample sample;
    sample.pseudonym =
        Pseudonymizer::LooksLikePseudonym(raw) ? std::string(raw) : context_.pseudonymizer->Pseudonym(raw);
    sample.coverage = gvcf_ ? Coverage::kGvcf : Coverage::kAssumed;
    runs_.samples.push_back(std::move(sample));
  }
  if (context_.reference) {
    ZENOME_ASSIGN_OR_RETURN(reference_, ReferenceReader::Open(context_.reference));
  }
  RecordNormalizerOptions options;
  options.split_multiallelic = true;
  options.ref_check = RefCheck::kError;
  normalizer_ =
      std::make_unique<RecordNormalizer>(reader_->header(), reference_.get(), options, context_.diagnostics);
  ZENOME_ASSIGN_OR_RETURN(writer_, RunWriter::Create(run_path_));
  codes_.resize(n_samples_);
  ploidy_.resize(n_samples_);
  return Status::Ok();
}

Result<FileRuns> FileIngester::Run() {
  Status status = Open();
  if (status.ok()) status = ReadRecords();
  free(gt_);
  gt_ = nullptr;
  if (!status.ok()) return Scrubbed(status, reader_ ? reader_->header() : nullptr, runs_.samples);
  ZENOME_RETURN_IF_ERROR(writer_->Close());
  return std::move(runs_);
}

Status FileIngester::ReadRecords() {
  BcfRecordPtr record = NewBcfRecord();
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool got, reader_->Read(record.get()));
    if (!got) break;
    ++runs_.records_read;
    ZENOME_RETURN_IF_ERROR(HandleRecord(record.get()));
  }
  if (current_rid_ >= 0) ZENOME_RETURN_IF_ERROR(FinishContig());
  return Status::Ok();
}

Status FileIngester::StartContig(const std::string& name, int rid) {
  if (std::find(finished_rids_.begin(), finished_rids_.end(), rid) != finished_rids_.end()) {
    return Status::BadInputAt(
        reader_->Location("CHROM"),
        "records of contig " + name + " are not together (the file must be sorted: bcftools sort)");
  }
  std::optional<std::string> store_name = context_.contigs->Name(name);
  if (!store_name) {
    if (context_.reference) {
      return Status::BadInputAt(reader_->Location("CHROM"),
                                "unknown contig '" + name + "': not in the store's reference " +
                                    context_.reference->path() + " (wrong build?)");
    }
    store_name = name;
  }
  current_rid_ = rid;
  current_canonical_ = CanonicalContigName(name);
  FileContigRun run;
  run.contig = *store_name;
  run.offset = writer_->offset();
  runs_.contigs.push_back(std::move(run));
  states_.assign(n_samples_, SampleState());
  last_emitted_pos_ = -1;
  window_ = std::make_unique<SortWindow>(1000);
  return Status::Ok();
}

Status FileIngester::FinishContig() {
  std::vector<BcfRecordPtr> ready;
  window_->Flush(ready);
  for (auto& piece : ready) ZENOME_RETURN_IF_ERROR(Emit(std::move(piece)));
  ZENOME_RETURN_IF_ERROR(FlushPosition());
  FileContigRun& run = runs_.contigs.back();
  run.length = writer_->offset() - run.offset;
  run.intervals.resize(n_samples_);
  for (int s = 0; s < n_samples_; ++s) {
    SampleState& state = states_[s];
    if (!gvcf_) {
      if (state.run_ploidy > 0)
        state.intervals.push_back({state.run_first, state.run_last + 1, state.run_ploidy});
    } else {
      // Coverage came in input order; left-aligned calls may sit before their block: sort, merge.
      auto& intervals = state.intervals;
      std::sort(intervals.begin(), intervals.end(),
                [](const PloidyInterval& a, const PloidyInterval& b) { return a.start < b.start; });
      std::vector<PloidyInterval> merged;
      for (PloidyInterval interval : intervals) {
        if (!merged.empty() && interval.start <= merged.back().end) {
          if (interval.ploidy == merged.back().ploidy || interval.end <= merged.back().end) {
            merged.back().end = std::max(merged.back().end, interval.end);
            continue;
          }
          interval.start = merged.back().end;  // overlapping with another ploidy: the first wins
        }
        merged.push_back(interval);
      }
      intervals = std::move(merged);
    }
    run.intervals[s] = std::move(state.intervals);
  }
  finished_rids_.push_back(current_rid_);
  current_rid_ = -1;
  return Status::Ok();
}

Status FileIngester::CheckGenotypeShape(bcf1_t* record) {
  bcf_unpack(record, BCF_UN_FMT);
  const bcf_fmt_t* gt = bcf_get_fmt(reader_->header(), record, "GT");
  if (gt == nullptr || gt->n <= 0) {
    return Status::BadInputAt(reader_->Location("FORMAT/GT"),
                              "no GT: every record needs genotypes (a sites-only VCF cannot be ingested)");
  }
  if (gt->n <= 2) return Status::Ok();  // values per sample: nobody is above diploid
  // GenotypeCodes names the first sample with more than two alleles.
  ZENOME_ASSIGN_OR_RETURN(int called, GenotypeCodes(record, codes_, ploidy_));
  (void)called;
  return Status::Ok();
}

// GT of every sample as a code, with its ploidy (0 when missing). Returns the number of samples
// with a called genotype.
Result<int> FileIngester::GenotypeCodes(bcf1_t* record, std::vector<uint8_t>& codes,
                                        std::vector<uint8_t>& ploidy) {
  bcf_hdr_t* header = reader_->header();
  int n = bcf_get_genotypes(header, record, &gt_, &gt_capacity_);
  if (n <= 0) {
    return Status::BadInputAt(reader_->Location("FORMAT/GT"),
                              "no GT: every record needs genotypes (a sites-only VCF cannot be ingested)");
  }
  int per_sample = n / n_samples_;
  int called = 0;
  for (int s = 0; s < n_samples_; ++s) {
    const int32_t* gt = gt_ + static_cast<size_t>(s) * per_sample;
    int alleles = 0;
    int alt = 0;
    bool missing = false;
    for (int k = 0; k < per_sample && gt[k] != bcf_int32_vector_end; ++k) {
      ++alleles;
      if (bcf_gt_is_missing(gt[k])) {
        missing = true;
      } else if (bcf_gt_allele(gt[k]) != 0) {
        ++alt;
      }
    }
    if (alleles > 2) {
      return Status::Unsupported(
          FormatLocation(reader_->Location("FORMAT/GT")) + ": sample " + runs_.samples[s].pseudonym +
          " has " + std::to_string(alleles) +
          " alleles; ploidy above 2 is not supported (expected a haploid or diploid GT)");
    }
    if (missing || alleles == 0) {
      codes[s] = static_cast<uint8_t>(GenotypeCode::kMissing);
      ploidy[s] = 0;
      continue;
    }
    ++called;
    ploidy[s] = static_cast<uint8_t>(alleles);
    GenotypeCode code = alt == 0                           ? GenotypeCode::kHomRef
                        : (alleles == 1 || alt == alleles) ? GenotypeCode::kHomAlt
                                                           : GenotypeCode::kHet;
    codes[s] = static_cast<uint8_t>(code);
  }
  return called;
}

Status FileIngester::AddCoverage(bcf1_t* record, int64_t start, int64_t end) {
  ZENOME_ASSIGN_OR_RETURN(int called, GenotypeCodes(record, codes_, ploidy_));
  if (called == 0) return Status::Ok();
  uint32_t from = static_cast<uint32_t>(std::max<int64_t>(start, 0));
  uint32_t to = static_cast<uint32_t>(std::min<int64_t>(end, kContigEnd));
  if (to <= from) return Status::Ok();
  for (int s = 0; s < n_samples_; ++s) {
    if (ploidy_[s] == 0) continue;
    auto& intervals = states_[s].intervals;
    if (!intervals.empty() && intervals.back().ploidy == ploidy_[s] && from <= intervals.back().end &&
        from >= intervals.back().start) {
      intervals.back().end = std::max(intervals.back().end, to);
    } else {
      intervals.push_back({from, to, ploidy_[s]});
    }
  }
  return Status::Ok();
}

Status FileIngester::HandleRecord(bcf1_t* record) {
  bcf_hdr_t* header = reader_->header();
  if (record->rid != current_rid_) {
    if (current_rid_ >= 0) ZENOME_RETURN_IF_ERROR(FinishContig());
    ZENOME_RETURN_IF_ERROR(StartContig(bcf_hdr_id2name(header, record->rid), record->rid));
  }
  if (n_samples_ == 0) return Status::Ok();
  bcf_unpack(record, BCF_UN_STR);
  if (record->pos > kContigEnd - 2) {
    return Status::Unsupported(FormatLocation(reader_->Location("POS")) + ": position beyond 4 Gb");
  }
  bool has_non_ref = false;
  for (int i = 1; i < record->n_allele; ++i) has_non_ref = has_non_ref || IsNonRefAllele(record->d.allele[i]);
  if (has_non_ref && !gvcf_) {
    return Status::BadInputAt(reader_->Location("ALT"),
                              "gVCF allele <NON_REF>/<*> in a file whose header does not declare it "
                              "(##ALT=<ID=NON_REF,...> or <ID=*,...>)");
  }
  if (gvcf_) {
    // The record's span is callable for every sample with a called genotype; a reference block
    // (ALT only <NON_REF>, or no ALT) is nothing else.
    int64_t end = record->pos + std::max<int64_t>(record->rlen, 1);
    bool block = record->n_allele == 1 || (record->n_allele == 2 && has_non_ref);
    ZENOME_RETURN_IF_ERROR(AddCoverage(record, record->pos, end));
    if (block) {
      ++runs_.reference_blocks;
      return Status::Ok();
    }
  }
  if (record->n_allele < 2) return Status::Ok();  // ALT '.': nothing to store
  // Genotypes are decoded when the sort window releases the record, lines later: check their
  // shape now, while the reader's location is this record's.
  ZENOME_RETURN_IF_ERROR(CheckGenotypeShape(record));
  last_location_ = reader_->Location();
  std::vector<BcfRecordPtr> pieces;
  ZENOME_RETURN_IF_ERROR(normalizer_->Normalize(record, last_location_, pieces));
  std::vector<BcfRecordPtr> ready;
  for (auto& piece : pieces) window_->Push(std::move(piece), ready);
  for (auto& piece : ready) ZENOME_RETURN_IF_ERROR(Emit(std::move(piece)));
  return Status::Ok();
}

Status FileIngester::Emit(BcfRecordPtr piece) {
  bcf_unpack(piece.get(), BCF_UN_STR);
  if (piece->n_allele != 2 || !IsStorableAllele(piece->d.allele[1]) ||
      !IsStorableAllele(piece->d.allele[0])) {
    if (piece->n_allele == 2 && !IsNonRefAllele(piece->d.allele[1])) ++runs_.skipped_alleles;
    return Status::Ok();
  }
  if (piece->pos < last_emitted_pos_) {
    return Status::BadInputAt(last_location_, "records are not sorted by position (position " +
                                                  std::to_string(piece->pos + 1) + " after " +
                                                  std::to_string(last_emitted_pos_ + 1) +
                                                  "); sort the file first (bcftools sort)");
  }
  if (piece->pos != last_emitted_pos_) ZENOME_RETURN_IF_ERROR(FlushPosition());
  last_emitted_pos_ = piece->pos;
  PendingRecord pending;
  pending.pos0 = static_cast<uint32_t>(piece->pos);
  pending.ref = AsciiUpper(piece->d.allele[0]);
  pending.alt = AsciiUpper(piece->d.allele[1]);
  pending.codes.resize(n_samples_);
  ZENOME_ASSIGN_OR_RETURN(int called, GenotypeCodes(piece.get(), pending.codes, ploidy_));
  (void)called;
  bool x = current_canonical_ == "X";
  bool y = current_canonical_ == "Y";
  for (int s = 0; s < n_samples_; ++s) {
    uint32_t ploidy = ploidy_[s];
    if (ploidy == 0) continue;
    if ((x && ploidy == 1) || y) runs_.samples[s].haploid_x = true;
    if (gvcf_) {
      // A left-aligned call may have moved out of its record's span: keep it callable.
      auto& intervals = states_[s].intervals;
      if (intervals.empty() ||
          !(intervals.back().start <= pending.pos0 && pending.pos0 < intervals.back().end)) {
        intervals.push_back({pending.pos0, pending.pos0 + 1, ploidy});
      }
      continue;
    }
    SampleState& state = states_[s];
    if (state.run_ploidy != ploidy) {
      if (state.run_ploidy > 0)
        state.intervals.push_back({state.run_first, state.run_last + 1, state.run_ploidy});
      state.run_ploidy = ploidy;
      state.run_first = pending.pos0;
    }
    state.run_last = pending.pos0;
  }
  at_position_.push_back(std::move(pending));
  return Status::Ok();
}

Status FileIngester::FlushPosition() {
  if (at_position_.empty()) return Status::Ok();
  std::stable_sort(at_position_.begin(), at_position_.end(),
                   [](const PendingRecord& a, const PendingRecord& b) {
                     return std::tie(a.ref, a.alt) < std::tie(b.ref, b.alt);
                   });
  // The same variant twice (e.g. a split multi-allelic record and a separate record): one row,
  // called non-reference genotypes winning over no-calls, and no-calls over hom-ref.
  auto rank = [](uint8_t code) { return code == 0 ? 0 : code == 3 ? 1 : 2; };
  size_t out = 0;
  for (size_t i = 0; i < at_position_.size(); ++i) {
    if (out > 0 && at_position_[out - 1].ref == at_position_[i].ref &&
        at_position_[out - 1].alt == at_position_[i].alt) {
      auto& kept = at_position_[out - 1].codes;
      const auto& other = at_position_[i].codes;
      for (size_t s = 0; s < kept.size(); ++s) {
        if (rank(other[s]) > rank(kept[s])) kept[s] = other[s];
      }
      ++runs_.merged_duplicates;
      continue;
    }
    if (out != i) at_position_[out] = std::move(at_position_[i]);
    ++out;
  }
  at_position_.resize(out);
  for (auto& record : at_position_) ZENOME_RETURN_IF_ERROR(WritePending(record));
  at_position_.clear();
  return Status::Ok();
}

Status FileIngester::WritePending(PendingRecord& record) {
  row_.clear();
  EncodeGenotypeRow(record.codes.data(), record.codes.size(), row_);
  ZENOME_RETURN_IF_ERROR(writer_->Append(record.pos0, record.ref, record.alt, row_));
  ++runs_.contigs.back().records;
  ++runs_.variants_written;
  return Status::Ok();
}

}  // namespace

GenomeBuild BuildFromReferenceLine(std::string_view value) {
  std::string lower = AsciiLower(value);
  auto has = [&](std::string_view needle) { return lower.find(needle) != std::string::npos; };
  if (has("grch38") || has("hg38") || has("b38") || has("hs38")) return GenomeBuild::kGRCh38;
  if (has("grch37") || has("hg19") || has("b37") || has("hs37") || has("human_g1k_v37")) {
    return GenomeBuild::kGRCh37;
  }
  return GenomeBuild::kUnknown;
}

Status CheckIngestHeader(const std::string& path, const IngestFileContext& context) {
  ZENOME_ASSIGN_OR_RETURN(auto reader, VcfReader::Open(path, {nullptr, nullptr}));
  if (reader->samples() == 0) {
    return Status::BadInput(path + ": no samples (a sites-only VCF has no genotypes to store)");
  }
  std::vector<ContigLength> header_contigs = reader->HeaderContigs();
  ZENOME_RETURN_IF_ERROR(
      CheckContigsAgree(context.contigs->contigs(), context.store_name, header_contigs, path));
  bool store_is_human = context.build == GenomeBuild::kGRCh37 || context.build == GenomeBuild::kGRCh38;
  GenomeBuild detected = DetectGenomeBuild(header_contigs);
  if (store_is_human && (detected == GenomeBuild::kGRCh37 || detected == GenomeBuild::kGRCh38) &&
      detected != context.build) {
    return Status::Conflict(path + ": its ##contig lengths are " + std::string(GenomeBuildName(detected)) +
                            " but " + context.store_name + " is " +
                            std::string(GenomeBuildName(context.build)));
  }
  std::string reference_line = ReferenceLine(reader->header());
  GenomeBuild named = BuildFromReferenceLine(reference_line);
  if (store_is_human && named != GenomeBuild::kUnknown && named != context.build) {
    return Status::Conflict(path + ": ##reference=" + reference_line + " is " +
                            std::string(GenomeBuildName(named)) + " but " + context.store_name + " is " +
                            std::string(GenomeBuildName(context.build)));
  }
  // Declared contigs the store's reference lacks only matter when records use them (checked there).
  return Status::Ok();
}

Result<FileRuns> ReadIngestFile(const std::string& path, const std::string& run_path,
                                const IngestFileContext& context) {
  FileIngester ingester(path, run_path, context);
  return ingester.Run();
}

}  // namespace zenome
