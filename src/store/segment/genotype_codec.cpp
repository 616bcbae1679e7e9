#include "store/segment/genotype_codec.h"

#include <cstring>

namespace zenome {

void AppendVarint(uint64_t value, std::string& out) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

bool ReadVarint(const uint8_t* data, size_t size, size_t* at, uint64_t* value) {
  uint64_t result = 0;
  int shift = 0;
  while (*at < size && shift < 64) {
    uint8_t byte = data[(*at)++];
    result |= static_cast<uint64_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return true;
    }
    shift += 7;
  }
  return false;
}

namespace {
size_t VarintSize(uint64_t value) {
  size_t bytes = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++bytes;
  }
  return bytes;
}
}  // namespace

void EncodeGenotypeRow(const uint8_t* codes, size_t n_columns, std::string& out) {
  // One pass to size the sparse form; dense is ceil(n/4) bytes.
  size_t dense_bytes = (n_columns + 3) / 4;
  size_t sparse_bytes = 0;
  size_t non_ref = 0;
  int64_t previous = -1;
  for (size_t c = 0; c < n_columns; ++c) {
    if (codes[c] == 0) continue;
    ++non_ref;
    sparse_bytes += VarintSize((static_cast<uint64_t>(static_cast<int64_t>(c) - previous - 1) << 2) | 3);
    previous = static_cast<int64_t>(c);
    if (sparse_bytes > dense_bytes) break;  // dense wins; no need to finish counting
  }
  if (non_ref == 0) {
    out.push_back(static_cast<char>(kRowAllHomRef));
    return;
  }
  if (sparse_bytes + VarintSize(non_ref) < dense_bytes) {
    out.push_back(static_cast<char>(kRowSparse));
    AppendVarint(non_ref, out);
    previous = -1;
    for (size_t c = 0; c < n_columns; ++c) {
      if (codes[c] == 0) continue;
      AppendVarint((static_cast<uint64_t>(static_cast<int64_t>(c) - previous - 1) << 2) | (codes[c] & 3),
                   out);
      previous = static_cast<int64_t>(c);
    }
    return;
  }
  out.push_back(static_cast<char>(kRowDense));
  size_t start = out.size();
  out.resize(start + dense_bytes, '\0');
  auto* packed = reinterpret_cast<uint8_t*>(out.data() + start);
  for (size_t c = 0; c < n_columns; ++c)
    packed[c >> 2] |= static_cast<uint8_t>((codes[c] & 3) << ((c & 3) * 2));
}

void EncodeGenotypeRowFromEntries(const std::vector<GenotypeEntry>& entries, size_t n_columns,
                                  std::string& out) {
  if (entries.empty()) {
    out.push_back(static_cast<char>(kRowAllHomRef));
    return;
  }
  size_t dense_bytes = (n_columns + 3) / 4;
  size_t sparse_bytes = VarintSize(entries.size());
  int64_t previous = -1;
  for (const auto& entry : entries) {
    sparse_bytes += VarintSize((static_cast<uint64_t>(entry.column - previous - 1) << 2) | 3);
    previous = entry.column;
    if (sparse_bytes >= dense_bytes) break;
  }
  if (sparse_bytes < dense_bytes) {
    out.push_back(static_cast<char>(kRowSparse));
    AppendVarint(entries.size(), out);
    previous = -1;
    for (const auto& entry : entries) {
      AppendVarint((static_cast<uint64_t>(entry.column - previous - 1) << 2) | (entry.code & 3), out);
      previous = entry.column;
    }
    return;
  }
  out.push_back(static_cast<char>(kRowDense));
  size_t start = out.size();
  out.resize(start + dense_bytes, '\0');
  auto* packed = reinterpret_cast<uint8_t*>(out.data() + start);
  for (const auto& entry : entries) {
    packed[entry.column >> 2] |= static_cast<uint8_t>((entry.code & 3) << ((entry.column & 3) * 2));
  }
}

Result<size_t> DecodeGenotypeRow(const uint8_t* data, size_t size, size_t n_columns,
                                 std::vector<GenotypeEntry>& entries) {
  if (size == 0) return Status::BadInput("genotype row: no data");
  switch (data[0]) {
    case kRowAllHomRef: return size_t{1};
    case kRowDense: {
      size_t dense_bytes = (n_columns + 3) / 4;
      if (1 + dense_bytes > size) return Status::BadInput("genotype row: dense row truncated");
      const uint8_t* packed = data + 1;
      for (size_t byte = 0; byte < dense_bytes; ++byte) {
        uint8_t value = packed[byte];
        if (value == 0) continue;
        for (size_t k = 0; k < 4; ++k) {
          uint8_t code = (value >> (k * 2)) & 3;
          size_t column = byte * 4 + k;
          if (code != 0 && column < n_columns) entries.push_back({static_cast<uint32_t>(column), code});
        }
      }
      return 1 + dense_bytes;
    }
    case kRowSparse: {
      size_t at = 1;
      uint64_t count = 0;
      if (!ReadVarint(data, size, &at, &count) || count > n_columns) {
        return Status::BadInput("genotype row: bad sparse count");
      }
      int64_t previous = -1;
      for (uint64_t i = 0; i < count; ++i) {
        uint64_t value = 0;
        if (!ReadVarint(data, size, &at, &value))
          return Status::BadInput("genotype row: sparse row truncated");
        int64_t column = previous + 1 + static_cast<int64_t>(value >> 2);
        uint8_t code = value & 3;
        if (column >= static_cast<int64_t>(n_columns) || code == 0) {
          return Status::BadInput("genotype row: sparse entry out of range");
        }
        entries.push_back({static_cast<uint32_t>(column), code});
        previous = column;
      }
      return at;
    }
    default: return Status::BadInput("genotype row: unknown row type " + std::to_string(data[0]));
  }
}

}  // namespace zenome
