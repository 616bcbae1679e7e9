#include "store/variants/variant_store.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <queue>
#include <unordered_map>

#include "core/contig_names.h"
#include "core/normalize.h"
#include "core/reference.h"
#include "core/text.h"
#include "store/catalog/store_contigs.h"
#include "store/segment/reader.h"

namespace zenome {

namespace {

// Carriers come in segment and column order; callers get them by sample_id, whatever the layout
// (compaction moves genomes between segments). Usually already in order.
void SortBySample(std::vector<Carrier>& carriers) {
  auto by_id = [](const Carrier& a, const Carrier& b) { return a.sample_id < b.sample_id; };
  if (!std::is_sorted(carriers.begin(), carriers.end(), by_id))
    std::sort(carriers.begin(), carriers.end(), by_id);
}

// Merges the sites of one contig across segments in (pos0, REF, ALT) order; for each variant,
// which segments hold it and their records. Each segment is read through its own cursor (one
// decompressed block of sites at a time).
class SiteMerger {
 public:
  // `views[k]` may be null (segment k has nothing on the contig). Sites overlapping [start0, end0).
  SiteMerger(const std::vector<const SegmentContigView*>& views, int64_t start0, int64_t end0)
      : views_(views),
        start0_(start0),
        end0_(end0),
        cursors_(views.size()),
        records_(views.size()),
        present_(views.size(), nullptr) {
    for (size_t k = 0; k < views_.size() && status_.ok(); ++k) {
      const SegmentContigView* view = views_[k];
      if (view == nullptr) continue;
      int64_t from = start0_ - static_cast<int64_t>(view->max_ref_length());
      Result<size_t> first = view->LowerBound(std::max<int64_t>(from, 0), cursors_[k].cache);
      if (!first.ok()) {
        status_ = first.status();
        return;
      }
      cursors_[k].index = *first;
      if (Settle(k)) heap_.push(k);
    }
  }

  // False at the end, or on a read error (then status() says which).
  bool Next() {
    for (size_t k : holding_) present_[k] = nullptr;
    holding_.clear();
    if (!status_.ok() || heap_.empty()) return false;
    size_t first = heap_.top();
    heap_.pop();
    holding_.push_back(first);
    const SiteView& site = cursors_[first].site;
    pos0_ = site.record.pos0;
    ref_.assign(site.ref);
    alt_.assign(site.alt);
    while (!heap_.empty() && Equal(heap_.top())) {
      holding_.push_back(heap_.top());
      heap_.pop();
    }
    for (size_t k : holding_) {
      records_[k] = cursors_[k].site.record;
      present_[k] = &records_[k];
      ++cursors_[k].index;
      if (Settle(k)) heap_.push(k);
    }
    return status_.ok();
  }

  const Status& status() const { return status_; }
  uint32_t pos0() const { return pos0_; }
  const std::string& ref() const { return ref_; }
  const std::string& alt() const { return alt_; }
  // Per segment: the current variant's record, or null.
  const std::vector<const segment::SiteRecord*>& present() const { return present_; }

 private:
  struct Cursor {
    size_t index = 0;
    SiteBlockCache cache;
    SiteView site;
  };

  // Moves segment k's cursor to its next site overlapping the range; false when none is left.
  bool Settle(size_t k) {
    const SegmentContigView* view = views_[k];
    Cursor& cursor = cursors_[k];
    for (; cursor.index < view->n_sites(); ++cursor.index) {
      Status read = view->Site(cursor.index, cursor.cache, cursor.site);
      if (!read.ok()) {
        status_ = read;
        return false;
      }
      const auto& record = cursor.site.record;
      if (static_cast<int64_t>(record.pos0) >= end0_) break;
      if (static_cast<int64_t>(record.pos0) + record.ref_length > start0_) return true;
    }
    cursor.index = view->n_sites();
    return false;
  }
  bool Equal(size_t k) const {
    const SiteView& site = cursors_[k].site;
    return site.record.pos0 == pos0_ && site.ref == ref_ && site.alt == alt_;
  }
  struct Later {
    const SiteMerger* merger;
    bool operator()(size_t a, size_t b) const {
      const SiteView& x = merger->cursors_[a].site;
      const SiteView& y = merger->cursors_[b].site;
      if (SiteAfter(x, y)) return true;
      return !SiteAfter(y, x) && a > b;  // the same site: segment order
    }
  };

  const std::vector<const SegmentContigView*>& views_;
  int64_t start0_, end0_;
  std::vector<Cursor> cursors_;
  std::vector<segment::SiteRecord> records_;
  std::vector<const segment::SiteRecord*> present_;
  std::vector<size_t> holding_;
  std::priority_queue<size_t, std::vector<size_t>, Later> heap_{Later{this}};
  Status status_;
  uint32_t pos0_ = 0;
  std::string ref_, alt_;
};

void Add(AlleleCounts& counts, const segment::CallContribution& call, int sign) {
  counts.allele_count += sign * static_cast<int64_t>(call.allele_count);
  counts.allele_number += sign * static_cast<int64_t>(call.allele_number);
  counts.het += sign * static_cast<int64_t>(call.het);
  counts.hom_alt += sign * static_cast<int64_t>(call.hom_alt);
}

uint8_t CodeOf(const std::vector<GenotypeEntry>& entries, uint32_t column, uint32_t ploidy) {
  auto it = std::lower_bound(entries.begin(), entries.end(), column,
                             [](const GenotypeEntry& entry, uint32_t c) { return entry.column < c; });
  if (it != entries.end() && it->column == column) return it->code;
  return ploidy > 0 ? static_cast<uint8_t>(GenotypeCode::kHomRef)
                    : static_cast<uint8_t>(GenotypeCode::kMissing);
}

}  // namespace

// Per-call state: block caches, and the group layout of each segment's columns.
struct VariantStore::Query {
  struct PerSegment {
    const SegmentContigView* view = nullptr;
    GenotypeBlockCache cache;
    std::vector<std::vector<int>> column_groups;       // column → groups (empty when replaced)
    std::vector<std::vector<uint32_t>> group_columns;  // group → columns
    std::vector<int64_t> group_baseline;
    int64_t baseline_from = -1;
    int64_t baseline_until = -1;
  };

  Query(const VariantStore& store, const std::string& contig, const SampleGroups* groups)
      : store(store), contig(contig), canonical(CanonicalContigName(contig)), groups(groups) {
    per_segment.resize(store.segments_.size());
    for (size_t k = 0; k < store.segments_.size(); ++k) {
      const Segment& segment = store.segments_[k];
      PerSegment& state = per_segment[k];
      state.view = segment.reader->contig(contig);
      if (groups == nullptr) continue;
      size_t n = segment.sample_ids.size();
      state.column_groups.resize(n);
      state.group_columns.resize(groups->names.size());
      state.group_baseline.assign(groups->names.size(), 0);
      for (size_t c = 0; c < n; ++c) {
        if (segment.replaced[c]) continue;
        auto it = groups->groups_of_sample.find(segment.sample_ids[c]);
        if (it == groups->groups_of_sample.end()) continue;
        for (int g : it->second) {
          if (g < 0 || g >= static_cast<int>(groups->names.size())) continue;
          state.column_groups[c].push_back(g);
          state.group_columns[g].push_back(static_cast<uint32_t>(c));
        }
      }
    }
  }

  std::vector<const SegmentContigView*> Views() const {
    std::vector<const SegmentContigView*> views;
    for (const auto& state : per_segment) views.push_back(state.view);
    return views;
  }

  // Sum of ploidy over each group's callable columns of segment k at pos0 (cached while valid).
  void GroupBaselines(size_t k, int64_t pos0) {
    PerSegment& state = per_segment[k];
    if (pos0 >= state.baseline_from && pos0 < state.baseline_until) return;
    const SegmentReader& reader = *store.segments_[k].reader;
    int64_t until = INT64_MAX;
    for (size_t g = 0; g < state.group_columns.size(); ++g) {
      int64_t sum = 0;
      for (uint32_t column : state.group_columns[g]) {
        sum += reader.Ploidy(state.view, canonical, column, pos0);
        if (state.view != nullptr) until = std::min(until, state.view->NextChange(column, pos0));
      }
      state.group_baseline[g] = sum;
    }
    state.baseline_from = pos0;
    state.baseline_until = until;
  }

  // Counts (and carriers, when asked) of one variant: `present[k]` is its record in segment k (null: absent).
  Status Summarize(uint32_t pos0, const std::vector<const segment::SiteRecord*>& present, SiteSummary& out,
                   std::vector<Carrier>* carriers) {
    out.counts = AlleleCounts();
    out.groups.assign(groups != nullptr ? groups->names.size() : 0, AlleleCounts());
    if (carriers != nullptr) carriers->clear();
    for (size_t k = 0; k < per_segment.size(); ++k) {
      const Segment& segment = store.segments_[k];
      PerSegment& state = per_segment[k];
      const SegmentReader& reader = *segment.reader;
      bool has_replaced = !segment.replaced_columns.empty();
      if (groups != nullptr) GroupBaselines(k, pos0);
      if (present[k] == nullptr) {
        out.counts.allele_number += reader.BaselineAn(state.view, canonical, pos0);
        for (uint32_t column : segment.replaced_columns) {
          out.counts.allele_number -= reader.Ploidy(state.view, canonical, column, pos0);
        }
        for (size_t g = 0; g < out.groups.size(); ++g) out.groups[g].allele_number += state.group_baseline[g];
        continue;
      }
      const segment::SiteRecord& site = *present[k];
      out.counts.allele_count += site.allele_count;
      out.counts.allele_number += site.allele_number;
      out.counts.het += site.het;
      out.counts.hom_alt += site.hom_alt;
      if (!has_replaced && groups == nullptr && carriers == nullptr) continue;
      entries.clear();
      ZENOME_RETURN_IF_ERROR(state.view->DecodeRow(site, state.cache, entries));
      for (uint32_t column : segment.replaced_columns) {
        uint32_t ploidy = state.view->Ploidy(column, pos0);
        Add(out.counts, segment::Contribution(CodeOf(entries, column, ploidy), ploidy), -1);
      }
      for (size_t g = 0; g < out.groups.size(); ++g) out.groups[g].allele_number += state.group_baseline[g];
      for (const auto& entry : entries) {
        if (segment.replaced[entry.column]) continue;
        if (groups != nullptr && !state.column_groups[entry.column].empty()) {
          uint32_t ploidy = state.view->Ploidy(entry.column, pos0);
          for (int g : state.column_groups[entry.column]) {
            AlleleCounts& group = out.groups[g];
            if (entry.code == static_cast<uint8_t>(GenotypeCode::kMissing)) {
              group.allele_number -= ploidy;
              continue;
            }
            if (ploidy == 0) group.allele_number += 2;  // as the writer counts a call without ploidy
            segment::CallContribution call = segment::Contribution(entry.code, ploidy);
            group.allele_count += call.allele_count;
            group.het += call.het;
            group.hom_alt += call.hom_alt;
          }
        }
        if (carriers != nullptr && (entry.code == static_cast<uint8_t>(GenotypeCode::kHet) ||
                                    entry.code == static_cast<uint8_t>(GenotypeCode::kHomAlt))) {
          carriers->push_back({segment.sample_ids[entry.column], segment.pseudonyms[entry.column],
                               static_cast<GenotypeCode>(entry.code)});
        }
      }
    }
    if (carriers != nullptr) SortBySample(*carriers);
    return Status::Ok();
  }

  const VariantStore& store;
  std::string contig;
  std::string canonical;
  const SampleGroups* groups;
  std::vector<PerSegment> per_segment;
  std::vector<GenotypeEntry> entries;
};

VariantStore::~VariantStore() = default;

Result<std::unique_ptr<VariantStore>> VariantStore::Open(const StoreHandle& store) {
  // A compaction removes segments just after the catalog stops listing them: a reader that read
  // the catalog before that commit may then miss a directory or some of its files, and reads the
  // catalog again (a segment that is really damaged fails the same way each time).
  for (int attempt = 1;; ++attempt) {
    bool segment_unreadable = false;
    Result<std::unique_ptr<VariantStore>> result = OpenSnapshot(store, segment_unreadable);
    if (result.ok() || !segment_unreadable || attempt == 5) return result;
  }
}

Result<std::unique_ptr<VariantStore>> VariantStore::OpenSnapshot(const StoreHandle& store,
                                                                 bool& segment_unreadable) {
  std::unique_ptr<VariantStore> result(new VariantStore());
  result->dir_ = store.dir;
  Catalog& catalog = *store.catalog;
  // Segments and samples from the same committed state.
  ZENOME_ASSIGN_OR_RETURN(auto snapshot, catalog.BeginRead());
  ZENOME_ASSIGN_OR_RETURN(StoreContigs contigs, StoreContigs::Load(catalog));
  for (const auto& contig : contigs.contigs()) result->contig_order_.push_back(contig.name);

  ZENOME_ASSIGN_OR_RETURN(std::vector<SegmentRow> rows, ListSegments(catalog));
  std::unordered_map<int64_t, size_t> index_of;
  for (SegmentRow& row : rows) {
    Segment segment;
    std::string path = (std::filesystem::path(store.dir) / "segments" / row.directory).string();
    if (!std::filesystem::is_directory(path)) {
      segment_unreadable = true;
      return Status::Io(path + ": the segment directory is missing; run zenome db check");
    }
    // The catalog's checksum of manifest.json: a damaged manifest is an error, not other answers.
    Result<std::unique_ptr<SegmentReader>> reader = SegmentReader::Open(path, row.checksum);
    if (!reader.ok()) {
      segment_unreadable = true;  // perhaps being removed by a compaction that has committed
      return reader.status();
    }
    segment.reader = std::move(reader).value();
    size_t n = segment.reader->n_columns();
    if (static_cast<int64_t>(n) != row.n_samples) {
      return Status::Io(path + ": the manifest lists " + std::to_string(n) + " samples but the catalog " +
                        std::to_string(row.n_samples) + "; run zenome db check");
    }
    segment.sample_ids.assign(n, -1);
    segment.pseudonyms.resize(n);
    for (size_t c = 0; c < n; ++c) segment.pseudonyms[c] = segment.reader->manifest().samples[c].pseudonym;
    segment.replaced.assign(n, 0);
    segment.row = std::move(row);
    index_of[segment.row.segment_id] = result->segments_.size();
    result->segments_.push_back(std::move(segment));
  }
  ZENOME_ASSIGN_OR_RETURN(std::vector<SampleRow> samples, ListSamples(catalog));
  for (SampleRow& sample : samples) {
    auto it = index_of.find(sample.segment_id);
    if (it == index_of.end())
      return Status::Io(store.dir + ": sample row refers to a missing segment; run zenome db check");
    Segment& segment = result->segments_[it->second];
    if (sample.column < 0 || sample.column >= static_cast<int64_t>(segment.sample_ids.size())) {
      return Status::Io(store.dir + ": sample row refers to a missing column; run zenome db check");
    }
    segment.sample_ids[sample.column] = sample.sample_id;
    segment.pseudonyms[sample.column] = sample.pseudonym;
    if (sample.replaced()) {
      segment.replaced[sample.column] = 1;
    } else {
      result->samples_.push_back({sample.sample_id, std::move(sample.pseudonym)});
    }
  }
  for (auto& segment : result->segments_) {
    for (size_t c = 0; c < segment.sample_ids.size(); ++c) {
      // A column no row claims (cannot happen through ingest) is left out like a replaced one.
      if (segment.sample_ids[c] < 0) segment.replaced[c] = 1;
      if (segment.replaced[c]) segment.replaced_columns.push_back(static_cast<uint32_t>(c));
    }
  }
  return result;
}

Result<std::optional<std::string>> VariantStore::StoreContigName(std::string_view contig) const {
  std::string canonical = CanonicalContigName(contig);
  for (const auto& name : contig_order_) {
    if (CanonicalContigName(name) == canonical) return std::optional<std::string>(name);
  }
  return std::optional<std::string>();
}

std::vector<std::string> VariantStore::contigs() const {
  std::vector<std::string> out;
  for (const auto& name : contig_order_) {
    for (const auto& segment : segments_) {
      const SegmentContigView* view = segment.reader->contig(name);
      if (view != nullptr && view->n_sites() > 0) {
        out.push_back(name);
        break;
      }
    }
  }
  return out;
}

Status VariantStore::ScanContig(
    const std::string& contig, int64_t start0, int64_t end0, const SampleGroups* groups, bool with_carriers,
    const std::function<Status(const SiteSummary&, const std::vector<Carrier>&)>& visit) const {
  Query query(*this, contig, groups);
  std::vector<const SegmentContigView*> views = query.Views();
  SiteMerger merger(views, start0, end0);
  SiteSummary summary;
  summary.key.contig = contig;
  std::vector<Carrier> carriers;
  while (merger.Next()) {
    summary.key.pos0 = merger.pos0();
    summary.key.ref.assign(merger.ref());
    summary.key.alt.assign(merger.alt());
    ZENOME_RETURN_IF_ERROR(
        query.Summarize(merger.pos0(), merger.present(), summary, with_carriers ? &carriers : nullptr));
    ZENOME_RETURN_IF_ERROR(visit(summary, carriers));
  }
  return merger.status();
}

Status VariantStore::ForEachSiteInRegion(std::string_view contig, int64_t start0, int64_t end0,
                                         const SampleGroups* groups,
                                         const std::function<Status(const SiteSummary&)>& visit) const {
  if (start0 < 0 || end0 < start0) {
    return Status::Usage("region " + std::string(contig) + ":" + std::to_string(start0 + 1) + "-" +
                         std::to_string(end0) + " is empty or negative");
  }
  ZENOME_ASSIGN_OR_RETURN(auto name, StoreContigName(contig));
  if (!name) return Status::Ok();  // a contig the store has never seen holds no variants
  return ScanContig(*name, start0, end0, groups, false,
                    [&](const SiteSummary& site, const std::vector<Carrier>&) { return visit(site); });
}

Result<std::vector<SiteSummary>> VariantStore::Region(std::string_view contig, int64_t start0, int64_t end0,
                                                      const SampleGroups* groups) const {
  std::vector<SiteSummary> sites;
  // Room for every segment's sites in the range (an upper bound of the merged count): a large
  // region then fills one allocation instead of copying itself at each doubling.
  ZENOME_ASSIGN_OR_RETURN(auto name, StoreContigName(contig));
  if (name && 0 <= start0 && start0 <= end0) {
    size_t most = 0;
    for (const auto& segment : segments_) {
      const SegmentContigView* view = segment.reader->contig(*name);
      if (view == nullptr) continue;
      SiteBlockCache cache;
      ZENOME_ASSIGN_OR_RETURN(size_t first, view->LowerBound(start0, cache));
      ZENOME_ASSIGN_OR_RETURN(size_t last, view->LowerBound(end0, cache));
      most += last - first;
    }
    sites.reserve(most);
  }
  ZENOME_RETURN_IF_ERROR(ForEachSiteInRegion(contig, start0, end0, groups, [&](const SiteSummary& site) {
    sites.push_back(site);
    return Status::Ok();
  }));
  return sites;
}

Result<std::optional<SiteSummary>> VariantStore::Variant(const VariantKey& key,
                                                         const SampleGroups* groups) const {
  ZENOME_ASSIGN_OR_RETURN(auto name, StoreContigName(key.contig));
  if (!name) return std::optional<SiteSummary>();
  Query query(*this, *name, groups);
  std::vector<segment::SiteRecord> records(segments_.size());
  std::vector<const segment::SiteRecord*> present(segments_.size(), nullptr);
  bool found = false;
  SiteBlockCache cache;
  for (size_t k = 0; k < segments_.size(); ++k) {
    const SegmentContigView* view = query.per_segment[k].view;
    if (view == nullptr) continue;
    ZENOME_ASSIGN_OR_RETURN(auto site, view->Find(key.pos0, key.ref, key.alt, cache));
    if (!site) continue;
    records[k] = site->record;
    present[k] = &records[k];
    found = true;
  }
  if (!found) return std::optional<SiteSummary>();
  SiteSummary summary;
  summary.key = key;
  summary.key.contig = *name;
  ZENOME_RETURN_IF_ERROR(query.Summarize(static_cast<uint32_t>(key.pos0), present, summary, nullptr));
  return std::optional<SiteSummary>(std::move(summary));
}

Result<std::vector<Carrier>> VariantStore::Carriers(const VariantKey& key) const {
  std::vector<Carrier> carriers;
  ZENOME_ASSIGN_OR_RETURN(auto name, StoreContigName(key.contig));
  if (!name) return carriers;
  std::vector<GenotypeEntry> entries;
  for (const auto& segment : segments_) {
    const SegmentContigView* view = segment.reader->contig(*name);
    if (view == nullptr) continue;
    SiteBlockCache site_cache;
    ZENOME_ASSIGN_OR_RETURN(auto site, view->Find(key.pos0, key.ref, key.alt, site_cache));
    if (!site) continue;
    GenotypeBlockCache cache;
    entries.clear();
    ZENOME_RETURN_IF_ERROR(view->DecodeRow(site->record, cache, entries));
    for (const auto& entry : entries) {
      if (segment.replaced[entry.column]) continue;
      if (entry.code == static_cast<uint8_t>(GenotypeCode::kHet) ||
          entry.code == static_cast<uint8_t>(GenotypeCode::kHomAlt)) {
        carriers.push_back({segment.sample_ids[entry.column], segment.pseudonyms[entry.column],
                            static_cast<GenotypeCode>(entry.code)});
      }
    }
  }
  SortBySample(carriers);
  return carriers;
}

Status VariantStore::ForEachSiteWithCarriers(
    std::string_view contig, int64_t start0, int64_t end0,
    const std::function<Status(const SiteSummary&, const std::vector<Carrier>&)>& visit) const {
  ZENOME_ASSIGN_OR_RETURN(auto name, StoreContigName(contig));
  if (!name) return Status::Ok();
  return ScanContig(*name, start0, end0, nullptr, true, visit);
}

Status VariantStore::ForEachSite(const std::function<Status(const SiteSummary&)>& visit,
                                 const SampleGroups* groups) const {
  for (const auto& contig : contigs()) {
    ZENOME_RETURN_IF_ERROR(
        ScanContig(contig, 0, INT64_MAX, groups, false,
                   [&](const SiteSummary& site, const std::vector<Carrier>&) { return visit(site); }));
  }
  return Status::Ok();
}

Status VariantStore::ForEachGenotypes(const std::vector<int64_t>& sample_ids,
                                      const GenotypeVisitor& visit) const {
  // Where each chosen genome lives.
  std::unordered_map<int64_t, std::pair<size_t, uint32_t>> location;
  for (size_t k = 0; k < segments_.size(); ++k) {
    for (size_t c = 0; c < segments_[k].sample_ids.size(); ++c) {
      location[segments_[k].sample_ids[c]] = {k, static_cast<uint32_t>(c)};
    }
  }
  std::vector<std::pair<size_t, uint32_t>> chosen;
  std::vector<uint8_t> involved(segments_.size(), 0);
  for (int64_t id : sample_ids) {
    auto it = location.find(id);
    if (it == location.end()) return Status::NotFound("no stored genome has sample_id " + std::to_string(id));
    chosen.push_back(it->second);
    involved[it->second.first] = 1;
  }
  std::vector<GenotypeCode> codes(chosen.size());
  std::vector<uint8_t> ploidy(chosen.size());
  std::vector<GenotypeEntry> entries;
  VariantKey key;
  for (const auto& contig : contigs()) {
    std::string canonical = CanonicalContigName(contig);
    std::vector<const SegmentContigView*> views(segments_.size(), nullptr);
    for (size_t k = 0; k < segments_.size(); ++k) {
      if (involved[k]) views[k] = segments_[k].reader->contig(contig);
    }
    std::vector<GenotypeBlockCache> caches(segments_.size());
    std::vector<std::vector<GenotypeEntry>> rows(segments_.size());
    SiteMerger merger(views, 0, INT64_MAX);
    key.contig = contig;
    while (merger.Next()) {
      const auto& present = merger.present();
      for (size_t k = 0; k < segments_.size(); ++k) {
        rows[k].clear();
        if (present[k] != nullptr) {
          ZENOME_RETURN_IF_ERROR(views[k]->DecodeRow(*present[k], caches[k], rows[k]));
        }
      }
      bool any_carrier = false;
      for (size_t i = 0; i < chosen.size(); ++i) {
        auto [k, column] = chosen[i];
        uint32_t p = segments_[k].reader->Ploidy(views[k], canonical, column, merger.pos0());
        uint8_t code = CodeOf(rows[k], column, p);
        if (code != static_cast<uint8_t>(GenotypeCode::kMissing) && p == 0) p = 2;
        codes[i] = static_cast<GenotypeCode>(code);
        ploidy[i] = static_cast<uint8_t>(p);
        any_carrier = any_carrier || code == static_cast<uint8_t>(GenotypeCode::kHet) ||
                      code == static_cast<uint8_t>(GenotypeCode::kHomAlt);
      }
      if (!any_carrier) continue;
      key.pos0 = merger.pos0();
      key.ref.assign(merger.ref());
      key.alt.assign(merger.alt());
      ZENOME_RETURN_IF_ERROR(visit(key, codes, ploidy));
    }
    ZENOME_RETURN_IF_ERROR(merger.status());
  }
  return Status::Ok();
}

namespace {
bool IsBases(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    switch (c) {
      case 'A':
      case 'C':
      case 'G':
      case 'T':
      case 'N': break;
      default: return false;
    }
  }
  return true;
}
}  // namespace

Result<VariantKey> ParseVariantKey(const StoreHandle& store, std::string_view text) {
  auto usage = [&](const std::string& why) {
    return Status::Usage("variant '" + std::string(text) + "': " + why +
                         " (expected CHROM-POS-REF-ALT or CHROM:POS:REF:ALT, e.g. chr1-12345-A-G)");
  };
  std::string trimmed(text);
  while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
  size_t lead = 0;
  while (lead < trimmed.size() && std::isspace(static_cast<unsigned char>(trimmed[lead]))) ++lead;
  trimmed.erase(0, lead);
  char separator = trimmed.find(':') != std::string::npos ? ':' : '-';
  std::vector<std::string> parts;
  size_t end = trimmed.size();
  for (int i = 0; i < 3; ++i) {
    size_t at = trimmed.rfind(separator, end == 0 ? 0 : end - 1);
    if (at == std::string::npos || end == 0) return usage("needs four parts");
    parts.push_back(trimmed.substr(at + 1, end - at - 1));
    end = at;
  }
  std::string contig = trimmed.substr(0, end);
  std::string alt = parts[0], ref = parts[1], position = parts[2];
  if (contig.empty()) return usage("no contig");
  int64_t pos1 = 0;
  auto [ptr, ec] = std::from_chars(position.data(), position.data() + position.size(), pos1);
  if (ec != std::errc() || ptr != position.data() + position.size() || pos1 < 1) {
    return usage("position '" + position + "' is not a positive integer");
  }
  for (auto* allele : {&ref, &alt}) {
    *allele = AsciiUpper(*allele);
    if (!IsBases(*allele)) return usage("allele '" + *allele + "' is not made of A, C, G, T, N");
  }
  if (ref == alt) return usage("REF equals ALT");
  ZENOME_ASSIGN_OR_RETURN(StoreContigs contigs, StoreContigs::Load(*store.catalog));
  auto name = contigs.Name(contig);
  if (!name)
    return Status::NotFound("variant '" + std::string(text) + "': contig " + contig + " is not in the store");
  AlleleSet site;
  site.pos0 = pos1 - 1;
  site.ref = ref;
  site.alts = {alt};
  if (!store.reference_fasta.empty()) {
    ZENOME_ASSIGN_OR_RETURN(auto genome, ReferenceGenome::Open(store.reference_fasta));
    ZENOME_ASSIGN_OR_RETURN(auto reader, ReferenceReader::Open(genome));
    ZENOME_ASSIGN_OR_RETURN(std::string expected,
                            reader->Fetch(*name, site.pos0, site.pos0 + static_cast<int64_t>(ref.size())));
    bool matches = expected.size() == ref.size();
    for (size_t i = 0; matches && i < ref.size(); ++i)
      matches = expected[i] == ref[i] || expected[i] == 'N' || ref[i] == 'N';
    if (!matches) {
      return Status::BadInput("variant '" + std::string(text) + "': REF " + ref +
                              " does not match the reference (" + expected + ") at " + *name + ":" +
                              std::to_string(pos1));
    }
    ZENOME_ASSIGN_OR_RETURN(bool changed, NormaliseAlleles(site, *name, *reader));
    (void)changed;
  } else {
    TrimAlleles(site);
  }
  return VariantKey{*name, site.pos0, site.ref, site.alts[0]};
}

}  // namespace zenome
