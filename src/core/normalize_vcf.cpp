#include "core/normalize_vcf.h"

#include <htslib/vcf.h>

#include "core/diagnostics.h"
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
    ZENOME_RETURN_IF_ERROR(
        CheckContigsAgree(genome->contigs(), genome->path(), reader->HeaderContigs(), reader->path()));
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
  auto write_ready = [&]() -> Status {
    for (auto& out : ready) {
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
    for (auto& piece : normalised) window.Push(std::move(piece), ready);
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
