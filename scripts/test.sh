#!/usr/bin/env bash
# Second README command: installs what is missing, builds and runs the whole test suite. Exit
# status 0 only when every phase passes. Phases, in order (ZENOME_TEST_PHASES, comma-separated;
# default all three, e.g. ZENOME_TEST_PHASES=main for a quick run):
#   main  g++ build in build/, formatting check, unit + end-to-end tests (ctest)
#   asan  clang build with AddressSanitizer + UBSan (and libFuzzer coverage) in build-asan/, and
#         its whole ctest: unit tests, and the CLI, end-to-end and crash tests run the sanitized
#         zenome binary; every fuzz seed is replayed once
#   fuzz  every fuzz target (tests/fuzz) for ZENOME_FUZZ_SECONDS (default 20) on its seed corpus
#
# Time per phase, measured with .ci/run on a clean clone on the development machine (2 cores, no
# ccache, Debian packages already installed), 2026-12-08 at 2f6501d: main build 501 s (benchmarks
# included), format check 2 s, ctest 131 s; asan build 563 s, ctest 372 s (the exhaustive fault
# tests at every 5th case; 618 s at every case); fuzz 275 s (13 targets x 20 s plus start-up).
# Total 1,846 s (31 minutes); CI's limit is 45 minutes. CI took 5,074 s on the 2026-12-07 tree, 2.5x
# the local time then; that tree had a quadratic haplotype bug (since fixed), and CI's machine may
# also be slower: keep a margin.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh

phases=${ZENOME_TEST_PHASES:-main,asan,fuzz}
for phase in ${phases//,/ }; do
  case $phase in
    main | asan | fuzz) ;;
    *) echo "test.sh: unknown phase '$phase' in ZENOME_TEST_PHASES (main, asan, fuzz)" >&2; exit 2 ;;
  esac
done
has_phase() { [[ ",$phases," == *",$1,"* ]]; }
jobs=$(nproc 2>/dev/null || echo 2)
started=$SECONDS
step() {  # step NAME COMMAND...: runs it and prints how long it took
  local name=$1 start=$SECONDS
  shift
  echo "test.sh: $name" >&2
  "$@"
  echo "test.sh: $name took $((SECONDS - start)) s" >&2
}

if has_phase main; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  step "main: build" cmake --build build -j"$jobs"
  step "main: format check" bash scripts/check-format.sh
  step "main: ctest" ctest --test-dir build --output-on-failure -j"$jobs"
fi

if has_phase asan || has_phase fuzz; then
  CC=clang CXX=clang++ cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DZENOME_BUILD_BENCH=OFF -DZENOME_FUZZ=ON >/dev/null
fi
if has_phase asan; then
  step "asan: build" cmake --build build-asan -j"$jobs"
  # Leak checking stays on: Debian's htslib, SQLite and zstd are not instrumented, but ASan's
  # allocator sees their memory too, and none of it leaks today. UBSan findings are fatal
  # (-fno-sanitize-recover=all).
  # The exhaustive fault tests (a kill at every fault point, a flipped bit at every byte) try every
  # 5th case here: the g++ phase tries them all, and under the sanitizers they were half the time.
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1} \
    UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1} \
    ZENOME_TEST_STRIDE=${ZENOME_TEST_STRIDE:-5} \
    step "asan: ctest" ctest --test-dir build-asan --output-on-failure -j"$jobs"
fi
if has_phase fuzz; then
  # A fixed seed: libFuzzer then tries the same inputs in the same order on every machine, so CI
  # replays (a prefix of) what passed here instead of drawing new inputs at each run. Longer,
  # exploring runs: scripts/fuzz.sh NAME SECONDS (a new seed each run).
  ZENOME_FUZZ_ARGS="-seed=${ZENOME_FUZZ_SEED:-1} ${ZENOME_FUZZ_ARGS:-}" \
    step "fuzz: every target for ${ZENOME_FUZZ_SECONDS:-20} s" bash scripts/fuzz.sh all "${ZENOME_FUZZ_SECONDS:-20}"
fi
echo "test.sh: phases $phases passed in $((SECONDS - started)) s" >&2
