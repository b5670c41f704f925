#!/usr/bin/env bash
# Fault check for the Spark executor (docs/spark.md, "Fault check"): starts a 2-worker standalone cluster with
# scripts/spark-cluster.sh, runs an experiment on it, kill -9s one worker and its executor mid-run, and checks that
# the run finishes with every trial exactly once and trials.csv / curves.csv identical (time columns aside) to a run
# on local threads. Exit 0 when all holds, 1 otherwise. Everything goes under SPARK_FAULT_DIR (default
# spark/target/fault); the cluster is stopped at the end whatever happens.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${SPARK_FAULT_DIR:-$root/spark/target/fault}"
port="${SPARK_FAULT_PORT:-7177}"
export SPARK_CLUSTER_DIR="$dir/cluster"
rm -rf "$dir/runs" "$dir/exp.yaml"
mkdir -p "$dir/runs"

cat >"$dir/exp.yaml" <<'EOF'
name: spark-fault
dataset: [blobs(classes=10, dim=50, n=3000), rosenbrock]
model: softmax
optimizer:
  - sgd(lr=[0.001, 0.01, 0.05])
  - momentum(lr=0.001)
  - adam(lr=0.001)
epochs: 3
batch: 10
steps: 2000
repeats: 4
EOF
trials=40

fail() {
  echo "spark-fault: FAILED: $1" >&2
  "$root/scripts/spark-cluster.sh" stop >/dev/null 2>&1
  exit 1
}

"$root/scripts/spark-cluster.sh" start --workers 2 --port "$port" || fail "the cluster did not start"
trap '"$root/scripts/spark-cluster.sh" stop >/dev/null 2>&1' EXIT

# The run on the cluster, in the background; the driver's output goes to a log.
"$root/optbench" run "$dir/exp.yaml" --out "$dir/runs/cluster" --no-report --warmup 0 --executor spark \
  --master "spark://127.0.0.1:$port" >"$dir/runs/cluster.log" 2>&1 &
driver=$!

# Once 5 trials are written, kill -9 worker-1 and the executor it launched (its child process).
victim=$(awk '$3 == "worker-1" {print $1}' "$SPARK_CLUSTER_DIR/pids")
for ((t = 0; t < 600; t++)); do
  rows=$(($(wc -l 2>/dev/null <"$dir/runs/cluster/trials.csv" || echo 1) - 1))
  [[ $rows -ge 5 ]] && break
  kill -0 "$driver" 2>/dev/null || break
  sleep 0.5
done
[[ ${rows:-0} -ge 5 && ${rows:-0} -lt $trials ]] || fail "the run must be mid-way when the worker is killed, it had $rows of $trials trials"
executor=$(pgrep -P "$victim" || true)
echo "spark-fault: $rows of $trials trials written; kill -9 worker-1 (pid $victim) and its executor (pid ${executor:-none})"
kill -9 "$victim" ${executor:+$executor}

wait "$driver" || fail "the driver exited with an error: $(tail -n 3 "$dir/runs/cluster.log")"

# Every trial exactly once.
ids=$(tail -n +2 "$dir/runs/cluster/trials.csv" | cut -d, -f1 | sort -n)
[[ $(echo "$ids" | wc -l) -eq $trials ]] || fail "trials.csv has $(echo "$ids" | wc -l) rows, expected $trials"
[[ $(echo "$ids" | uniq | wc -l) -eq $trials ]] || fail "a trial was written twice"

# The same run on local threads; compare with the time columns blanked.
"$root/optbench" run "$dir/exp.yaml" --out "$dir/runs/local" --no-report --warmup 0 --threads 2 >"$dir/runs/local.log" 2>&1 \
  || fail "the local run failed: $(tail -n 3 "$dir/runs/local.log")"
blank() { # file: CSV with the time columns replaced by * (quoted cells may hold commas)
  awk 'function cells(line, f,   n, i, c, q, cur) {
         n = 0; cur = ""; q = 0
         for (i = 1; i <= length(line); i++) {
           c = substr(line, i, 1)
           if (c == "\"") { q = !q; cur = cur c } else if (c == "," && !q) { f[++n] = cur; cur = "" } else cur = cur c
         }
         f[++n] = cur
         return n
       }
       { n = cells($0, f)
         if (NR == 1) { for (i = 1; i <= n; i++) t[i] = (f[i] ~ /^(elapsed_s|wall_s|s_per_epoch|time_to_target_s)$/); print; next }
         out = ""
         for (i = 1; i <= n; i++) out = out (i > 1 ? "|" : "") (t[i] ? "*" : f[i])
         print out }' "$1"
}
for file in trials.csv curves.csv; do
  cmp -s <(blank "$dir/runs/local/$file") <(blank "$dir/runs/cluster/$file") || fail "$file differs from the local run"
done
echo "spark-fault: ok: $trials trials, each once, trials.csv and curves.csv identical to local threads (times aside);"
echo "  executors used: $(tail -n +2 "$dir/runs/cluster/placement.csv" | cut -d, -f3 | sort | uniq -c | tr -s ' ' | paste -sd ';')"
