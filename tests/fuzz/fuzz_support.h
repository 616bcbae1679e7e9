#pragma once
// Shared by the fuzz targets: a scratch directory per process, quiet diagnostics, and a way to
// report a broken invariant as a crash (so libFuzzer saves the input).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/diagnostics.h"
#include "core/status.h"

namespace zenome::fuzz {

// A directory of this process's own under $TMPDIR (default /tmp), created on first use and
// removed at exit. A crashed run leaves it behind; scripts/fuzz.sh points TMPDIR at its scratch
// directory, which it removes.
const std::string& TempDir();

// Writes `bytes` to TempDir()/name, replacing it; returns the path.
std::string WriteFile(std::string_view name, std::string_view bytes);
inline std::string WriteFile(std::string_view name, const uint8_t* data, size_t size) {
  return WriteFile(name, std::string_view(reinterpret_cast<const char*>(data), size));
}
std::string ReadFile(const std::string& path);

// Copies tests/data/<relative> into TempDir() (so indexes built next to it never land in the
// source tree); returns the copy's path.
std::string CopyTestData(std::string_view relative);

// A small indexed reference in TempDir() (contigs chr1, chr2, chrM: repeats and homopolymers so
// indels have room to slide), written on first use; the seed corpora's records lie on it. Returns
// the FASTA's path.
const std::string& SmallReference();

// FNV-1a of the input: targets derive their options from it, so one input always takes the same
// path.
inline uint32_t InputHash(const uint8_t* data, size_t size) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size; ++i) h = (h ^ data[i]) * 16777619u;
  return h;
}

// Fails unless the VCF/BCF that `tool` wrote at `path` opens and reads back with exactly `expected`
// records.
void CheckOutputReadsBack(const std::string& path, int64_t expected, std::string_view tool);

// Diagnostics that count but print nothing.
Diagnostics QuietDiagnostics();

// Turns off htslib's messages on stderr (they would drown libFuzzer's output).
void SilenceHtslib();

// A parser accepted input and then broke one of its own promises: print and abort, so libFuzzer
// keeps the input as a crash.
[[noreturn]] void Fail(const std::string& message);

// Internal errors are bugs whatever the input ("an invariant did not hold", status.h).
inline void FailOnInternal(const Status& status) {
  if (status.code() == ErrorCode::kInternal) Fail("internal error: " + status.message());
}

}  // namespace zenome::fuzz
