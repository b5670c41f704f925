#!/usr/bin/env bash
# The heap MNIST takes in a JVM holding two option sets (docs/performance.md, "Memory"): builds the benchmarks jar
# if needed and runs org.optbench.benchmarks.data.DataMemory once per standardization.
#   benchmarks/data-memory.sh                 this checkout
#   benchmarks/data-memory.sh OLD.jar         the same measurement against another build's optbench.jar
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -q -DskipTests -pl benchmarks -am package)
fi
classpath="$jar"
if [[ $# -ge 1 ]]; then
  # Only DataMemory from this build; every optbench class from the other jar.
  classes="$(mktemp -d)"
  trap 'rm -rf "$classes"' EXIT
  (cd "$classes" && unzip -q "$jar" 'org/optbench/benchmarks/data/DataMemory*')
  classpath="$classes:$1"
fi
export OPTBENCH_DATA="${OPTBENCH_DATA:-$root/data}"
for standardize in none per-pixel; do
  java -Xmx2g -cp "$classpath" org.optbench.benchmarks.data.DataMemory "standardize=$standardize" | head -n 2
done
