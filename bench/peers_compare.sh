#!/usr/bin/env bash
# exportctl against the peer rules engines, on the same shipments, in one run.
#   bench/peers_compare.sh [N] [PEER...]       (defaults: 1000000 native-c clips@b100 json-logic-js)
# Environment: PEERS (default /tmp/peers: a writable copy of ../shared/bench/peers, installed with
# its install.sh), EXPORTCTL (default build/exportctl), BENCH (default build/bench/exportctl_bench),
# RULES (default rules/).
#
# 1. the peer harness runs the given peers (run.sh: evaluation-only rate, answers checked);
# 2. the workload is converted to the screening contract (tools/to_contract.js) and
#    `exportctl batch` screens it end to end (read, parse, screen, write JSON Lines), on every
#    core and on one;
# 3. exportctl_bench measures the in-memory core (screen only, and parse + screen + write on
#    one core) on the first 20,000 converted shipments;
# 4. compare_peer_answers.py counts where the four shared answers differ, and why.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

N=${1:-1000000}
shift || true
PEER_LIST=("$@")
[ ${#PEER_LIST[@]} -gt 0 ] || PEER_LIST=(native-c clips@b100 json-logic-js)
PEERS=${PEERS:-/tmp/peers}
EXPORTCTL=$(realpath "${EXPORTCTL:-build/exportctl}")
BENCH=$(realpath "${BENCH:-build/bench/exportctl_bench}")
RULES=$(realpath "${RULES:-rules}")
SEED=20251114
[ -x "$PEERS/run.sh" ] || { echo "no peer harness in $PEERS (cp -r ../shared/bench/peers $PEERS && $PEERS/install.sh)" >&2; exit 2; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== peers (${PEER_LIST[*]}) on $N shipments"
(cd "$PEERS" && ./run.sh "$N" "${PEER_LIST[@]}") || echo "(a peer failed or disagreed; see above)"

workload="$PEERS/work/shipments-$N-s$SEED.jsonl"
contract="$PEERS/work/contract-$N.jsonl"
[ -s "$contract" ] || (cd "$PEERS" && node tools/to_contract.js "$workload" >"$contract")

echo "== exportctl batch on the same $N shipments (converted: $(du -h "$contract" | cut -f1))"
for threads in "" 1; do
  args=(batch "$contract" -o /dev/null --rules "$RULES")
  [ -n "$threads" ] && args+=(--threads "$threads")
  /usr/bin/time -f "%e %U %S %M" -o /tmp/peers_compare.time "$EXPORTCTL" "${args[@]}" 2>/tmp/peers_compare.err || true
  read -r wall user sys rss < <(tail -n 1 /tmp/peers_compare.time)  # after "Command exited with..."
  awk -v n="$N" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v t="${threads:-all}" 'BEGIN {
    printf "exportctl-batch threads=%s shipments_per_s=%.0f wall_s=%.2f cpu_s=%.2f per_cpu_s=%.0f peak_rss_mb=%.1f\n",
           t, n / w, w, u + s, n / (u + s), m / 1024 }'
  sed 's/^/  /' /tmp/peers_compare.err
done

echo "== exportctl core on the first 20000 converted shipments (one core)"
head -n 20000 "$contract" >/tmp/peers_compare.20k.jsonl
"$BENCH" --shipments=/tmp/peers_compare.20k.jsonl --rules="$RULES" \
  --benchmark_filter='BM_screen/|BM_parse$|BM_write_json/|BM_parse_screen_write' 2>/dev/null | grep -E '^BM_'

echo "== answers: exportctl against the peers' reference"
(cd "$PEERS" && node runners/reference-js.js "$workload" --out=/tmp/peers_compare.reference.jsonl >/dev/null)
"$EXPORTCTL" batch "$contract" -o /tmp/peers_compare.answers.jsonl --rules "$RULES" 2>/dev/null || true
python3 "$ROOT/bench/compare_peer_answers.py" "$workload" /tmp/peers_compare.reference.jsonl /tmp/peers_compare.answers.jsonl
rm -f /tmp/peers_compare.answers.jsonl /tmp/peers_compare.reference.jsonl /tmp/peers_compare.20k.jsonl
