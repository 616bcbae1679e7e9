#pragma once
// One variant's genotypes across a segment's columns ("a row"), packed as plink2 does: dense 2-bit
// codes, or a sparse list of the columns that are not hom-ref, whichever is smaller.
//
//   tag 0: every column hom-ref (nothing follows)
//   tag 1: dense, ceil(n/4) bytes; column c's code in bits 2*(c%4) of byte c/4
//   tag 2: sparse, varint k, then k varints (gap << 2 | code), gap = column - previous column - 1
//          (the previous column starts at -1), columns increasing

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace zenome {

enum class GenotypeCode : uint8_t { kHomRef = 0, kHet = 1, kHomAlt = 2, kMissing = 3 };

inline constexpr uint8_t kRowAllHomRef = 0;
inline constexpr uint8_t kRowDense = 1;
inline constexpr uint8_t kRowSparse = 2;

void AppendVarint(uint64_t value, std::string& out);
// Reads a varint at data[*at], advancing *at; false when it runs past `size`.
bool ReadVarint(const uint8_t* data, size_t size, size_t* at, uint64_t* value);

// Appends the row for `codes` (one byte per column, values 0..3) in its smaller form.
void EncodeGenotypeRow(const uint8_t* codes, size_t n_columns, std::string& out);

// A row decoded to its non-hom-ref columns.
struct GenotypeEntry {
  uint32_t column;
  uint8_t code;  // GenotypeCode 1..3
};

// Appends the row whose non-hom-ref columns are `entries` (sorted by column, distinct); every
// other column is hom-ref.
void EncodeGenotypeRowFromEntries(const std::vector<GenotypeEntry>& entries, size_t n_columns,
                                  std::string& out);

// Decodes the row at data[0..size) for `n_columns` columns. Appends the non-hom-ref entries in
// column order to `entries` and returns the bytes the row took. BadInput when it is malformed.
Result<size_t> DecodeGenotypeRow(const uint8_t* data, size_t size, size_t n_columns,
                                 std::vector<GenotypeEntry>& entries);

}  // namespace zenome
