#!/usr/bin/env bash
# Load test of `exportctl serve` on loopback with wrk: POST /v1/check, one sample shipment per
# request, on keep-alive connections; reports requests/s, latency percentiles, errors, and the
# server's resident memory before and after (flat memory shows as equal figures).
#   bench/http_load.sh [EXPORTCTL] [SECONDS] [CONNECTIONS]
#     EXPORTCTL    default build/exportctl
#     SECONDS      default 30
#     CONNECTIONS  default 32 (wrk uses one thread: the machine has two cores and the server
#                  needs them more)
# Environment: SHIPMENT (default samples/h100-vietnam-via-malaysia.json); ACCESS_LOG (default a
# file in a temporary directory; "off" for none); SERVE_ARGS (more options for serve); ROUNDS
# (default 1: wrk runs of SECONDS each on the same server, memory printed after each).
# The machine is shared: the load average before and after is printed with the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
EXPORTCTL=${1:-build/exportctl}
SECONDS_=${2:-30}
CONNECTIONS=${3:-32}
command -v wrk >/dev/null || { echo "wrk is missing (scripts/install-deps.sh installs it)"; exit 1; }
WORK=$(mktemp -d)
ACCESS_LOG=${ACCESS_LOG:-$WORK/access.log}
server=
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then kill -TERM "$server"; wait "$server" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck disable=SC2086
"$EXPORTCTL" serve --port 0 --rules rules --access-log "$ACCESS_LOG" ${SERVE_ARGS:-} 2>"$WORK/events" &
server=$!
for _ in $(seq 100); do grep -q '"listening"' "$WORK/events" 2>/dev/null && break; sleep 0.05; done
port=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$WORK/events" | head -1)
url=http://127.0.0.1:$port/v1/check
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$server/status"; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
wrk -t1 -c"$CONNECTIONS" -d2s -s bench/http_check.lua "$url" >/dev/null  # warm-up: threads, caches
echo "server RSS after warm-up: $(rss)"
for round in $(seq "${ROUNDS:-1}"); do
  wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s bench/http_check.lua "$url"
  echo "server RSS after round $round ($SECONDS_ s): $(rss)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^exportctl_http_requests_total\{route="/v1/check"' || true
