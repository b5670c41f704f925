#!/usr/bin/env bash
# A local Spark standalone cluster from the project's own jars (docs/spark.md):
#   scripts/spark-cluster.sh start [--workers N] [--port P] [--cores C] [--memory M]
#   scripts/spark-cluster.sh status
#   scripts/spark-cluster.sh stop
# then: ./optbench run exp.yaml --executor spark --master spark://127.0.0.1:7077
#
# One master and N workers (default 2, each 1 core and 1g for executors), started as plain `java -cp` processes from
# spark/target/spark-home/jars (built by `mvn -pl spark -am package`, which ./optbench --executor spark also does).
# Logs, work dirs (executor stdout/stderr) and recorded PIDs live under SPARK_CLUSTER_DIR (default
# spark/target/cluster). `stop` stops only the processes this script started, by recorded PID; a worker stops its
# executors as it exits.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
home="$root/spark/target/spark-home"
dir="${SPARK_CLUSTER_DIR:-$root/spark/target/cluster}"
pids="$dir/pids"

usage() {
  echo "usage: scripts/spark-cluster.sh start [--workers N] [--port P] [--cores C] [--memory M] | status | stop" >&2
  exit 2
}

# Whether a recorded PID is still the process this script started (its command line names the class).
alive() { # pid class
  [[ -r "/proc/$1/cmdline" ]] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q "$2"
}

status() {
  local running=0
  if [[ -f "$pids" ]]; then
    while read -r pid class name; do
      if alive "$pid" "$class"; then
        echo "$name: running (pid $pid)"
        running=$((running + 1))
      else
        echo "$name: not running (pid $pid)"
      fi
    done <"$pids"
  fi
  [[ -f "$dir/master-url" ]] && echo "master: $(cat "$dir/master-url")"
  [[ $running -gt 0 ]]
}

start() {
  local workers=2 port=7077 cores=1 memory=1g
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --workers) workers="${2:?}"; shift 2 ;;
      --port) port="${2:?}"; shift 2 ;;
      --cores) cores="${2:?}"; shift 2 ;;
      --memory) memory="${2:?}"; shift 2 ;;
      *) usage ;;
    esac
  done
  [[ "$workers" =~ ^[1-9][0-9]*$ ]] || { echo "spark-cluster: --workers must be a whole number >= 1, got $workers" >&2; exit 2; }
  if [[ -f "$pids" ]] && status >/dev/null; then
    echo "spark-cluster: a cluster started from $dir is running; stop it first (scripts/spark-cluster.sh stop)" >&2
    exit 2
  fi
  if [[ ! -f "$home/jars/spark-0.1.0-SNAPSHOT.jar" ]]; then
    echo "spark-cluster: building the spark module (mvn -pl spark -am package)..." >&2
    (cd "$root" && mvn -B -q -DskipTests -pl spark -am package) >&2
  fi
  rm -rf "$dir"
  mkdir -p "$dir/logs" "$dir/work" "$dir/local"
  : >"$pids"
  # Workers launch executors from SPARK_HOME/jars with Scala 2.13; every daemon binds to the loopback interface.
  export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
  export SPARK_LOCAL_DIRS="$dir/local"
  local url="spark://$SPARK_LOCAL_IP:$port"
  # The daemons log at INFO (the jars' own log4j2.properties keeps drivers quiet): registration shows in their logs.
  cat >"$dir/log4j2.properties" <<'EOF'
rootLogger.level = info
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex
EOF
  local logging="-Dlog4j2.configurationFile=$dir/log4j2.properties"
  java -Xmx256m "$logging" -cp "$home/jars/*" org.apache.spark.deploy.master.Master --host "$SPARK_LOCAL_IP" --port "$port" \
    --webui-port 0 >"$dir/logs/master.log" 2>&1 &
  echo "$! org.apache.spark.deploy.master.Master master" >>"$pids"
  for ((i = 1; i <= workers; i++)); do
    java -Xmx256m "$logging" -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker --host "$SPARK_LOCAL_IP" --cores "$cores" \
      --memory "$memory" --work-dir "$dir/work/worker-$i" --webui-port 0 "$url" >"$dir/logs/worker-$i.log" 2>&1 &
    echo "$! org.apache.spark.deploy.worker.Worker worker-$i" >>"$pids"
  done
  echo "$url" >"$dir/master-url"
  # Ready when every worker has registered with the master.
  for ((t = 0; t < 120; t++)); do
    if [[ $(cat "$dir"/logs/worker-*.log 2>/dev/null | grep -c "Successfully registered with master") -ge $workers ]]; then
      echo "spark-cluster: master $url with $workers worker(s); logs in $dir/logs"
      return 0
    fi
    sleep 1
  done
  echo "spark-cluster: the workers did not register within 120 s; see $dir/logs (stopping)" >&2
  stop
  exit 1
}

stop() {
  [[ -f "$pids" ]] || { echo "spark-cluster: nothing started from $dir"; return 0; }
  # Workers first, so the master does not reschedule their executors; TERM lets a worker stop its executors.
  local stopped=0
  for pass in worker master; do
    while read -r pid class name; do
      if [[ "$name" == "$pass"* ]] && alive "$pid" "$class"; then
        kill "$pid" && stopped=$((stopped + 1))
      fi
    done <"$pids"
    sleep 1
  done
  for ((t = 0; t < 20; t++)); do
    local left=0
    while read -r pid class name; do
      alive "$pid" "$class" && left=$((left + 1))
    done <"$pids"
    [[ $left -eq 0 ]] && break
    sleep 1
  done
  if [[ $left -gt 0 ]]; then
    echo "spark-cluster: $left process(es) still running after 20 s; see scripts/spark-cluster.sh status, then kill -9 those PIDs" >&2
    return 1
  fi
  rm -f "$pids" "$dir/master-url"
  echo "spark-cluster: stopped $stopped process(es)"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) status || true ;;
  *) usage ;;
esac
