#!/usr/bin/env bash
# zenome annotate vs bcftools csq on the same simulated single-sample genome: wall time, peak
# memory, and consequence concordance (most severe term per variant, bcftools terms mapped to SO).
#   bench/annotate_vs_bcftools_csq.sh [GENOME_SIZE=3.1g] [THREADS=2]
# Needs a built zenome (build/zenome), bcftools and python3. Data is cached in bench/work/.
set -euo pipefail
size=${1:-3.1g}
threads=${2:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
zenome=$root/build/zenome
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

# Runs a command, printing "seconds peak_kb".
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
  cat "$work/time.txt"
}
read -r b_s b_kb < <(measure bcftools csq -f "$sim/reference.fa" -g "$sim/genes.gff3" -l -p a -O b \
  -o "$work/bcftools.bcf" "$input")
read -r z1_s z1_kb < <(measure "$zenome" annotate -f "$sim/reference.fa" -g "$sim/genes.gff3" --threads 0 \
  -O b -o "$work/zenome1.bcf" "$input")
load_s=$(sed -n 's/.*(loading \([0-9.]*\) s).*/\1/p' "$work/stderr.txt" | head -n 1)
read -r zn_s zn_kb < <(measure "$zenome" annotate -f "$sim/reference.fa" -g "$sim/genes.gff3" --threads "$threads" \
  -O b -o "$work/zenome.bcf" "$input")

bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t%CSQ\n' "$work/zenome.bcf" >"$work/zenome.tsv"
bcftools query -f '%CHROM\t%POS\t%REF\t%ALT\t%BCSQ\n' "$work/bcftools.bcf" >"$work/bcftools.tsv"
python3 "$root/bench/compare_consequences.py" "$work/zenome.tsv" "$work/bcftools.tsv" | tee "$work/concordance.txt"

ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
echo
echo "genome $size, $variants variants, $genes genes; gene model load ${load_s} s"
echo "| tool | threads | wall s | peak MB | bcftools csq time / this |"
echo "|---|---|---|---|---|"
printf '| bcftools csq -l | 1 | %s | %d | 1.00 |\n' "$b_s" $((b_kb / 1024))
printf '| zenome annotate | 1 | %s | %d | %s |\n' "$z1_s" $((z1_kb / 1024)) "$(ratio "$b_s" "$z1_s")"
printf '| zenome annotate | %s | %s | %d | %s |\n' "$threads" "$zn_s" $((zn_kb / 1024)) "$(ratio "$b_s" "$zn_s")"
