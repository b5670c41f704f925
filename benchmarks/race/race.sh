#!/usr/bin/env bash
# The race: optbench against PyTorch (CPU, OpenBLAS) on identical synthetic 60,000x784 data.
# For each configuration both sides train one warm-up epoch, then timed epochs; the table gives both
# times (seconds per epoch) and the ratio optbench / PyTorch (below 1: optbench is faster).
#
# Before the configurations it measures the machine's SGEMM peak on 1 and 2 threads in the same run: optbench's own
# kernel (Peak, 2048^3) and OpenBLAS through torch.mm (race_torch.py --peak 2048); the larger of the two is "the peak".
# Each row then gives optbench's effective GFLOP/s (the FLOPs of the products it does, Race.flopsPerExample) and its
# fraction of the peak of the same thread count. Rows with 1 thread run both sides pinned to core 0 (taskset -c 0),
# rows with 2 threads on cores 0 and 1. The "cpu" columns repeat the ratio and the fraction with CPU time in place of
# wall time (the JVM's or Python's process CPU time, the peaks' likewise): on a machine shared with other work a
# 1-thread row's CPU time is close to its wall time on a quiet core, so these columns stay meaningful under load.
#
# Usage: benchmarks/race/race.sh [FILTER]   e.g. FILTER=mlp128 runs only the configurations whose name contains it.
# REPEATS (default 3) timed epochs per MLP configuration and CNN_REPEATS (default 1) per CNN configuration, the
# fastest reported, on both sides alike: on a shared machine the minimum is the least disturbed epoch.
# Runs from a clean clone: builds what it needs with Maven and installs python3-torch with apt-get if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
filter="${1:-}"

echo "building optbench (mvn package -pl benchmarks -am, tests skipped)..." >&2
mvn -B -q -pl benchmarks -am package -DskipTests >&2
classpath=benchmarks/target/classes:harness/target/classes:optimizers/target/classes:datasets/target/classes

python=/usr/bin/python3
if ! "$python" -c 'import torch, numpy' 2>/dev/null; then
  echo "installing Debian's python3-torch with OpenBLAS (apt-get)..." >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
  $sudo apt-get update -q >&2
  $sudo apt-get install -y -q python3-torch python3-numpy libopenblas0-pthread >&2
fi

java_options=(--add-modules=jdk.incubator.vector -Xms2g -Xmx3g -XX:+UseParallelGC -XX:+UseTransparentHugePages)

configurations=()
for threads in 1 2; do
  for model in mlp128 mlp256; do
    for optimizer in momentum adam; do
      for batch in 64 128; do
        configurations+=("$model $optimizer $batch $threads")
      done
    done
  done
  configurations+=("cnn momentum 64 $threads")
done

seconds_of() { sed -n 's/.* seconds=\([0-9.]*\).*/\1/p'; }
gflops_of() { sed -n 's/.* gflops=\([0-9.]*\).*/\1/p'; }
gflops_cpu_of() { sed -n 's/.*gflops_cpu=\([0-9.]*\).*/\1/p'; }
cpu_of() { sed -n 's/.*cpu_seconds=\([0-9.]*\).*/\1/p'; }
larger() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { print (a + 0 > b + 0 ? a : b) }'; }
cores_for() { if [ "$1" = 1 ]; then echo 0; else echo "0-$(( $1 - 1 ))"; fi; }

declare -A peak peak_cpu
for threads in 1 2; do
  cores=$(cores_for "$threads")
  ours=$(taskset -c "$cores" java "${java_options[@]}" -cp "$classpath" org.optbench.benchmarks.race.Peak \
           n=2048 threads="$threads" repeats=3 2>/dev/null)
  blas=$(OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" taskset -c "$cores" \
           "$python" benchmarks/race/race_torch.py --peak 2048 --threads "$threads" 2>/dev/null)
  peak[$threads]=$(larger "$(echo "$ours" | gflops_of)" "$(echo "$blas" | gflops_of)")
  peak_cpu[$threads]=$(larger "$(echo "$ours" | gflops_cpu_of)" "$(echo "$blas" | gflops_cpu_of)")
  echo "# SGEMM 2048^3 on $threads thread(s), GFLOP/s (wall / per CPU second): optbench kernel" \
       "$(echo "$ours" | gflops_of) / $(echo "$ours" | gflops_cpu_of), OpenBLAS $(echo "$blas" | gflops_of) /" \
       "$(echo "$blas" | gflops_cpu_of); peak ${peak[$threads]} / ${peak_cpu[$threads]}"
done

cpu="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "# race: $(date -u '+%Y-%m-%d %H:%M UTC'), $cpu, $(nproc) cores, $(java -version 2>&1 | head -1)," \
     "torch $("$python" -c 'import torch; print(torch.__version__)')," \
     "fastest of ${REPEATS:-3} timed epochs (CNN: ${CNN_REPEATS:-1}) after one warm-up epoch"
printf '| %-7s | %-9s | %5s | %7s | %12s | %11s | %16s | %7s | %7s | %10s | %8s |\n' model optimizer batch threads \
  "optbench (s)" "PyTorch (s)" "optbench/PyTorch" "GFLOP/s" "of peak" "ratio, cpu" "of peak, cpu"
printf '|---------|-----------|------:|--------:|-------------:|------------:|-----------------:|--------:|--------:|-----------:|---------:|\n'
for configuration in "${configurations[@]}"; do
  read -r model optimizer batch threads <<<"$configuration"
  name="$model-$optimizer-b$batch-t$threads"
  repeats="${REPEATS:-3}"
  if [ "$model" = cnn ]; then repeats="${CNN_REPEATS:-1}"; fi
  if [ -n "$filter" ] && [[ "$name" != *"$filter"* ]]; then continue; fi
  cores=$(cores_for "$threads")
  line=$(taskset -c "$cores" java "${java_options[@]}" -cp "$classpath" org.optbench.benchmarks.race.Race \
           model="$model" optimizer="$optimizer" batch="$batch" threads="$threads" repeats="$repeats" 2>/dev/null)
  ours=$(echo "$line" | seconds_of)
  ours_cpu=$(echo "$line" | cpu_of)
  gflops=$(echo "$line" | gflops_of)
  theirs=$(OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads" \
           taskset -c "$cores" "$python" benchmarks/race/race_torch.py --model "$model" --optimizer "$optimizer" --batch "$batch" \
           --threads "$threads" --repeats "$repeats" 2>/dev/null)
  theirs_cpu=$(echo "$theirs" | cpu_of)
  theirs=$(echo "$theirs" | seconds_of)
  ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  fraction=$(awk -v a="$gflops" -v b="${peak[$threads]}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  ratio_cpu=$(awk -v a="$ours_cpu" -v b="$theirs_cpu" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  fraction_cpu=$(awk -v g="$gflops" -v s="$ours" -v c="$ours_cpu" -v p="${peak_cpu[$threads]}" \
                 'BEGIN { if (p > 0 && c > 0) printf "%.2f", g * s / c / p; else print "n/a" }')
  printf '| %-7s | %-9s | %5s | %7s | %12s | %11s | %16s | %7s | %7s | %10s | %8s |\n' "$model" "$optimizer" "$batch" \
    "$threads" "$ours" "$theirs" "$ratio" "$gflops" "$fraction" "$ratio_cpu" "$fraction_cpu"
done
