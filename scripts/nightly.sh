#!/usr/bin/env bash
# Nightly regression check: runs experiments/nightly.yaml into runs/nightly/<UTC timestamp>, compares it with
# runs/nightly/baseline (a symlink to an earlier run; the first run becomes the baseline), appends the verdict
# to runs/nightly/history.csv, and exits with compare's code: 0 no regression, 1 regression, 2 unusable input
# (or a run that failed).
#
# Environment: NIGHTLY_ROOT (default runs/nightly), NIGHTLY_COMPARE_ARGS (extra options for optbench compare,
# e.g. "--max-time-ratio 1.5"), OPTBENCH (the launcher, default ./optbench).
# Accept a new baseline after an intended change: ln -sfn <run name> runs/nightly/baseline
set -uo pipefail
cd "$(dirname "$0")/.."
root=${NIGHTLY_ROOT:-runs/nightly}
optbench=${OPTBENCH:-./optbench}
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
run="$root/$stamp"
history="$root/history.csv"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
mkdir -p "$root"
[ -f "$history" ] || echo "run,baseline,commit,exit_code,verdict" > "$history"

record() { # exit code, verdict
  echo "$stamp,$baseline_name,$commit,$1,$2" >> "$history"
  echo "nightly: $2 (exit $1); history in $history"
  exit "$1"
}

baseline_name=""
if [ -e "$root/baseline" ]; then
  baseline_name=$(basename "$(readlink "$root/baseline" 2>/dev/null || echo baseline)")
fi

if ! "$optbench" run experiments/nightly.yaml --out "$run"; then
  record 2 run-failed
fi

if [ -z "$baseline_name" ]; then
  ln -s "$stamp" "$root/baseline"
  baseline_name=$stamp
  record 0 new-baseline
fi

# shellcheck disable=SC2086 # NIGHTLY_COMPARE_ARGS is a list of options on purpose
"$optbench" compare "$root/baseline" "$run" ${NIGHTLY_COMPARE_ARGS:-}
code=$?
case $code in
  0) record 0 pass ;;
  1) record 1 regression ;;
  *) record "$code" unusable-input ;;
esac
