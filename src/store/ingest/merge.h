#pragma once
// Ingest, second pass: merges every file's run of one contig into the segment's files for that
// contig, composing each variant's genotype row over all columns (a sample without a record there
// is hom-ref where callable, else no call) and its counts.

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/ingest/file.h"

namespace zenome {

struct ContigMergeFile {
  int fd = -1;  // the file's run, opened for reading
  const FileRuns* runs = nullptr;
  const FileContigRun* run = nullptr;  // null when the file has nothing on this contig
  uint32_t column_offset = 0;
};

struct ContigMergeInput {
  std::string segment_dir;
  std::string stem;
  std::string contig;     // the store's spelling
  std::string canonical;  // CanonicalContigName
  size_t n_columns = 0;
  std::vector<ContigMergeFile> files;  // in column order
};

// Writes STEM.* under segment_dir; returns the number of sites written.
Result<uint64_t> MergeContigRuns(const ContigMergeInput& input);

}  // namespace zenome
