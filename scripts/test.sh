#!/usr/bin/env bash
# Second README command: installs what is missing, builds everything and runs the whole test suite
# (unit tests per folder, end-to-end golden tests, formatting check). Exit status 0 only when
# every test passes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
bash scripts/check-format.sh
ctest --test-dir build --output-on-failure -j"$jobs"
