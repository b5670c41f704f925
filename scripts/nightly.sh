#!/usr/bin/env bash
# Nightly regression check: runs experiments/nightly.yaml (or NIGHTLY_EXPERIMENT) into runs/nightly/<UTC timestamp>, compares it with
# runs/nightly/baseline (a symlink to an earlier run; the first run becomes the baseline), appends the verdict
# to runs/nightly/history.csv, and exits with compare's code: 0 pass, 1 a metric regression or missing or failed
# trials, 4 only time regressed (a warning instead with NIGHTLY_COMPARE_ARGS="--time warn"), 2 unusable input
# (or a run that failed).
#
# history.csv has one row per failed check (run, resolved baseline folder, the commit the run's code came from,
# exit code, verdict, configuration, metric, kind metric|time|trials, effect, p), or one row with the check
# columns empty when nothing failed. See docs/reports.md, "The nightly recipe".
#
# Environment: NIGHTLY_ROOT (default runs/nightly), NIGHTLY_EXPERIMENT (the experiment file, default
# experiments/nightly.yaml; a tuned study works too: compare then matches its final trials by optimizer and problem),
# NIGHTLY_COMPARE_ARGS (extra options for optbench compare, e.g. "--time warn" or "--min-time-ratio 1.5"),
# OPTBENCH (the launcher, default ./optbench).
# Accept a new baseline after an intended change: ln -sfn <run name> runs/nightly/baseline
set -uo pipefail
cd "$(dirname "$0")/.."
root=${NIGHTLY_ROOT:-runs/nightly}
optbench=${OPTBENCH:-./optbench}
experiment=${NIGHTLY_EXPERIMENT:-experiments/nightly.yaml}
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
run="$root/$stamp"
history="$root/history.csv"
header="run,baseline,commit,exit_code,verdict,configuration,metric,kind,effect,p"
mkdir -p "$root"
if [ -f "$history" ] && [ "$(head -n 1 "$history")" != "$header" ]; then
  # An older history without the per-check columns: keep it beside the new one rather than mix formats.
  mv "$history" "$root/history-$stamp.old.csv"
  echo "nightly: $history had an older format; kept as $root/history-$stamp.old.csv"
fi
[ -f "$history" ] || echo "$header" > "$history"

# The commit of the code that ran: the run's manifest records it (git_commit), not the checkout's HEAD now.
commit_of() {
  grep -o '"git_commit" *: *"[^"]*"' "$1/manifest.json" 2>/dev/null | head -n 1 | sed 's/.*: *"\(.*\)"/\1/'
}

record() { # exit code, verdict, [failed-checks CSV]
  local commit
  commit=$(commit_of "$run")
  commit=${commit:-unknown}
  if [ -n "${3:-}" ] && [ "$(wc -l < "$3")" -gt 1 ]; then
    tail -n +2 "$3" | while IFS= read -r check; do
      echo "$stamp,$baseline_name,$commit,$1,$2,$check" >> "$history"
    done
  else
    echo "$stamp,$baseline_name,$commit,$1,$2,,,,," >> "$history"
  fi
  echo "nightly: $2 (exit $1); history in $history"
  exit "$1"
}

baseline_name=""
if [ -e "$root/baseline" ]; then
  # The folder the symlink points to, so the history names the run that was compared against.
  baseline_name=$(basename "$(cd "$root/baseline" && pwd -P)")
fi

if ! "$optbench" run "$experiment" --out "$run"; then
  record 2 run-failed
fi

if [ -z "$baseline_name" ]; then
  ln -s "$stamp" "$root/baseline"
  baseline_name=$stamp
  record 0 new-baseline
fi

checks="$run/failed-checks.csv"
# shellcheck disable=SC2086 # NIGHTLY_COMPARE_ARGS is a list of options on purpose
"$optbench" compare "$root/baseline" "$run" --failed-checks "$checks" ${NIGHTLY_COMPARE_ARGS:-}
code=$?
case $code in
  0) if [ -s "$checks" ] && [ "$(wc -l < "$checks")" -gt 1 ]; then record 0 pass-with-time-warning "$checks";
     else record 0 pass; fi ;;
  1) record 1 regression "$checks" ;;
  4) record 4 time-regression "$checks" ;;
  *) record "$code" unusable-input ;;
esac
