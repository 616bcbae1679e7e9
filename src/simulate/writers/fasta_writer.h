#pragma once
// reference.fa and reference.fa.fai: a FASTA with 60 bases per line, written by several contig
// workers at once. Its byte layout follows from the contig names and lengths alone, so every
// record's offset is known before any sequence exists: each worker writes its record in place,
// and the .fai is written from the layout without reading the FASTA back. The FASTA appears under
// its name only once complete (a temporary name, then a rename).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "simulate/common/common.h"

namespace zenome::simulate {

inline constexpr int kFastaLineWidth = 60;

// Bytes of a record's header line (">name\n") and of the whole record.
int64_t FastaHeaderBytes(const std::string& name);
int64_t FastaRecordBytes(const std::string& name, int64_t length);

class FastaWriter {
 public:
  struct Record {
    std::string name;
    int64_t length = 0;
  };
  // Starts `path` for these records, in this order.
  static Result<std::unique_ptr<FastaWriter>> Create(const std::string& path, std::vector<Record> records);

  // Writes record `index`: ">name", then `bases` (exactly its length) in 60-column lines.
  // Different records may be written from different threads at once.
  Status WriteRecord(size_t index, const std::string& bases) const;
  // Renames the FASTA into place, then writes its index as path + ".fai".
  Status Finish();

  // samtools faidx's index: name, length, offset of the first base, bases and bytes per line.
  std::string FaiText() const;
  const std::string& path() const { return file_->path(); }

 private:
  FastaWriter() = default;
  std::unique_ptr<AtomicTextFile> file_;
  std::vector<Record> records_;
  std::vector<int64_t> offsets_;  // where each record starts
};

}  // namespace zenome::simulate
