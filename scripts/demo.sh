#!/usr/bin/env bash
# First README command: installs what is missing, builds zenome and runs the main job on embedded
# defaults — simulate a small genome, population and rare-disease patient, annotate the patient's
# genome against gene models, population frequencies and ClinVar, and print a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs" --target zenome
zenome=build/zenome
out=demo-out
rm -rf "$out"
mkdir -p "$out"

echo "== 1. simulate: genome, gene models, population, frequencies, ClinVar, patients"
$zenome simulate -o "$out/sim" --seed 2026 --threads "$jobs"

case_vcf=$(ls "$out"/sim/cases/*.vcf.gz | head -n 1)
case_id=$(basename "$case_vcf" .vcf.gz)
echo
echo "== 2. annotate patient $case_id"
$zenome annotate -f "$out/sim/reference.fa" -g "$out/sim/genes.gff3" \
  --af "gnomad=$out/sim/population_sites.vcf.gz:AF,AF_eas,nhomalt" \
  --clinvar "$out/sim/clinvar.vcf.gz" \
  --threads "$jobs" -O z -W -o "$out/$case_id.annotated.vcf.gz" "$case_vcf"
$zenome annotate -q -f "$out/sim/reference.fa" -g "$out/sim/genes.gff3" \
  --af "gnomad=$out/sim/population_sites.vcf.gz:AF,AF_eas,nhomalt" \
  --clinvar "$out/sim/clinvar.vcf.gz" --pick --tsv \
  --threads "$jobs" -o "$out/$case_id.picked.tsv" "$case_vcf"

echo
echo "== 3. candidate findings (HIGH/MODERATE impact, gnomAD AF < 1% or absent, or ClinVar pathogenic)"
awk -F'\t' '
  NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
  {
    af = $col["gnomad_AF"]; sig = $col["CLIN_SIG"]; impact = $col["IMPACT"]
    rare = (af == "" || af + 0 < 0.01)
    pathogenic = (sig ~ /[Pp]athogenic/ && sig !~ /[Cc]onflicting/)
    if ((rare && (impact == "HIGH" || impact == "MODERATE")) || pathogenic)
      printf "  %s:%s %s>%s  %-8s %-28s %-22s AF=%-8s ClinVar=%s (%s stars)\n", $1, $2, $4, $5, $col["SYMBOL"],
             $col["Consequence"], $col["HGVSp"] != "" ? $col["HGVSp"] : $col["HGVSc"], af == "" ? "absent" : af,
             sig == "" ? "-" : sig, $col["CLIN_STARS"] == "" ? "-" : $col["CLIN_STARS"]
  }' "$out/$case_id.picked.tsv" | sed 's/[^ ]*:p\./p./' | head -n 25
truth="$out/sim/cases/truth.tsv"
if [ -f "$truth" ]; then
  echo
  echo "   planted causal variant (from the simulator's truth table):"
  awk -F'\t' -v id="$case_id" 'NR > 1 && $1 == id { printf "  %s:%s %s>%s in %s (%s, %s)\n", $5, $6, $7, $8, $2, $3, $4 }' "$truth"
fi
echo
echo "Outputs are in $out/ (annotated VCF with a VEP-compatible CSQ field, indexed; picked TSV)."
