#include "store/ingest/ingest.h"

#include <fcntl.h>
#include <htslib/vcf.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "core/contig_names.h"
#include "core/diagnostics.h"
#include "core/fault_point.h"
#include "core/reference.h"
#include "core/thread_pool.h"
#include "core/vcf_reader.h"
#include "store/catalog/pseudonymizer.h"
#include "store/catalog/store_contigs.h"
#include "store/ingest/file.h"
#include "store/ingest/merge.h"
#include "store/segment/io.h"
#include "store/segment/publish.h"
#include "store/segment/reader.h"

namespace zenome {

namespace fs = std::filesystem;

namespace {

struct ExistingSample {
  int64_t sample_id;
};

// The pseudonyms of every input's samples, checked before any record is read: a sample twice in
// the batch is an error; one already stored needs --replace.
// `source_names` gets each file's name with its samples' raw names replaced by their pseudonyms
// (sample files are often named after the sample).
Status CheckSamples(StoreHandle& store, const Pseudonymizer& pseudonymizer,
                    const std::vector<std::string>& paths, bool replace,
                    std::map<std::string, int64_t>& replaced, std::vector<std::string>& source_names) {
  std::unordered_map<std::string, std::string> first_file;
  ZENOME_ASSIGN_OR_RETURN(
      Statement current,
      store.catalog->Prepare("SELECT sample_id FROM samples WHERE pseudonym = ?1 AND replaced_by IS NULL"));
  for (const auto& path : paths) {
    ZENOME_ASSIGN_OR_RETURN(auto reader, VcfReader::Open(path, {}));
    std::string source = fs::path(path).filename().string();
    for (int s = 0; s < reader->samples(); ++s) {
      std::string_view raw = reader->header()->samples[s];
      std::string pseudonym =
          Pseudonymizer::LooksLikePseudonym(raw) ? std::string(raw) : pseudonymizer.Pseudonym(raw);
      if (!raw.empty()) {
        for (size_t at = source.find(raw); at != std::string::npos;
             at = source.find(raw, at + pseudonym.size())) {
          source.replace(at, raw.size(), pseudonym);
        }
      }
      auto [it, inserted] = first_file.emplace(pseudonym, path);
      if (!inserted) {
        return Status::BadInput(path + ": sample " + std::to_string(s + 1) + " (pseudonym " + pseudonym +
                                ") is also in " + (it->second == path ? "this file" : it->second) +
                                "; a genome appears once per batch");
      }
      current.Bind(1, std::string_view(pseudonym));
      ZENOME_ASSIGN_OR_RETURN(bool row, current.Step());
      if (row) {
        int64_t sample_id = current.ColumnInt(0);
        if (!replace) {
          current.Reset();
          return Status::Conflict(path + ": sample " + std::to_string(s + 1) + " (pseudonym " + pseudonym +
                                  ") is already stored; use --replace to replace its genome");
        }
        replaced[pseudonym] = sample_id;
      }
      current.Reset();
    }
    source_names.push_back(std::move(source));
  }
  return Status::Ok();
}

Status CommitSegment(StoreHandle& store, const PublishedSegment& published, const SegmentManifest& manifest,
                     const std::string& manifest_checksum, const std::map<std::string, int64_t>& replaced,
                     const StoreContigs& contigs) {
  Catalog& catalog = *store.catalog;
  ZENOME_ASSIGN_OR_RETURN(auto transaction, catalog.Begin());
  // A replaced sample's row points at its successor, inserted just after it.
  ZENOME_RETURN_IF_ERROR(catalog.Exec("PRAGMA defer_foreign_keys = ON"));
  ZENOME_RETURN_IF_ERROR(InsertSegmentRow(catalog, published, manifest, manifest_checksum));
  int64_t segment_id = published.segment_id;

  ZENOME_ASSIGN_OR_RETURN(Statement max_id,
                          catalog.Prepare("SELECT COALESCE(MAX(sample_id), 0) FROM samples"));
  ZENOME_ASSIGN_OR_RETURN(bool has_row, max_id.Step());
  int64_t next_id = has_row ? max_id.ColumnInt(0) + 1 : 1;
  max_id.Reset();
  ZENOME_ASSIGN_OR_RETURN(Statement retire,
                          catalog.Prepare("UPDATE samples SET replaced_by = ?1 WHERE sample_id = ?2"));
  ZENOME_ASSIGN_OR_RETURN(
      Statement insert, catalog.Prepare("INSERT INTO samples(sample_id, pseudonym, segment_id, column_index) "
                                        "VALUES(?1, ?2, ?3, ?4)"));
  for (size_t column = 0; column < manifest.samples.size(); ++column) {
    const std::string& pseudonym = manifest.samples[column].pseudonym;
    int64_t sample_id = next_id++;
    auto it = replaced.find(pseudonym);
    if (it != replaced.end()) {
      retire.Bind(1, sample_id).Bind(2, it->second);
      ZENOME_RETURN_IF_ERROR(retire.Run());
    }
    insert.Bind(1, sample_id)
        .Bind(2, std::string_view(pseudonym))
        .Bind(3, segment_id)
        .Bind(4, static_cast<int64_t>(column));
    ZENOME_RETURN_IF_ERROR(insert.Run());
  }
  if (contigs.changed()) ZENOME_RETURN_IF_ERROR(contigs.Save(catalog));
  return transaction->Commit();
}

}  // namespace

Result<IngestStats> IngestFiles(StoreHandle& store, const Pseudonymizer& pseudonymizer,
                                const std::vector<std::string>& paths, const IngestOptions& options) {
  if (!store.lock) return Status::Internal("IngestFiles: the store was not opened for writing");
  if (paths.empty()) return Status::Usage("zenome db ingest needs at least one VCF/BCF file");
  {
    std::set<std::string> seen;
    for (const auto& path : paths) {
      if (!fs::exists(path)) return Status::NotFound(path + ": no such file");
      if (!seen.insert(fs::weakly_canonical(path).string()).second) {
        return Status::Usage(path + ": given twice");
      }
    }
  }
  ZENOME_ASSIGN_OR_RETURN(StoreContigs contigs, StoreContigs::Load(*store.catalog));
  std::shared_ptr<const ReferenceGenome> reference;
  if (!store.reference_fasta.empty()) {
    ZENOME_ASSIGN_OR_RETURN(reference, ReferenceGenome::Open(store.reference_fasta));
  }
  Diagnostics counted_only(3);
  Diagnostics& diagnostics = options.diagnostics != nullptr ? *options.diagnostics : counted_only;
  IngestFileContext context;
  context.pseudonymizer = &pseudonymizer;
  context.contigs = &contigs;
  context.store_name = "the store " + store.dir;
  context.build = store.build;
  context.reference = reference;
  context.diagnostics = &diagnostics;

  // Cheap checks first: headers (build, contig lengths) and samples.
  for (const auto& path : paths) ZENOME_RETURN_IF_ERROR(CheckIngestHeader(path, context));
  std::map<std::string, int64_t> replaced;
  std::vector<std::string> source_names;
  ZENOME_RETURN_IF_ERROR(CheckSamples(store, pseudonymizer, paths, options.replace, replaced, source_names));
  if (!reference) {
    // Without a reference the store learns contigs (and their lengths) from the headers.
    for (const auto& path : paths) {
      ZENOME_ASSIGN_OR_RETURN(auto reader, VcfReader::Open(path, {}));
      for (const auto& contig : reader->HeaderContigs()) contigs.Add(contig.name, contig.length);
    }
  }

  std::string staging = store.dir + "/staging";
  std::string batch = staging + "/batch-" + std::to_string(getpid());
  std::error_code error;
  fs::remove_all(batch, error);
  fs::create_directories(batch + "/runs", error);
  if (!error) fs::create_directories(batch + "/segment", error);
  if (error) return Status::Io(batch + ": cannot create the staging directory: " + error.message());
  RemoveTreeOnExit cleanup(batch);
  FaultPoint("ingest.staging-created");

  // Pass 1: every file to sorted, normalised runs, files in parallel (and BGZF decompression on
  // the same number of threads, which helps a single large multi-sample file).
  int threads = std::max(1, options.threads);
  HtsThreadPool decompression(threads > 1 ? threads : 0);
  context.thread_pool = decompression.get();
  ZENOME_ASSIGN_OR_RETURN(std::vector<FileRuns> runs, RunEach<FileRuns>(threads, paths.size(), [&](size_t f) {
                            return ReadIngestFile(paths[f], batch + "/runs/f" + std::to_string(f) + ".run",
                                                  context);
                          }));

  // Columns in file order; the segment's contigs in the store's order.
  SegmentManifest manifest;
  std::vector<uint32_t> column_offset(paths.size());
  for (size_t f = 0; f < runs.size(); ++f) {
    column_offset[f] = static_cast<uint32_t>(manifest.samples.size());
    for (const auto& sample : runs[f].samples) {
      manifest.samples.push_back({sample.pseudonym, sample.coverage, sample.haploid_x});
    }
    manifest.source.push_back(source_names[f]);
  }
  std::map<int, std::vector<std::pair<size_t, const FileContigRun*>>> by_contig;
  for (size_t f = 0; f < runs.size(); ++f) {
    for (const auto& run : runs[f].contigs) {
      int index = contigs.Add(run.contig, 0);
      by_contig[index].push_back({f, &run});
    }
  }

  std::vector<int> fds(runs.size(), -1);
  struct CloseAll {
    std::vector<int>& fds;
    ~CloseAll() {
      for (int fd : fds)
        if (fd >= 0) ::close(fd);
    }
  } close_all{fds};
  for (size_t f = 0; f < runs.size(); ++f) {
    fds[f] = ::open(runs[f].run_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fds[f] < 0) return Status::Io(runs[f].run_path + ": cannot open: " + std::strerror(errno));
  }

  // Pass 2: contigs in parallel.
  std::string segment_dir = batch + "/segment";
  std::vector<ContigMergeInput> inputs;
  int contig_number = 0;
  for (const auto& [index, files] : by_contig) {
    ContigMergeInput input;
    input.segment_dir = segment_dir;
    input.stem = segment::ContigFileStem(contig_number++);
    input.contig = contigs.contigs()[index].name;
    input.canonical = CanonicalContigName(input.contig);
    input.n_columns = manifest.samples.size();
    for (size_t f = 0; f < runs.size(); ++f) {
      ContigMergeFile file;
      file.fd = fds[f];
      file.runs = &runs[f];
      file.column_offset = column_offset[f];
      for (const auto& [file_index, run] : files) {
        if (file_index == f) file.run = run;
      }
      input.files.push_back(file);
    }
    inputs.push_back(std::move(input));
  }
  ZENOME_ASSIGN_OR_RETURN(
      std::vector<uint64_t> sites,
      RunEach<uint64_t>(threads, inputs.size(), [&](size_t i) { return MergeContigRuns(inputs[i]); }));
  for (size_t i = 0; i < inputs.size(); ++i) {
    manifest.contigs.push_back({inputs[i].contig, inputs[i].stem, sites[i]});
    manifest.n_variants += sites[i];
  }
  FaultPoint("ingest.remove-runs");
  fs::remove_all(batch + "/runs", error);

  IngestStats stats;
  ZENOME_ASSIGN_OR_RETURN(std::string manifest_text, SealSegment(segment_dir, manifest, stats.bytes));
  FaultPoint("ingest.staged");
  ZENOME_ASSIGN_OR_RETURN(PublishedSegment published, PublishSegment(store, segment_dir));
  RemoveTreeOnExit undo_rename(published.path);
  FaultPoint("ingest.renamed");
  ZENOME_RETURN_IF_ERROR(
      CommitSegment(store, published, manifest, Sha256Hex(manifest_text), replaced, contigs));
  undo_rename.Release();
  FaultPoint("ingest.committed");

  stats.segment_id = published.segment_id;
  stats.segment = published.directory;
  stats.files = static_cast<int64_t>(paths.size());
  stats.samples = static_cast<int64_t>(manifest.samples.size());
  stats.replaced = static_cast<int64_t>(replaced.size());
  stats.variants = static_cast<int64_t>(manifest.n_variants);
  for (const auto& file : runs) {
    stats.records_read += file.records_read;
    stats.reference_blocks += file.reference_blocks;
    stats.skipped_alleles += file.skipped_alleles;
    stats.merged_duplicates += file.merged_duplicates;
  }
  return stats;
}

}  // namespace zenome
