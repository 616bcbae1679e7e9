#include "store/ingest/merge.h"

#include <algorithm>
#include <cstring>
#include <memory>
#include <queue>

#include "store/ingest/runs.h"
#include "store/segment/genotype_codec.h"
#include "store/segment/row_composer.h"
#include "store/segment/writer.h"

namespace zenome {

namespace {

using segment::kContigEnd;
using segment::PloidyInterval;

struct Stream {
  std::unique_ptr<RunReader> reader;
  size_t file = 0;
};

struct StreamLater {
  const std::vector<Stream>* streams;
  bool operator()(size_t a, size_t b) const {
    const RunReader& x = *(*streams)[a].reader;
    const RunReader& y = *(*streams)[b].reader;
    if (x.pos0() != y.pos0()) return x.pos0() > y.pos0();
    int ref = x.ref().compare(y.ref());
    if (ref != 0) return ref > 0;
    int alt = x.alt().compare(y.alt());
    if (alt != 0) return alt > 0;
    return a > b;
  }
};

// Runs of calls of one ploidy stretched over the gaps between them: the first from the contig
// start, the last to its end. A gap between runs of different ploidy goes to the earlier run, except
// on chrX/chrY (`haploid_takes_gaps`), where it goes to the haploid one: the pseudo-autosomal
// regions are small, so a position between a male's last diploid and first haploid call is far more
// likely outside them.
std::vector<PloidyInterval> ExtendRuns(const std::vector<PloidyInterval>& runs, bool haploid_takes_gaps) {
  std::vector<PloidyInterval> out = runs;
  for (size_t i = 0; i < out.size(); ++i) {
    if (i == 0) out[i].start = 0;
    if (i + 1 == out.size()) {
      out[i].end = kContigEnd;
      continue;
    }
    bool next_takes_gap = haploid_takes_gaps && runs[i].ploidy != 1 && runs[i + 1].ploidy == 1;
    uint32_t boundary = next_takes_gap ? runs[i].end : runs[i + 1].start;
    out[i].end = boundary;
    out[i + 1].start = boundary;
  }
  return out;
}

// chrX/chrY in haploid-X (male) samples: the pseudo-autosomal boundaries are where any of them
// switches between diploid and haploid calls, so their runs are pooled; a male without a call near
// a boundary gets it right from the others. Empty when the runs interleave (no clean boundary).
std::vector<PloidyInterval> PooledRuns(const ContigMergeInput& input) {
  std::vector<PloidyInterval> all;
  for (const auto& file : input.files) {
    if (file.run == nullptr) continue;
    for (size_t s = 0; s < file.runs->samples.size(); ++s) {
      const IngestSample& sample = file.runs->samples[s];
      if (sample.coverage != segment::Coverage::kAssumed || !sample.haploid_x) continue;
      all.insert(all.end(), file.run->intervals[s].begin(), file.run->intervals[s].end());
    }
  }
  std::sort(all.begin(), all.end(),
            [](const PloidyInterval& a, const PloidyInterval& b) { return a.start < b.start; });
  std::vector<PloidyInterval> pooled;
  for (const auto& run : all) {
    if (!pooled.empty() && pooled.back().ploidy == run.ploidy) {
      pooled.back().end = std::max(pooled.back().end, run.end);
    } else if (pooled.empty() || run.start >= pooled.back().end) {
      pooled.push_back(run);
    } else {
      return {};
    }
  }
  return pooled;
}

}  // namespace

Result<uint64_t> MergeContigRuns(const ContigMergeInput& input) {
  const size_t n = input.n_columns;
  // Each column's callable intervals: its own (gVCF), its runs of calls stretched (plain VCF; on
  // chrX/chrY pooled over the haploid-X samples), or the contig's default for its kind of sample.
  bool sex_contig = input.canonical == "X" || input.canonical == "Y";
  std::vector<PloidyInterval> pooled;
  if (sex_contig) pooled = ExtendRuns(PooledRuns(input), true);
  std::vector<std::vector<PloidyInterval>> intervals(n);
  for (const auto& file : input.files) {
    for (size_t s = 0; s < file.runs->samples.size(); ++s) {
      size_t column = file.column_offset + s;
      const IngestSample& sample = file.runs->samples[s];
      const std::vector<PloidyInterval>* own =
          file.run != nullptr && !file.run->intervals[s].empty() ? &file.run->intervals[s] : nullptr;
      if (sample.coverage == segment::Coverage::kGvcf) {
        if (own != nullptr) intervals[column] = *own;
        continue;
      }
      if (sex_contig && sample.haploid_x && !pooled.empty()) {
        intervals[column] = pooled;
      } else if (own != nullptr) {
        intervals[column] = ExtendRuns(*own, sex_contig);
      } else {
        uint32_t ploidy = segment::DefaultPloidy(input.canonical, sample.coverage, sample.haploid_x);
        if (ploidy > 0) intervals[column].push_back({0, kContigEnd, ploidy});
      }
    }
  }
  RowComposer composer(intervals);
  ZENOME_ASSIGN_OR_RETURN(auto writer, SegmentContigWriter::Create(input.segment_dir, input.stem, n));

  std::vector<Stream> streams;
  for (size_t f = 0; f < input.files.size(); ++f) {
    const auto& file = input.files[f];
    if (file.run == nullptr || file.run->length == 0) continue;
    Stream stream;
    stream.reader =
        std::make_unique<RunReader>(file.fd, file.runs->run_path, file.run->offset, file.run->length,
                                    input.files.size() > 256 ? 16 * 1024 : 256 * 1024);
    stream.file = f;
    streams.push_back(std::move(stream));
  }
  std::priority_queue<size_t, std::vector<size_t>, StreamLater> heap(StreamLater{&streams});
  for (size_t i = 0; i < streams.size(); ++i) {
    ZENOME_ASSIGN_OR_RETURN(bool got, streams[i].reader->Next());
    if (got) heap.push(i);
  }

  std::vector<size_t> at_key;
  std::vector<GenotypeEntry> file_entries;
  std::vector<GenotypeEntry> entries;
  std::string row;
  std::string key_ref, key_alt;
  while (!heap.empty()) {
    size_t first = heap.top();
    heap.pop();
    at_key.assign(1, first);
    const RunReader& head = *streams[first].reader;
    uint32_t pos0 = head.pos0();
    key_ref.assign(head.ref());
    key_alt.assign(head.alt());
    while (!heap.empty()) {
      const RunReader& other = *streams[heap.top()].reader;
      if (other.pos0() != pos0 || other.ref() != key_ref || other.alt() != key_alt) break;
      at_key.push_back(heap.top());
      heap.pop();
    }
    std::sort(at_key.begin(), at_key.end());  // file order = column order

    entries.clear();
    for (size_t index : at_key) {
      const Stream& stream = streams[index];
      const ContigMergeFile& file = input.files[stream.file];
      file_entries.clear();
      std::string_view data = stream.reader->row();
      Result<size_t> used = DecodeGenotypeRow(reinterpret_cast<const uint8_t*>(data.data()), data.size(),
                                              file.runs->samples.size(), file_entries);
      if (!used.ok()) return Status::Internal(file.runs->run_path + ": " + used.status().message());
      for (const auto& entry : file_entries)
        entries.push_back({file.column_offset + entry.column, entry.code});
    }

    SiteCounts counts;
    composer.Compose(pos0, entries, counts, row);
    ZENOME_RETURN_IF_ERROR(writer->Add(pos0, key_ref, key_alt, counts, row));

    for (size_t index : at_key) {
      ZENOME_ASSIGN_OR_RETURN(bool got, streams[index].reader->Next());
      if (got) heap.push(index);
    }
  }
  ZENOME_RETURN_IF_ERROR(writer->Finish(intervals, composer.breakpoints()));
  return writer->n_sites();
}

}  // namespace zenome
