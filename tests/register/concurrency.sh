#!/usr/bin/env bash
# 4 processes record 1,000 shipments each against two licenses with limits (one in units, one in
# dollars) that run out during the run. Checks: the units and dollars used never exceed a limit,
# and the last shipments were refused for it; every acknowledged record is in the log, once;
# every use belongs to a decision the license satisfied; `audit verify` passes. Prints the
# figures. Run from the project root with $EXPORTCTL set (ctest does both).
set -u
X=${EXPORTCTL:-build/exportctl}
HERE=$(pwd)/tests/register
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/register.db
PROCESSES=${PROCESSES:-4}
PER_PROCESS=${PER_PROCESS:-1000}
failed=0
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

"$X" store import rules --db "$DB" > /dev/null || { echo "FAIL: store import"; exit 1; }
source "$HERE/licenses.sh"
for p in $(seq 1 "$PROCESSES"); do python3 "$HERE/make_shipments.py" "P$p" "$PER_PROCESS" "$p" > "$WORK/p$p.jsonl"; done

start=$(date +%s.%N)
pids=()
for p in $(seq 1 "$PROCESSES"); do
  "$X" store record "$WORK/p$p.jsonl" --db "$DB" --format text > "$WORK/p$p.acks" 2> "$WORK/p$p.err" &
  pids+=($!)
done
for i in "${!pids[@]}"; do wait "${pids[$i]}" || fail "process $((i + 1)) failed: $(cat "$WORK/p$((i + 1)).err")"; done
end=$(date +%s.%N)

total=$((PROCESSES * PER_PROCESS))
acks=$(cat "$WORK"/p*.acks | wc -l)
[ "$acks" -eq "$total" ] || fail "acknowledged $acks of $total"
records=$(sqlite3 "$DB" 'SELECT count(*) FROM decisions')
[ "$records" -eq "$total" ] || fail "the log holds $records decisions, $total expected"
# Every acknowledged id holds the shipment it acknowledged.
cat "$WORK"/p*.acks | awk -F'\t' '{print $1 "|" $2}' | sort > "$WORK/acked"
sqlite3 "$DB" 'SELECT id || "|" || shipment_id FROM decisions' | sort > "$WORK/logged"
missing=$(comm -23 "$WORK/acked" "$WORK/logged" | wc -l)
[ "$missing" -eq 0 ] || fail "$missing acknowledged records are not in the log as acknowledged"
dupes=$(sqlite3 "$DB" 'SELECT count(*) FROM (SELECT shipment_id FROM decisions GROUP BY shipment_id HAVING count(*) > 1)')
[ "$dupes" -eq 0 ] || fail "$dupes shipments recorded twice"

over=$(over_limit)
[ -z "$over" ] || fail "over a limit: $over"
# Both licenses ran out: what is used is within one shipment's draw of the limit.
used_quantity=$(sqlite3 "$DB" "SELECT CAST(sum(quantity) AS INTEGER) FROM register_usage WHERE entry_id = 1")
used_value=$(sqlite3 "$DB" "SELECT CAST(sum(value_usd) AS INTEGER) FROM register_usage WHERE entry_id = 2")
[ "$used_quantity" -ge $((QUANTITY_LIMIT - 2)) ] ||
  fail "license D-QTY-1 used $used_quantity of $QUANTITY_LIMIT: it should have run out"
[ "$used_value" -ge $((VALUE_LIMIT - 50000)) ] || fail "license D-VAL-2 used $used_value of $VALUE_LIMIT: it should have run out"
refused=$(sqlite3 "$DB" "SELECT count(*) FROM decisions WHERE verdict = 'action_required'
  AND determination_json LIKE '%already used; this shipment needs%'")
[ "$refused" -gt 0 ] || fail "no shipment was refused for an exhausted license"
# Each use belongs to a decision that the same register entry satisfied, and no decision used twice.
stray=$(sqlite3 "$DB" "SELECT count(*) FROM register_usage u JOIN decisions d ON d.id = u.decision_id
  WHERE d.verdict != 'cleared' OR d.determination_json NOT LIKE '%\"register_entry\":{\"id\":' || u.entry_id || '%'")
[ "$stray" -eq 0 ] || fail "$stray uses without a decision the entry satisfied"
twice=$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT decision_id FROM register_usage GROUP BY decision_id, entry_id HAVING count(*) > 1)")
[ "$twice" -eq 0 ] || fail "$twice decisions drew twice on one entry"
cleared=$(sqlite3 "$DB" "SELECT count(*) FROM decisions WHERE verdict = 'cleared'")
uses=$(sqlite3 "$DB" "SELECT count(*) FROM register_usage")
[ "$cleared" -eq "$uses" ] || fail "$cleared cleared decisions but $uses uses"
"$X" audit verify --db "$DB" > "$WORK/verify.txt" || fail "audit verify: $(cat "$WORK/verify.txt")"

seconds=$(python3 -c "print(f'{$end - $start:.1f}')")
rate=$(python3 -c "print(round($total / ($end - $start)))")
echo "register concurrency: $PROCESSES processes x $PER_PROCESS shipments = $total records in ${seconds}s ($rate records/s);" \
  "D-QTY-1 used $used_quantity of $QUANTITY_LIMIT units, D-VAL-2 used USD $used_value of $VALUE_LIMIT;" \
  "$cleared cleared, $refused refused for an exhausted license"
if [ "$failed" -gt 0 ]; then echo "$failed failed"; exit 1; fi
echo "register concurrency: passed"
