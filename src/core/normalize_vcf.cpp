#include "core/normalize_vcf.h"

#include <htslib/vcf.h>

#include "core/diagnostics.h"
#include "core/genome_build.h"
#include "core/reference.h"
#include "core/thread_pool.h"
#include "core/vcf_reader.h"

namespace zenome {

Result<NormalizeVcfStats> NormalizeVcf(const NormalizeVcfOptions& options, Diagnostics& diagnostics) {
  HtsThreadPool pool(options.threads);
  ZENOME_ASSIGN_OR_RETURN(auto reader, VcfReader::Open(options.input, {pool.get(), &diagnostics}));
  std::unique_ptr<ReferenceReader> reference;
  if (!options.reference_fasta.empty()) {
    ZENOME_ASSIGN_OR_RETURN(auto genome, ReferenceGenome::Open(options.reference_fasta));
    ZENOME_RETURN_IF_ERROR(CheckVcfContigLengths(genome->contigs(), genome->path(), reader->HeaderContigs(),
                                                 reader->path(), options.allow_contig_length_mismatch,
                                                 diagnostics));
    ZENOME_RETURN_IF_ERROR(reader->AddMissingContigs(genome->contigs()));
    ZENOME_ASSIGN_OR_RETURN(reference, ReferenceReader::Open(genome));
  }
  VcfWriterOptions writer_options = options.writer;
  writer_options.thread_pool = pool.get();
  ZENOME_ASSIGN_OR_RETURN(auto writer, VcfWriter::Open(options.output, reader->header(), writer_options));
  RecordNormalizer normalizer(reader->header(), reference.get(), options.normalizer, &diagnostics);
  SortWindow window(options.sort_window);
  NormalizeVcfStats stats;
  BcfRecordPtr record = NewBcfRecord();
  std::vector<BcfRecordPtr> normalised;
  std::vector<BcfRecordPtr> ready;
  // Output must stay sorted: a record that moved (or came) further back than the window, or a
  // contig that comes back, would break it silently (and any index built on it). A record that
  // is out of order is released by its own Push, so the reader's location is the culprit's.
  int pushed_rid = -1;
  std::vector<bool> contig_done;
  int64_t last_pos = -1;
  auto check_contig = [&](const bcf1_t* piece) -> Status {
    if (piece->rid == pushed_rid) return Status::Ok();
    if (pushed_rid >= 0) {
      if (contig_done.size() <= static_cast<size_t>(pushed_rid)) contig_done.resize(pushed_rid + 1);
      contig_done[pushed_rid] = true;
    }
    if (static_cast<size_t>(piece->rid) < contig_done.size() && contig_done[piece->rid]) {
      return Status::BadInputAt(reader->Location("CHROM"),
                                std::string("not sorted: records of contig ") +
                                    bcf_seqname(reader->header(), piece) +
                                    " are not together; sort the input first (bcftools sort)");
    }
    pushed_rid = piece->rid;
    return Status::Ok();
  };
  int written_rid = -1;
  auto write_ready = [&]() -> Status {
    for (auto& out : ready) {
      if (out->rid != written_rid) {
        written_rid = out->rid;
        last_pos = -1;
      }
      if (out->pos < last_pos) {
        return Status::BadInputAt(
            reader->Location("POS"),
            std::string("not sorted: this record, at ") + bcf_seqname(reader->header(), out.get()) + ":" +
                std::to_string(out->pos + 1) + " after normalisation, would follow position " +
                std::to_string(last_pos + 1) + ", further back than the re-sorting window of " +
                std::to_string(options.sort_window) +
                " bases (--site-win); sort the input first (bcftools sort) or widen the window");
      }
      last_pos = out->pos;
      ZENOME_RETURN_IF_ERROR(writer->Write(out.get()));
      ++stats.records_out;
    }
    ready.clear();
    return Status::Ok();
  };
  for (;;) {
    Result<bool> got = reader->Read(record.get());
    if (!got.ok()) {
      if (got.status().code() != ErrorCode::kBadInput || options.strict) return got.status();
      diagnostics.Warn("malformed record (skipped)", got.status().message());
      ++stats.skipped;
      continue;
    }
    if (!*got) break;
    ++stats.records_in;
    normalised.clear();
    Status status = normalizer.Normalize(record.get(), reader->Location(), normalised);
    if (!status.ok()) {
      if (status.code() != ErrorCode::kBadInput || options.strict ||
          options.normalizer.ref_check == RefCheck::kError) {
        return status;
      }
      diagnostics.Warn("record not normalised (skipped)", status.message());
      ++stats.skipped;
      continue;
    }
    for (auto& piece : normalised) {
      ZENOME_RETURN_IF_ERROR(check_contig(piece.get()));
      window.Push(std::move(piece), ready);
    }
    ZENOME_RETURN_IF_ERROR(write_ready());
  }
  window.Flush(ready);
  ZENOME_RETURN_IF_ERROR(write_ready());
  ZENOME_RETURN_IF_ERROR(writer->Close());
  stats.split = normalizer.split_records();
  stats.realigned = normalizer.realigned_records();
  return stats;
}

}  // namespace zenome
