#pragma once
// The steps every writer of a new segment shares (ingest, compaction): seal the files written under
// staging/ into a manifest, move the directory into segments/ under the next free number, and
// undo that move when the catalog commit does not happen. See README.md "Variant segments" for
// the commit protocol.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "store/catalog/store_dir.h"
#include "store/segment/reader.h"

namespace zenome {

// Checksums each contig's files into `manifest.files`, writes manifest.json and fsyncs the
// directory. Returns the manifest's text (its SHA-256 goes into the catalog row); `bytes` gets the
// segment's size on disk.
Result<std::string> SealSegment(const std::string& staged_dir, SegmentManifest& manifest, uint64_t& bytes);

// Whether every file the manifest lists has its size and SHA-256 there (what a segment without
// block checksums has for proof before it is rewritten). The error names the first that does not.
Status VerifySegmentFiles(const std::string& dir, const SegmentManifest& manifest);

struct PublishedSegment {
  int64_t segment_id = 0;
  std::string directory;  // sNNNNNN, under segments/
  std::string path;
};
// Renames a sealed segment to segments/sNNNNNN (one above the catalog's largest id; the caller
// holds the writer lock) and fsyncs segments/.
Result<PublishedSegment> PublishSegment(StoreHandle& store, const std::string& staged_dir);

// The catalog row of a published segment (run inside the caller's commit transaction): its
// number, directory, creation time, source (the manifest's input file names, ';'-separated),
// sample and variant counts, coverage ("assumed", "gvcf" or "mixed" from the manifest's samples)
// and the SHA-256 of its manifest.json.
Status InsertSegmentRow(Catalog& catalog, const PublishedSegment& published, const SegmentManifest& manifest,
                        std::string_view manifest_checksum);
// Now, as 2026-11-24T03:58:00Z.
std::string UtcTimestamp();

// Removes a directory tree when it goes out of scope, unless released.
class RemoveTreeOnExit {
 public:
  explicit RemoveTreeOnExit(std::string path) : path_(std::move(path)) {}
  ~RemoveTreeOnExit();
  RemoveTreeOnExit(const RemoveTreeOnExit&) = delete;
  RemoveTreeOnExit& operator=(const RemoveTreeOnExit&) = delete;
  void Release() { path_.clear(); }

 private:
  std::string path_;
};

}  // namespace zenome
