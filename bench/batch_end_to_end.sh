#!/usr/bin/env bash
# Times `exportctl batch` end to end (read, parse, screen, write JSON Lines) on a generated
# workload, with peak memory, at two sizes so that flat memory shows.
#   bench/batch_end_to_end.sh [EXPORTCTL] [N] [RUNS]
#     EXPORTCTL  default build/exportctl
#     N          default 1000000 shipments (bench/gen_shipments.py, seed 20251114)
#     RUNS       default 3 (hyperfine runs, after one warm-up)
# Environment: WORK (default /tmp/exportctl-bench) keeps the generated files between runs;
# OUT (default /dev/null) is where the answers go (a file shows the cost of the page cache);
# THREADS (default: all cores); RULES (default: the source tree's rules/).
set -euo pipefail
cd "$(dirname "$0")/.."

EXPORTCTL=${1:-build/exportctl}
N=${2:-1000000}
RUNS=${3:-3}
WORK=${WORK:-/tmp/exportctl-bench}
OUT=${OUT:-/dev/null}
RULES=${RULES:-rules}
THREADS_ARG=()
[ -n "${THREADS:-}" ] && THREADS_ARG=(--threads "$THREADS")
mkdir -p "$WORK"

input="$WORK/shipments-$N.jsonl"
small="$WORK/shipments-$((N / 10)).jsonl"
for file in "$input" "$small"; do
  if [ ! -s "$file" ]; then
    count=$(basename "$file" .jsonl); count=${count#shipments-}
    echo "generating $file" >&2
    python3 bench/gen_shipments.py "$count" --out "$file.tmp" && mv "$file.tmp" "$file"
  fi
done

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $input ($(du -h "$input" | cut -f1), $N shipments)"

# One run with /usr/bin/time for peak memory and CPU, at both sizes.
for file in "$small" "$input"; do
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" \
    "$EXPORTCTL" batch "$file" -o "$OUT" --rules "$RULES" "${THREADS_ARG[@]}" 2>"$WORK/summary.txt" || true
  read -r wall user sys rss < <(tail -n 1 "$WORK/time.txt")  # after "Command exited with..."
  count=$(grep -oE '[0-9]+ shipments:' "$WORK/summary.txt" | grep -oE '[0-9]+')
  awk -v f="$(basename "$file")" -v n="$count" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" 'BEGIN {
    printf "%s: %d shipments, wall %.2f s (%.0f shipments/s), cpu %.2f s user + %.2f s sys, peak RSS %.1f MB\n",
           f, n, w, n / w, u, s, m / 1024 }'
  sed 's/^/  /' "$WORK/summary.txt"
done

if command -v hyperfine >/dev/null; then
  hyperfine -i --warmup 1 --runs "$RUNS" --export-json "$WORK/hyperfine.json" \
    "$EXPORTCTL batch $input -o $OUT --rules $RULES ${THREADS_ARG[*]}" 2>/dev/null | grep -E 'Time|Range' || true
  python3 - "$WORK/hyperfine.json" "$N" <<'EOF'
import json, sys
result = json.load(open(sys.argv[1]))["results"][0]
n = int(sys.argv[2])
print("hyperfine: mean %.2f s, min %.2f s -> %.0f shipments/s (mean), %.0f (best)"
      % (result["mean"], result["min"], n / result["mean"], n / result["min"]))
EOF
fi
