#!/usr/bin/env bash
# The race: optbench against PyTorch (CPU, OpenBLAS) on identical synthetic 60,000x784 data.
# For each configuration both sides train one warm-up epoch, then timed epochs; the table gives both
# times (seconds per epoch) and the ratio optbench / PyTorch (below 1: optbench is faster).
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

seconds_of() { sed -n 's/.*seconds=\([0-9.]*\).*/\1/p'; }

cpu="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "# race: $(date -u '+%Y-%m-%d %H:%M UTC'), $cpu, $(nproc) cores, $(java -version 2>&1 | head -1)," \
     "torch $("$python" -c 'import torch; print(torch.__version__)')," \
     "fastest of ${REPEATS:-3} timed epochs (CNN: ${CNN_REPEATS:-1}) after one warm-up epoch"
printf '| %-7s | %-9s | %5s | %7s | %12s | %11s | %17s |\n' model optimizer batch threads "optbench (s)" "PyTorch (s)" "optbench/PyTorch"
printf '|---------|-----------|------:|--------:|-------------:|------------:|------------------:|\n'
for configuration in "${configurations[@]}"; do
  read -r model optimizer batch threads <<<"$configuration"
  name="$model-$optimizer-b$batch-t$threads"
  repeats="${REPEATS:-3}"
  if [ "$model" = cnn ]; then repeats="${CNN_REPEATS:-1}"; fi
  if [ -n "$filter" ] && [[ "$name" != *"$filter"* ]]; then continue; fi
  ours=$(java "${java_options[@]}" -cp "$classpath" org.optbench.benchmarks.race.Race \
           model="$model" optimizer="$optimizer" batch="$batch" threads="$threads" repeats="$repeats" 2>/dev/null \
           | seconds_of)
  theirs=$(OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads" MKL_NUM_THREADS="$threads" \
           "$python" benchmarks/race/race_torch.py --model "$model" --optimizer "$optimizer" --batch "$batch" \
           --threads "$threads" --repeats "$repeats" 2>/dev/null | seconds_of)
  ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
  printf '| %-7s | %-9s | %5s | %7s | %12s | %11s | %17s |\n' "$model" "$optimizer" "$batch" "$threads" "$ours" "$theirs" "$ratio"
done
