#include "store/catalog/segment_rows.h"

namespace zenome {

Result<std::vector<SegmentRow>> ListSegments(Catalog& catalog) {
  ZENOME_ASSIGN_OR_RETURN(Statement rows, catalog.Prepare("SELECT segment_id, directory, created, coverage, "
                                                          "n_samples, n_variants, checksum "
                                                          "FROM segments ORDER BY segment_id"));
  std::vector<SegmentRow> segments;
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    segments.push_back({rows.ColumnInt(0), rows.ColumnText(1), rows.ColumnText(2), rows.ColumnText(3),
                        rows.ColumnInt(4), rows.ColumnInt(5), rows.ColumnText(6)});
  }
  return segments;
}

Result<std::vector<SampleRow>> ListSamples(Catalog& catalog) {
  ZENOME_ASSIGN_OR_RETURN(Statement rows, catalog.Prepare("SELECT sample_id, pseudonym, segment_id, "
                                                          "column_index, replaced_by "
                                                          "FROM samples ORDER BY sample_id"));
  std::vector<SampleRow> samples;
  for (;;) {
    ZENOME_ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    SampleRow sample{rows.ColumnInt(0), rows.ColumnText(1), rows.ColumnInt(2), rows.ColumnInt(3),
                     std::nullopt};
    if (!rows.ColumnIsNull(4)) sample.replaced_by = rows.ColumnInt(4);
    samples.push_back(std::move(sample));
  }
  return samples;
}

}  // namespace zenome
