#!/usr/bin/env bash
# zenome annotate vs bcftools csq on the same simulated single-sample genome: wall time (median of
# RUNS runs), peak memory, gene-model load time, and consequence concordance (most severe term per
# variant, bcftools terms mapped to SO).
#   bench/annotate_vs_bcftools_csq.sh [GENOME_SIZES=60m,3.1g] [THREADS=2] [RUNS=3]
# Each size gets rows for bcftools csq -l (one thread: it has no threading), zenome with one
# thread and zenome with THREADS threads, and a table row in the README's format at the end.
# Needs a built zenome (build/zenome), bcftools and python3. Data is cached in
# ${ZENOME_BENCH_WORK:-bench/work}/annotate-SIZE/ (simulating 3.1g takes about two minutes).
# The three commands run in turn, RUNS rounds; each row is the median of its runs. Both tools
# write BCF at their default level (bcftools: 6, zenome: 1); ZENOME_BENCH_LEVEL=6 runs
# zenome at bcftools' level too.
set -euo pipefail
sizes=${1:-60m,3.1g}
threads=${2:-2}
runs=${3:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
zenome=$root/build/zenome
level=${ZENOME_BENCH_LEVEL:-}

# Times one command; appends "seconds peak_kb" to the file $work/NAME.times (stderr kept in
# $work/stderr-NAME.txt).
time_once() {
  local work=$1 name=$2
  shift 2
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" 2>"$work/stderr-$name.txt" || {
    cat "$work/stderr-$name.txt" >&2
    exit 1
  }
  cat "$work/time.txt" >>"$work/$name.times"
}
# "median_seconds max_peak_kb" of $work/NAME.times.
summarise() {
  local file=$1/$2.times n
  n=$(wc -l <"$file")
  printf '%s %s\n' "$(cut -d' ' -f1 "$file" | sort -g | sed -n "$(((n + 1) / 2))p")" \
    "$(cut -d' ' -f2 "$file" | sort -g | tail -n 1)"
}
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }

summary=()
for size in ${sizes//,/ }; do
  work=${ZENOME_BENCH_WORK:-$root/bench/work}/annotate-$size
  mkdir -p "$work"
  sim=$work/sim
  if [ ! -f "$sim/manifest.json" ]; then
    echo "simulating a $size genome with one sample..." >&2
    /usr/bin/time -f "simulate: %e s, peak %M KB" "$zenome" simulate -q -o "$sim" --seed 2024 \
      --genome-size "$size" --samples 1 --no-population-vcf --threads "$threads"
  fi
  input=$sim/samples/S0001.vcf.gz
  variants=$(bcftools index -n "$input" 2>/dev/null || zcat "$input" | grep -vc '^#')
  genes=$(grep -cE $'\t(gene|ncRNA_gene|pseudogene)\t' "$sim/genes.gff3" || true)
  out_type=b${level}

  # Rounds of the three commands in turn, so that a slower spell of a shared machine falls on
  # all of them alike.
  rm -f "$work"/*.times
  for ((r = 0; r < runs; r++)); do
    time_once "$work" bcftools bcftools csq -f "$sim/reference.fa" -g "$sim/genes.gff3" -l -p a -O b \
      -o "$work/bcftools.bcf" "$input"
    time_once "$work" zenome1 "$zenome" annotate -f "$sim/reference.fa" -g "$sim/genes.gff3" --threads 0 \
      -O "$out_type" -o "$work/zenome1.bcf" "$input"
    time_once "$work" zenomeN "$zenome" annotate -f "$sim/reference.fa" -g "$sim/genes.gff3" \
      --threads "$threads" -O "$out_type" -o "$work/zenome.bcf" "$input"
  done
  read -r b_s b_kb < <(summarise "$work" bcftools)
  read -r z1_s z1_kb < <(summarise "$work" zenome1)
  read -r zn_s zn_kb < <(summarise "$work" zenomeN)
  load_s=$(sed -n 's/.*(loading \([0-9.]*\) s).*/\1/p' "$work/stderr-zenome1.txt" | head -n 1)

  bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t%CSQ\n' "$work/zenome.bcf" >"$work/zenome.tsv"
  bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t%BCSQ\n' "$work/bcftools.bcf" >"$work/bcftools.tsv"
  python3 "$root/bench/compare_consequences.py" "$work/zenome.tsv" "$work/bcftools.tsv" | tee "$work/concordance.txt"

  echo
  echo "genome $size, $variants variants, $genes genes; gene model load ${load_s} s; median of $runs runs"
  echo "| tool | threads | wall s | peak MB | bcftools csq time / this |"
  echo "|---|---|---|---|---|"
  printf '| bcftools csq -l | 1 | %s | %d | 1.00 |\n' "$b_s" $((b_kb / 1024))
  printf '| zenome annotate | 1 | %s | %d | %s |\n' "$z1_s" $((z1_kb / 1024)) "$(ratio "$b_s" "$z1_s")"
  printf '| zenome annotate | %s | %s | %d | %s |\n' "$threads" "$zn_s" $((zn_kb / 1024)) "$(ratio "$b_s" "$zn_s")"
  echo
  summary+=("$(printf '| annotate, %s genome (%s variants, BCF out) | `bcftools csq -l` | %s s, %d MB | %s s, %d MB (%s) | %s s, %d MB (%s) |' \
    "$size" "$variants" "$b_s" $((b_kb / 1024)) "$z1_s" $((z1_kb / 1024)) "$(ratio "$b_s" "$z1_s")" \
    "$zn_s" $((zn_kb / 1024)) "$(ratio "$b_s" "$zn_s")")")
done
echo "README rows (peer time / zenome time in parentheses):"
printf '%s\n' "${summary[@]}"
