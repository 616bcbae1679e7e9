#pragma once
// Record-level normalisation, as `bcftools norm -f REF [-m-]`: REF checked against the reference,
// multi-allelic records optionally split into biallelic ones with INFO/FORMAT values kept
// consistent (Number=A/R/G fields subset per allele, GT recoded), indels left-aligned and trimmed,
// and output re-sorted within a window because left-alignment can move a record before its
// predecessors.

#include <memory>
#include <queue>
#include <vector>

#include "core/status.h"

typedef struct bcf_hdr_t bcf_hdr_t;  // NOLINT(modernize-use-using)
typedef struct bcf1_t bcf1_t;        // NOLINT(modernize-use-using)

namespace zenome {

class Diagnostics;
class ReferenceReader;

struct BcfRecordDeleter {
  void operator()(bcf1_t* record) const;
};
using BcfRecordPtr = std::unique_ptr<bcf1_t, BcfRecordDeleter>;
BcfRecordPtr NewBcfRecord();

struct BcfHeaderDeleter {
  void operator()(bcf_hdr_t* header) const;
};
using BcfHeaderPtr = std::unique_ptr<bcf_hdr_t, BcfHeaderDeleter>;

// What to do when REF disagrees with the reference (bcftools norm -c).
enum class RefCheck {
  kError,    // e: stop with an error naming the record
  kWarn,     // w: warn, pass the record through unnormalised
  kExclude,  // x: warn, drop the record
  kSet,      // s: warn, replace REF with the reference bases
};

struct RecordNormalizerOptions {
  bool split_multiallelic = false;  // -m-
  RefCheck ref_check = RefCheck::kError;
  // After a split, genotype alleles that belong to the other ALTs become '.' instead of 0 (REF).
  bool other_alleles_missing = false;
};

class RecordNormalizer {
 public:
  // `reference` may be null: then nothing is left-aligned and REF is not checked (trim only).
  RecordNormalizer(bcf_hdr_t* header, ReferenceReader* reference, RecordNormalizerOptions options,
                   Diagnostics* diagnostics);

  // Normalises `record` (read with `header`) and appends the resulting record(s) to `out`.
  // `where` locates the record for messages. Fails only for RefCheck::kError mismatches and
  // unreadable reference.
  Status Normalize(const bcf1_t* record, const InputLocation& where, std::vector<BcfRecordPtr>& out);

  int64_t split_records() const { return split_records_; }
  int64_t realigned_records() const { return realigned_records_; }

 private:
  Status SplitInto(const bcf1_t* record, std::vector<BcfRecordPtr>& out);
  Result<bool> Realign(bcf1_t* record);

  bcf_hdr_t* header_;
  ReferenceReader* reference_;
  RecordNormalizerOptions options_;
  Diagnostics* diagnostics_;
  int64_t split_records_ = 0;
  int64_t realigned_records_ = 0;
};

// Holds records back until no later input can sort before them (same contig, at least `window`
// bases behind the newest input), then releases them in position order.
class SortWindow {
 public:
  explicit SortWindow(int64_t window) : window_(window) {}
  ~SortWindow();
  SortWindow(const SortWindow&) = delete;
  SortWindow& operator=(const SortWindow&) = delete;
  // Adds a record; appends to `ready` every record that can no longer be overtaken.
  void Push(BcfRecordPtr record, std::vector<BcfRecordPtr>& ready);
  // Releases everything held (end of input).
  void Flush(std::vector<BcfRecordPtr>& ready);

 private:
  struct Entry {
    int64_t pos;
    int64_t sequence;
    bcf1_t* record;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      return a.pos != b.pos ? a.pos > b.pos : a.sequence > b.sequence;
    }
  };
  int64_t window_;
  int current_contig_ = -1;
  int64_t newest_pos_ = 0;  // largest position pushed on this contig
  int64_t sequence_ = 0;
  std::priority_queue<Entry, std::vector<Entry>, Later> held_;
};

}  // namespace zenome
