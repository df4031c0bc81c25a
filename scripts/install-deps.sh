#!/usr/bin/env bash
# Installs the Debian 12 packages exportctl needs to build, test and benchmark.
# Idempotent: packages already present are left alone.
set -euo pipefail
packages=(cmake g++ make pkg-config
          libsqlite3-dev sqlite3 nlohmann-json3-dev libboost-date-time-dev catch2
          libsimdjson-dev libssl-dev libbenchmark-dev python3 python3-jsonschema jq)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}"
fi
