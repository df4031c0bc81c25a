#!/usr/bin/env bash
# License Exception LPP's annual count per ultimate consignee (docs/register.md), end to end, on
# rules in which the AI Diffusion rule is enforced (tests/register/lpp/enforced_rules.py: with the
# real rules LPP covers nothing, so the count could change no answer): the scenarios of
# tests/register/lpp/scenarios; check without a store (indeterminate, naming the fact), with
# --db and --record (counted, in JSON and text); void-usage of an LPP-only shipment; replay of a
# register-satisfied and a counted decision (identical); store migrate from schema 3; and two
# processes racing for the last TPP under the limit, of which exactly one may clear.
# Run from the project root with $EXPORTCTL set (ctest does both).
set -u
X=${EXPORTCTL:-build/exportctl}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. tests/lib.sh

RULES=$WORK/rules
python3 tests/register/lpp/enforced_rules.py rules "$RULES" || { echo "FAIL: enforced_rules.py"; exit 1; }
scenarios=$("$X" test tests/register/lpp/scenarios --rules "$RULES" 2>&1)
expect_eq "the LPP scenarios" "$(ls tests/register/lpp/scenarios/*.json | wc -l) passed, 0 failed" "$(tail -1 <<<"$scenarios")"
[ "$failed" -eq 0 ] || echo "$scenarios"

# order ID SHIP_DATE QUANTITY: H100s (15,832 TPP each) to one consignee in Malaysia.
order() {
  printf '{"id": "%s", "ship_date": "%s", "origin": "US", "destination": "MY",
    "exporter": {"name": "NVIDIA Corporation", "country": "US", "headquarters": "US"},
    "parties": [{"role": "ultimate_consignee", "name": "Example Data Centre Sdn Bhd", "country": "MY", "headquarters": "MY"}],
    "items": [{"model": "NVIDIA H100 SXM", "quantity": %s}]}' "$1" "$2" "$3" > "$WORK/$1.json"
}
check() {  # ID [options...]
  local id=$1
  shift
  "$X" check "$WORK/$id.json" --rules "$RULES" --known-on 2026-12-02 "$@"
}

DB=$WORK/lpp.db
"$X" store import "$RULES" --db "$DB" > /dev/null
order BIG 2026-03-02 1000
order MORE 2026-06-01 700
storeless=$(check MORE --format json)
expect_eq "without a store: indeterminate, naming LPP" "indeterminate|us.ear.740.29.lpp|0" \
  "$(jq -r '[.verdict, .warnings[0].rule, (.requirements | length)] | map(tostring) | join("|")' <<<"$storeless")"
expect_contains "without a store: the fact and the hint" "$(jq -r '.warnings[0].message' <<<"$storeless")" \
  "screen with --db: the store counts the recorded shipments to the consignee"
expect_eq "a fresh store decides: LPP" "cleared|LPP|[]" \
  "$(check MORE --db "$DB" --format json | jq -c -r '[.verdict, .requirements[0].exception, (.requirements[0].counted | tojson)] | join("|")')"
check BIG --db "$DB" --record --format json > /dev/null 2>&1 || fail "record BIG"
over=$(check MORE --db "$DB" --format json)
expect_eq "over because of the recorded 1,000" 'action_required|missing|[{"decision":1,"ship_date":"2026-03-02","shipment_id":"BIG","tpp":15832000}]' \
  "$(jq -c -r '[.verdict, .requirements[0].status, (.requirements[0].counted | tojson)] | join("|")' <<<"$over")"
expect_contains "text names what was counted" "$(check MORE --db "$DB" --format text)" \
  "LPP annual count: counted 1 earlier shipment to Example Data Centre Sdn Bhd in 2026: BIG (decision 1, 2026-03-02, TPP 15832000)"
expect_contains "HTML names what was counted" "$(check MORE --db "$DB" --format html)" \
  "<dt>LPP annual count</dt><dd>counted 1 earlier shipment to Example Data Centre Sdn Bhd in 2026"
"$X" register void-usage 1 --db "$DB" --by ana --reason "order cancelled" > /dev/null || fail "void-usage of an LPP-only decision"
expect_eq "voided: not counted" "cleared|[]" \
  "$(check MORE --db "$DB" --format json | jq -c -r '[.verdict, (.requirements[0].counted | tojson)] | join("|")')"

# A register license for 10 units: decision 2 draws on it; decision 3 (LPP) counts 2 and 3 is
# counted later by 4. Each replays as recorded, whatever came after.
printf '{"authority": "US-BIS", "kind": "license", "number": "D-10", "destinations": ["MY"], "quantity": 10, "entered_by": "ana"}' \
  > "$WORK/license.json"
"$X" register add "$WORK/license.json" --db "$DB" --rules "$RULES" > /dev/null || fail "register add"
order TEN 2026-04-01 10
order SMALL 2026-05-01 100
for id in TEN SMALL SMALL; do check $id --db "$DB" --record --format json > /dev/null 2>&1 || fail "record $id"; done
for decision in 1 2 3 4; do
  expect_eq "replay of decision $decision" identical \
    "$("$X" replay "$decision" --db "$DB" --rules "$RULES" --format json | jq -r .result)"
done
expect_eq "decision 2 was satisfied by the register" D-10 \
  "$(sqlite3 "$DB" 'SELECT determination_json FROM decisions WHERE id = 2' | jq -r '.requirements[0].authorization')"

# store record without register entries: each shipment is counted with those recorded before it.
SDB=$WORK/record.db
"$X" store import "$RULES" --db "$SDB" > /dev/null
cat "$WORK/BIG.json" <(echo) "$WORK/MORE.json" > "$WORK/two.jsonl"
expect_eq "store record counts the shipments before it" "1	BIG	cleared
2	MORE	action_required" "$("$X" store record "$WORK/two.jsonl" --db "$SDB" --rules "$RULES" --known-on 2026-12-02 --format text)"

# store migrate: a schema-3 store with one decision learns that it is not counted.
OLD=$WORK/old.db
for sql in schema/sqlite/00[123]_*.sql; do sqlite3 "$OLD" < "$sql"; done
sqlite3 "$OLD" "PRAGMA user_version = 3; INSERT INTO decisions VALUES (1, '2025-01-01T00:00:00Z', 'OLD-1', '2025-06-01',
  '2025-01-01', 0, 'cleared', '0', 'sha256:0', '{}', '{}', '0', '0')"
expect_eq "store migrate says what is not counted" "$OLD: schema 3 -> 4
1 decision recorded before migration 004 is not counted towards the ultimate consignee's annual LPP count (docs/register.md); record again the shipments of this year that have not left" \
  "$("$X" store migrate --db "$OLD" --format text)"
expect_eq "store migrate again: nothing to do" "$OLD: schema 4, the latest; nothing to migrate" "$("$X" store migrate --db "$OLD" --format text)"
expect_eq "store migrate --format json" '{"from":4,"to":4,"uncounted_decisions":0}' "$("$X" store migrate --db "$OLD" --format json)"

# Over the limit of shipments counted for one screening: an error naming it, never a short count.
LDB=$WORK/limit.db
"$X" store import "$RULES" --db "$LDB" > /dev/null
sqlite3 "$LDB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001)
  INSERT INTO decisions SELECT i, 't', 'S' || i, '2026-01-01', '2026-01-01', 0, 'cleared', '0', 'x', '{}', '{}', '0', '0' FROM n;
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10001)
  INSERT INTO consignee_shipments SELECT i, 'exampledatacentresdnbhd', 'MY', 2026, 1, 1 FROM n"
expect_eq "over the counted limit" \
  "exportctl: 10001 recorded shipments to the ultimate consignee \"exampledatacentresdnbhd\" (MY) in 2026, over the limit of 10000 counted for one screening (docs/limits.md)|1" \
  "$(check MORE --db "$LDB" --format json 2>&1 >/dev/null)|$(check MORE --db "$LDB" --format json > /dev/null 2>&1; echo $?)"

# Two processes race for the last TPP under the limit: 1,599 H100s recorded (25,315,368 TPP)
# leave 1,584,632, room for one shipment of 100 (1,583,200) but not two.
order FILL 2026-02-01 1599
order RACE 2026-07-01 100
rounds=${ROUNDS:-5}
for round in $(seq 1 "$rounds"); do
  RDB=$WORK/race$round.db
  "$X" store import "$RULES" --db "$RDB" > /dev/null
  check FILL --db "$RDB" --record --format json > /dev/null 2>&1 || fail "record FILL"
  check RACE --db "$RDB" --record --format json > "$WORK/a.json" 2> /dev/null &
  a=$!
  check RACE --db "$RDB" --record --format json > "$WORK/b.json" 2> /dev/null &
  b=$!
  wait $a
  wait $b
  expect_eq "race $round: exactly one clears" "action_required cleared" \
    "$(jq -r .verdict "$WORK/a.json" "$WORK/b.json" | sort | tr '\n' ' ' | sed 's/ $//')"
done

echo "register lpp: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
