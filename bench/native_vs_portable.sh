#!/usr/bin/env bash
# A portable build (-DEXPORTCTL_NATIVE=OFF) against a native one (-DEXPORTCTL_NATIVE=ON) on the
# batch workload, in the same run, alternated: CPU time (user + sys) and wall time per run, the
# medians and the ratio, with nproc and the load; and a check that both write the same bytes.
#   bench/native_vs_portable.sh NATIVE PORTABLE [N] [ROUNDS] [THREADS]
#     NATIVE, PORTABLE  the two exportctl binaries (e.g. build/exportctl, build-portable/exportctl)
#     N        default 300000 shipments (bench/gen_shipments.py, default seed)
#     ROUNDS   default 5 (each binary once per round, the order alternating)
#     THREADS  default 1
# Build the portable one with:
#   cmake -S . -B build-portable -DCMAKE_BUILD_TYPE=Release -DEXPORTCTL_NATIVE=OFF && cmake --build build-portable --target exportctl
set -euo pipefail
cd "$(dirname "$0")/.."
NATIVE=$1
PORTABLE=$2
N=${3:-300000}
ROUNDS=${4:-5}
THREADS=${5:-1}
WORK=${WORK:-/tmp/exportctl-bench}
mkdir -p "$WORK"
input="$WORK/shipments-$N.jsonl"
[ -s "$input" ] || python3 bench/gen_shipments.py "$N" --out "$input"

# The same bytes: the first 20,000 shipments through both.
head -n 20000 "$input" >"$WORK/identity.jsonl"
"$NATIVE" batch "$WORK/identity.jsonl" --rules rules -o "$WORK/native.out" 2>/dev/null || true
"$PORTABLE" batch "$WORK/identity.jsonl" --rules rules -o "$WORK/portable.out" 2>/dev/null || true
if cmp -s "$WORK/native.out" "$WORK/portable.out"; then echo "answers: identical on 20,000 shipments"
else echo "answers: DIFFER on 20,000 shipments"; exit 1; fi

# run BINARY: prints "cpu wall" in seconds.
run() {
  # batch exits with the worst verdict (3, 4 or 5): not a failure here.
  { /usr/bin/time -f "%U %S %e" "$1" batch "$input" --rules rules --threads "$THREADS" -o /dev/null 2>&1 >/dev/null || true; } |
    tail -n 1 | awk '{printf "%.2f %.2f\n", $1 + $2, $3}'
}
load_before=$(cut -d' ' -f1 /proc/loadavg)
native_runs=()
portable_runs=()
for round in $(seq "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then
    native_runs+=("$(run "$NATIVE")"); portable_runs+=("$(run "$PORTABLE")")
  else
    portable_runs+=("$(run "$PORTABLE")"); native_runs+=("$(run "$NATIVE")")
  fi
done
load_after=$(cut -d' ' -f1 /proc/loadavg)
echo "machine: nproc $(nproc), load $load_before -> $load_after; $N shipments, --threads $THREADS, $ROUNDS rounds alternated"
python3 - "$N" "${native_runs[*]}" "${portable_runs[*]}" <<'EOF'
import statistics, sys
n = int(sys.argv[1])
def parse(text):
    values = [float(v) for v in text.split()]
    return values[0::2], values[1::2]
native_cpu, native_wall = parse(sys.argv[2])
portable_cpu, portable_wall = parse(sys.argv[3])
for name, cpu, wall in (("native", native_cpu, native_wall), ("portable", portable_cpu, portable_wall)):
    print("%-8s cpu median %.2f s (%.2f..%.2f), wall median %.2f s (%.2f..%.2f), %.0f shipments per CPU-second" % (
        name, statistics.median(cpu), min(cpu), max(cpu), statistics.median(wall), min(wall), max(wall),
        n / statistics.median(cpu)))
print("portable / native: %.3f CPU, %.3f wall" % (statistics.median(portable_cpu) / statistics.median(native_cpu),
                                                  statistics.median(portable_wall) / statistics.median(native_wall)))
EOF
