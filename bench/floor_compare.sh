#!/usr/bin/env bash
# exportctl batch against the floor program (simdjson parse of the same input plus writing the
# same number of bytes, ../shared/bench/floor) in one run: full answers and compact answers to a
# file, on 1 and 2 threads, RUNS rounds alternating the programs, with wall and CPU time.
#   bench/floor_compare.sh [EXPORTCTL] [N] [RUNS]
#     EXPORTCTL  default build/exportctl;  N  default 1000000 shipments;  RUNS  default 3
# Environment: RULES (default rules/); WORK (default /tmp/exportctl-bench) holds the workload, the floor binary and the
# answers; FLOOR_SRC (default ../shared/bench/floor/floor.cpp); FLOOR_FLAGS (default -O2
# -march=native, as the floor's README builds it).
# Prints one line per run and a summary: medians and the ratios exportctl / floor.
set -euo pipefail
cd "$(dirname "$0")/.."

EXPORTCTL=${1:-build/exportctl}
N=${2:-1000000}
RUNS=${3:-3}
WORK=${WORK:-/tmp/exportctl-bench}
FLOOR_SRC=${FLOOR_SRC:-../shared/bench/floor/floor.cpp}
FLOOR_FLAGS=${FLOOR_FLAGS:--O2 -march=native}
RULES=${RULES:-rules}
mkdir -p "$WORK"
input="$WORK/shipments-$N.jsonl"
if [ ! -s "$input" ]; then
  echo "generating $input" >&2
  python3 bench/gen_shipments.py "$N" --out "$input.tmp" && mv "$input.tmp" "$input"
fi
floor="$WORK/floor"
if [ ! -x "$floor" ] || [ "$FLOOR_SRC" -nt "$floor" ]; then
  # shellcheck disable=SC2086
  g++ $FLOOR_FLAGS -std=c++17 "$FLOOR_SRC" -lsimdjson -pthread -o "$floor"
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $input ($(du -h "$input" | cut -f1), $N shipments); exportctl: $EXPORTCTL"

# Bytes per answer line, for the floor to write as many.
"$EXPORTCTL" batch "$input" --rules "$RULES" -o "$WORK/full.jsonl" 2>/dev/null || true
"$EXPORTCTL" batch "$input" --rules "$RULES" --format compact -o "$WORK/compact.jsonl" 2>/dev/null || true
[ -s "$WORK/full.jsonl" ] && [ -s "$WORK/compact.jsonl" ] || { echo "exportctl batch wrote no answers" >&2; exit 1; }
full_bytes=$(( $(stat -c %s "$WORK/full.jsonl") / N ))
compact_bytes=$(( $(stat -c %s "$WORK/compact.jsonl") / N ))
echo "answers: full $full_bytes bytes per line, compact $compact_bytes bytes per line"

results="$WORK/floor_compare.txt"
: >"$results"
run() {  # run NAME COMMAND...: one timed run, appended to the results as "NAME wall cpu"
  local name=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$WORK/time.txt" "$@" >/dev/null 2>&1 || true
  read -r wall user sys < <(tail -n 1 "$WORK/time.txt")
  awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" 'BEGIN { printf "%s %.3f %.3f\n", n, w, u + s }' | tee -a "$results"
}
for round in $(seq "$RUNS"); do
  for threads in 1 2; do
    run "floor-emit-full/t$threads" "$floor" emit "$input" "$threads" "$WORK/floor.out" "$full_bytes"
    run "exportctl-full/t$threads" "$EXPORTCTL" batch "$input" --rules "$RULES" --threads "$threads" -o "$WORK/full.jsonl"
    run "floor-emit-compact/t$threads" "$floor" emit "$input" "$threads" "$WORK/floor.out" "$compact_bytes"
    run "exportctl-compact/t$threads" "$EXPORTCTL" batch "$input" --rules "$RULES" --threads "$threads" --format compact -o "$WORK/compact.jsonl"
    run "floor-parse/t$threads" "$floor" parse "$input" "$threads"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" "$N" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, wall, cpu = line.split()
    rows.setdefault(name, []).append((float(wall), float(cpu)))
n = int(sys.argv[2])
med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v), min(w for w, _ in v), max(w for w, _ in v)) for k, v in rows.items()}
print("%-24s %10s %10s %14s %s" % ("program/threads", "wall s", "cpu s", "rate/s (wall)", "wall range"))
for k in sorted(med):
    w, c, lo, hi = med[k]
    print("%-24s %10.3f %10.3f %14.0f %.3f..%.3f" % (k, w, c, n / w, lo, hi))
def ratio(a, b, i):
    return med[a][i] / med[b][i]
for t in (1, 2):
    print("t%d: exportctl full / floor emit full: wall %.2fx, cpu %.2fx" % (t, ratio(f"exportctl-full/t{t}", f"floor-emit-full/t{t}", 0), ratio(f"exportctl-full/t{t}", f"floor-emit-full/t{t}", 1)))
    print("t%d: exportctl compact / floor emit compact: wall %.2fx, cpu %.2fx" % (t, ratio(f"exportctl-compact/t{t}", f"floor-emit-compact/t{t}", 0), ratio(f"exportctl-compact/t{t}", f"floor-emit-compact/t{t}", 1)))
    print("t%d: compact rate / full rate: wall %.2fx, cpu %.2fx" % (t, ratio(f"exportctl-full/t{t}", f"exportctl-compact/t{t}", 0), ratio(f"exportctl-full/t{t}", f"exportctl-compact/t{t}", 1)))
print("exportctl full: t2 rate / t1 rate (wall): %.2fx" % ratio("exportctl-full/t1", "exportctl-full/t2", 0))
print("floor emit full: t2 rate / t1 rate (wall): %.2fx" % ratio("floor-emit-full/t1", "floor-emit-full/t2", 0))
PY
