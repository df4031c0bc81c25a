#!/usr/bin/env bash
# The measurement behind the choice of HTTP library (docs/http.md): a trivial POST /v1/check
# answer on cpp-httplib 0.11 in three configurations and on Boost.Beast 1.74, each loaded by wrk
# on one and on 32 keep-alive connections. Not part of the build: the two programs are compiled
# here (Beast takes about a minute; its headers come with Debian's libboost-dev).
#   bench/http_libraries/compare.sh [SECONDS]    (default 5 per run)
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_=${1:-5}
WORK=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$WORK"' EXIT
cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"id":"x"}'
LUA
echo "compiling..."
/usr/bin/time -f "cpp-httplib trivial server: %e s to compile" \
  g++ -std=c++20 -O2 httplib_trivial.cpp -o "$WORK/httplib_trivial" $(pkg-config --cflags --libs cpp-httplib) -pthread
/usr/bin/time -f "Boost.Beast trivial server: %e s to compile" \
  g++ -std=c++20 -O2 beast_trivial.cpp -o "$WORK/beast_trivial" -pthread

wait_port() {  # PORT
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.05; done
}
measure() {  # NAME PORT
  for connections in 1 32; do
    result=$(wrk -t1 -c"$connections" -d"${SECONDS_}s" --latency -s "$WORK/post.lua" "http://127.0.0.1:$2/v1/check")
    rate=$(awk '/Requests\/sec/ {print $2}' <<<"$result")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$result")
    errors=$(awk '/Socket errors|Non-2xx/ {print}' <<<"$result" | tr '\n' ' ')
    printf '%-26s %2d connections: %10s req/s  p99 %-9s %s\n' "$1" "$connections" "$rate" "$p99" "$errors"
  done
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
port=18180
for mode in default nodelay sockopt; do
  port=$((port + 1))
  "$WORK/httplib_trivial" "$mode" $port 64 & pid=$!
  wait_port $port
  measure "cpp-httplib $mode" $port
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
done
"$WORK/beast_trivial" 18190 2 & pid=$!
wait_port 18190
measure "Boost.Beast (2 threads)" 18190
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
