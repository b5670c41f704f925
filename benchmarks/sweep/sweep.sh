#!/usr/bin/env bash
# Sweep throughput: how many trials a minute `optbench run` gets through when the trials are short, and what a
# trial costs besides its own compute. Prints
#   1. trials per minute of the whole CLI (JVM start, data, warm-up, trials, files) for the 200-trial grid of
#      benchmarks/sweep/grid.yaml (a small MLP on the blobs for 1 epoch; with and without the warm-up) and for the
#      README quickstart, each run ROUNDS times on one core, median and range; wall and CPU (user + sys) seconds;
#   2. the fixed cost of a trial in a warm JVM, broken down (org.optbench.benchmarks.sweep.SweepCost).
#   benchmarks/sweep/sweep.sh [ROUNDS] [--no-quickstart]     (default 3 rounds)
# Everything runs pinned to one core (taskset -c 0) with --threads 1; the grid without its report, the quickstart
# with it, as a user runs it. On a shared machine read the CPU columns: wall time there includes waiting for the
# core. docs/performance.md, "Sweep throughput", has the numbers and what they mean.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
quickstart=true
[[ "${2:-}" == "--no-quickstart" ]] && quickstart=false
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "building optbench (mvn package -pl benchmarks -am, tests skipped)..." >&2
(cd "$root" && mvn -B -q -pl benchmarks -am package -DskipTests >&2)
"$root/optbench" data fetch mnist >/dev/null

echo "# sweep: $(date -u '+%Y-%m-%d %H:%M UTC'), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
  "$(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

# One timed CLI run: prints "wall cpu trials".
timed_run() { # out, then optbench run arguments
  local out="$1"
  shift
  /usr/bin/time -f '%e %U %S' -o "$work/time" taskset -c 0 "$root/optbench" run "$@" --out "$out" --threads 1 \
    >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  local trials
  trials=$(($(wc -l <"$out/trials.csv") - 1))
  awk -v n="$trials" '{printf "%s %.2f %d\n", $1, $2 + $3, n}' "$work/time"
}

summary() { # label, then lines "wall cpu trials"
  local label="$1"
  shift
  printf '%s\n' "$@" | python3 -c '
import statistics, sys
label = sys.argv[1]
runs = [tuple(map(float, line.split())) for line in sys.stdin if line.strip()]
n = runs[0][2]
per_minute = sorted(60 * n / wall for wall, _, _ in runs)
cpu_per_minute = sorted(60 * n / cpu for _, cpu, _ in runs)
walls = sorted(wall for wall, _, _ in runs)
cpus = sorted(cpu for _, cpu, _ in runs)
print(f"{label:<28} {int(n):>6} {statistics.median(per_minute):>10.0f} ({per_minute[0]:.0f}-{per_minute[-1]:.0f})"
      f" {statistics.median(cpu_per_minute):>10.0f} {statistics.median(walls):>8.1f} {statistics.median(cpus):>8.1f}")
' "$label"
}

printf '%-28s %6s %20s %10s %8s %8s\n' "run (optbench run, 1 core)" trials "trials/min (range)" "per CPU-min" "wall s" "cpu s"
for warmup in 0.5 0; do
  lines=()
  for round in $(seq "$rounds"); do
    lines+=("$(timed_run "$work/grid-$warmup-$round" "$root/benchmarks/sweep/grid.yaml" --no-report --warmup "$warmup")")
  done
  summary "grid, --warmup $warmup" "${lines[@]}"
done
if [[ "$quickstart" == true ]]; then
  lines=()
  for round in $(seq "$rounds"); do
    lines+=("$(timed_run "$work/quickstart-$round")")
  done
  summary "quickstart (with report)" "${lines[@]}"
fi
echo
taskset -c 0 java -Xmx4g -cp "$root/benchmarks/target/benchmarks.jar" org.optbench.benchmarks.sweep.SweepCost \
  "$root/benchmarks/sweep/grid.yaml" 5
echo "# load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
