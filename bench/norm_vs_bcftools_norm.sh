#!/usr/bin/env bash
# zenome norm vs bcftools norm (-f REF -m-) on the same simulated genome: wall time, peak memory,
# and whether the records written are identical.
#   bench/norm_vs_bcftools_norm.sh [GENOME_SIZE=3.1g] [THREADS=2]
# Reuses the genome simulated by annotate_vs_bcftools_csq.sh (bench/work/annotate-SIZE/sim).
set -euo pipefail
size=${1:-3.1g}
threads=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
zenome=$root/build/zenome
work=${ZENOME_BENCH_WORK:-$root/bench/work}/annotate-$size
sim=$work/sim
if [ ! -f "$sim/manifest.json" ]; then
  mkdir -p "$work"
  "$zenome" simulate -q -o "$sim" --seed 2024 --genome-size "$size" --samples 1 --no-population-vcf --threads "$threads"
fi
input=$sim/samples/S0001.vcf.gz
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
  cat "$work/time.txt"
}
read -r b_s b_kb < <(measure bcftools norm -f "$sim/reference.fa" -m- -O b -o "$work/bcftools.norm.bcf" "$input")
read -r z1_s z1_kb < <(measure "$zenome" norm -f "$sim/reference.fa" -m- -O b -o "$work/zenome1.norm.bcf" "$input")
read -r zn_s zn_kb < <(measure "$zenome" norm --threads "$threads" -f "$sim/reference.fa" -m- -O b \
  -o "$work/zenome.norm.bcf" "$input")
if cmp -s <(bcftools view -H "$work/bcftools.norm.bcf") <(bcftools view -H "$work/zenome.norm.bcf"); then
  echo "records identical to bcftools norm: yes"
else
  echo "records identical to bcftools norm: NO"; exit 1
fi
ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
echo "| tool | threads | wall s | peak MB | bcftools norm time / this |"
echo "|---|---|---|---|---|"
printf '| bcftools norm | 1 | %s | %d | 1.00 |\n' "$b_s" $((b_kb / 1024))
printf '| zenome norm | 1 | %s | %d | %s |\n' "$z1_s" $((z1_kb / 1024)) "$(ratio "$b_s" "$z1_s")"
printf '| zenome norm | %s | %s | %d | %s |\n' "$threads" "$zn_s" $((zn_kb / 1024)) "$(ratio "$b_s" "$zn_s")"
