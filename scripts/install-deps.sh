#!/usr/bin/env bash
# Installs the Debian packages zenome needs to build, test, run the demo and the benchmarks
# (clang with its sanitizer and libFuzzer runtimes, and llvm's symbolizer for their reports: the
# sanitizer build and fuzz targets of scripts/test.sh).
# Idempotent: only missing packages are installed; `apt-get update` runs at most once.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libhts-dev zlib1g-dev libbz2-dev liblzma-dev libdeflate-dev libzstd-dev libxxhash-dev
  libsqlite3-dev nlohmann-json3-dev libcli11-dev libjemalloc-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-format
  clang libclang-rt-dev llvm
  bcftools samtools tabix hyperfine time python3
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
