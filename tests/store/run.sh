#!/usr/bin/env bash
# The SQLite store, decision log, replay, diff and recheck, end to end on real database files,
# with the real sqlite3 shell playing the tamperer. Run from the project root with $EXPORTCTL set
# (ctest does both). Prints one line per failure, the recording speed, and "N passed, M failed".
set -u
EXPORTCTL=${EXPORTCTL:-build/exportctl}
X=$EXPORTCTL
ROOT=$(pwd)
HERE=$ROOT/tests/store
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

. tests/lib.sh
q() { sqlite3 "$@"; }  # the real sqlite3 shell

# ---- 1. the rule store -------------------------------------------------------------------------
DB=$WORK/store.db
out=$($X store import rules --db "$DB" --format json)
expect_eq "first import changes the store" true "$(jq -r .changed <<<"$out")"
files=$(find rules -name '*.json' | wc -l)
expect_eq "every rule file stored" "$files" "$(q "$DB" 'SELECT count(*) FROM rule_documents')"
expect_eq "every rule version stored" "$(jq -r .versions <<<"$out")" "$(q "$DB" 'SELECT count(*) FROM rule_versions')"
migrations=$(ls schema/sqlite/*.sql | wc -l)
expect_eq "schema version is the number of migrations" "$migrations" "$(q "$DB" 'PRAGMA user_version')"
expect_eq "WAL mode" wal "$(q "$DB" 'PRAGMA journal_mode')"
expect_eq "versions keep known_from and recorded_at" 0 \
  "$(q "$DB" "SELECT count(*) FROM rule_versions WHERE known_from NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' OR recorded_at NOT GLOB '*T*Z'")"
expect_eq "the letter's dates as in its file" "2025-04-09|2025-04-09|" \
  "$(q "$DB" "SELECT valid_from, known_from, valid_to FROM rule_versions WHERE rule_id = 'us.letter.nvidia.h20'")"

snapshot() {  # every table's rows with their digests, in a stable order
  q "$1" "SELECT 'imports', count(*) FROM rule_imports; SELECT 'documents', count(*) FROM rule_documents;
          SELECT 'links', count(*) FROM rule_import_documents; SELECT 'versions', count(*) FROM rule_versions;
          SELECT 'supersessions', count(*) FROM rule_version_supersessions;
          SELECT id, name, sha256, recorded_at FROM rule_documents ORDER BY id;
          SELECT id, rule_id, version, sha256, recorded_at FROM rule_versions ORDER BY id;
          SELECT * FROM rule_imports ORDER BY id;"
}
before=$(snapshot "$DB")
out=$($X store import rules --db "$DB" --format json)
expect_eq "identical re-import reports no change" false "$(jq -r .changed <<<"$out")"
expect_eq "identical re-import changes no row or digest" "$before" "$(snapshot "$DB")"

# A corrected letter (new citation) and a withdrawn rule file: history grows, nothing is rewritten.
cp -r rules "$WORK/rules2"
jq '.versions[0].citation = "corrected citation"' rules/us/letter-nvidia-h20.json >"$WORK/rules2/us/letter-nvidia-h20.json"
rm "$WORK/rules2/us/letter-amd-mi308.json"
old_rows=$(q "$DB" 'SELECT * FROM rule_versions ORDER BY id')
out=$($X store import "$WORK/rules2" --db "$DB" --format json)
expect_eq "changed import supersedes one version" 1 "$(jq -r .versions_superseded <<<"$out")"
expect_eq "changed import withdraws the removed rule's version" 1 "$(jq -r .versions_withdrawn <<<"$out")"
expect_eq "changed import adds one document content" 1 "$(jq -r .documents_added <<<"$out")"
expect_eq "no stored version row rewritten" "$old_rows" "$(q "$DB" "SELECT * FROM rule_versions WHERE id <= $(wc -l <<<"$old_rows") ORDER BY id")"
expect_eq "supersession keeps both digests" \
  "$(q "$DB" "SELECT sha256 FROM rule_versions WHERE rule_id='us.letter.nvidia.h20' ORDER BY id" | paste -sd'|')" \
  "$(q "$DB" "SELECT s.old_sha256 || '|' || s.new_sha256 FROM rule_version_supersessions s JOIN rule_versions v ON v.id = s.old_version_id WHERE v.rule_id='us.letter.nvidia.h20'")"
expect_eq "history lists both contents of the letter" 2 "$($X store history us.letter.nvidia.h20 --db "$DB" --format json | wc -l)"
expect_eq "current view has the corrected letter" "corrected citation" \
  "$(q "$DB" "SELECT citation FROM current_rule_versions WHERE rule_id='us.letter.nvidia.h20'")"
if q "$DB" "UPDATE rule_versions SET citation = 'x' WHERE id = 1" 2>/dev/null; then fail "rule history accepted an UPDATE"; else ok; fi
out=$($X store import rules --db "$DB" --format json)
expect_eq "re-importing the original restores it as current (as a new import)" "true 3" "$(jq -r '"\(.changed) \(.import)"' <<<"$out")"

# ---- 2. the same answers from the store and from files -----------------------------------------
mkdir -p "$WORK/cases"
for f in samples/*.json; do cp "$f" "$WORK/cases/sample-$(basename "$f")"; done
# Scenario shipments: those the engine accepts go to one JSON Lines file (their known_on option
# written into the shipment, where it means the same), the rejected ones to files of their own.
python3 - "$WORK" <<'PY'
import json, pathlib, sys
work = pathlib.Path(sys.argv[1])
with open(work / "scenarios.jsonl", "w") as lines:
    for n, path in enumerate(sorted(pathlib.Path("tests/scenarios").rglob("*.json")), 1):
        scenario = json.loads(path.read_text())
        shipment, options = scenario["shipment"], scenario.get("options", {})
        if "error" in scenario["expect"] or options.get("include_proposed"):
            (work / "cases" / f"scenario-{n}.json").write_text(json.dumps(shipment))
            (work / "cases" / f"scenario-{n}.known_on").write_text(options.get("known_on", ""))
            continue
        if "known_on" in options:
            shipment["known_on"] = options["known_on"]
        lines.write(json.dumps(shipment) + "\n")
PY
same=0
for f in "$WORK"/cases/*.json; do
  k=${f%.json}.known_on
  extra=()
  [ -s "$k" ] && extra=(--known-on "$(cat "$k")")
  from_files=$($X check "$f" --rules rules --format json "${extra[@]}" 2>&1; echo "exit $?")
  from_store=$($X check "$f" --db "$DB" --format json "${extra[@]}" 2>&1; echo "exit $?")
  if [ "$from_files" == "$from_store" ]; then same=$((same + 1)); else fail "store and files differ on $f"; fi
done
total=$(ls "$WORK"/cases/*.json | wc -l)
expect_eq "samples and rejected scenario shipments: identical output from store and files ($total)" "$total" "$same"
cp "$DB" "$WORK/from-store.db"
$X store record "$WORK/scenarios.jsonl" --db "$WORK/from-store.db" --format json >/dev/null
$X store record "$WORK/scenarios.jsonl" --rules rules --db "$WORK/from-files.db" --format json >/dev/null
answers() { q "$1" 'SELECT id, determination_json FROM decisions ORDER BY id'; }
scenarios=$(grep -c . "$WORK/scenarios.jsonl")
expect_eq "scenario shipments recorded from store and files" "$scenarios|$scenarios" \
  "$(q "$WORK/from-store.db" 'SELECT count(*) FROM decisions')|$(q "$WORK/from-files.db" 'SELECT count(*) FROM decisions')"
if [ "$(answers "$WORK/from-store.db")" == "$(answers "$WORK/from-files.db")" ]; then ok; else
  fail "scenario shipments: determinations from store and files differ"; fi
[ "$scenarios" -gt 0 ] && ok || fail "no scenario shipments found"
for k in 2025-04-01 2025-05-14; do
  a=$($X diff tests/store/shipments.jsonl --rules rules --known-on 2025-01-01 --known-on $k --format json | tail -1 | jq -c '.summary | del(.a, .b)')
  b=$($X diff tests/store/shipments.jsonl --db "$DB" --known-on 2025-01-01 --known-on $k --format json | tail -1 | jq -c '.summary | del(.a, .b)')
  expect_eq "diff from store and from files agree ($k)" "$a" "$b"
done

# ---- 3. the decision log -----------------------------------------------------------------------
LOG=$WORK/log.db
$X store import rules --db "$LOG" >/dev/null
for f in samples/*.json; do
  plain=$($X check "$f" --db "$LOG" --format json; echo "exit $?")
  next=$(($(q "$LOG" 'SELECT count(*) FROM decisions') + 1))
  recorded=$($X check "$f" --db "$LOG" --record --format json 2>"$WORK/id.err"; echo "exit $?")
  expect_eq "check --record prints what check prints ($f)" "$plain" "$recorded"
  expect_eq "check --record names the decision on stderr ($f)" "exportctl: recorded as decision $next in $LOG" "$(cat "$WORK/id.err")"
done
records=$(ls samples/*.json | wc -l)
expect_eq "one record per check --record" "$records" "$(q "$LOG" 'SELECT count(*) FROM decisions')"
first=$(ls samples/*.json | head -1)
expect_eq "the request is stored verbatim" "$(cat "$first")" "$($X audit show 1 --db "$LOG" --format json | jq -r .request_json)"
expect_eq "the determination is stored as printed" "$($X check "$first" --db "$LOG" --format json)" \
  "$($X audit show 1 --db "$LOG" --format json | jq -r .determination_json)"
expect_eq "engine version and rules digest recorded" \
  "$($X check "$first" --db "$LOG" --format json | jq -r .rules.digest)" "$(q "$LOG" 'SELECT rules_digest FROM decisions WHERE id = 1')"
expect_eq "known_on defaults to the recording day" "$(date -u +%F)" "$(q "$LOG" 'SELECT known_on FROM decisions WHERE id = 1')"
expect_eq "a given known_on is recorded" 2025-08-01 \
  "$(q "$LOG" "SELECT known_on FROM decisions WHERE shipment_id = 'SHP-2025-0042'")"
expect_eq "audit list lists every record" "$records" "$($X audit list --db "$LOG" --format json | wc -l)"
$X audit verify --db "$LOG" >/dev/null 2>&1
expect_eq "intact chain verifies" 0 $?
if q "$LOG" "UPDATE decisions SET verdict = 'cleared' WHERE id = 2" 2>/dev/null; then fail "decision log accepted an UPDATE"; else ok; fi
if q "$LOG" "DELETE FROM decisions WHERE id = 2" 2>/dev/null; then fail "decision log accepted a DELETE"; else ok; fi

# The triggers a tamperer drops are put back exactly as they were, so that only the decision log
# itself gives the edit away (a dropped trigger is named too: tests/audit/run.sh).
trigger() { q "$LOG" "SELECT sql || ';' FROM sqlite_master WHERE name = 'decisions_append_only_$1'"; }
TRIGGERS="$(trigger update) $(trigger delete)"
tamper() {  # name sql expected-id [problems]: apply sql to a copy, verify must name that record
  cp "$LOG" "$WORK/t.db"
  q "$WORK/t.db" "DROP TRIGGER decisions_append_only_update; DROP TRIGGER decisions_append_only_delete; $2; $TRIGGERS"
  $X audit verify --db "$WORK/t.db" --format text >"$WORK/t.out" 2>"$WORK/t.err"
  local status=$?
  expect_eq "$1: exit 7 (inconsistent)" 7 $status
  expect_eq "$1: one line on stderr" 1 "$(wc -l <"$WORK/t.err")"
  expect_contains "$1: stderr names decision $3" "$(cat "$WORK/t.err")" "decision chain: decision $3:"
  expect_contains "$1: the report names decision $3" "$(cat "$WORK/t.out")" "  decision chain: decision $3: "
  local problems="${4:-1} problem"
  [ "${4:-1}" = 1 ] || problems+=s
  expect_eq "$1: only the chain has problems" "$(basename "$WORK")/t.db: INCONSISTENT: $problems" \
    "$(head -1 "$WORK/t.out" | sed 's|.*/\([^/]*/t.db\)|\1|')"
}
tamper "edited verdict" "UPDATE decisions SET verdict = verdict || 'x' WHERE id = 4" 4
tamper "edited determination (one byte added)" "UPDATE decisions SET determination_json = determination_json || ' ' WHERE id = 3" 3
# A record that joined no consignee's LPP count, so that only the chain can give its deletion away;
# deleting one that did also leaves its consignee_shipments row pointing at nothing.
gone=$(q "$LOG" "SELECT min(id) FROM decisions WHERE id > 1 AND id < $records
  AND id NOT IN (SELECT decision_id FROM consignee_shipments)")
tamper "deleted record" "DELETE FROM decisions WHERE id = $gone" $((gone + 1))
counted=$(q "$LOG" "SELECT min(decision_id) FROM consignee_shipments")
cp "$LOG" "$WORK/t.db"
q "$WORK/t.db" "DROP TRIGGER decisions_append_only_delete; DELETE FROM decisions WHERE id = $counted; $(trigger delete)"
expect_contains "deleted counted record: its count row is named" "$($X audit verify --db "$WORK/t.db" --format text 2>&1)" \
  "table consignee_shipments row $counted: refers to a row of decisions that is not there"
tamper "reordered records" "UPDATE decisions SET id = -2 WHERE id = 2; UPDATE decisions SET id = 2 WHERE id = 3; UPDATE decisions SET id = 3 WHERE id = -2" 2 3
tamper "edited request (one byte added)" "UPDATE decisions SET request_json = request_json || ' ' WHERE id = 6" 6
# The chain's definition is public (docs/audit.md): an independent implementation agrees with it,
# and a tamperer who recomputes the edited record's hash is caught at the next record.
expect_eq "independent verifier agrees" "intact $records" "$(python3 "$HERE/verify_chain.py" "$LOG")"
cp "$LOG" "$WORK/t.db"
python3 "$HERE/verify_chain.py" "$WORK/t.db" --forge 7 cleared
expect_eq "forged hash: the independent verifier sees it at record 8" "broken 8" "$(python3 "$HERE/verify_chain.py" "$WORK/t.db")"
q "$WORK/t.db" "$(trigger update)"
$X audit verify --db "$WORK/t.db" 2>"$WORK/t.err" >/dev/null
expect_contains "forged hash: audit verify names decision 8" "$(cat "$WORK/t.err")" "decision 8: does not link to decision 7"
$X audit verify --db "$LOG" >/dev/null 2>&1
expect_eq "the original still verifies" 0 $?
# Removing the last record leaves a valid shorter chain; an anchor noted earlier catches it.
head=$($X audit verify --db "$LOG" --format json | jq -r .head)
expect_eq "verify prints the head as ID:HASH" "$records:$(q "$LOG" "SELECT hash FROM decisions WHERE id = $records")" "$head"
cp "$LOG" "$WORK/t.db"
q "$WORK/t.db" "DROP TRIGGER decisions_append_only_delete; DELETE FROM decisions WHERE id = $records; $(trigger delete)"
$X audit verify --db "$WORK/t.db" >/dev/null 2>&1
expect_eq "a truncated chain alone still verifies" 0 $?
$X audit verify --db "$WORK/t.db" --anchor "$head" >/dev/null 2>"$WORK/t.err"
expect_eq "truncation caught by the anchor" "7 1" "$? $(wc -l <"$WORK/t.err")"
expect_contains "truncation names the anchored record" "$(cat "$WORK/t.err")" "decision $records: is the head in $head but no longer in the log"
$X audit verify --db "$LOG" --anchor "$head" >/dev/null
expect_eq "the anchor holds on the original" 0 $?
$X check "$first" --record --format json >/dev/null 2>&1
expect_eq "--record without --db is a usage error" 2 $?
$X audit verify --db "$WORK/missing.db" >/dev/null 2>"$WORK/err"
expect_eq "missing database: exit 1" "1 1" "$? $(wc -l <"$WORK/err")"

# ---- 4. bitemporal: H100 to a Malaysian buyer, as known before and after the rescission --------
H100=$HERE/h100-malaysia.json
base=$(q "$LOG" 'SELECT count(*) FROM decisions')
$X check "$H100" --db "$LOG" --record --known-on 2025-05-01 --format json >"$WORK/a.json" 2>/dev/null
expect_eq "known on 2025-05-01: exit 3" 3 $?
expect_eq "known on 2025-05-01: action_required" action_required "$(jq -r .verdict "$WORK/a.json")"
expect_eq "known on 2025-05-01: the AI Diffusion license" "us.ear.742.6.diffusion license missing" \
  "$(jq -r '.requirements[] | "\(.rule) \(.kind) \(.status)"' "$WORK/a.json")"
$X check "$H100" --db "$LOG" --record --known-on 2025-05-14 --format json >"$WORK/b.json" 2>/dev/null
expect_eq "known on 2025-05-14: exit 0" 0 $?
expect_eq "known on 2025-05-14: cleared, nothing required" "cleared 0" "$(jq -r '"\(.verdict) \(.requirements | length)"' "$WORK/b.json")"
early=$((base + 1))
late=$((base + 2))
expect_eq "recorded known_on" "2025-05-01 action_required|2025-05-14 cleared" \
  "$(q "$LOG" "SELECT known_on || ' ' || verdict FROM decisions WHERE id IN ($early, $late) ORDER BY id" | paste -sd'|')"
expect_eq "replay as recorded (2025-05-01): identical" "identical 2025-05-01" \
  "$($X replay $early --db "$LOG" --format json | jq -r '"\(.result) \(.known_on.replayed)"')"
expect_eq "replay as recorded (2025-05-14): identical" "identical 2025-05-14" \
  "$($X replay $late --db "$LOG" --format json | jq -r '"\(.result) \(.known_on.replayed)"')"
expect_eq "replay with the exact recorded rule set: identical" identical \
  "$($X replay $early --db "$LOG" --as-recorded --format json | jq -r .result)"
r=$($X replay $early --db "$LOG" --known-on 2025-05-14 --format json)
expect_eq "replay 2025-05-01 decision as known on 2025-05-14: changed to cleared" "changed action_required cleared" \
  "$(jq -r '"\(.result) \(.verdict.before) \(.verdict.after)"' <<<"$r")"
expect_eq "replay names the rule version that changed" '[{"rule":"us.ear.742.6.diffusion","version":1}]' \
  "$(jq -c .rule_versions <<<"$r")"
expect_eq "replay lists the requirement that went away" "us.ear.742.6.diffusion missing|0" \
  "$(jq -r '"\(.requirements_removed[0].rule) \(.requirements_removed[0].status)|\(.requirements_added | length)"' <<<"$r")"
expect_contains "replay text" "$($X replay $late --db "$LOG" --known-on 2025-05-01 --format text)" \
  "verdict: cleared -> action_required"

# ---- 5. proposed rules -------------------------------------------------------------------------
$X check "$H100" --db "$LOG" --record --include-proposed --known-on 2025-05-14 --format json >"$WORK/p.json" 2>/dev/null
pid=$(q "$LOG" 'SELECT max(id) FROM decisions')
expect_eq "include_proposed recorded" 1 "$(q "$LOG" "SELECT include_proposed FROM decisions WHERE id = $pid")"
expect_eq "recorded answer equals check --include-proposed" \
  "$($X check "$H100" --db "$LOG" --include-proposed --known-on 2025-05-14 --format json)" \
  "$(q "$LOG" "SELECT determination_json FROM decisions WHERE id = $pid")"
expect_eq "replay of a proposed-rules decision: identical" identical "$($X replay $pid --db "$LOG" --format json | jq -r .result)"
$X diff tests/store/shipments.jsonl --known-on 2025-04-01 --known-on 2025-05-01 --include-proposed --format json >/dev/null
expect_eq "diff --include-proposed runs (and finds the letter's changes: exit 6)" 6 $?

# ---- 6. diff -----------------------------------------------------------------------------------
h20_check() {  # name file: every H20-to-China change names the letter; every one after the letter changes
  local d
  d=$($X diff "$2" --known-on 2025-04-01 --known-on 2025-05-01 --format json)
  local expected
  expected=$(jq -c 'select(.destination == "CN" and (.exporter.name // "" | ascii_downcase | contains("nvidia"))
                     and ([.items[].model // "" | ascii_downcase | test("h20")] | any) and .ship_date >= "2025-04-09")
                    | .id' "$2" | sort)
  local changed
  changed=$(jq -c 'select(.shipment_id) | .shipment_id' <<<"$d" | sort)
  expect_eq "$1: diff lists every NVIDIA H20-to-China shipment after the letter" "$expected" \
    "$(comm -12 <(echo "$expected") <(echo "$changed"))"
  local ids
  ids=$(jq -r 'select(.destination == "CN" and ([.items[].model // "" | ascii_downcase | test("h20")] | any)) | .id' "$2")
  local blamed=0 all=0
  while IFS= read -r entry; do
    local id
    id=$(jq -r .shipment_id <<<"$entry")
    grep -qxF "$id" <<<"$ids" || continue
    all=$((all + 1))
    jq -e '.rule_versions | any(.rule == "us.letter.nvidia.h20" and .version == 1)' <<<"$entry" >/dev/null && blamed=$((blamed + 1))
  done < <(jq -c 'select(.shipment_id)' <<<"$d")
  expect_eq "$1: every H20-to-China change names us.letter.nvidia.h20 v1 ($all)" "$all" "$blamed"
  [ "$all" -gt 0 ] && ok || fail "$1: no H20-to-China change found"
  expect_eq "$1: summary counts the listed shipments" "$(jq -c 'select(.shipment_id)' <<<"$d" | wc -l)" \
    "$(jq -r 'select(.summary) | .summary.differing' <<<"$d")"
}
h20_check "fixture" tests/store/shipments.jsonl
[ -f samples/shipments.jsonl ] && h20_check "samples/shipments.jsonl" samples/shipments.jsonl
d=$($X diff tests/store/shipments.jsonl --known-on 2025-04-01 --known-on 2025-05-01 --format text)
expect_contains "diff text names the cause" "$d" "+ US license missing: us.letter.nvidia.h20 v1 (US->CN)"
expect_contains "diff text summary" "$d" "shipments differ"
# Two rule directories: only the corrected letter differs (its citation is in the requirement).
d=$($X diff tests/store/shipments.jsonl --rules rules --rules "$WORK/rules2" --known-on 2025-06-01 --format json)
expect_eq "diff --rules: responsible versions" '[{"rule":"us.letter.amd.mi308","shipments":1,"version":1},{"rule":"us.letter.nvidia.h20","shipments":5,"version":1}]' \
  "$(jq -c 'select(.summary) | .summary.rule_versions' <<<"$d")"
OTHER=$WORK/other.db
$X store import "$WORK/rules2" --db "$OTHER" >/dev/null
expect_eq "diff --db A --db B equals diff --rules DIR1 --rules DIR2" \
  "$(jq -c 'del(.summary.a, .summary.b)' <<<"$d")" \
  "$($X diff tests/store/shipments.jsonl --db "$LOG" --db "$OTHER" --known-on 2025-06-01 --format json | jq -c 'del(.summary.a, .summary.b)')"
$X diff tests/store/shipments.jsonl --known-on 2025-04-01 --format json >/dev/null 2>&1
expect_eq "diff with one side is a usage error" 2 $?

# ---- 7. recheck open shipments -----------------------------------------------------------------
open_after() { q "$LOG" "SELECT count(*) FROM decisions WHERE ship_date > '$1'"; }
r=$($X recheck --db "$LOG" --today 2025-05-14 --format json)
expect_eq "recheck counts the open decisions" "$(open_after 2025-05-14)" "$(jq -r 'select(.summary) | .summary.open' <<<"$r")"
expect_eq "recheck as of 2025-05-14 lists the H100 decision made as known on 2025-05-01" \
  "$early action_required cleared" \
  "$(jq -r "select(.decision == $early) | \"\(.decision) \(.verdict.before) \(.verdict.after)\"" <<<"$r")"
expect_eq "recheck does not list decisions that still hold" "" \
  "$(jq -r "select(.decision == $late or .decision == $pid) | .decision" <<<"$r")"
r=$($X recheck --db "$LOG" --today 2025-05-02 --format json)
expect_eq "recheck as of 2025-05-02: the 2025-05-01 answer still holds" "" "$(jq -r "select(.decision == $early) | .decision" <<<"$r")"
expect_eq "recheck as of 2025-05-02: the 2025-05-14 answer is not yet known" "$late" "$(jq -r "select(.decision == $late) | .decision" <<<"$r")"
expect_eq "recheck with today's date: nothing from 2025 is open" 0 \
  "$($X recheck --db "$LOG" --today 2099-01-01 --format json | jq -r '.summary.open')"

# ---- 8. speed: 10,000 decisions ----------------------------------------------------------------
BULK=$WORK/bulk.jsonl
grep -v '^$' tests/store/shipments.jsonl | awk '{ line[NR] = $0 } END { for (i = 0; i < 10000; ++i) print line[i % NR + 1] }' >"$BULK"
SPEED=$WORK/speed.db
$X store import rules --db "$SPEED" >/dev/null
start=$(date +%s%N)
$X store record "$BULK" --db "$SPEED" --format text >"$WORK/ids"
status=$?
end=$(date +%s%N)
expect_eq "store record: 10,000 recorded" "0 10000 10000" "$status $(wc -l <"$WORK/ids") $(q "$SPEED" 'SELECT count(*) FROM decisions')"
echo "store record: 10000 decisions in $(((end - start) / 1000000)) ms (screening, hashing and SQLite, batches of 1000)"
start=$(date +%s%N)
$X audit verify --db "$SPEED" >/dev/null
expect_eq "10,000-record chain verifies" 0 $?
end=$(date +%s%N)
echo "audit verify: 10000 records in $(((end - start) / 1000000)) ms"
expect_eq "store record answers equal check's" "$($X check <(sed -n 7p "$BULK") --db "$SPEED" --format json)" \
  "$(q "$SPEED" 'SELECT determination_json FROM decisions WHERE id = 7')"

# ---- 9. concurrent writers and kill -9 ---------------------------------------------------------
CONC=$WORK/concurrent.db
$X store import rules --db "$CONC" >/dev/null
head -600 "$BULK" >"$WORK/600.jsonl"
$X store record "$WORK/600.jsonl" --db "$CONC" --batch 7 --format text >"$WORK/w1" &
w1=$!
$X store record "$WORK/600.jsonl" --db "$CONC" --batch 5 --format text >"$WORK/w2" &
w2=$!
for i in $(seq 1 20); do $X check "$H100" --db "$CONC" --record --format json >/dev/null 2>>"$WORK/checker.err"; done
wait $w1; s1=$?
wait $w2; s2=$?
expect_eq "two concurrent recorders and a checker succeed" "0 0" "$s1 $s2"
expect_eq "the checker named each decision it recorded" 20 "$(grep -c '^exportctl: recorded as decision [0-9]* in ' "$WORK/checker.err")"
expect_eq "concurrent writers: every decision recorded once" "1220|1220" \
  "$(q "$CONC" 'SELECT count(*), count(DISTINCT hash) FROM decisions')"
expect_eq "concurrent writers: ids acknowledged are distinct" 1200 "$(cat "$WORK/w1" "$WORK/w2" | cut -f1 | sort -u | wc -l)"
$X audit verify --db "$CONC" >/dev/null
expect_eq "concurrent writers: chain intact" 0 $?

KILL=$WORK/kill.db
$X store import rules --db "$KILL" >/dev/null
$X store record "$BULK" --db "$KILL" --batch 1 --format text >"$WORK/acked" &
recorder=$!
for i in $(seq 1 200); do
  [ "$(wc -l <"$WORK/acked")" -ge 300 ] && break
  sleep 0.05
done
kill -9 $recorder
{ wait $recorder; } 2>/dev/null
expect_eq "the recorder was killed mid-way" 137 $?
acked=$(cut -f1 "$WORK/acked" | grep -E '^[0-9]+$' | sort -n)
count=$(wc -l <<<"$acked")
[ "$count" -ge 300 ] && [ "$count" -lt 10000 ] && ok || fail "kill test: $count ids acknowledged (want 300..9999)"
expect_eq "after kill -9: integrity_check" ok "$(q "$KILL" 'PRAGMA integrity_check')"
$X audit verify --db "$KILL" >/dev/null
expect_eq "after kill -9: chain intact" 0 $?
missing=$(comm -23 <(echo "$acked" | sort) <(q "$KILL" 'SELECT id FROM decisions' | sort))
expect_eq "after kill -9: no acknowledged decision lost" "" "$missing"
$X store record "$WORK/600.jsonl" --db "$KILL" --format text >/dev/null
$X audit verify --db "$KILL" >/dev/null
expect_eq "after kill -9: recording resumes on the same chain" 0 $?

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
