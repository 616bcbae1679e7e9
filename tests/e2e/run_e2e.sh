#!/usr/bin/env bash
# End-to-end golden tests. Each case is a folder tests/e2e/<command>/<case>/ holding
#   cmd        a bash snippet run in a scratch directory, with $ZENOME (the binary) and $CASE
#              (the case folder, for its input fixtures) set; it writes its outputs as files
#   expected/  the golden files; each must equal the file of the same name the snippet wrote
# Outputs are compared after dropping ##zenome_version/##zenome_command lines, so goldens stay
# free of versions. Regenerate goldens with:  tests/e2e/run_e2e.sh BUILD/zenome --redo-outputs
# (a new case declares its outputs by creating empty files under expected/ first).
set -u
zenome=$(realpath "$1")
redo=0
[ "${2:-}" = "--redo-outputs" ] && redo=1
here=$(cd "$(dirname "$0")" && pwd)
failed=0
cases=0
normalise() { grep -v -e '^##zenome_version=' -e '^##zenome_command=' "$1"; }
for case_dir in "$here"/*/*/; do
  [ -f "$case_dir/cmd" ] || continue
  cases=$((cases + 1))
  name=${case_dir#"$here"/}
  name=${name%/}
  work=$(mktemp -d)
  if ! (cd "$work" && ZENOME="$zenome" CASE="$case_dir" bash -eo pipefail "$case_dir/cmd" >"$work/.stdout" 2>"$work/.stderr"); then
    echo "FAIL $name: command failed"; sed 's/^/  /' "$work/.stderr" | head -20
    failed=$((failed + 1)); rm -rf "$work"; continue
  fi
  if [ $redo -eq 1 ]; then
    mkdir -p "$case_dir/expected"
    for f in "$case_dir"/expected/*; do
      [ -e "$f" ] || continue
      b=$(basename "$f")
      if [ -f "$work/$b" ]; then normalise "$work/$b" >"$f"; fi
    done
    echo "REDO $name"
  else
    ok=1
    for f in "$case_dir"/expected/*; do
      [ -e "$f" ] || continue
      b=$(basename "$f")
      if [ ! -f "$work/$b" ]; then echo "FAIL $name: $b was not written"; ok=0; continue; fi
      if ! diff -u "$f" <(normalise "$work/$b") >"$work/.diff"; then
        echo "FAIL $name: $b differs from golden"; head -40 "$work/.diff" | sed 's/^/  /'; ok=0
      fi
    done
    if [ $ok -eq 1 ]; then echo "ok   $name"; else failed=$((failed + 1)); fi
  fi
  rm -rf "$work"
done
echo "e2e: $cases cases, $failed failed"
[ $failed -eq 0 ]
