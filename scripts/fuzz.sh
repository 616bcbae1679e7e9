#!/usr/bin/env bash
# Runs the libFuzzer targets of tests/fuzz (README.md there):
#   scripts/fuzz.sh NAME SECONDS   one target (tests/fuzz/NAME_fuzz.cpp) for SECONDS
#   scripts/fuzz.sh all SECONDS    every target, one after the other, SECONDS each
#   scripts/fuzz.sh list           the target names
# Builds the sanitizer configuration (clang, ASan + UBSan + libFuzzer coverage) in build-asan
# first if needed. Each run starts from a scratch copy of tests/fuzz/corpus/NAME (the repository
# is never modified) and fails on any crash, sanitizer report, leak, timeout or out-of-memory;
# the input that did it is kept in build-asan/fuzz-crashes/NAME/ and its path printed.
# Environment: ZENOME_ASAN_BUILD_DIR (default build-asan), ZENOME_FUZZ_ARGS (extra libFuzzer
# flags, e.g. "-jobs=2" or "-dict=FILE").
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
  echo "usage: scripts/fuzz.sh NAME|all SECONDS   (scripts/fuzz.sh list: the names)" >&2
  exit 2
}

all_targets=()
for source in tests/fuzz/*_fuzz.cpp; do
  name=$(basename "$source" _fuzz.cpp)
  all_targets+=("$name")
done

[ $# -ge 1 ] || usage
if [ "$1" = "list" ]; then
  printf '%s\n' "${all_targets[@]}"
  exit 0
fi
[ $# -eq 2 ] || usage
[[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -gt 0 ] || usage
seconds=$2
if [ "$1" = "all" ]; then
  targets=("${all_targets[@]}")
else
  [ -f "tests/fuzz/$1_fuzz.cpp" ] || { echo "fuzz.sh: no target '$1' (scripts/fuzz.sh list)" >&2; exit 2; }
  targets=("$1")
fi

build=${ZENOME_ASAN_BUILD_DIR:-build-asan}
jobs=$(nproc 2>/dev/null || echo 2)
if [ ! -f "$build/CMakeCache.txt" ] || ! grep -q '^ZENOME_FUZZ:BOOL=ON' "$build/CMakeCache.txt"; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DZENOME_BUILD_BENCH=OFF -DZENOME_FUZZ=ON >/dev/null
fi
cmake --build "$build" -j"$jobs" --target "${targets[@]/%/_fuzz}"

# Scratch space on tmpfs when there is one: the store targets commit SQLite transactions, and
# fsync on a disk would dominate every run.
scratch_base=${TMPDIR:-/tmp}
if [ -d /dev/shm ] && [ -w /dev/shm ]; then scratch_base=/dev/shm; fi
scratch=$(mktemp -d "$scratch_base/zenome-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# Sanitizer reports end the run; leaks count (the targets free what they allocate per input).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

failed=()
for name in "${targets[@]}"; do
  crashes=$build/fuzz-crashes/$name
  mkdir -p "$crashes" "$scratch/$name/corpus" "$scratch/$name/tmp"
  if [ -d "tests/fuzz/corpus/$name" ]; then cp -R "tests/fuzz/corpus/$name/." "$scratch/$name/corpus/"; fi
  before=$(ls "$crashes" | wc -l)
  log=$scratch/$name/log
  start=$(date +%s)
  # shellcheck disable=SC2086 # ZENOME_FUZZ_ARGS is a list of flags
  if TMPDIR=$scratch/$name/tmp "$build/fuzz/${name}_fuzz" -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$(realpath "$crashes")/" \
    ${ZENOME_FUZZ_ARGS:-} "$scratch/$name/corpus" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "fuzz.sh: $name ok: ${runs:-?} inputs in $(($(date +%s) - start)) s, ${cov:-cov: ?}," \
      "corpus $(ls "$scratch/$name/corpus" | wc -l) files"
  else
    failed+=("$name")
    echo "fuzz.sh: $name FAILED after $(($(date +%s) - start)) s:"
    # The report, without libFuzzer's own frames and progress lines.
    awk '/==[0-9]+==ERROR|ERROR: libFuzzer|fuzz invariant broken|runtime error:|terminate called|^SUMMARY/ {on = 1}
         on && !/ in fuzzer::| in __libc_| in _start | in main | in __sanitizer_print_stack_trace|libc\.so|^#[0-9]+\t|^INFO: |^ *NEW_FUNC|^NOTE: |^ *Combine libFuzzer|^MS: |^Base64: |^$/' \
      "$log" | head -40 | sed 's/^/  /'
    if [ "$(ls "$crashes" | wc -l)" -gt "$before" ]; then
      for input in $(ls -t "$crashes" | head -n $(($(ls "$crashes" | wc -l) - before))); do
        echo "fuzz.sh: crashing input: $crashes/$input"
      done
      echo "fuzz.sh: reproduce with: $build/fuzz/${name}_fuzz INPUT"
    fi
  fi
  rm -rf "${scratch:?}/$name"
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: failed: ${failed[*]}" >&2
  exit 1
fi
