#!/usr/bin/env bash
# Installs the system packages optbench's build and data fetching rely on (idempotent; needs root for apt).
set -euo pipefail
need=()
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
command -v npm >/dev/null || need+=(npm)
if [ "$(id -u)" = 0 ]; then
  # apt-get download (Fashion-MNIST) needs fresh package lists.
  apt-get update -qq >/dev/null || echo "setup: apt-get update failed; Fashion-MNIST fetching may not work" >&2
  if [ ${#need[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
elif [ ${#need[@]} -gt 0 ]; then
  echo "setup: missing ${need[*]}; install them (as root: apt-get install ${need[*]})" >&2
  exit 1
fi
