#!/usr/bin/env bash
# Runs OptimizerBenchmark and prints, per size, each optimizer's memory traffic in GB/s and its ratio to the
# STREAM triad of the same size (goal: >= 0.8). Bytes per parameter and update are documented in
# OptimizerBenchmark's Javadoc and docs/optimizers.md; JMH reports them as the secondary result "bytes".
#
# Usage: benchmarks/optimizer-bandwidth.sh [JMH options...]
#   e.g. benchmarks/optimizer-bandwidth.sh                          (the class defaults: 3 x 2 s warm-up, 5 x 2 s)
#        benchmarks/optimizer-bandwidth.sh -f 1 -wi 1 -i 2 -r 1s -w 1s -p size=1000000   (a quick smoke run)
#        benchmarks/optimizer-bandwidth.sh --table results.csv       (only print the table of an earlier run)
# Set RESULTS=file.csv to keep JMH's CSV results (otherwise a temporary file is used).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--table" ]]; then
  results=$2
else
  jar=benchmarks/target/benchmarks.jar
  if [[ ! -f "$jar" ]]; then
    mvn -B -q -pl benchmarks -am package -DskipTests
  fi
  results=${RESULTS:-$(mktemp --suffix=.csv)}
  java -jar "$jar" 'OptimizerBenchmark' -rf csv -rff "$results" "$@" >&2
fi

echo
echo "OptimizerBenchmark: $(date -u +%Y-%m-%dT%H:%MZ), $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(java -version 2>&1 | head -1)"
awk -F, '
  { sub(/\r$/, ""); for (i = 1; i <= NF; i++) gsub(/"/, "", $i) }
  NR == 1 { for (i = 1; i <= NF; i++) column[$i] = i; next }
  {
    name = $column["Benchmark"]; sub(/.*\./, "", name)
    optimizer = $column["Param: optimizer"]; size = $column["Param: size"]; score = $column["Score"]
    kind = (name ~ /^triad/) ? "triad" : optimizer
    if (name ~ /:bytes$/) {
      bytes[size, kind] = score
      if (!((size, kind) in seen)) { seen[size, kind] = 1; order[++count] = size SUBSEP kind }
    } else {
      ops[size, kind] = score
    }
  }
  END {
    printf "%-10s %-20s %8s %12s %10s %9s\n", "size", "optimizer", "B/param", "updates/s", "GB/s", "x triad"
    for (i = 1; i <= count; i++) {
      split(order[i], key, SUBSEP); size = key[1]; kind = key[2]
      perParameter = (ops[size, kind] > 0) ? bytes[size, kind] / (ops[size, kind] * size) : 0
      ratio = ((size, "triad") in bytes) ? bytes[size, kind] / bytes[size, "triad"] : 0
      printf "%-10s %-20s %8.0f %12.1f %10.2f %9.2f\n", size, kind, perParameter, ops[size, kind], bytes[size, kind] / 1e9, ratio
    }
  }' "$results"
