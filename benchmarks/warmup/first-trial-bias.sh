#!/usr/bin/env bash
# Is a trial's time independent of its place in the run? Runs a grid of identical configurations (one optimizer, one
# model, 8 repeats, so the same work with different seeds) on 1 and on 2 threads, with and without the warm-up, and
# prints the first trial's s_per_epoch against the median of the others. The bar: within 15% with the warm-up on.
#   benchmarks/warmup/first-trial-bias.sh [ROUNDS]      (default 3 rounds; the medians over rounds are printed)
# 1-thread rows are pinned to one core with taskset; 2-thread rows get both cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/identical.yaml" <<'YAML'
name: identical
dataset: mnist
model: mlp(hidden=[128], activation=relu)
optimizer: adam(lr=0.001)
subset: 0
epochs: 2
batch: 64
repeats: 8
YAML
"$root/optbench" data fetch mnist >/dev/null
ratio() { # trials.csv -> first trial's s_per_epoch / median of the others
  python3 - "$1" <<'PY'
import csv, statistics, sys
rows = sorted(csv.DictReader(open(sys.argv[1])), key=lambda r: int(r["trial"]))
times = [float(r["s_per_epoch"]) for r in rows]
print(f"{times[0] / statistics.median(times[1:]):.3f}")
PY
}
printf '%-8s %-8s %s\n' threads warmup "first/median(others) per round -> median"
for threads in 1 2; do
  pin=""
  [[ $threads == 1 ]] && pin="taskset -c 0"
  for warmup in 0 0.5; do
    values=()
    for round in $(seq "$rounds"); do
      out="$work/t$threads-w$warmup-r$round"
      $pin "$root/optbench" run "$work/identical.yaml" --out "$out" --threads "$threads" --warmup "$warmup" \
        --no-report >/dev/null
      values+=("$(ratio "$out/trials.csv")")
    done
    median="$(printf '%s\n' "${values[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
    printf '%-8s %-8s %s -> %s\n' "$threads" "$warmup" "${values[*]}" "$median"
  done
done
