#!/usr/bin/env bash
# The genome store (`zenome db`) at growing cohort sizes, side by side with what a user would
# otherwise run: `bcftools merge` + `norm -m-any` + `index`, `bcftools +fill-tags -r` and
# `bcftools query`. For each N: ingest rate, store size per genome against the merged BCF,
# latency of a single-variant frequency, a 1 Mb region's frequency table, a carrier query and a
# cohort query (clinical + carrier), both as whole commands (hyperfine) and in process (Google
# Benchmark, bench/store_query_bench.cpp), and whether the store's counts equal bcftools'. Then a
# copy of the store is compacted (`zenome db compact`, all segments into one) and measured again.
#
#   bench/store_scaling.sh [N ...]            (default: 100 1000 5000)
#
# Environment (defaults in brackets):
#   GENOME_SIZE [2.5m]  simulated genome size (--genome-size)
#   CONTIGS [1]         autosomes (--contigs); with 1, chr1 is ~54 % of the genome (1.35 Mb at 2.5m),
#                       enough for the 1 Mb region, and bcftools merge of 5000 genomes stays within
#                       minutes (its time grows with sites × files, i.e. ~N² × genome size)
#   BATCH [500]         genomes per ingest batch (one batch = one segment); every N is also a batch
#                       boundary, so the store grows through the N's and each N is measured on it
#   THREADS [2]         --threads for zenome and bcftools
#   RUNS [20]           hyperfine runs per command
#   SEED [2024]         simulate seed
#   ZENOME_BIN [build/zenome], QUERY_BENCH [build/bench/zenome_bench_store_query]
#   ZENOME_BENCH_WORK [bench/work]   cache and outputs (git-ignored)
#   SKIP_PEER=1         skip bcftools (zenome only)
#
# One simulation with the largest N is made once and cached (the first N samples form cohort N);
# everything else is rebuilt on each run. Results: bench/work/store_scaling.md (also printed),
# raw timings beside it in bench/work/store_scaling-SIZE-cCONTIGS/.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
size=${GENOME_SIZE:-2.5m}
contigs=${CONTIGS:-1}
batch=${BATCH:-500}
threads=${THREADS:-2}
runs=${RUNS:-20}
seed=${SEED:-2024}
zenome=${ZENOME_BIN:-$root/build/zenome}
query_bench=${QUERY_BENCH:-$root/build/bench/zenome_bench_store_query}
bench_work=${ZENOME_BENCH_WORK:-$root/bench/work}
work=$bench_work/store_scaling-$size-c$contigs
skip_peer=${SKIP_PEER:-0}

if [ $# -eq 0 ]; then set -- 100 1000 5000; fi
mapfile -t ns < <(printf '%s\n' "$@" | sort -n | uniq)
max_n=${ns[-1]}
for tool in "$zenome" "$query_bench"; do
  [ -x "$tool" ] || { echo "store_scaling.sh: $tool not built (set ZENOME_BIN / QUERY_BENCH)" >&2; exit 2; }
done
for tool in bcftools hyperfine jq; do
  command -v "$tool" >/dev/null || { echo "store_scaling.sh: $tool is needed" >&2; exit 2; }
done
mkdir -p "$work"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
log() { echo "[store_scaling $(date +%H:%M:%S)] $*" >&2; }

# Runs a command under /usr/bin/time; prints "wall_seconds peak_kb". stderr goes to $work/last.err.
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" 2>"$work/last.err" ||
    { echo "store_scaling.sh: failed: $*" >&2; cat "$work/last.err" >&2; exit 1; }
  cat "$work/time.txt"
}
# The same for a shell pipeline given as one string.
measure_sh() { measure bash -o pipefail -c "$1"; }
calc() { awk "BEGIN { printf \"$1\n\", $2 }"; }
# Three significant-ish digits for latencies: 1234, 56.7, 8.90, 0.123; text passes through.
fmt() {
  awk -v v="$1" 'BEGIN { if (v !~ /^[0-9.eE+-]+$/) print v; else if (v >= 100) printf "%.0f\n", v;
    else if (v >= 10) printf "%.1f\n", v; else if (v >= 1) printf "%.2f\n", v; else printf "%.3f\n", v }'
}

# --- simulate once, with the largest N ------------------------------------------------------------
sim=""
for candidate in "$bench_work"/store_sim-"$size"-c"$contigs"-*; do
  [ -f "$candidate/manifest.json" ] || continue
  candidate_n=${candidate##*-}
  if [ "$candidate_n" -ge "$max_n" ] && [ "$(jq -r .seed "$candidate/manifest.json")" = "$seed" ]; then
    sim=$candidate
    break
  fi
done
if [ -z "$sim" ]; then
  sim=$bench_work/store_sim-$size-c$contigs-$max_n
  rm -rf "$sim"
  # simulate keeps about 2 files open per sample and thread: one thread above ~2,000 samples.
  sim_threads=$threads
  if [ "$max_n" -ge 2000 ]; then sim_threads=1; fi
  log "simulating $max_n genomes of $size ($sim_threads thread(s))"
  read -r s kb < <(measure "$zenome" simulate -q -o "$sim" --seed "$seed" --genome-size "$size" --contigs "$contigs" --samples "$max_n" \
    --cases 1 --tumours 0 --no-population-vcf --threads "$sim_threads")
  echo "$s $kb" >"$sim.time"
fi
sim_time=$(cut -d' ' -f1 "$sim.time" 2>/dev/null || echo "?")
mapfile -t samples < <(awk -F'\t' 'NR > 1 { print $1 }' "$sim/samples.tsv")
[ "${#samples[@]}" -ge "$max_n" ] || { echo "store_scaling.sh: $sim has only ${#samples[@]} samples" >&2; exit 1; }
log "simulation: $sim (${#samples[@]} samples, simulated in ${sim_time}s)"

# The query targets: a 1 Mb region in the middle of chr1, and in it the SNV whose frequency in the
# first cohort is closest to 0.25 (a common variant: a dense genotype row for carrier queries).
chr1_length=$(awk '$1 == "chr1" { print $2 }' "$sim/reference.fa.fai")
[ "$chr1_length" -ge 1000000 ] || { echo "store_scaling.sh: chr1 is shorter than 1 Mb; raise GENOME_SIZE" >&2; exit 2; }
region_start=$((chr1_length / 2 - 500000 + 1))
region_end=$((region_start + 999999))
region=chr1:$region_start-$region_end
genome_bp=$(awk '{ s += $2 } END { print s }' "$sim/reference.fa.fai")

# --- the store: one store grown batch by batch through every N --------------------------------------
store=$work/store
key=$work/pseudonym.key
rm -rf "$store" "$work"/merged-* "$work"/results-*
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$key"
measure "$zenome" db init "$store" --build GRCh38 -f "$sim/reference.fa" >/dev/null
ingest_tsv=$work/ingest.tsv
echo -e "batch\tfirst\tgenomes\tstore_genomes\twall_s\tpeak_kb\trecords_read\tsegment_variants\tsegment_bytes" >"$ingest_tsv"

# A header line plus the clinical rows of samples [from, to) (participant_id is the first column).
clinical_rows() {
  printf '%s\n' "${samples[@]:$1:$(($2 - $1))}" >"$work/participants.txt"
  awk -F, 'NR == FNR { keep[$1] = 1; next } FNR == 1 || ($1 in keep)' "$work/participants.txt" \
    "$sim/cohort/clinical.csv"
}

hyperfine_ms() {  # hyperfine_ms NAME COMMAND... -> median wall ms of a command run without a shell
  local name=$1
  shift
  hyperfine -N --style none --warmup 3 --runs "$runs" --export-json "$results/$name.json" "$*" >/dev/null 2>&1 ||
    { echo "store_scaling.sh: hyperfine failed: $*" >&2; "$@" >/dev/null; exit 1; }
  jq '.results[0].median * 1000' "$results/$name.json"
}
hyperfine_sh_ms() {  # the same for a shell pipeline (hyperfine subtracts the shell's start-up); slow
  local name=$1      # peer commands get at least 3 runs and as many as fit in 3 s, up to $runs
  hyperfine --shell bash --style none --warmup 1 --min-runs 3 --max-runs "$runs" --export-json "$results/$name.json" "$2" \
    >/dev/null 2>&1 || { echo "store_scaling.sh: hyperfine failed: $2" >&2; bash -c "$2" >/dev/null; exit 1; }
  jq '.results[0].median * 1000' "$results/$name.json"
}
bench_value() {  # bench_value NAME [FILE] -> median real time of a Google Benchmark entry, in its own unit
  fmt "$(jq -r --arg n "$1" '[.benchmarks[] | select(.run_name == $n)] | if length == 0 then "?"
    elif any(.error_occurred) then "skipped" else (.[] | select(.aggregate_name == "median") | .real_time
    | tostring) end' "$results/${2:-query_bench}.json")"
}
bench_counter() { jq -r --arg n "$1" --arg c "$2" '.benchmarks[] | select(.name == $n + "_median") | .[$c]
  // "?"' "$results/query_bench.json"; }

done_genomes=0
batch_number=0
variant=""
declare -A row
for n in "${ns[@]}"; do
  results=$work/results-$n
  mkdir -p "$results"
  # Ingest up to n in batches that end on multiples of $batch and on n.
  while [ "$done_genomes" -lt "$n" ]; do
    next=$(((done_genomes / batch + 1) * batch))
    [ "$next" -gt "$n" ] && next=$n
    files=()
    for sample in "${samples[@]:$done_genomes:$((next - done_genomes))}"; do files+=("$sim/samples/$sample.vcf.gz"); done
    batch_number=$((batch_number + 1))
    log "ingest batch $batch_number: genomes $((done_genomes + 1))-$next"
    read -r s kb < <(measure "$zenome" db ingest "$store" --threads "$threads" --key-file "$key" "${files[@]}")
    # "segment S: G genomes from F files, V variants (R records read), B bytes"
    summary=$(grep 'zenome db ingest: segment' "$work/last.err")
    variants=$(sed -E 's/.* ([0-9]+) variants \(.*/\1/' <<<"$summary")
    records=$(sed -E 's/.*\(([0-9]+) records read.*/\1/' <<<"$summary")
    bytes=$(sed -E 's/.*\), ([0-9]+) bytes.*/\1/' <<<"$summary")
    echo -e "$batch_number\t$((done_genomes + 1))\t$((next - done_genomes))\t$next\t$s\t$kb\t$records\t$variants\t$bytes" \
      >>"$ingest_tsv"
    clinical_rows "$done_genomes" "$next" >"$work/clinical-batch.csv"
    measure "$zenome" db import "$store" --layer clinical --key-file "$key" "$work/clinical-batch.csv" >/dev/null
    done_genomes=$next
  done
  ingest_s=$(awk -F'\t' -v n="$n" 'NR > 1 && $4 <= n { s += $5 } END { print s }' "$ingest_tsv")
  ingest_records=$(awk -F'\t' -v n="$n" 'NR > 1 && $4 <= n { s += $7 } END { print s }' "$ingest_tsv")
  last_batch=$(awk -F'\t' -v n="$n" 'NR > 1 && $4 <= n { b = $3; s = $5; k = $6 } END { print b, s, k }' "$ingest_tsv")
  read -r last_genomes last_s last_kb <<<"$last_batch"
  segments=$(find "$store/segments" -mindepth 1 -maxdepth 1 -type d | wc -l)
  store_bytes=$(du -sb "$store" | cut -f1)
  segment_bytes=$(du -sb "$store/segments" | cut -f1)
  composition=$(find "$store/segments" -type f -printf '%s %f\n' | awk -v total="$store_bytes" '
    { kind = $2; sub(/^.*\./, "", kind); if (kind != "sites" && kind != "gt" && kind != "alleles") kind = "other"
      bytes[kind] += $1; sum += $1 }
    END { printf "%.0f / %.0f / %.0f / %.0f / %.0f\n", 100 * bytes["sites"] / total, 100 * bytes["gt"] / total,
      100 * bytes["alleles"] / total, 100 * bytes["other"] / total, 100 * (total - sum) / total }')

  # The variant: the most common of the region's sites in the first cohort; kept for every N.
  if [ -z "$variant" ]; then
    variant=$("$zenome" db query "$store" --region "$region" |
      awk -F'\t' 'NR > 1 && $6 == "all" && length($4) == 1 && length($5) == 1 && $9 != "NA" {
        d = $9 - 0.25; if (d < 0) d = -d; if (v == "" || d < best) { best = d; v = $1 } } END { print v }')
    [ -n "$variant" ] || { echo "store_scaling.sh: no variants stored in $region" >&2; exit 1; }
    IFS=- read -r v_chrom v_pos v_ref v_alt <<<"$variant"
    echo "{\"all\": [{\"sex\": \"female\"}, {\"carrier\": {\"variant\": \"$variant\"}}]}" >"$work/cohort.json"
    log "query targets: variant $variant, region $region"
  fi

  # --- zenome: whole commands and in-process latency ---
  log "N=$n: queries"
  z_start_ms=$(hyperfine_ms z_start "$zenome" --version)
  z_variant_ms=$(hyperfine_ms z_variant "$zenome" db query "$store" --variant "$variant")
  z_variant_pop_ms=$(hyperfine_ms z_variant_pop "$zenome" db query "$store" --variant "$variant" --by population)
  z_region_ms=$(hyperfine_ms z_region "$zenome" db query "$store" --region "$region")
  z_carriers_ms=$(hyperfine_ms z_carriers "$zenome" db query "$store" --variant "$variant" --carriers --allow-carriers)
  z_cohort_ms=$(hyperfine_ms z_cohort "$zenome" db cohort "$store" "$work/cohort.json")
  ZENOME_BENCH_STORE=$store ZENOME_BENCH_VARIANT=$variant ZENOME_BENCH_REGION=$region \
    ZENOME_BENCH_COHORT=$work/cohort.json "$query_bench" --benchmark_min_time=0.2 \
    --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$results/query_bench.json" --benchmark_out_format=json >"$results/query_bench.txt" 2>&1
  "$zenome" db query "$store" --region "$region" >"$results/zenome_region.tsv"
  cohort_count=$("$zenome" db cohort "$store" "$work/cohort.json" | tail -1)
  region_sites=$(awk -F'\t' 'NR > 1 && $6 == "all"' "$results/zenome_region.tsv" | wc -l)

  row[$n.ingest_gph]=$(calc '%.0f' "$n / $ingest_s * 3600")
  row[$n.ingest_vps]=$(calc '%.0f' "$ingest_records / $ingest_s")
  row[$n.ingest_gph_full]=$(calc '%.0f' "$n / $ingest_s * 3600 * $genome_bp / 3.1e9")
  row[$n.ingest_s]="$ingest_s ($segments)"
  row[$n.last_batch]="$last_genomes in ${last_s} s, $((last_kb / 1024)) MB"
  row[$n.store_mb]="$(calc '%.1f' "$store_bytes / 1048576") ($(calc '%.1f' "$segment_bytes / 1048576"))"
  row[$n.store_bpg]=$(calc '%.0f' "$store_bytes / $n")
  row[$n.store_bpg_full]=$(calc '%.1f' "$store_bytes / $n * 3.1e9 / $genome_bp / 1048576")
  row[$n.composition]=$composition
  row[$n.z_start]=$(fmt "$z_start_ms")
  row[$n.z_variant]=$(fmt "$z_variant_ms")
  row[$n.z_variant_pop]=$(fmt "$z_variant_pop_ms")
  row[$n.z_region]=$(fmt "$z_region_ms")
  row[$n.z_carriers]=$(fmt "$z_carriers_ms")
  row[$n.z_cohort]=$(fmt "$z_cohort_ms")
  row[$n.lib_open]=$(bench_value BM_OpenSnapshot)
  row[$n.lib_variant]=$(bench_value BM_VariantFrequency)
  row[$n.lib_variant_varied]=$(bench_value BM_VariantFrequencyVaried)
  row[$n.lib_variant_pop]=$(bench_value BM_VariantFrequencyByPopulation)
  row[$n.lib_region]=$(bench_value BM_RegionFrequency)
  row[$n.lib_region_streamed]=$(bench_value BM_RegionFrequencyStreamed)
  row[$n.lib_region_pop]=$(bench_value BM_RegionFrequencyByPopulation)
  row[$n.lib_carriers]=$(bench_value BM_Carriers)
  row[$n.lib_cohort]=$(bench_value BM_CohortQuery)
  row[$n.region_sites]=$region_sites
  row[$n.carriers]=$(bench_counter BM_Carriers carriers)
  row[$n.cohort_count]=$cohort_count

  # --- compaction: a copy of the store merged into one segment, and the in-process queries again ---
  compacted=$work/store-compacted
  rm -rf "$compacted"
  cp -a "$store" "$compacted"
  log "N=$n: db compact"
  read -r compact_s compact_kb < <(measure "$zenome" db compact "$compacted" --threads "$threads")
  compact_bytes=$(du -sb "$compacted" | cut -f1)
  z_variant_compact_ms=$(hyperfine_ms z_variant_compact "$zenome" db query "$compacted" --variant "$variant")
  z_region_compact_ms=$(hyperfine_ms z_region_compact "$zenome" db query "$compacted" --region "$region")
  ZENOME_BENCH_STORE=$compacted ZENOME_BENCH_VARIANT=$variant ZENOME_BENCH_REGION=$region \
    ZENOME_BENCH_COHORT=$work/cohort.json "$query_bench" --benchmark_min_time=0.2 \
    --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$results/query_bench_compacted.json" --benchmark_out_format=json \
    >"$results/query_bench_compacted.txt" 2>&1
  "$zenome" db query "$compacted" --region "$region" >"$results/zenome_region_compacted.tsv"
  cmp -s "$results/zenome_region.tsv" "$results/zenome_region_compacted.tsv" ||
    { echo "store_scaling.sh: the compacted store answers the region query differently" >&2; exit 1; }
  rm -rf "$compacted"
  row[$n.compact]="$compact_s ($segments → 1, $((compact_kb / 1024)) MB)"
  row[$n.compact_mb]="$(calc '%.1f' "$compact_bytes / 1048576")"
  row[$n.compact_bpg]=$(calc '%.0f' "$compact_bytes / $n")
  row[$n.compact_bpg_full]=$(calc '%.1f' "$compact_bytes / $n * 3.1e9 / $genome_bp / 1048576")
  row[$n.zc_variant]=$(fmt "$z_variant_compact_ms")
  row[$n.zc_region]=$(fmt "$z_region_compact_ms")
  row[$n.lc_open]=$(bench_value BM_OpenSnapshot query_bench_compacted)
  row[$n.lc_variant]=$(bench_value BM_VariantFrequency query_bench_compacted)
  row[$n.lc_variant_pop]=$(bench_value BM_VariantFrequencyByPopulation query_bench_compacted)
  row[$n.lc_region]=$(bench_value BM_RegionFrequency query_bench_compacted)
  row[$n.lc_region_streamed]=$(bench_value BM_RegionFrequencyStreamed query_bench_compacted)
  row[$n.lc_carriers]=$(bench_value BM_Carriers query_bench_compacted)

  if [ "$skip_peer" = 1 ]; then continue; fi
  # --- bcftools: merge the same N files (missing sites = hom-ref, as the store takes them; split to
  # biallelic records, as the store stores them), index, and the same queries ---
  log "N=$n: bcftools merge"
  merged=$work/merged-$n.bcf
  for sample in "${samples[@]:0:$n}"; do echo "$sim/samples/$sample.vcf.gz"; done >"$results/files.txt"
  read -r merge_s merge_kb < <(measure_sh "bcftools merge -0 -m both --threads $threads -Ou -l '$results/files.txt' |
    bcftools norm -m -any --threads $threads -Ob -o '$merged'")
  read -r index_s _ < <(measure bcftools index "$merged")
  merged_bytes=$(stat -c %s "$merged")
  merged_gt=$work/merged-$n.gt.bcf
  read -r gt_s _ < <(measure bcftools annotate -x '^FORMAT/GT' --threads "$threads" -Ob -o "$merged_gt" "$merged")
  merged_gt_bytes=$(stat -c %s "$merged_gt")
  read -r filltags_s filltags_kb < <(measure bcftools +fill-tags "$merged" -Ou -o /dev/null -- -t AC,AN,AF)
  log "N=$n: bcftools queries"
  fields="-f '%CHROM-%POS-%REF-%ALT\t%AC\t%AN\t%AF\n'"
  b_variant_ms=$(hyperfine_sh_ms b_variant "bcftools +fill-tags -r $v_chrom:$v_pos '$merged' -Ou -- -t AC,AN,AF |
    bcftools query -i 'REF=\"$v_ref\" && ALT=\"$v_alt\"' $fields")
  b_region_ms=$(hyperfine_sh_ms b_region "bcftools +fill-tags -r $region '$merged' -Ou -- -t AC,AN,AF |
    bcftools query $fields")
  carriers_cmd="bcftools query -r $v_chrom:$v_pos -i 'REF=\"$v_ref\" && ALT=\"$v_alt\" && GT=\"alt\"' \
    -f '[%SAMPLE\t%GT\n]' '$merged'"
  b_carriers_ms=$(hyperfine_sh_ms b_carriers "$carriers_cmd")
  # Cohort: the carriers joined with clinical.csv's female participants.
  b_cohort_ms=$(hyperfine_sh_ms b_cohort "$carriers_cmd | awk -F'[,\t]' 'NR == FNR { if (\$2 == \"female\")
    female[\$1] = 1; next } \$1 in female' '$sim/cohort/clinical.csv' - | wc -l")
  b_cohort_count=$(bash -c "$carriers_cmd | awk -F'[,\t]' 'NR == FNR { if (\$2 == \"female\") female[\$1] = 1; next }
    \$1 in female' '$sim/cohort/clinical.csv' - | wc -l")
  b_carriers=$(bash -c "$carriers_cmd" | wc -l)
  # Agreement: the region's AC and AN from the store and from bcftools, site by site.
  # bcftools norm -m-any without -f keeps a split multi-allelic record's padding (CAT>CATAT); the
  # store trims alleles to their parsimonious form (C>CAT): trim here too before comparing.
  bash -c "bcftools +fill-tags -r $region '$merged' -Ou -- -t AC,AN,AF | bcftools query $fields" |
    awk -F'\t' '{ split($1, v, "-"); pos = v[2]; ref = v[3]; alt = v[4]
      while (length(ref) > 1 && length(alt) > 1 && substr(ref, length(ref)) == substr(alt, length(alt))) {
        ref = substr(ref, 1, length(ref) - 1); alt = substr(alt, 1, length(alt) - 1) }
      while (length(ref) > 1 && length(alt) > 1 && substr(ref, 1, 1) == substr(alt, 1, 1)) {
        ref = substr(ref, 2); alt = substr(alt, 2); pos++ }
      print v[1] "-" pos "-" ref "-" alt "\t" $2 "\t" $3 }' | sort >"$results/bcftools_region.txt"
  awk -F'\t' 'NR > 1 && $6 == "all" { print $1 "\t" $7 "\t" $8 }' "$results/zenome_region.tsv" | sort \
    >"$results/zenome_region.txt"
  b_sites=$(wc -l <"$results/bcftools_region.txt")
  agree=$(comm -12 "$results/zenome_region.txt" "$results/bcftools_region.txt" | wc -l)

  row[$n.merge_s]="$merge_s ($((merge_kb / 1024)))"
  row[$n.index_s]=$index_s
  row[$n.merge_gph]=$(calc '%.0f' "$n / ($merge_s + $index_s) * 3600")
  row[$n.bcf_mb]=$(calc '%.1f' "$merged_bytes / 1048576")
  row[$n.bcf_bpg]=$(calc '%.0f' "$merged_bytes / $n")
  row[$n.bcf_gt_mb]=$(calc '%.1f' "$merged_gt_bytes / 1048576")
  row[$n.bcf_gt_bpg]=$(calc '%.0f' "$merged_gt_bytes / $n")
  row[$n.bcf_ratio]="$(calc '%.1f' "$merged_bytes / $store_bytes") ($(calc '%.1f' "$merged_gt_bytes / $store_bytes"))"
  row[$n.bcf_ratio_compact]="$(calc '%.1f' "$merged_bytes / $compact_bytes") ($(calc '%.1f' "$merged_gt_bytes / $compact_bytes"))"
  row[$n.filltags_s]=$filltags_s
  row[$n.rewrite_s]=$gt_s
  row[$n.b_variant]=$(fmt "$b_variant_ms")
  row[$n.b_region]=$(fmt "$b_region_ms")
  row[$n.b_carriers]=$(fmt "$b_carriers_ms")
  row[$n.b_cohort]=$(fmt "$b_cohort_ms")
  row[$n.agree]="$agree of $region_sites (bcftools: $b_sites sites)"
  row[$n.peer_counts]="carriers $b_carriers, cohort $b_cohort_count"
  rm -f "$merged_gt"
done

# --- the table ---------------------------------------------------------------------------------------
out=$bench_work/store_scaling.md
{
  echo "Genome store scaling (zenome $(git -C "$root" describe --always --dirty 2>/dev/null || echo "?")): \
simulated genome $size ($(awk '{ s += $2 } END { printf "%.1f Mb", s / 1e6 }' \
    "$sim/reference.fa.fai"), $(grep -c '^chr' "$sim/reference.fa.fai") contigs), seed $seed, $threads threads, \
ingest batches of $batch; region $region, variant $variant; $(nproc) CPUs (load average at the start: \
$load_start, at the end: $(cut -d' ' -f1-3 /proc/loadavg)); simulate of $max_n genomes: ${sim_time} s."
  echo
  printf '| measure |'
  for n in "${ns[@]}"; do printf ' N=%s |' "$n"; done
  echo
  printf '|---|'
  for _ in "${ns[@]}"; do printf -- '---|'; done
  echo
  line() {  # line LABEL KEY [SUFFIX]
    printf '| %s |' "$1"
    for n in "${ns[@]}"; do printf ' %s%s |' "${row[$n.$2]:-–}" "${3:-}"; done
    echo
  }
  line "zenome ingest: genomes/hour (all batches to N)" ingest_gph
  line "zenome ingest: variant records/s" ingest_vps
  line "zenome ingest: genomes/hour scaled to a 3.1 Gb genome" ingest_gph_full
  line "zenome ingest: total wall s (segments)" ingest_s
  line "zenome ingest: last batch (genomes, wall, peak RSS)" last_batch
  line "bcftools merge -0 -m both \| norm -m-any: wall s (peak MB)" merge_s
  line "bcftools index: wall s" index_s
  line "bcftools merge+index: genomes/hour" merge_gph
  line "zenome store: MB (genotype segments MB)" store_mb
  line "zenome store: bytes/genome" store_bpg
  line "zenome store: MB/genome scaled to a 3.1 Gb genome" store_bpg_full
  line "zenome store: % sites / genotypes / alleles / other segment files / catalog" composition
  line "merged BCF (GT:DP:GQ): MB" bcf_mb
  line "merged BCF (GT:DP:GQ): bytes/genome" bcf_bpg
  line "merged BCF, GT only: MB" bcf_gt_mb
  line "merged BCF, GT only: bytes/genome" bcf_gt_bpg
  line "merged BCF / zenome store (GT-only BCF / store)" bcf_ratio
  line "zenome process start (zenome --version), ms" z_start
  line "variant frequency: zenome db query, ms" z_variant
  line "variant frequency: in process (VariantStore::Variant), µs" lib_variant
  line "variant frequency: in process, varied keys, µs" lib_variant_varied
  line "variant frequency: bcftools +fill-tags -r \| query, ms" b_variant
  line "variant by population: zenome db query --by, ms" z_variant_pop
  line "variant by population: in process, µs" lib_variant_pop
  line "1 Mb region table: sites" region_sites
  line "1 Mb region table: zenome db query, ms" z_region
  line "1 Mb region table: in process (VariantStore::Region, a vector of every site), ms" lib_region
  line "1 Mb region table: in process, streamed (ForEachSiteInRegion), ms" lib_region_streamed
  line "1 Mb region table by population: in process, ms" lib_region_pop
  line "1 Mb region table: bcftools +fill-tags -r \| query, ms" b_region
  line "region AC/AN equal to bcftools" agree
  line "carriers of the variant: count" carriers
  line "carriers: zenome db query --carriers, ms" z_carriers
  line "carriers: in process (VariantStore::Carriers), µs" lib_carriers
  line "carriers: bcftools query -i GT=\"alt\", ms" b_carriers
  line "cohort female ∧ carrier: count" cohort_count
  line "cohort: zenome db cohort, ms" z_cohort
  line "cohort: in process (CohortEvaluator), ms" lib_cohort
  line "cohort: bcftools query + awk join with clinical.csv, ms" b_cohort
  line "bcftools counts (carriers, cohort)" peer_counts
  line "store open (catalog + segment snapshot), in process, ms" lib_open
  line "zenome db compact (a copy, all segments into one): wall s (segments, peak RSS)" compact
  line "compacted store: MB" compact_mb
  line "compacted store: bytes/genome" compact_bpg
  line "compacted store: MB/genome scaled to a 3.1 Gb genome" compact_bpg_full
  line "merged BCF / compacted store (GT-only BCF / compacted store)" bcf_ratio_compact
  line "compacted: variant frequency, zenome db query, ms" zc_variant
  line "compacted: variant frequency, in process, µs" lc_variant
  line "compacted: variant by population, in process, µs" lc_variant_pop
  line "compacted: 1 Mb region table, zenome db query, ms" zc_region
  line "compacted: 1 Mb region table, in process, ms" lc_region
  line "compacted: 1 Mb region table, in process, streamed, ms" lc_region_streamed
  line "compacted: carriers, in process, µs" lc_carriers
  line "compacted: store open, in process, ms" lc_open
  line "bcftools +fill-tags over the whole merged BCF, s" filltags_s
  line "bcftools annotate -x ^FORMAT/GT (one rewrite of the merged BCF, the least adding a genome costs), s" rewrite_s
} >"$out"
cat "$out"
echo
echo "ingest batches ($ingest_tsv):"
column -t "$ingest_tsv"
