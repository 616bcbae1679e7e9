#include "store/segment/publish.h"

#include <cstdio>
#include <ctime>
#include <filesystem>

#include "core/fault_point.h"
#include "store/segment/io.h"

namespace zenome {

namespace fs = std::filesystem;

Result<std::string> SealSegment(const std::string& staged_dir, SegmentManifest& manifest, uint64_t& bytes) {
  bytes = 0;
  manifest.files.clear();
  for (const auto& contig : manifest.contigs) {
    for (const char* extension : {".sites", ".gt", ".cover"}) {
      std::string name = contig.stem + extension;
      std::string path = staged_dir + "/" + name;
      ZENOME_ASSIGN_OR_RETURN(std::string checksum, Sha256OfFile(path));
      std::error_code error;
      uint64_t size = fs::file_size(path, error);
      if (error) return Status::Io(path + ": " + error.message());
      manifest.files.push_back({name, size, checksum});
      bytes += size;
    }
  }
  std::string text = SegmentManifestJson(manifest);
  ZENOME_RETURN_IF_ERROR(WriteFileDurably(staged_dir + "/" + segment::kManifestName, text));
  bytes += text.size();
  ZENOME_RETURN_IF_ERROR(SyncDirectory(staged_dir));
  return text;
}

Status VerifySegmentFiles(const std::string& dir, const SegmentManifest& manifest) {
  for (const auto& file : manifest.files) {
    std::string path = dir + "/" + file.name;
    std::error_code error;
    uint64_t size = fs::file_size(path, error);
    if (error) return Status::Io(path + ": " + error.message() + "; run zenome db check");
    if (size != file.bytes) {
      return Status::Io(path + ": " + std::to_string(size) + " bytes where the manifest lists " +
                        std::to_string(file.bytes) + ": the file is damaged; run zenome db check");
    }
    ZENOME_ASSIGN_OR_RETURN(std::string checksum, Sha256OfFile(path));
    if (checksum != file.sha256) {
      return Status::Io(path +
                        ": does not match the SHA-256 in its manifest: the file is damaged; run zenome "
                        "db check");
    }
  }
  return Status::Ok();
}

Result<PublishedSegment> PublishSegment(StoreHandle& store, const std::string& staged_dir) {
  ZENOME_ASSIGN_OR_RETURN(Statement max_segment,
                          store.catalog->Prepare("SELECT COALESCE(MAX(segment_id), 0) FROM segments"));
  ZENOME_ASSIGN_OR_RETURN(bool has_row, max_segment.Step());
  PublishedSegment published;
  published.segment_id = has_row ? max_segment.ColumnInt(0) + 1 : 1;
  max_segment.Reset();
  char name[32];
  std::snprintf(name, sizeof(name), "s%06lld", static_cast<long long>(published.segment_id));
  published.directory = name;
  published.path = store.dir + "/segments/" + published.directory;
  std::error_code error;
  fs::remove_all(published.path, error);  // an unreferenced leftover of a crashed writer
  ZENOME_RETURN_IF_ERROR(WriteFault("segment.rename", published.path, "cannot move it into place"));
  fs::rename(staged_dir, published.path, error);
  if (error) {
    return Status::Io(published.path + ": cannot move the new segment into place: " + error.message());
  }
  Status synced = SyncDirectory(store.dir + "/segments");
  if (!synced.ok()) {
    fs::remove_all(published.path, error);
    return synced;
  }
  return published;
}

Status InsertSegmentRow(Catalog& catalog, const PublishedSegment& published, const SegmentManifest& manifest,
                        std::string_view manifest_checksum) {
  std::string source;
  for (const auto& name : manifest.source) source += (source.empty() ? "" : ";") + name;
  bool any_gvcf = false, any_assumed = false;
  for (const auto& sample : manifest.samples) {
    (sample.coverage == segment::Coverage::kGvcf ? any_gvcf : any_assumed) = true;
  }
  const char* coverage = any_gvcf && any_assumed ? "mixed" : any_gvcf ? "gvcf" : "assumed";
  ZENOME_ASSIGN_OR_RETURN(
      Statement insert,
      catalog.Prepare("INSERT INTO segments(segment_id, directory, created, source, n_samples, "
                      "n_variants, coverage, checksum) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
  insert.Bind(1, published.segment_id)
      .Bind(2, published.directory)
      .Bind(3, UtcTimestamp())
      .Bind(4, source)
      .Bind(5, static_cast<int64_t>(manifest.samples.size()))
      .Bind(6, static_cast<int64_t>(manifest.n_variants))
      .Bind(7, coverage)
      .Bind(8, manifest_checksum);
  return insert.Run();
}

std::string UtcTimestamp() {
  std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

RemoveTreeOnExit::~RemoveTreeOnExit() {
  if (!path_.empty()) {
    FaultPoint("cleanup.remove");
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
}

}  // namespace zenome
