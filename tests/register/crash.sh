#!/usr/bin/env bash
# kill -9 in the middle of recording against the register, three times, then a run to the end.
# After each kill: every acknowledged record is in the log as acknowledged, no unit is used
# twice (one use per decision and entry, none over a limit, none for a decision that does not
# exist), and `audit verify` passes. Each restart records only the shipments the log does not
# hold yet, as an operator would. Prints the figures. Run from the project root with $EXPORTCTL.
set -u
X=${EXPORTCTL:-build/exportctl}
HERE=$(pwd)/tests/register
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/register.db
SHIPMENTS=${SHIPMENTS:-2000}
failed=0
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

"$X" store import rules --db "$DB" > /dev/null || { echo "FAIL: store import"; exit 1; }
source "$HERE/licenses.sh"
python3 "$HERE/make_shipments.py" K "$SHIPMENTS" 7 > "$WORK/all.jsonl"
: > "$WORK/acks"

check_store() {  # after a kill or at the end
  local round=$1
  sort -u "$WORK/acks" | awk -F'\t' '{print $1 "|" $2}' | sort > "$WORK/acked"
  sqlite3 "$DB" 'SELECT id || "|" || shipment_id FROM decisions' | sort > "$WORK/logged"
  local lost
  lost=$(comm -23 "$WORK/acked" "$WORK/logged" | wc -l)
  [ "$lost" -eq 0 ] || fail "$round: $lost acknowledged records lost"
  local over
  over=$(over_limit)
  [ -z "$over" ] || fail "$round: over a limit: $over"
  local twice
  twice=$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT 1 FROM register_usage GROUP BY decision_id, entry_id HAVING count(*) > 1)")
  [ "$twice" -eq 0 ] || fail "$round: $twice decisions drew twice on one entry"
  local orphans
  orphans=$(sqlite3 "$DB" "SELECT count(*) FROM register_usage WHERE decision_id NOT IN (SELECT id FROM decisions)")
  [ "$orphans" -eq 0 ] || fail "$round: $orphans uses without their decision"
  local dupes
  dupes=$(sqlite3 "$DB" 'SELECT count(*) FROM (SELECT 1 FROM decisions GROUP BY shipment_id HAVING count(*) > 1)')
  [ "$dupes" -eq 0 ] || fail "$round: $dupes shipments recorded twice"
  "$X" audit verify --db "$DB" > "$WORK/verify.txt" || fail "$round: audit verify: $(cat "$WORK/verify.txt")"
}

# What the log does not hold yet, in order.
remaining() {
  sqlite3 "$DB" 'SELECT shipment_id FROM decisions' | sort > "$WORK/done"
  python3 - "$WORK/all.jsonl" "$WORK/done" > "$WORK/remaining.jsonl" <<'PY'
import json, sys
done = set(open(sys.argv[2]).read().split())
for line in open(sys.argv[1]):
    if json.loads(line)["id"] not in done:
        sys.stdout.write(line)
PY
}

kills=0
start=$(date +%s.%N)
for round in 1 2 3; do
  remaining
  "$X" store record "$WORK/remaining.jsonl" --db "$DB" --format text >> "$WORK/acks" 2> "$WORK/err" &
  pid=$!
  # Let it record for a while (a different moment each round), then kill it without warning.
  sleep "0.$((3 + round * 2))"
  if kill -9 "$pid" 2> /dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2> /dev/null
  check_store "after kill $round"
done
before_last=$(sqlite3 "$DB" 'SELECT count(*) FROM decisions')
remaining
"$X" store record "$WORK/remaining.jsonl" --db "$DB" --format text >> "$WORK/acks" 2> "$WORK/err" || fail "the last run failed: $(cat "$WORK/err")"
end=$(date +%s.%N)
check_store "at the end"
total=$(sqlite3 "$DB" 'SELECT count(*) FROM decisions')
[ "$total" -eq "$SHIPMENTS" ] || fail "the log holds $total of $SHIPMENTS shipments"
acked=$(sort -u "$WORK/acks" | wc -l)
seconds=$(python3 -c "print(f'{$end - $start:.1f}')")
echo "register crash: $kills kill -9 during recording, $before_last records before the last run, $total in the end" \
  "($acked acknowledged, none lost, no unit used twice) in ${seconds}s"
if [ "$kills" -lt 1 ]; then fail "no recording was killed (it finished too fast: raise SHIPMENTS)"; fi
if [ "$failed" -gt 0 ]; then echo "$failed failed"; exit 1; fi
echo "register crash: passed"
