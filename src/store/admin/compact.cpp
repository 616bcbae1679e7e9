#include "store/admin/compact.h"
#include "store/admin/compact_internal.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <queue>

#include "core/contig_names.h"
#include "core/fault_point.h"
#include "core/thread_pool.h"
#include "store/catalog/store_contigs.h"
#include "store/segment/io.h"
#include "store/segment/publish.h"
#include "store/segment/reader.h"
#include "store/segment/row_composer.h"
#include "store/segment/writer.h"

namespace zenome {

namespace fs = std::filesystem;

namespace {

// One old column's place in the new segment.
struct ColumnSource {
  size_t segment;  // index into the group
  uint32_t column;
};

struct Group {
  std::vector<const SegmentColumns*> segments;
  std::vector<std::unique_ptr<SegmentReader>> readers;
  std::vector<ColumnSource> columns;             // new column → old
  std::vector<std::vector<int64_t>> new_column;  // [segment][old column] → new column, -1 dropped
};

}  // namespace

Result<std::vector<SegmentColumns>> LoadSegmentColumns(Catalog& catalog, bool drop_replaced) {
  ZENOME_ASSIGN_OR_RETURN(std::vector<SegmentRow> rows, ListSegments(catalog));
  std::vector<SegmentColumns> segments;
  std::map<int64_t, size_t> index_of;
  for (SegmentRow& row : rows) {
    SegmentColumns segment{std::move(row), {}, {}, 0};
    segment.sample_ids.assign(segment.n_samples, -1);
    segment.replaced.assign(segment.n_samples, 0);
    index_of[segment.segment_id] = segments.size();
    segments.push_back(std::move(segment));
  }
  auto inconsistent = [](const std::string& what) {
    return Status::Io("the catalog does not match the segments (" + what +
                      "); run zenome db check before compacting");
  };
  ZENOME_ASSIGN_OR_RETURN(std::vector<SampleRow> samples, ListSamples(catalog));
  for (const SampleRow& sample : samples) {
    std::string name = "sample " + std::to_string(sample.sample_id);
    auto it = index_of.find(sample.segment_id);
    if (it == index_of.end()) return inconsistent(name + " refers to a missing segment");
    SegmentColumns& segment = segments[it->second];
    if (sample.column < 0 || sample.column >= segment.n_samples || segment.sample_ids[sample.column] >= 0) {
      return inconsistent(name + " claims a missing or shared column");
    }
    segment.sample_ids[sample.column] = sample.sample_id;
    segment.replaced[sample.column] = sample.replaced();
  }
  for (auto& segment : segments) {
    for (size_t c = 0; c < segment.sample_ids.size(); ++c) {
      if (segment.sample_ids[c] < 0) {
        return inconsistent("segment " + segment.directory + " column " + std::to_string(c) +
                            " has no sample row");
      }
      if (!(drop_replaced && segment.replaced[c])) ++segment.n_kept;
    }
  }
  return segments;
}

namespace {

// Runs of consecutive segments (in id order) to rewrite as one each.
std::vector<std::vector<const SegmentColumns*>> PlanGroups(const std::vector<SegmentColumns>& segments,
                                                           const CompactOptions& options) {
  std::vector<std::vector<const SegmentColumns*>> groups;
  std::vector<const SegmentColumns*> current;
  int64_t samples = 0;
  auto close = [&] {
    bool has_dropped = false;
    for (const auto* segment : current) has_dropped |= segment->n_kept < segment->n_samples;
    if (current.size() >= 2 || (current.size() == 1 && has_dropped)) groups.push_back(current);
    current.clear();
    samples = 0;
  };
  for (const auto& segment : segments) {
    if (segment.n_kept == 0) {  // every genome dropped: the segment just goes, merged with nothing
      close();
      groups.push_back({&segment});
      continue;
    }
    if (!current.empty() && options.max_samples > 0 && samples + segment.n_kept > options.max_samples)
      close();
    current.push_back(&segment);
    samples += segment.n_kept;
  }
  close();
  return groups;
}

// A cursor over one old segment's sites on one contig.
struct SiteCursor {
  const SegmentContigView* view = nullptr;
  size_t segment = 0;  // index into the group
  size_t next = 0;
  SiteView site;
  SiteBlockCache sites;
  GenotypeBlockCache genotypes;
};

struct CursorLater {
  const std::vector<SiteCursor>* cursors;
  bool operator()(size_t a, size_t b) const {
    const SiteView& x = (*cursors)[a].site;
    const SiteView& y = (*cursors)[b].site;
    if (SiteAfter(x, y)) return true;
    return !SiteAfter(y, x) && a > b;  // the same site: segment order
  }
};

// Writes the new segment's files for one contig; returns its number of sites.
Result<uint64_t> MergeContig(const Group& group, const std::string& contig, const std::string& dir,
                             const std::string& stem) {
  std::string canonical = CanonicalContigName(contig);
  const size_t n = group.columns.size();
  // Each new column keeps its old callable intervals (or its old segment's default for a contig
  // that segment holds nothing on).
  std::vector<std::vector<segment::PloidyInterval>> intervals(n);
  for (size_t column = 0; column < n; ++column) {
    const ColumnSource& source = group.columns[column];
    const SegmentReader& reader = *group.readers[source.segment];
    const SegmentContigView* view = reader.contig(contig);
    if (view != nullptr) {
      auto own = view->intervals(source.column);
      intervals[column].assign(own.begin(), own.end());
    } else if (uint32_t ploidy = reader.Ploidy(nullptr, canonical, source.column, 0); ploidy > 0) {
      intervals[column].push_back({0, segment::kContigEnd, ploidy});
    }
  }
  RowComposer composer(intervals);
  ZENOME_ASSIGN_OR_RETURN(auto writer, SegmentContigWriter::Create(dir, stem, n));

  std::vector<SiteCursor> cursors;
  for (size_t k = 0; k < group.readers.size(); ++k) {
    const SegmentContigView* view = group.readers[k]->contig(contig);
    if (view == nullptr || view->n_sites() == 0) continue;
    cursors.emplace_back();
    cursors.back().view = view;
    cursors.back().segment = k;
  }
  std::priority_queue<size_t, std::vector<size_t>, CursorLater> heap(CursorLater{&cursors});
  auto advance = [&](size_t i) -> Status {
    SiteCursor& cursor = cursors[i];
    if (cursor.next >= cursor.view->n_sites()) return Status::Ok();
    ZENOME_RETURN_IF_ERROR(cursor.view->Site(cursor.next++, cursor.sites, cursor.site));
    heap.push(i);
    return Status::Ok();
  };
  for (size_t i = 0; i < cursors.size(); ++i) ZENOME_RETURN_IF_ERROR(advance(i));

  std::vector<size_t> at_key;
  std::vector<GenotypeEntry> old_entries, entries;
  std::string row, key_ref, key_alt;
  while (!heap.empty()) {
    at_key.assign(1, heap.top());
    heap.pop();
    const SiteView& head = cursors[at_key[0]].site;
    uint32_t pos0 = head.record.pos0;
    key_ref.assign(head.ref);
    key_alt.assign(head.alt);
    while (!heap.empty()) {
      const SiteView& other = cursors[heap.top()].site;
      if (other.record.pos0 != pos0 || other.ref != key_ref || other.alt != key_alt) break;
      at_key.push_back(heap.top());
      heap.pop();
    }
    std::sort(at_key.begin(), at_key.end());  // cursor order = segment order = new column order

    entries.clear();
    bool kept_carrier = false, dropped_carrier = false;
    for (size_t i : at_key) {
      SiteCursor& cursor = cursors[i];
      old_entries.clear();
      ZENOME_RETURN_IF_ERROR(cursor.view->DecodeRow(cursor.site.record, cursor.genotypes, old_entries));
      const std::vector<int64_t>& new_column = group.new_column[cursor.segment];
      for (const auto& entry : old_entries) {
        int64_t column = new_column[entry.column];
        bool carrier = entry.code != static_cast<uint8_t>(GenotypeCode::kMissing);
        (column >= 0 ? kept_carrier : dropped_carrier) |= carrier;
        if (column >= 0) entries.push_back({static_cast<uint32_t>(column), entry.code});
      }
    }
    // A variant only dropped genomes carried goes with them.
    if (!dropped_carrier || kept_carrier) {
      SiteCounts counts;
      composer.Compose(pos0, entries, counts, row);
      ZENOME_RETURN_IF_ERROR(writer->Add(pos0, key_ref, key_alt, counts, row));
    }
    for (size_t i : at_key) ZENOME_RETURN_IF_ERROR(advance(i));
  }
  ZENOME_RETURN_IF_ERROR(writer->Finish(intervals, composer.breakpoints()));
  return writer->n_sites();
}

// One catalog transaction: the new segment's row, every kept genome moved to its new column,
// dropped genomes' rows removed, the old segments' rows removed. `published` is null when no
// genome is kept (every one was replaced and dropped).
Status CommitCompaction(StoreHandle& store, const Group& group, const PublishedSegment* published,
                        const SegmentManifest& manifest, const std::string& manifest_checksum) {
  Catalog& catalog = *store.catalog;
  ZENOME_ASSIGN_OR_RETURN(auto transaction, catalog.Begin());
  if (published != nullptr) {
    ZENOME_RETURN_IF_ERROR(InsertSegmentRow(catalog, *published, manifest, manifest_checksum));
  }
  ZENOME_ASSIGN_OR_RETURN(
      Statement move,
      catalog.Prepare("UPDATE samples SET segment_id = ?1, column_index = ?2 WHERE sample_id = ?3"));
  // A row that names a dropped genome as its successor names the participant's current genome.
  ZENOME_ASSIGN_OR_RETURN(
      Statement repoint,
      catalog.Prepare("UPDATE samples SET replaced_by = (SELECT current.sample_id FROM samples AS current "
                      "WHERE current.pseudonym = samples.pseudonym AND current.replaced_by IS NULL) "
                      "WHERE replaced_by = ?1"));
  ZENOME_ASSIGN_OR_RETURN(Statement drop, catalog.Prepare("DELETE FROM samples WHERE sample_id = ?1"));
  ZENOME_ASSIGN_OR_RETURN(Statement retire, catalog.Prepare("DELETE FROM segments WHERE segment_id = ?1"));
  for (size_t k = 0; k < group.segments.size(); ++k) {
    const SegmentColumns& segment = *group.segments[k];
    for (size_t c = 0; c < segment.sample_ids.size(); ++c) {
      int64_t column = group.new_column[k][c];
      if (column >= 0) {
        move.Bind(1, published->segment_id).Bind(2, column).Bind(3, segment.sample_ids[c]);
        ZENOME_RETURN_IF_ERROR(move.Run());
        continue;
      }
      repoint.Bind(1, segment.sample_ids[c]);
      ZENOME_RETURN_IF_ERROR(repoint.Run());
      drop.Bind(1, segment.sample_ids[c]);
      ZENOME_RETURN_IF_ERROR(drop.Run());
    }
  }
  for (const auto* segment : group.segments) {
    retire.Bind(1, segment->segment_id);
    ZENOME_RETURN_IF_ERROR(retire.Run());
  }
  // The annotations cover every segment up to their mark. When that was every segment, the new one
  // (the same variants) is covered too; when a later segment was not annotated, the mark cannot
  // pass it, so it stays where it was.
  ZENOME_ASSIGN_OR_RETURN(auto annotated, catalog.GetMeta("annotation_last_segment"));
  if (published != nullptr && annotated) {
    ZENOME_ASSIGN_OR_RETURN(
        Statement newest,
        catalog.Prepare("SELECT COALESCE(MAX(segment_id), 0) FROM segments WHERE segment_id != ?1"));
    newest.Bind(1, published->segment_id);
    ZENOME_ASSIGN_OR_RETURN(bool row, newest.Step());
    if (!row || std::stoll(*annotated) >= newest.ColumnInt(0)) {
      ZENOME_RETURN_IF_ERROR(
          catalog.SetMeta("annotation_last_segment", std::to_string(published->segment_id)));
    }
  }
  return transaction->Commit();
}

// Writes the group's new segment under staging/, publishes it and commits.
Result<PublishedSegment> WriteGroup(StoreHandle& store, const Group& group,
                                    const std::vector<std::string>& names, SegmentManifest& manifest,
                                    const CompactOptions& options, CompactStats& stats) {
  std::string staged = store.dir + "/staging/compact-" + std::to_string(getpid());
  std::error_code error;
  fs::remove_all(staged, error);
  fs::create_directories(staged, error);
  if (error) return Status::Io(staged + ": cannot create the staging directory: " + error.message());
  RemoveTreeOnExit cleanup(staged);
  FaultPoint("compact.staging-created");
  ZENOME_ASSIGN_OR_RETURN(
      std::vector<uint64_t> sites, RunEach<uint64_t>(options.threads, names.size(), [&](size_t i) {
        return MergeContig(group, names[i], staged, segment::ContigFileStem(static_cast<int>(i)));
      }));
  for (size_t i = 0; i < names.size(); ++i) {
    manifest.contigs.push_back({names[i], segment::ContigFileStem(static_cast<int>(i)), sites[i]});
    manifest.n_variants += sites[i];
  }
  uint64_t bytes = 0;
  ZENOME_ASSIGN_OR_RETURN(std::string manifest_text, SealSegment(staged, manifest, bytes));
  FaultPoint("compact.staged");
  ZENOME_ASSIGN_OR_RETURN(PublishedSegment published, PublishSegment(store, staged));
  RemoveTreeOnExit undo_rename(published.path);
  FaultPoint("compact.renamed");
  ZENOME_RETURN_IF_ERROR(CommitCompaction(store, group, &published, manifest, Sha256Hex(manifest_text)));
  undo_rename.Release();
  stats.bytes_after += bytes;
  return published;
}

}  // namespace

Status RewriteSegments(StoreHandle& store, const StoreContigs& contigs,
                       const std::vector<const SegmentColumns*>& members, const CompactOptions& options,
                       CompactStats& stats) {
  Group group;
  group.segments = members;
  for (size_t k = 0; k < members.size(); ++k) {
    const SegmentColumns& segment = *members[k];
    std::string path = store.dir + "/segments/" + segment.directory;
    ZENOME_ASSIGN_OR_RETURN(auto reader, SegmentReader::Open(path, segment.checksum));
    if (static_cast<int64_t>(reader->n_columns()) != segment.n_samples) {
      return Status::Io(path + ": the manifest lists " + std::to_string(reader->n_columns()) +
                        " samples but the catalog " + std::to_string(segment.n_samples) +
                        "; run zenome db check");
    }
    // Without block checksums, damage would be read as data and sealed under the new segment's
    // checksums: the files must first match their SHA-256 sums.
    if (!segment::HasBlockChecksums(reader->format_version())) {
      ZENOME_RETURN_IF_ERROR(VerifySegmentFiles(path, reader->manifest()));
    }
    stats.bytes_before += DirectoryBytes(path);
    group.new_column.emplace_back(segment.n_samples, -1);
    for (size_t c = 0; c < segment.sample_ids.size(); ++c) {
      if (options.drop_replaced && segment.replaced[c]) {
        ++stats.dropped;
        continue;
      }
      group.new_column[k][c] = static_cast<int64_t>(group.columns.size());
      group.columns.push_back({k, static_cast<uint32_t>(c)});
    }
    group.readers.push_back(std::move(reader));
  }

  SegmentManifest manifest;
  for (const auto& column : group.columns) {
    manifest.samples.push_back(group.readers[column.segment]->manifest().samples[column.column]);
  }
  for (const auto& reader : group.readers) {
    for (const auto& name : reader->manifest().source) manifest.source.push_back(name);
  }
  // The new segment's contigs: any an old one holds, in the store's order.
  std::vector<std::string> names;
  for (const auto& contig : contigs.contigs()) {
    bool held = std::any_of(group.readers.begin(), group.readers.end(),
                            [&](const auto& reader) { return reader->contig(contig.name) != nullptr; });
    if (held) names.push_back(contig.name);
  }

  if (group.columns.empty()) {
    // Nothing kept: the old segments' rows and files just go.
    ZENOME_RETURN_IF_ERROR(CommitCompaction(store, group, nullptr, manifest, ""));
  } else {
    ZENOME_ASSIGN_OR_RETURN(PublishedSegment published,
                            WriteGroup(store, group, names, manifest, options, stats));
    stats.created.push_back(published.directory);
  }
  // Unreferenced now; readers that mapped them keep their mappings. A crash before this leaves
  // them for the next writer to remove (OpenStore).
  FaultPoint("compact.committed");
  group.readers.clear();
  std::error_code error;
  for (const auto* segment : members) {
    FaultPoint("compact.remove-old");
    fs::remove_all(store.dir + "/segments/" + segment->directory, error);
  }

  stats.segments_merged += static_cast<int64_t>(members.size());
  stats.segments_after -= static_cast<int64_t>(members.size()) - (group.columns.empty() ? 0 : 1);
  stats.samples += static_cast<int64_t>(manifest.samples.size());
  stats.variants += static_cast<int64_t>(manifest.n_variants);
  return Status::Ok();
}

Result<CompactStats> CompactStore(StoreHandle& store, const CompactOptions& options) {
  if (!store.lock) return Status::Internal("CompactStore: the store was not opened for writing");
  if (options.max_samples < 0) return Status::Usage("--max-samples must be 0 (no limit) or more");
  ZENOME_ASSIGN_OR_RETURN(StoreContigs contigs, StoreContigs::Load(*store.catalog));
  ZENOME_ASSIGN_OR_RETURN(std::vector<SegmentColumns> segments,
                          LoadSegmentColumns(*store.catalog, options.drop_replaced));
  CompactStats stats;
  stats.segments_before = static_cast<int64_t>(segments.size());
  stats.segments_after = stats.segments_before;
  for (const auto& members : PlanGroups(segments, options)) {
    ZENOME_RETURN_IF_ERROR(RewriteSegments(store, contigs, members, options, stats));
  }
  return stats;
}

}  // namespace zenome
