#!/usr/bin/env bash
# The auditor's tools end to end on real database files (docs/audit.md): verify of the whole
# store and its anchors, the list filters, the period report (against a golden file), replay,
# diff and recheck exit codes, the decision log export and its external verifier, and commands
# that only read a store refusing what is not one. The sqlite3 shell plays the tamperer, openssl
# the auditor's key holder. Run from the project root with $EXPORTCTL set (ctest does both).
# UPDATE_GOLDEN=1 rewrites tests/golden/audit/: review the diff.
set -u
EXPORTCTL=${EXPORTCTL:-build/exportctl}
X=$EXPORTCTL
HERE=$(pwd)/tests/audit
GOLDEN=tests/golden/audit
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

. tests/lib.sh
q() { sqlite3 "$@"; }
untrigger() {  # DB TABLE: drops the append-only triggers of TABLE, as a tamperer would
  q "$1" "DROP TRIGGER ${2}_append_only_update; DROP TRIGGER ${2}_append_only_delete;"
}

# ---- the seeded store: the samples (pretty-printed, one after another) and a hostile name ------
DB=$WORK/audit.db
$X store import rules --db "$DB" >/dev/null
cat samples/*.json "$HERE/escaping.json" >"$WORK/seed.json"
shipments=$(($(ls samples/*.json | wc -l) + 1))
$X store record "$WORK/seed.json" --db "$DB" --known-on 2025-09-01 --format text >"$WORK/ids"
expect_eq "store record reads pretty-printed objects one after another" "0 $shipments" "$? $(wc -l <"$WORK/ids")"
H100=tests/store/h100-malaysia.json
$X check "$H100" --db "$DB" --record --known-on 2025-05-01 --format text >"$WORK/check.txt" 2>"$WORK/check.err"
expect_eq "check --record: the verdict's exit code" 3 $?
records=$((shipments + 1))
expect_eq "check --record names the decision in the text report" "Recorded as decision $records in $DB" \
  "$(tail -1 "$WORK/check.txt")"
expect_eq "check --record in text prints nothing on stderr" "" "$(cat "$WORK/check.err")"
TODAY=$(date -u +%F)

# ---- 1. commands that only read a store open it read-only and refuse what is not one -----------
: >"$WORK/empty.db"
printf 'this is a text file, not a database at all\n' >"$WORK/junk.db"
q "$WORK/foreign.db" "CREATE TABLE t (x)"
readers=("audit verify" "audit head" "audit list" "audit show 1" "audit report -o $WORK/r.html" "audit export"
         "replay 1" "recheck" "store history" "check samples/contract-example.json"
         "diff samples/shipments.jsonl --known-on 2025-01-01 --known-on 2025-06-01")
for file in missing.db empty.db junk.db foreign.db; do
  case $file in
    missing.db) why="no such database" ;;
    empty.db) why="an empty file, not an exportctl store" ;;
    junk.db) why="not an SQLite database" ;;
    foreign.db) why="not an exportctl store" ;;
  esac
  before=$(cksum "$WORK/$file" 2>&1)
  for reader in "${readers[@]}"; do
    # shellcheck disable=SC2086
    $X $reader --db "$WORK/$file" >"$WORK/out" 2>"$WORK/err"
    status=$?
    expect_eq "$reader on $file: exit 1, one line on stderr, nothing on stdout" "1 1 0" \
      "$status $(wc -l <"$WORK/err") $(wc -c <"$WORK/out")"
    expect_contains "$reader on $file: says why" "$(cat "$WORK/err")" "$file: $why"
  done
  expect_eq "$file left as it was by every reader" "$before" "$(cksum "$WORK/$file" 2>&1)"
done
expect_eq "no reader created a store or a journal" "empty.db foreign.db junk.db" \
  "$(cd "$WORK" && ls empty.db* foreign.db* junk.db* missing.db* 2>/dev/null | paste -sd' ')"

# A store its reader may not write to verifies (root writes anywhere: it runs as nobody then).
RO=$WORK/ro
mkdir "$RO"
cp "$DB" "$RO/store.db"
chmod 0555 "$RO"
chmod 0444 "$RO/store.db"
chmod 0755 "$WORK"
READER=$X
as_reader=()
if [ "$(id -u)" = 0 ]; then  # a copy of the binary, so that nobody can run it wherever the tree is
  READER=$WORK/exportctl
  cp "$X" "$READER"
  as_reader=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
before=$(cksum "$RO/store.db")
"${as_reader[@]}" "$READER" audit verify --db "$RO/store.db" --format json >"$WORK/out" 2>"$WORK/err"
expect_eq "a read-only store verifies intact" "0 true" "$? $(jq -r .intact "$WORK/out" 2>/dev/null)"
expect_eq "verifying a read-only store prints nothing on stderr" "" "$(cat "$WORK/err")"
"${as_reader[@]}" "$READER" audit list --db "$RO/store.db" --format jsonl >"$WORK/out" 2>"$WORK/err"
expect_eq "a read-only store lists" "0 $records" "$? $(wc -l <"$WORK/out")"
expect_eq "the read-only store is unchanged" "$before" "$(cksum "$RO/store.db")"
chmod 0755 "$RO"

# ---- 2. verify: everything the store holds, every inconsistency named ---------------------------
$X audit verify --db "$DB" --format json >"$WORK/v.json"
expect_eq "the seeded store is intact" "0 true 0" "$? $(jq -r '"\(.intact) \(.inconsistency_count)"' "$WORK/v.json")"
expect_eq "verify names every check it made" \
  "sqlite migrations rule documents rule imports rule versions decision chain decision rules" \
  "$(jq -r '[.checks[].name] | join(" ")' "$WORK/v.json")"
expect_eq "verify counts the records, first and last" "$records 1 $records" \
  "$(jq -r '"\(.records) \(.first_id) \(.last_id)"' "$WORK/v.json")"
expect_eq "verify counts the rule documents" "$(find rules -name '*.json' | wc -l)" \
  "$(jq -r '.checks[] | select(.name == "rule documents") | .checked' "$WORK/v.json")"
expect_eq "verify prints the head as ID:HASH" "$records:$(q "$DB" "SELECT hash FROM decisions WHERE id = $records")" \
  "$(jq -r .head "$WORK/v.json")"
expect_eq "verify prints the rules digests" "$(q "$DB" 'SELECT rules_digest FROM rule_imports')" \
  "$(jq -r '.imports[].rules_digest' "$WORK/v.json")"
expect_eq "verify says what it cannot detect without an anchor" 3 "$(jq '.cannot_detect | length' "$WORK/v.json")"
text=$($X audit verify --db "$DB" --format text)
expect_contains "the text report lists the checks" "$text" "  ok  rule documents: "
expect_contains "the text report says what it cannot detect" "$text" "a store cannot show by itself"

tamper() {  # name table sql: the tampered copy is $WORK/t.db, its report $WORK/t.out
  cp "$DB" "$WORK/t.db"
  untrigger "$WORK/t.db" "$2"
  q "$WORK/t.db" "$3"
  $X audit verify --db "$WORK/t.db" --format text >"$WORK/t.out" 2>"$WORK/t.err"
  expect_eq "$1: exit 7 (inconsistent), one line on stderr" "7 1" "$? $(wc -l <"$WORK/t.err")"
}
tamper "an edited stored rule document" rule_documents \
  "UPDATE rule_documents SET text = replace(text, '2025-04-09', '2025-04-10') WHERE name = 'us/letter-nvidia-h20.json'"
id=$(q "$DB" "SELECT id FROM rule_documents WHERE name = 'us/letter-nvidia-h20.json'")
expect_contains "an edited rule document is named" "$(cat "$WORK/t.out")" \
  "  rule documents: rule document us/letter-nvidia-h20.json (id $id): its text does not match its recorded SHA-256 (edited after import)"
expect_contains "its import no longer gives its digest" "$(cat "$WORK/t.out")" \
  "  rule imports: import 1 ($(q "$DB" 'SELECT rules_digest FROM rule_imports WHERE id = 1')): its documents no longer give its rules digest (edited: us/letter-nvidia-h20.json)"
expect_contains "the decisions made with it are named" "$(cat "$WORK/t.out")" "  decision rules: decisions 1-$records: made with rules"
expect_contains "the dropped trigger is named" "$(cat "$WORK/t.out")" \
  "  migrations: trigger rule_documents_append_only_update: missing (dropped?)"
row=$(q "$DB" "SELECT id FROM rule_versions WHERE rule_id = 'us.letter.nvidia.h20'")
tamper "an edited citation column" rule_versions "UPDATE rule_versions SET citation = 'nothing' WHERE id = $row"
expect_contains "an edited citation column is named" "$(cat "$WORK/t.out")" \
  "  rule versions: rule version us.letter.nvidia.h20 v1 (row $row): its citation column does not match its JSON and rule document (edited after import)"
tamper "an edited rule version JSON" rule_versions \
  "UPDATE rule_versions SET json = replace(json, '2025-04-09', '2025-04-10') WHERE id = $row"
expect_contains "an edited rule version JSON is named" "$(cat "$WORK/t.out")" \
  "  rule versions: rule version us.letter.nvidia.h20 v1 (row $row): its JSON does not match its recorded SHA-256 (edited after import)"
tamper "an edited decision" decisions "UPDATE decisions SET verdict = 'cleared' WHERE id = 2 AND verdict != 'cleared';
                                       UPDATE decisions SET verdict = 'prohibited' WHERE id = 2 AND verdict = 'cleared'"
expect_contains "an edited decision is named" "$(cat "$WORK/t.out")" \
  "  decision chain: decision 2: does not match its hash (edited after recording)"

# ---- 3. anchors: audit head writes one, audit verify --anchor checks it -------------------------
openssl genpkey -algorithm ed25519 -out "$WORK/key.pem" 2>/dev/null
openssl pkey -in "$WORK/key.pem" -pubout -out "$WORK/pub.pem" 2>/dev/null
openssl genpkey -algorithm ed25519 -out "$WORK/other.pem" 2>/dev/null
openssl pkey -in "$WORK/other.pem" -pubout -out "$WORK/other.pub.pem" 2>/dev/null
$X audit head --db "$DB" -o "$WORK/anchor" --sign-key "$WORK/key.pem" >/dev/null 2>&1
expect_eq "audit head writes the anchor and its signature" "0 64" "$? $(wc -c <"$WORK/anchor.sig")"
expect_eq "the anchor holds the head, the time and the rules digests" \
  "$records $(q "$DB" "SELECT hash FROM decisions WHERE id = $records") $(q "$DB" 'SELECT rules_digest FROM rule_imports') true" \
  "$(jq -r '"\(.head.id) \(.head.hash) \(.imports[0].rules_digest) \(.written_at | test("^[0-9-]{10}T[0-9:.]+Z$"))"' "$WORK/anchor")"
$X audit verify --db "$DB" --anchor "$WORK/anchor" --public-key "$WORK/pub.pem" --format json >"$WORK/v.json"
expect_eq "the signed anchor verifies" "0 true" "$? $(jq -r .anchored "$WORK/v.json")"
anchor_verify() {  # name expected-problem ARGS...: verify must exit 7 naming the problem
  local name=$1 problem=$2
  shift 2
  $X audit verify "$@" --format text >"$WORK/a.out" 2>"$WORK/a.err"
  expect_eq "$name: exit 7, one line on stderr" "7 1" "$? $(wc -l <"$WORK/a.err")"
  expect_contains "$name: named" "$(cat "$WORK/a.out")" "$problem"
}
# The signature is OpenSSL's own Ed25519 form: each checks what the other signed.
expect_eq "openssl verifies the signature audit head wrote" "Signature Verified Successfully" \
  "$(openssl pkeyutl -verify -pubin -inkey "$WORK/pub.pem" -rawin -in "$WORK/anchor" -sigfile "$WORK/anchor.sig" 2>&1)"
openssl pkeyutl -sign -inkey "$WORK/key.pem" -rawin -in "$WORK/anchor" -out "$WORK/openssl.sig"
$X audit verify --db "$DB" --anchor "$WORK/anchor" --public-key "$WORK/pub.pem" --signature "$WORK/openssl.sig" >/dev/null
expect_eq "audit verify accepts a signature openssl made" 0 $?
cp "$WORK/anchor.sig" "$WORK/forged.sig"
# One bit of byte 10 flipped: always a different signature (writing a fixed byte was a no-op
# whenever the signature already held it).
python3 -c 'import sys; p = sys.argv[1]; b = bytearray(open(p, "rb").read()); b[10] ^= 1; open(p, "wb").write(b)' "$WORK/forged.sig"
anchor_verify "a forged signature" "its signature does not verify with key" \
  --db "$DB" --anchor "$WORK/anchor" --public-key "$WORK/pub.pem" --signature "$WORK/forged.sig"
anchor_verify "a signature by another key" "its signature does not verify with key" \
  --db "$DB" --anchor "$WORK/anchor" --public-key "$WORK/other.pub.pem"
jq -c --argjson id $((records - 1)) --arg hash "$(q "$DB" "SELECT hash FROM decisions WHERE id = $((records - 1))")" \
  '.head = {"hash": $hash, "id": $id}' "$WORK/anchor" >"$WORK/moved"
cp "$WORK/anchor.sig" "$WORK/moved.sig"
anchor_verify "an anchor moved back one record under the old signature" "its signature does not verify with key" \
  --db "$DB" --anchor "$WORK/moved" --public-key "$WORK/pub.pem"
# The tail removed: a whole shorter chain, which only the anchor shows.
cp "$DB" "$WORK/t.db"
untrigger "$WORK/t.db" decisions
q "$WORK/t.db" "DELETE FROM decisions WHERE id = $records"
q "$WORK/t.db" "$(q "$DB" "SELECT group_concat(sql, '; ') FROM sqlite_master WHERE name LIKE 'decisions_append_only_%'")"
$X audit verify --db "$WORK/t.db" >/dev/null 2>&1
expect_eq "a truncated tail (triggers put back) verifies without an anchor: the limit verify states" 0 "$?"
anchor_verify "a truncated tail with the anchor" "decision $records: is the head in" \
  --db "$WORK/t.db" --anchor "$WORK/anchor" --public-key "$WORK/pub.pem"
$X audit verify --db "$DB" --anchor "$WORK/missing-anchor" >/dev/null 2>"$WORK/err"
expect_eq "a missing anchor file: exit 1, one line" "1 1" "$? $(wc -l <"$WORK/err")"
printf '{"format":"something else"}' >"$WORK/bad-anchor"
$X audit verify --db "$DB" --anchor "$WORK/bad-anchor" >/dev/null 2>"$WORK/err"
expect_eq "an anchor that is not one: exit 1, one line" "1 1" "$? $(wc -l <"$WORK/err")"
$X audit head --db "$DB" -o "$WORK/a2" --sign-key "$WORK/pub.pem" >/dev/null 2>"$WORK/err"
expect_eq "signing with a public key: exit 1, one line" "1 1" "$? $(wc -l <"$WORK/err")"

# ---- 4. audit list: each filter selects exactly the matching decisions --------------------------
$X audit export --db "$DB" >"$WORK/all.jsonl"
list_ids() { $X audit list --db "$DB" --format jsonl "$@" | jq -r .id | paste -sd' '; }
# The expected ids are computed from the export with jq, independently of the store's SQL.
expected_ids() { jq -r "select($1) | .id" "$WORK/all.jsonl" | paste -sd' '; }
check_filter() {  # jq-condition list-flags...
  local condition=$1
  shift
  local expected
  expected=$(expected_ids "$condition")
  expect_eq "audit list $* selects exactly what matches" "$expected" "$(list_ids "$@")"
  [ -n "$expected" ] && ok || fail "audit list $*: the seeded store has no match, the filter is untested"
}
d='(.determination_json | fromjson)'
r='(.request_json | fromjson)'
check_filter '.verdict == "cleared"' --verdict cleared
check_filter '.verdict == "action_required"' --verdict action_required
check_filter '.verdict == "indeterminate"' --verdict indeterminate
check_filter '.shipment_id == "SHP-2025-0420-H20"' --shipment SHP-2025-0420-H20
check_filter "($r.exporter.name | ascii_downcase | contains(\"nvidia\"))" --exporter nVidia
check_filter "$r.destination == \"CN\"" --destination CN
check_filter "$r.destination == \"VN\" and .verdict == \"action_required\"" --destination VN --verdict action_required
check_filter '.ship_date >= "2025-01-01" and .ship_date <= "2025-06-30"' --ship-from 2025-01-01 --ship-to 2025-06-30
check_filter "([$d.requirements[]?.rule] + [$d.items[].classification[]?.rule] | index(\"us.letter.nvidia.h20\"))" \
  --rule us.letter.nvidia.h20
check_filter "([$d.requirements[]?.rule] | index(\"us.ear.742.6.diffusion\"))" --rule us.ear.742.6.diffusion
check_filter 'true' --rules-digest "$(q "$DB" 'SELECT rules_digest FROM rule_imports')"
check_filter 'true' --recorded-from "$TODAY" --recorded-to "$TODAY"
expect_eq "a recording period before the records: none" "" "$(list_ids --recorded-to 2000-01-01)"
expect_eq "a rules digest not used: none" "" "$(list_ids --rules-digest "sha256:$(printf '0%.0s' {1..64})")"
expect_eq "--format csv: a header and one row per decision" "$((records + 1)) id,recorded_at,shipment_id,ship_date" \
  "$($X audit list --db "$DB" --format csv | wc -l) $($X audit list --db "$DB" --format csv | head -1 | cut -d, -f1-4)"
expect_eq "--format text: one line per decision" "$records" "$($X audit list --db "$DB" --format text | grep -c '^ *[0-9]')"
for bad in "--verdict maybe" "--destination cn" "--rules-digest sha256:12" "--ship-from 2025-02-30" \
           "--ship-from 2025-06-01 --ship-to 2025-05-01" "--format xml" "--shipment"; do
  # shellcheck disable=SC2086
  $X audit list --db "$DB" $bad >"$WORK/out" 2>"$WORK/err"
  expect_eq "audit list $bad: usage error (exit 2), nothing listed" "2 0" "$? $(wc -c <"$WORK/out")"
done

# ---- 5. the period report: one self-contained HTML page and a CSV, against golden files ---------
$X audit report --db "$DB" --from "$TODAY" --to "$TODAY" -o "$WORK/report.html" --csv "$WORK/report.csv" >/dev/null
expect_eq "audit report on an intact store: exit 0" 0 $?
# Masked here, not in the code: the times, hashes and digests, the store's path, today, and what
# grows with the schema and the file's layout.
mask() {
  sed -E -e "s|$WORK/||g" -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z/<time>/g' -e "s/$TODAY/<today>/g" \
         -e 's/sha256:[0-9a-f]{64}/sha256:<digest>/g' \
         -e 's/[0-9a-f]{64}/<hash>/g' -e 's/over [0-9]+ pages/over <n> pages/' \
         -e 's/schema version [0-9]+ of [0-9]+: [0-9]+ tables/schema version <n> of <n>: <n> tables/' \
         -e 's/exportctl [0-9]+\.[0-9]+\.[0-9]+/exportctl <version>/g'
}
for file in report.html report.csv; do
  mask <"$WORK/$file" >"$WORK/masked"
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    mkdir -p "$GOLDEN" && cp "$WORK/masked" "$GOLDEN/$file" && ok
  elif diff -u "$GOLDEN/$file" "$WORK/masked" >"$WORK/diff"; then ok; else
    fail "$file differs from $GOLDEN/$file (UPDATE_GOLDEN=1 rewrites it):"
    head -40 "$WORK/diff"
  fi
done
html=$(cat "$WORK/report.html")
expect_contains "the report escapes a hostile exporter name" "$html" "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Sons"
if grep -q '<script' "$WORK/report.html"; then fail "the report holds a script element"; else ok; fi
if grep -Eq '(src|href)="?(https?:)?//' "$WORK/report.html"; then fail "the report fetches something"; else ok; fi
expect_contains "the report is laid out for printing" "$html" "@media print"
cp "$DB" "$WORK/t.db"
untrigger "$WORK/t.db" decisions
q "$WORK/t.db" "UPDATE decisions SET verdict = 'prohibited' WHERE id = 1"
$X audit report --db "$WORK/t.db" -o "$WORK/bad.html" >/dev/null 2>&1
expect_eq "a report of an inconsistent store is written, exit 7" "7 1" "$? $(grep -c 'class="inconsistent"' "$WORK/bad.html")"
$X audit report --db "$DB" --from 2025-02-30 -o "$WORK/x.html" >/dev/null 2>&1
expect_eq "audit report with a bad date: usage error" 2 $?

# ---- 6. replay, diff and recheck: 0 when nothing changed, 6 when something did ----------------
h100=$records  # decided as known on 2025-05-01, before the AI Diffusion rule was dropped
$X replay "$h100" --db "$DB" --format json >"$WORK/r.json"
expect_eq "replay as recorded: exit 0, identical" "0 identical" "$? $(jq -r .result "$WORK/r.json")"
$X replay "$h100" --db "$DB" --known-on 2025-05-14 --format json >"$WORK/r.json"
expect_eq "replay as known later: exit 6, changed" "6 changed" "$? $(jq -r .result "$WORK/r.json")"
expect_eq "the replay holds both answers in full" "action_required cleared 2025-05-14" \
  "$(jq -r '"\(.recorded.verdict) \(.replayed.verdict) \(.replayed.known_on)"' "$WORK/r.json")"
expect_eq "the recorded answer is the logged one, byte for byte" "$(q "$DB" "SELECT determination_json FROM decisions WHERE id = $h100")" \
  "$(jq -c .recorded "$WORK/r.json")"
text=$($X replay "$h100" --db "$DB" --known-on 2025-05-14 --format text)
for part in "== As recorded ==" "== As re-evaluated: known on 2025-05-14" "== Differences ==" \
            "verdict: action_required -> cleared" "explained by: us.ear.742.6.diffusion v1"; do
  expect_contains "replay text: $part" "$text" "$part"
done
$X diff "$H100" --known-on 2025-05-01 --known-on 2025-05-02 --format json >/dev/null
expect_eq "diff, nothing differs: exit 0" 0 $?
jq . "$H100" >"$WORK/pretty.json"
jq . samples/h20-china-after-letter.json >>"$WORK/pretty.json"
$X diff "$WORK/pretty.json" --known-on 2025-05-01 --known-on 2025-05-14 --format json >"$WORK/d.json"
expect_eq "diff, something differs: exit 6 (pretty-printed input)" "6 1 2" \
  "$? $(jq -r 'select(.summary) | "\(.summary.differing) \(.summary.shipments)"' "$WORK/d.json")"
printf '{\n  "id": "broken",\n  "ship_date": 2025\n}\n' >"$WORK/broken.json"
$X diff "$WORK/broken.json" --known-on 2025-05-01 --known-on 2025-05-14 >/dev/null 2>"$WORK/err"
expect_eq "diff of a bad pretty-printed shipment: exit 1 naming the line" "1 1" "$? $(grep -c 'broken.json:1' "$WORK/err")"
cat "$WORK/pretty.json" "$WORK/broken.json" >"$WORK/mixed.json"
broken_line=$(($(wc -l <"$WORK/pretty.json") + 1))
$X batch "$WORK/mixed.json" --format json >"$WORK/b.jsonl" 2>/dev/null
expect_eq "batch reads pretty-printed shipments, an error names the line where one begins" \
  "1 cleared action_required $broken_line" \
  "$? $(jq -r '.verdict // .line' "$WORK/b.jsonl" | paste -sd' ')"
$X recheck --db "$DB" --today 2025-05-31 --format json >"$WORK/rc.json"
expect_eq "recheck, an open decision changed: exit 6, it is listed" "6 1" "$? $(jq -r 'select(.decision) | .decision' "$WORK/rc.json" | grep -cx "$h100")"
$X recheck --db "$DB" --today 2099-01-01 --format json >/dev/null
expect_eq "recheck, nothing open: exit 0" 0 $?

# ---- 7. audit show: the text report by default, JSON on request -------------------------------
expect_eq "audit show prints the text report by default" "decision 1, recorded" \
  "$($X audit show 1 --db "$DB" | head -1 | cut -d, -f1-2 | sed 's/ [0-9T:.Z-]*$//')"
expect_eq "audit show --format json: the record" "1 $(q "$DB" 'SELECT hash FROM decisions WHERE id = 1')" \
  "$($X audit show 1 --db "$DB" --format json | jq -r '"\(.id) \(.hash)"')"
$X audit show $((records + 1)) --db "$DB" >/dev/null 2>"$WORK/err"
expect_eq "audit show of an id not logged: exit 1, one line" "1 1" "$? $(wc -l <"$WORK/err")"

# ---- 8. the export and the external verifier of docs/audit.md ---------------------------------
verifier=scripts/verify-export.py
expect_eq "docs/audit.md shows scripts/verify-export.py verbatim" "$(cat "$verifier")" \
  "$(awk '/^```python verify-export.py$/ { on = 1; next } /^```$/ { on = 0 } on' docs/audit.md)"
expect_eq "the verifier is 30 lines at most" 1 "$(($(wc -l <"$verifier") <= 30))"
head_line="$records:$(q "$DB" "SELECT hash FROM decisions WHERE id = $records")"
out=$(python3 "$verifier" "$WORK/all.jsonl")
expect_eq "the verifier accepts the export" "0 intact $records $head_line" "$? $out"
$X audit export --db "$DB" --since 3 -o "$WORK/since.jsonl"
expect_eq "--since 3 exports the records after 3" "$(seq 4 "$records" | paste -sd' ')" "$(jq -r .id "$WORK/since.jsonl" | paste -sd' ')"
out=$(python3 "$verifier" "$WORK/since.jsonl" "3:$(q "$DB" 'SELECT hash FROM decisions WHERE id = 3')")
expect_eq "the verifier accepts a part joined to the record before it" "0 intact $((records - 3)) $head_line" "$? $out"
out=$(python3 "$verifier" "$WORK/since.jsonl" "2:$(q "$DB" 'SELECT hash FROM decisions WHERE id = 2')")
expect_eq "the verifier rejects a part that does not follow the given record" "1 broken 4: does not follow record 2" "$? $out"
reject() {  # name expected-output: the altered export is $WORK/altered.jsonl
  out=$(python3 "$verifier" "$WORK/altered.jsonl")
  expect_eq "the verifier rejects $1" "1 $2" "$? $out"
}
jq -c 'if .id == 5 then .verdict = (if .verdict == "cleared" then "prohibited" else "cleared" end) else . end' \
  "$WORK/all.jsonl" >"$WORK/altered.jsonl"
reject "an altered verdict" "broken 5: does not match its hash"
jq -c 'if .id == 2 then .determination_json += " " else . end' "$WORK/all.jsonl" >"$WORK/altered.jsonl"
reject "an altered determination (one space added)" "broken 2: does not match its hash"
sed 3d "$WORK/all.jsonl" >"$WORK/altered.jsonl"
reject "a deleted record" "broken 4: does not follow record 2"
for n in 1 3 2; do sed -n "${n}p" "$WORK/all.jsonl"; done >"$WORK/altered.jsonl"
sed -n '4,$p' "$WORK/all.jsonl" >>"$WORK/altered.jsonl"
reject "swapped records" "broken 3: does not follow record 1"
jq -c 'if .id == 1 then .previous_hash = ("1" * 64) else . end' "$WORK/all.jsonl" >"$WORK/altered.jsonl"
reject "a first record that does not start the chain" "broken 1: the first record must follow 64 zeros"
$X audit export --db "$DB" --since x >/dev/null 2>&1
expect_eq "audit export --since x: usage error" 2 $?

# Last, as it adds a record: beside an HTML record, the decision id goes to stderr.
$X check "$H100" --db "$DB" --record --known-on 2025-05-01 --format html >"$WORK/record.html" 2>"$WORK/err"
expect_eq "check --record --format html: a whole HTML document, the id on stderr" \
  "3 <!DOCTYPE html> exportctl: recorded as decision $((records + 1)) in $DB" \
  "$? $(head -c 15 "$WORK/record.html") $(cat "$WORK/err")"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
