#pragma once
// Read side of the variant store: a snapshot of the committed segments, taken when opened. Many
// readers, no lock; a VariantStore is immutable and its methods may run on several threads.
//
// Frequencies sum each segment's pre-computed counts (never decompressing genotypes); a segment
// that lacks a variant contributes AC 0 and AN = the ploidy of its samples callable there. Genomes
// replaced by a later ingest (samples.replaced_by) are left out: segments holding them have their
// counts corrected from the replaced columns' genotypes. Per-group counts (population, sex,
// diagnosis) come from the genotype rows.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/catalog/segment_rows.h"
#include "store/catalog/store_dir.h"
#include "store/catalog/store_types.h"
#include "store/segment/genotype_codec.h"

namespace zenome {

class SegmentReader;

struct StoredSample {
  int64_t sample_id;
  std::string pseudonym;
};

struct SiteSummary {
  VariantKey key;
  AlleleCounts counts;
  std::vector<AlleleCounts> groups;  // index = SampleGroups::names; empty without groups
};

// A genome carrying the ALT: het or hom-alt (hemizygous = kHomAlt).
struct Carrier {
  int64_t sample_id;
  std::string pseudonym;
  GenotypeCode genotype;
};

class VariantStore {
 public:
  static Result<std::unique_ptr<VariantStore>> Open(const StoreHandle& store);
  ~VariantStore();
  VariantStore(const VariantStore&) = delete;
  VariantStore& operator=(const VariantStore&) = delete;

  // Current (not replaced) genomes, by sample_id.
  const std::vector<StoredSample>& samples() const { return samples_; }

  // Sites overlapping [start0, end0) (0-based half-open) in position order; groups may be null.
  Result<std::vector<SiteSummary>> Region(std::string_view contig, int64_t start0, int64_t end0,
                                          const SampleGroups* groups) const;
  // The same sites one at a time, nothing accumulated (a server streams them out).
  Status ForEachSiteInRegion(std::string_view contig, int64_t start0, int64_t end0,
                             const SampleGroups* groups,
                             const std::function<Status(const SiteSummary&)>& visit) const;
  Result<std::optional<SiteSummary>> Variant(const VariantKey& key, const SampleGroups* groups) const;
  // Carriers in sample_id order (here and below).
  Result<std::vector<Carrier>> Carriers(const VariantKey& key) const;
  // Every site of [start0, end0) with its carriers (gene burden); position order.
  Status ForEachSiteWithCarriers(
      std::string_view contig, int64_t start0, int64_t end0,
      const std::function<Status(const SiteSummary&, const std::vector<Carrier>&)>& visit) const;
  // Every site of the store in contig then position order.
  Status ForEachSite(const std::function<Status(const SiteSummary&)>& visit,
                     const SampleGroups* groups) const;
  // Contigs holding sites, in reference order.
  std::vector<std::string> contigs() const;

  // Genotypes of the chosen genomes at every site where one of them is het or hom-alt, in contig
  // then position order: codes[i] and ploidy[i] (0 where not callable) for sample_ids[i].
  using GenotypeVisitor = std::function<Status(const VariantKey&, const std::vector<GenotypeCode>& codes,
                                               const std::vector<uint8_t>& ploidy)>;
  Status ForEachGenotypes(const std::vector<int64_t>& sample_ids, const GenotypeVisitor& visit) const;

  // The snapshot's segments, for stats and checks.
  struct Segment {
    SegmentRow row;  // the catalog's row
    std::unique_ptr<SegmentReader> reader;
    std::vector<int64_t> sample_ids;  // per column; -1 when no catalog row claims the column
    std::vector<std::string> pseudonyms;
    std::vector<uint8_t> replaced;  // per column
    std::vector<uint32_t> replaced_columns;
  };
  const std::vector<Segment>& segments() const { return segments_; }
  const std::string& dir() const { return dir_; }

 private:
  VariantStore() = default;
  static Result<std::unique_ptr<VariantStore>> OpenSnapshot(const StoreHandle& store,
                                                            bool& segment_unreadable);
  struct Query;
  Result<std::optional<std::string>> StoreContigName(std::string_view contig) const;
  Status ScanContig(
      const std::string& contig, int64_t start0, int64_t end0, const SampleGroups* groups, bool with_carriers,
      const std::function<Status(const SiteSummary&, const std::vector<Carrier>&)>& visit) const;

  std::string dir_;
  std::vector<Segment> segments_;
  std::vector<StoredSample> samples_;
  std::vector<std::string> contig_order_;  // the store's contigs, reference order
};

// Parses "chr1-12345-A-G" / "1:12345:A:G" (1-based position), unifies the contig name with the
// store's, and normalises (trim; left-align with the store's reference when one is recorded).
Result<VariantKey> ParseVariantKey(const StoreHandle& store, std::string_view text);

}  // namespace zenome
