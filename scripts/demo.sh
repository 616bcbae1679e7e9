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

# The information platform: every genome of the simulated cohort with its clinical layers.
store="$out/store"
key="$out/pseudonym.key"  # the pseudonymisation key lives outside the store
head -c 32 /dev/urandom | base64 >"$key"
export ZENOME_PSEUDONYM_KEY_FILE="$key"
echo
echo "== 4. genome store: ingest the cohort's genomes in two batches, compact, import its clinical layers, annotate genes"
$zenome db init "$store" --build GRCh38 -f "$out/sim/reference.fa"
# Genomes arrive in batches (each becomes a segment); compaction then merges the segments into one.
genomes=("$out"/sim/samples/*.vcf.gz)
half=$((${#genomes[@]} / 2))
$zenome db ingest "$store" --threads "$jobs" "${genomes[@]:0:$half}"
$zenome db ingest "$store" --threads "$jobs" "${genomes[@]:$half}"
$zenome db compact "$store" --threads "$jobs"
$zenome db import "$store" --layer ontology "$out/sim/cohort/hp.obo"
for layer in clinical:clinical.csv omics:omics.tsv pro:pro.csv pathology:pathology.csv imaging:imaging.csv \
  wearable:wearable.csv; do
  $zenome db import "$store" --layer "${layer%%:*}" "$out/sim/cohort/${layer#*:}"
done
$zenome db annotate "$store" -g "$out/sim/genes.gff3"

# The rare disease most often diagnosed in the cohort, and its gene (from the simulator's catalogue).
mondo=$(tail -n +2 "$out/sim/cohort/clinical.csv" | tr ',;' '\n\n' | grep '^MONDO:' | sort | uniq -c | sort -k1,1nr -k2 |
  awk 'NR == 1 { print $2 }')
gene=$(awk -F'\t' -v id="$mondo" 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
  $c["mondo_id"] == id { print $c["gene_symbol"] }' "$out/sim/diseases.tsv")
echo
echo "== 5. variant-disease view (MGeND style): damaging variants in $gene, carriers by diagnosis ($mondo)"
$zenome db query "$store" --gene "$gene" --by diagnosis | awk -F'\t' -v d="$mondo" '
  NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print "  variant\t\tconsequence\t\tgroup\t\tAC/AN\tcarriers"; next }
  ($c["impact"] == "HIGH" || $c["impact"] == "MODERATE") && ($c["group"] == "all" || $c["group"] == d) {
    printf "  %-22s %-22s %-14s %s/%s\t%d\n", $c["variant"], $c["consequence"], $c["group"], $c["AC"], $c["AN"],
      $c["n_het"] + $c["n_homalt"] }' | head -n 20

echo
echo "== 6. cohort queries across layers"
cat >"$out/cohort-diagnosed-carriers.json" <<JSON
{"all": [{"diagnosis": "$mondo"},
         {"burden": {"gene": "$gene", "impact": ["HIGH", "MODERATE"], "max_af": 0.05}}]}
JSON
echo "  diagnosed with $mondo AND carrying a rare damaging $gene variant:"
$zenome db cohort "$store" "$out/cohort-diagnosed-carriers.json" --explain | sed 's/^/    /'
cat >"$out/cohort-cross-layer.json" <<JSON
{"all": [{"consent": "HMB"}, {"age": {"min": 40}},
         {"any": [{"hpo": "HP:0000118"}, {"omics": {"assay": "omics", "feature": "$gene", "below": 5}}]},
         {"not": {"diagnosis": ["ICD10:C50", "ICD10:C18"]}}]}
JSON
echo "  consented to health/medical research, aged 40+, with any phenotype or low $gene expression, no cancer:"
$zenome db cohort "$store" "$out/cohort-cross-layer.json" --explain | sed 's/^/    /'

echo
echo "== 7. population frequencies by group out of the store, and its integrity"
$zenome db export "$store" --sites --by population,sex -o "$out/cohort.sites.vcf.gz"
$zenome db stats "$store" | sed 's/^/  /' | head -n 20
$zenome db check "$store"

echo
echo "Outputs are in $out/ (annotated VCF with a VEP-compatible CSQ field, indexed; picked TSV; the genome"
echo "store in $out/store with its pseudonymisation key in $key; the cohort's sites VCF)."
