#!/usr/bin/env bash
# The filing worklist end to end (docs/todo.md): the samples recorded into a fresh store, `todo`
# on a fixed day in text, JSON and iCalendar against golden files; the JSON validated against
# schema/json/todo.schema.json; the .ics parsed by a calendar library (python3-icalendar) and
# checked event by event; bad input (no store, an empty store, a day that is not a date, an
# unknown format) answered with clear errors. Run from the project root with $EXPORTCTL set
# (ctest does both). UPDATE_GOLDEN=1 rewrites tests/golden/todo/: review the diff.
set -u
EXPORTCTL=${EXPORTCTL:-build/exportctl}
X=$EXPORTCTL
HERE=$(pwd)/tests/todo
GOLDEN=tests/golden/todo
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. tests/lib.sh
# The python3 first on PATH may be a private one (pyenv) without the Debian packages this suite
# reads with (python3-jsonschema, python3-icalendar); Debian's has them once
# scripts/install-deps.sh has run.
PYTHON=
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import jsonschema, icalendar' 2>/dev/null; then PYTHON=$candidate; break; fi
done
if [ -z "$PYTHON" ]; then
  echo "python3-jsonschema or python3-icalendar is missing (scripts/install-deps.sh installs them)"
  echo "todo: 0 passed, 1 failed"
  exit 1
fi
golden() {  # NAME FILE: compares FILE with tests/golden/todo/NAME (or rewrites it)
  if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$2" "$GOLDEN/$1"
    ok
  elif cmp -s "$2" "$GOLDEN/$1"; then
    ok
  else
    fail "$1 differs from $GOLDEN/$1:"
    diff "$GOLDEN/$1" "$2" | head -20
  fi
}

# ---- the samples, recorded as known on a fixed day, so the answers never move ----------------
# 2025-07-10: the Vietnam shipments of 2025-08-01 have a late MITI notice (overdue), a missing
# MITI permit, a BIS license (missing: overdue by the 90-day advice; or held: EEI due); and the
# JSON Lines samples add NAC notices, later ship dates and shipments that have left.
TODAY=2025-07-10
DB=$WORK/todo.db
$X store import rules --db "$DB" >/dev/null
cat samples/*.json >"$WORK/samples.json"
$X store record "$WORK/samples.json" --db "$DB" --known-on 2026-12-02 --format text >/dev/null
expect_eq "the samples are recorded" 0 $?
$X store record samples/shipments.jsonl --db "$DB" --known-on 2026-12-02 --format text >/dev/null
expect_eq "the JSON Lines samples are recorded" 0 $?
# Cases the samples lack on that day: a NAC notice filed late and one not filed, and an Iran
# shipment whose OFAC prohibition no filing answers.
$X store record "$HERE/shipments.jsonl" --db "$DB" --known-on 2026-12-02 --format text >/dev/null
expect_eq "the worklist's own cases are recorded" 0 $?
# A register license (10 units) that this shipment draws 8 of and that expires 21 days after the
# day of the worklist: an alert due 2025-07-31, and EEI for the shipment that uses it.
$X register add "$HERE/register-license.json" --db "$DB" >/dev/null
expect_eq "the register license is entered" 0 $?
$X check "$HERE/licensed.json" --db "$DB" --known-on 2026-12-02 --record --format json >"$WORK/licensed.out" 2>/dev/null
expect_contains "the register license satisfies the shipment" "$(cat "$WORK/licensed.out")" '"register_entry"'

$X todo --db "$DB" --today $TODAY --format text >"$WORK/todo.txt" 2>"$WORK/err"
expect_eq "todo --format text exits 0 and is quiet on stderr" "0" "$?$(cat "$WORK/err")"
golden todo.txt "$WORK/todo.txt"
$X todo --db "$DB" --today $TODAY --format json >"$WORK/todo.json"
expect_eq "todo --format json exits 0" 0 $?
golden todo.json "$WORK/todo.json"
$X todo --db "$DB" --today $TODAY --format ics >"$WORK/todo.ics"
expect_eq "todo --format ics exits 0" 0 $?
golden todo.ics "$WORK/todo.ics"
$X todo --db "$DB" --today $TODAY --format ics >"$WORK/again.ics"
cmp -s "$WORK/todo.ics" "$WORK/again.ics"
expect_eq "the same store and day give the same calendar bytes" 0 $?

# The JSON against its schema, and what an officer must see: overdue first, sorted.
"$PYTHON" "$HERE/check_json.py" "$WORK/todo.json" schema/json/todo.schema.json $TODAY
expect_eq "the JSON follows todo.schema.json, sorted, overdue first, deadlines consistent" 0 $?
# Every filing fact that a requirement of these shipments can call for is used (the Thai one
# answers no rule today), and the prohibition is listed without a filing.
for fact in us.filing.bis-license us.filing.nac-notification us.filing.eei-aes my.filing.sta-notice my.filing.sta-permit; do
  expect_contains "the worklist uses $fact" "$(cat "$WORK/todo.json")" "\"rule\":\"$fact\""
done
expect_contains "a prohibition is listed without a filing" "$(cat "$WORK/todo.json")" '"filing":null,"overdue":false,"requirement":{"authority":"US-OFAC"'
expect_contains "a late NAC notice: its ready day" "$(cat "$WORK/todo.json")" '"ready_on":"2025-07-30"'
# The calendar, read back by a calendar library, event by event against the JSON.
"$PYTHON" "$HERE/check_ics.py" "$WORK/todo.ics" "$WORK/todo.json"
expect_eq "the .ics parses with icalendar and has one event per action and per alert" 0 $?
expect_eq "the alert: the license expiring in 21 days" "expires 2025-07-31 21 D-TODO-1" \
  "$(python3 -c 'import json,sys; [print(a["kind"], a["due"], a["days_left"], a["number"]) for a in json.load(open(sys.argv[1]))["alerts"]]' "$WORK/todo.json")"

# A later day: the shipments of 2025-08-01 have left; nothing of theirs is listed.
$X todo --db "$DB" --today 2025-08-02 --format json >"$WORK/later.json"
expect_eq "a shipment has left the day after its ship date" "0" \
  "$(python3 -c 'import json,sys; print(sum(a["shipment"]["ship_date"] < "2025-08-02" for a in json.load(open(sys.argv[1]))["actions"]))' "$WORK/later.json")"
# On its ship date it has not left.
$X todo --db "$DB" --today 2025-08-01 --format json >"$WORK/on.json"
expect_contains "a shipment is still open on its ship date" "$(cat "$WORK/on.json")" '"ship_date":"2025-08-01"'

# A later record of the same shipment replaces the earlier one: re-dated before today, it has left.
python3 - "$WORK/redated.json" <<'PY'
import json, sys
shipment = json.load(open("samples/h100-vietnam-via-malaysia.json"))
shipment["ship_date"] = "2025-07-01"
shipment.pop("via", None)
json.dump(shipment, open(sys.argv[1], "w"))
PY
cp "$DB" "$WORK/redated.db"
$X check "$WORK/redated.json" --db "$WORK/redated.db" --record --format json >/dev/null 2>&1
$X todo --db "$WORK/redated.db" --today $TODAY --format json >"$WORK/redated-todo.json"
expect_eq "the latest record of a shipment decides whether it has left" "0" \
  "$(python3 -c 'import json,sys; print(sum(a["shipment"]["id"] == "SHP-2025-0801-H100-VN" for a in json.load(open(sys.argv[1]))["actions"]))' "$WORK/redated-todo.json")"

# ---- bad input ---------------------------------------------------------------------------------
$X todo --today $TODAY >"$WORK/out" 2>"$WORK/err"
expect_eq "no --db: usage error" 2 $?
expect_contains "no --db: says so" "$(cat "$WORK/err")" "--db FILE is required"
$X todo --db "$WORK/missing.db" --today $TODAY >"$WORK/out" 2>"$WORK/err"
expect_eq "a store that does not exist: error" 1 $?
expect_contains "a store that does not exist: named" "$(cat "$WORK/err")" "$WORK/missing.db"
$X store import rules --db "$WORK/empty.db" >/dev/null
$X todo --db "$WORK/empty.db" --today $TODAY --format json >"$WORK/out" 2>"$WORK/err"
expect_eq "an empty log: exit 0" 0 $?
expect_eq "an empty log: no actions" \
  '{"actions":[],"alerts":[],"decisions_read":0,"overdue":0,"shipments_open":0,"today":"2025-07-10"}' "$(cat "$WORK/out")"
$X todo --db "$WORK/empty.db" --today $TODAY --format text >"$WORK/out"
expect_contains "an empty log in text: nothing to file" "$(cat "$WORK/out")" "Nothing to file."
: >"$WORK/blank.db"
$X todo --db "$WORK/blank.db" --today $TODAY >"$WORK/out" 2>"$WORK/err"
expect_eq "an empty file is not a store: error" 1 $?
expect_contains "an empty file is not a store: named" "$(cat "$WORK/err")" "$WORK/blank.db"
$X todo --db "$DB" --today 2025-02-30 >"$WORK/out" 2>"$WORK/err"
expect_eq "--today not a date: usage error" 2 $?
expect_contains "--today not a date: named" "$(cat "$WORK/err")" '--today: "2025-02-30" is not a date'
$X todo --db "$DB" --today $TODAY --format pdf >"$WORK/out" 2>"$WORK/err"
expect_eq "unknown format: usage error" 2 $?
expect_contains "unknown format: the choices" "$(cat "$WORK/err")" '--format is text, json or ics, not "pdf"'
# A record whose stored answer is damaged is named, not skipped.
cp "$DB" "$WORK/damaged.db"
sqlite3 "$WORK/damaged.db" "DROP TRIGGER decisions_append_only_update; UPDATE decisions SET determination_json = 'not json' WHERE shipment_id = 'SHP-2025-0801-H100-VN';"
$X todo --db "$WORK/damaged.db" --today $TODAY >"$WORK/out" 2>"$WORK/err"
expect_eq "a damaged record: error" 1 $?
expect_contains "a damaged record: the decision named" "$(cat "$WORK/err")" "the stored determination is not a JSON object"
# Rules without filing facts: a warning, and the actions still listed without a filing.
mkdir -p "$WORK/rules-without-filing"
cp -r rules/. "$WORK/rules-without-filing/"
rm -r "$WORK/rules-without-filing/filing"
$X todo --db "$DB" --today $TODAY --rules "$WORK/rules-without-filing" --format json >"$WORK/out" 2>"$WORK/err"
expect_contains "rules without filing facts: a warning" "$(cat "$WORK/err")" "the rules have no filing facts"
expect_contains "rules without filing facts: actions kept, filing null" "$(cat "$WORK/out")" '"filing":null'

echo "todo: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
