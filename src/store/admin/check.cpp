#include "store/admin/check.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "core/normalize.h"
#include "core/reference.h"
#include "store/catalog/catalog.h"
#include "store/catalog/segment_rows.h"
#include "store/catalog/store_contigs.h"
#include "store/layers/export.h"
#include "store/segment/io.h"
#include "store/segment/reader.h"

namespace zenome {

namespace fs = std::filesystem;

namespace {

// Recounts sites of one contig from genotypes and per-column coverage (not from the baseline step
// function, which is checked against the recount too). `sites` must be increasing.
void RecountContig(const std::string& where, const SegmentContigView& view, size_t n_columns,
                   const std::vector<size_t>& sites, CheckReport& report) {
  struct Event {
    uint32_t pos0;
    uint32_t column;
    uint32_t ploidy;
  };
  std::vector<Event> events;
  for (size_t column = 0; column < n_columns; ++column) {
    for (const auto& interval : view.intervals(column)) {
      events.push_back({interval.start, static_cast<uint32_t>(column), interval.ploidy});
      if (interval.end != segment::kContigEnd)
        events.push_back({interval.end, static_cast<uint32_t>(column), 0});
    }
  }
  std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    if (a.pos0 != b.pos0) return a.pos0 < b.pos0;
    return (a.ploidy == 0) > (b.ploidy == 0);
  });
  std::vector<uint32_t> ploidy(n_columns, 0);
  int64_t baseline = 0;
  size_t next = 0;
  GenotypeBlockCache cache;
  SiteBlockCache site_cache;
  SiteView current;
  std::vector<GenotypeEntry> entries;
  int reported = 0;
  for (size_t i : sites) {
    Status read = view.Site(i, site_cache, current);
    if (!read.ok()) {
      report.problems.push_back(where + ": " + read.message());
      return;
    }
    const segment::SiteRecord& site = current.record;
    for (; next < events.size() && events[next].pos0 <= site.pos0; ++next) {
      baseline += static_cast<int64_t>(events[next].ploidy) - ploidy[events[next].column];
      ploidy[events[next].column] = events[next].ploidy;
    }
    std::string id = view.name() + ":" + std::to_string(site.pos0 + 1) + ":" + std::string(current.ref) +
                     ":" + std::string(current.alt);
    if (view.BaselineAn(site.pos0) != baseline && reported < 5) {
      report.problems.push_back(
          where + ": coverage of " + id + " says AN " + std::to_string(view.BaselineAn(site.pos0)) +
          " for absent variants but the per-sample intervals give " + std::to_string(baseline));
      ++reported;
    }
    entries.clear();
    Status decoded = view.DecodeRow(site, cache, entries);
    if (!decoded.ok()) {
      report.problems.push_back(where + ": " + id + ": " + decoded.message());
      if (++reported >= 5) return;
      continue;
    }
    int64_t ac = 0, an = baseline, het = 0, hom_alt = 0;
    for (const auto& entry : entries) {
      uint32_t p = ploidy[entry.column];
      if (entry.code == static_cast<uint8_t>(GenotypeCode::kMissing)) {
        an -= p;
        continue;
      }
      if (p == 0) an += 2;
      segment::CallContribution call = segment::Contribution(entry.code, p);
      ac += call.allele_count;
      het += call.het;
      hom_alt += call.hom_alt;
    }
    ++report.sites_checked;
    if (ac != site.allele_count || an != site.allele_number || het != site.het || hom_alt != site.hom_alt) {
      if (reported < 5) {
        report.problems.push_back(
            where + ": counts of " + id + " are AC " + std::to_string(site.allele_count) + ", AN " +
            std::to_string(site.allele_number) + ", het " + std::to_string(site.het) + ", hom-alt " +
            std::to_string(site.hom_alt) + " but the genotypes give " + std::to_string(ac) + ", " +
            std::to_string(an) + ", " + std::to_string(het) + ", " + std::to_string(hom_alt));
      }
      ++reported;
    }
  }
  if (reported > 5) {
    report.problems.push_back(where + ": " + std::to_string(reported - 5) + " more sites with wrong counts");
  }
}

bool IsStoredBase(char c) {
  return c == 'A' || c == 'C' || c == 'G' || c == 'T' || c == 'N';
}

// What makes a stored site something ingest never writes, or "": REF equal to ALT (not a
// variant), bases other than upper-case ACGTN, or alleles not trimmed to their normalised form.
std::string SiteShapeProblem(std::string_view ref, std::string_view alt) {
  if (ref.empty() || alt.empty()) return "an empty allele";
  if (ref == alt) return "REF equals ALT (not a variant)";
  for (std::string_view allele : {ref, alt}) {
    if (!std::all_of(allele.begin(), allele.end(), IsStoredBase)) {
      return "bases other than A, C, G, T, N in " + std::string(allele == ref ? "REF" : "ALT");
    }
  }
  // Bases shared beyond one anchor can be trimmed without a reference. (A shared last base with a
  // one-base allele, AT>T, calls for left-alignment: checked against the reference, if any.)
  if (ref.size() > 1 && alt.size() > 1 && ref.back() == alt.back()) {
    return "not normalised: REF and ALT end with the same base (not trimmed)";
  }
  if (ref.size() > 1 && alt.size() > 1 && ref[0] == alt[0]) {
    return "not normalised: REF and ALT share their first base beyond the one anchoring an indel "
           "(not trimmed)";
  }
  return "";
}

// With the store's reference: REF must be the reference's bases and the site left-aligned.
Result<std::string> ReferenceProblem(ReferenceReader& reference, const std::string& contig, uint32_t pos0,
                                     std::string_view ref, std::string_view alt) {
  ZENOME_ASSIGN_OR_RETURN(std::string bases, reference.Fetch(contig, pos0, pos0 + ref.size()));
  if (bases != ref) return "REF does not match the reference, which has " + bases + " there";
  if (ref.size() == alt.size() && ref.back() != alt.back()) return std::string();  // cannot shift
  AlleleSet site{pos0, std::string(ref), {std::string(alt)}};
  ZENOME_ASSIGN_OR_RETURN(bool changed, NormaliseAlleles(site, contig, reference));
  if (!changed) return std::string();
  return "not normalised: left-aligned and trimmed it is " + contig + ":" + std::to_string(site.pos0 + 1) +
         ":" + site.ref + ":" + site.alts[0];
}

void CheckSites(const std::string& where, const SegmentContigView& view, size_t n_columns,
                const CheckOptions& options, ReferenceReader* reference, CheckReport& report) {
  // Sorted by (POS, REF, ALT), no duplicates: the searches rely on it. Each site is a normalised
  // variant (older builds stored ALT == REF; a damaged or hand-made segment may hold anything).
  constexpr int kMaxReported = 5;
  SiteBlockCache cache;
  SiteView site;
  uint32_t previous_pos0 = 0;
  std::string previous_ref, previous_alt;
  int64_t bad_sites = 0;
  for (size_t i = 0; i < view.n_sites(); ++i) {
    Status read = view.Site(i, cache, site);
    if (!read.ok()) {
      report.problems.push_back(where + ": " + read.message());
      return;
    }
    std::string id = view.name() + ":" + std::to_string(site.record.pos0 + 1) + ":" + std::string(site.ref) +
                     ":" + std::string(site.alt);
    auto current = std::make_pair(site.ref, site.alt);
    auto previous = std::make_pair(std::string_view(previous_ref), std::string_view(previous_alt));
    if (i > 0 && previous_pos0 == site.record.pos0 && previous == current) {
      if (++bad_sites <= kMaxReported) report.problems.push_back(where + ": site " + id + " is stored twice");
    } else if (i > 0 && (previous_pos0 > site.record.pos0 ||
                         (previous_pos0 == site.record.pos0 && current < previous))) {
      report.problems.push_back(where + ": sites out of order at " + id + " (after " + view.name() + ":" +
                                std::to_string(previous_pos0 + 1) + ":" + previous_ref + ":" + previous_alt +
                                ")");
      return;
    }
    std::string shape = SiteShapeProblem(site.ref, site.alt);
    if (shape.empty() && reference != nullptr) {
      Result<std::string> checked =
          ReferenceProblem(*reference, view.name(), site.record.pos0, site.ref, site.alt);
      shape =
          checked.ok() ? *checked : "cannot be checked against the reference: " + checked.status().message();
    }
    if (!shape.empty() && ++bad_sites <= kMaxReported) {
      report.problems.push_back(where + ": site " + id + ": " + shape);
    }
    previous_pos0 = site.record.pos0;
    previous_ref.assign(site.ref);
    previous_alt.assign(site.alt);
  }
  if (bad_sites > kMaxReported) {
    report.problems.push_back(where + ": " + std::to_string(bad_sites - kMaxReported) +
                              " more such sites on " + view.name());
  }
  std::vector<size_t> sites;
  size_t n = view.n_sites();
  if (options.full || static_cast<int64_t>(n) <= options.sampled_sites) {
    for (size_t i = 0; i < n; ++i) sites.push_back(i);
  } else {
    for (int64_t k = 0; k < options.sampled_sites; ++k)
      sites.push_back(static_cast<size_t>(k * n / options.sampled_sites));
  }
  RecountContig(where, view, n_columns, sites, report);
}

}  // namespace

namespace {
// One pass over one committed state; `missing` gets the segment directories with any problem.
Result<CheckReport> CheckSnapshot(const StoreHandle& store, const CheckOptions& options,
                                  std::vector<std::string>& missing) {
  CheckReport report;
  Catalog& catalog = *store.catalog;
  ZENOME_ASSIGN_OR_RETURN(auto snapshot, catalog.BeginRead());
  ZENOME_ASSIGN_OR_RETURN(std::vector<SegmentRow> segments, ListSegments(catalog));
  ZENOME_ASSIGN_OR_RETURN(std::vector<SampleRow> samples, ListSamples(catalog));
  report.segments = static_cast<int64_t>(segments.size());
  report.samples = static_cast<int64_t>(samples.size());

  // The contig list every reader loads first.
  if (auto contigs = StoreContigs::Load(catalog); !contigs.ok())
    report.problems.push_back(contigs.status().message());

  // Sites are checked against the store's reference when it can be read.
  std::unique_ptr<ReferenceReader> reference;
  if (!store.reference_fasta.empty()) {
    auto genome = ReferenceGenome::Open(store.reference_fasta);
    if (genome.ok()) {
      auto opened = ReferenceReader::Open(*genome);
      if (opened.ok()) reference = std::move(*opened);
    }
    if (!reference) {
      report.notes.push_back("the store's reference " + store.reference_fasta +
                             " cannot be read; sites were not checked against it");
    }
  }

  // Segments: files, checksums, structure, counts.
  std::map<int64_t, std::vector<std::string>> columns_of;  // segment → pseudonym per column
  std::set<std::string> referenced;
  for (const auto& segment : segments) {
    // A segment with any problem is noted, in case a compaction was removing it meanwhile.
    struct NoteTrouble {
      const std::vector<std::string>& problems;
      size_t before;
      std::vector<std::string>& troubled;
      const std::string& directory;
      ~NoteTrouble() {
        if (problems.size() > before) troubled.push_back(directory);
      }
    } note_trouble{report.problems, report.problems.size(), missing, segment.directory};
    std::string name = "segment " + segment.directory;
    referenced.insert(segment.directory);
    fs::path dir = fs::path(store.dir) / "segments" / segment.directory;
    std::error_code error;
    if (!fs::is_directory(dir, error)) {
      report.problems.push_back(name + ": directory " + dir.string() + " is missing");
      continue;
    }
    std::string manifest_path = (dir / segment::kManifestName).string();
    Result<std::string> manifest_checksum = Sha256OfFile(manifest_path);
    if (!manifest_checksum.ok()) {
      report.problems.push_back(name + ": " + manifest_checksum.status().message());
      continue;
    }
    if (*manifest_checksum != segment.checksum) {
      report.problems.push_back(name + ": manifest.json does not match the checksum the catalog recorded");
      continue;
    }
    Result<std::unique_ptr<MappedFile>> manifest_file = MappedFile::Open(manifest_path);
    if (!manifest_file.ok()) {
      report.problems.push_back(name + ": " + manifest_file.status().message());
      continue;
    }
    Result<SegmentManifest> manifest = ParseSegmentManifest(
        std::string_view(reinterpret_cast<const char*>((*manifest_file)->data()), (*manifest_file)->size()),
        manifest_path);
    if (!manifest.ok()) {
      report.problems.push_back(name + ": " + manifest.status().message());
      continue;
    }
    if (static_cast<int64_t>(manifest->samples.size()) != segment.n_samples) {
      report.problems.push_back(name + ": manifest lists " + std::to_string(manifest->samples.size()) +
                                " samples, the catalog " + std::to_string(segment.n_samples));
    }
    if (static_cast<int64_t>(manifest->n_variants) != segment.n_variants) {
      report.problems.push_back(name + ": manifest counts " + std::to_string(manifest->n_variants) +
                                " variants, the catalog " + std::to_string(segment.n_variants));
    }
    auto& columns = columns_of[segment.segment_id];
    for (const auto& sample : manifest->samples) columns.push_back(sample.pseudonym);
    bool files_ok = true, files_present = true;
    std::set<std::string> listed = {segment::kManifestName};
    for (const auto& file : manifest->files) {
      listed.insert(file.name);
      fs::path path = dir / file.name;
      ++report.files;
      if (!fs::exists(path, error)) {
        report.problems.push_back(name + ": file " + file.name + " is missing");
        files_ok = files_present = false;
        continue;
      }
      uint64_t size = fs::file_size(path, error);
      if (size != file.bytes) {
        report.problems.push_back(name + ": file " + file.name + " has " + std::to_string(size) + " bytes, " +
                                  std::to_string(file.bytes) + " expected");
        files_ok = false;
        continue;
      }
      Result<std::string> checksum = Sha256OfFile(path.string());
      if (!checksum.ok() || *checksum != file.sha256) {
        report.problems.push_back(name + ": file " + file.name + " does not match its checksum");
        files_ok = false;
      }
    }
    for (const auto& entry : fs::directory_iterator(dir, error)) {
      std::string file = entry.path().filename().string();
      if (!listed.count(file)) report.problems.push_back(name + ": unexpected file " + file);
    }
    // The reader checks the tables as it opens and each block's checksum (format 5): where a file
    // is damaged, that says which part.
    Result<std::unique_ptr<SegmentReader>> reader = SegmentReader::Open(dir.string());
    if (!reader.ok()) {
      if (files_present) report.problems.push_back(reader.status().message());
      continue;
    }
    if ((*reader)->format_version() < segment::kFormatVersion) {
      report.notes.push_back(name + " is in segment format " + std::to_string((*reader)->format_version()) +
                             ", without block checksums: zenome db upgrade rewrites it in format " +
                             std::to_string(segment::kFormatVersion));
    }
    bool blocks_ok = true;
    for (const auto& view : (*reader)->contigs()) {
      Status blocks = view->VerifyBlocks();
      if (!blocks.ok()) {
        report.problems.push_back(blocks.message());
        blocks_ok = false;
      }
    }
    if (!files_ok || !blocks_ok) continue;
    uint64_t sites = 0;
    for (const auto& view : (*reader)->contigs()) {
      sites += view->n_sites();
      CheckSites(name, *view, (*reader)->n_columns(), options, reference.get(), report);
    }
    if (sites != manifest->n_variants) {
      report.problems.push_back(name + ": holds " + std::to_string(sites) + " sites, the manifest counts " +
                                std::to_string(manifest->n_variants));
    }
  }

  // Samples: each row claims an existing column holding its pseudonym; each column claimed once;
  // one current genome per pseudonym; replacements point at a later row of the same pseudonym.
  std::map<std::pair<int64_t, int64_t>, int64_t> claimed;
  std::unordered_map<std::string, int64_t> current;
  std::unordered_map<int64_t, const SampleRow*> by_id;
  for (const auto& sample : samples) by_id[sample.sample_id] = &sample;
  for (const auto& sample : samples) {
    std::string name = "sample " + std::to_string(sample.sample_id) + " (" + sample.pseudonym + ")";
    auto columns = columns_of.find(sample.segment_id);
    if (columns == columns_of.end()) {
      bool known = std::any_of(segments.begin(), segments.end(),
                               [&](const SegmentRow& row) { return row.segment_id == sample.segment_id; });
      if (!known)
        report.problems.push_back(name + ": refers to segment " + std::to_string(sample.segment_id) +
                                  ", which does not exist");
    } else if (sample.column < 0 || sample.column >= static_cast<int64_t>(columns->second.size())) {
      report.problems.push_back(name + ": column " + std::to_string(sample.column) +
                                " is beyond its segment's " + std::to_string(columns->second.size()) +
                                " columns");
    } else if (columns->second[sample.column] != sample.pseudonym) {
      report.problems.push_back(name + ": its segment's column " + std::to_string(sample.column) + " holds " +
                                columns->second[sample.column]);
    }
    auto [it, inserted] = claimed.emplace(std::make_pair(sample.segment_id, sample.column), sample.sample_id);
    if (!inserted) {
      report.problems.push_back(name + ": claims the same segment column as sample " +
                                std::to_string(it->second));
    }
    if (!sample.replaced()) {
      auto [other, fresh] = current.emplace(sample.pseudonym, sample.sample_id);
      if (!fresh) {
        report.problems.push_back(name + ": genome stored twice (also sample " +
                                  std::to_string(other->second) + ")");
      }
    } else {
      auto successor = by_id.find(*sample.replaced_by);
      if (successor == by_id.end() || successor->second->pseudonym != sample.pseudonym ||
          successor->second->sample_id <= sample.sample_id) {
        report.problems.push_back(name + ": replaced_by " + std::to_string(*sample.replaced_by) +
                                  " is not a later genome of the same participant");
      }
    }
  }
  for (const auto& [segment_id, columns] : columns_of) {
    for (size_t column = 0; column < columns.size(); ++column) {
      if (!claimed.count({segment_id, static_cast<int64_t>(column)})) {
        report.problems.push_back("segment " + std::to_string(segment_id) + ": column " +
                                  std::to_string(column) + " (" + columns[column] + ") has no sample row");
      }
    }
  }

  // Leftovers of an interrupted ingest are harmless: never referenced, removed by the next writer.
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(fs::path(store.dir) / "segments", error)) {
    std::string directory = entry.path().filename().string();
    if (!referenced.count(directory)) {
      report.notes.push_back("segments/" + directory +
                             " is not referenced by the catalog (left by an interrupted ingest; the next "
                             "writer removes it)");
    }
  }
  if (fs::exists(fs::path(store.dir) / "staging", error) &&
      !fs::is_empty(fs::path(store.dir) / "staging", error)) {
    report.notes.push_back("staging/ holds an unfinished batch (an ingest is running or was interrupted)");
  }

  ZENOME_RETURN_IF_ERROR(CheckLayers(catalog, report.problems));
  return report;
}
}  // namespace

Result<CheckReport> CheckStore(const StoreHandle& store, const CheckOptions& options) {
  // A compaction that commits during the check removes segments the check's snapshot still lists
  // (wholly or file by file); those are not damage, so the check runs again on the newer state.
  for (int attempt = 1;; ++attempt) {
    std::vector<std::string> missing;
    ZENOME_ASSIGN_OR_RETURN(CheckReport report, CheckSnapshot(store, options, missing));
    if (missing.empty() || attempt == 5) return report;
    ZENOME_ASSIGN_OR_RETURN(Statement listed,
                            store.catalog->Prepare("SELECT COUNT(*) FROM segments WHERE directory = ?1"));
    bool moved_on = false;
    for (const auto& directory : missing) {
      listed.Bind(1, directory);
      ZENOME_ASSIGN_OR_RETURN(bool row, listed.Step());
      moved_on |= row && listed.ColumnInt(0) == 0;
      listed.Reset();
    }
    if (!moved_on) return report;
  }
}

}  // namespace zenome
