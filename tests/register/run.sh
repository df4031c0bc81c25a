#!/usr/bin/env bash
# The register through the command line on a real store: add, list, show, void; check --db
# naming why each near miss does not count; --record drawing units; void-usage giving them back;
# alerts; and the answers without --db unchanged. Run from the project root with $EXPORTCTL set
# (ctest does both). Prints one line per failure and "N passed, M failed".
set -u
X=${EXPORTCTL:-build/exportctl}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/register.db
. tests/lib.sh

"$X" store import rules --db "$DB" > /dev/null
entry() {  # file json
  printf '%s' "$2" > "$WORK/$1"
}
entry expired.json '{"authority": "US-BIS", "kind": "license", "number": "D-OLD", "valid_from": "2023-01-01", "valid_to": "2024-05-31", "destinations": ["VN"], "entered_by": "ana"}'
entry elsewhere.json '{"authority": "US-BIS", "kind": "license", "number": "D-MY", "destinations": ["MY"], "entered_by": "ana"}'
entry good.json '{"authority": "US-BIS", "kind": "license", "number": "D-GOOD", "valid_from": "2024-01-01", "valid_to": "2024-06-20", "destinations": ["VN"], "models": ["NVIDIA H100 SXM"], "quantity": 100, "consignees": ["Example Cloud JSC"], "conditions": "no reexport", "entered_by": "ana"}'
for f in expired elsewhere good; do "$X" register add "$WORK/$f.json" --db "$DB" --format json > "$WORK/$f.out" || fail "add $f"; done
expect_eq "add prints the entry" '3|D-GOOD|100|0|100' "$(jq -r '[.id, .number, .quantity, .quantity_used, .quantity_remaining] | map(tostring) | join("|")' "$WORK/good.out")"
expect_eq "list: three entries" 3 "$("$X" register list --db "$DB" --format json | wc -l)"
expect_eq "list --authority" 0 "$("$X" register list --db "$DB" --format json --authority MY-MITI | wc -l)"

# A shipment of 64 H100s to Viet Nam on 2024-06-01, without authorizations of its own.
jq 'del(.authorizations)' samples/h100-vietnam-licensed.json > "$WORK/order.json"
plain=$("$X" check "$WORK/order.json" --format json)
expect_eq "without --db: no register keys" "" "$(jq -c '.requirements[] | (.candidates, .register_entry) // empty' <<<"$plain")"
answer=$("$X" check "$WORK/order.json" --db "$DB" --format json)
expect_eq "the register license satisfies it" "cleared|D-GOOD|3" \
  "$(jq -r '[.verdict, .requirements[0].authorization, .requirements[0].register_entry.id] | map(tostring) | join("|")' <<<"$answer")"

# 64 of 100: recorded; the second 64 no longer fits, and says why, for every candidate.
"$X" check "$WORK/order.json" --db "$DB" --record --format json > "$WORK/first.json" 2> "$WORK/first.err"
expect_eq "first record cleared" cleared "$(jq -r .verdict "$WORK/first.json")"
expect_eq "first record acknowledged" "exportctl: recorded as decision 1 in $DB" "$(cat "$WORK/first.err")"
second=$("$X" check "$WORK/order.json" --db "$DB" --record --format json 2> /dev/null)
expect_eq "second record: action required" action_required "$(jq -r .verdict <<<"$second")"
expect_eq "every candidate with its reason" \
  'destination|license D-MY does not name Vietnam (VN)|2
expired|license D-OLD expired on 2024-05-31|1
quantity|license D-GOOD covers 100, 64 already used; this shipment needs 64|3' \
  "$(jq -r '.requirements[0].candidates[] | [.code, .reason, .register_entry] | map(tostring) | join("|")' <<<"$second" | sort)"
text=$("$X" check "$WORK/order.json" --db "$DB" --format text --today 2024-05-20)
expect_eq "text names the near misses" 3 "$(grep -c 'Not covering: ' <<<"$text")"
# A second process sees the recorded use at once.
expect_eq "show: what was used" "64|36|1" \
  "$("$X" register show 3 --db "$DB" --format json | jq -r '[.quantity_used, .quantity_remaining, (.usage | length)] | map(tostring) | join("|")')"

# Alerts: D-GOOD expires on 2024-06-20 while decision 1 (ship 2024-06-01) has not left.
expect_eq "alerts" "expires|3|2024-06-20|26|1|SHP-2024-0601-H100-VN-LIC" \
  "$("$X" register alerts --db "$DB" --today 2024-05-25 --format json | jq -r '[.kind, .entry, .due, .days_left, .decisions[0], .shipment_ids[0]] | map(tostring) | join("|")')"
expect_eq "no alert after it left" "" "$("$X" register alerts --db "$DB" --today 2024-06-02 --format json)"
expect_eq "none 31 days ahead" "" "$("$X" register alerts --db "$DB" --today 2024-05-20 --format json)"

# Voiding decision 1's usage gives the 64 back, once; the log keeps the decision.
"$X" register void-usage 1 --db "$DB" --by ana --reason "order cancelled" > /dev/null || fail "void-usage"
expect_eq "units back" 0 "$("$X" register show 3 --db "$DB" --format json | jq -r .quantity_used)"
out=$("$X" register void-usage 1 --db "$DB" --by ana --reason again 2>&1)
expect_eq "void-usage twice" 1 "$?"
[[ "$out" == "exportctl: $DB: the usage of decision 1 was already voided on "* ]] && ok || fail "void-usage twice: $out"
expect_eq "decisions kept" 2 "$(sqlite3 "$DB" 'SELECT count(*) FROM decisions')"

# Voiding an entry: no longer a candidate, still listed with --all; nothing deleted.
"$X" register void 2 --db "$DB" --by ana --reason "wrong destination entered" > /dev/null || fail "void"
expect_eq "list after void" 2 "$("$X" register list --db "$DB" --format json | wc -l)"
expect_eq "list --all" "wrong destination entered" "$("$X" register list --db "$DB" --all --format json | jq -r 'select(.id == 2) | .voided.reason')"
jq '.items[0].quantity = 200' "$WORK/order.json" > "$WORK/big.json"
expect_eq "voided entry not a candidate" "expired quantity" \
  "$("$X" check "$WORK/big.json" --db "$DB" --format json | jq -r '[.requirements[0].candidates[].code] | sort | join(" ")')"
out=$(sqlite3 "$DB" 'DELETE FROM register_entries WHERE id = 1' 2>&1)
[[ "$out" == *"append-only"* ]] && ok || fail "delete refused: $out"
"$X" audit verify --db "$DB" > /dev/null || fail "audit verify"

# A register notice to MITI filed a day late is named in every format (H100s to Singapore through
# Malaysia on 2025-09-20: the 30-day notice was due by 2025-08-21).
entry late-notice.json '{"authority": "MY-MITI", "filed_on": "2025-08-22", "reference": "STS/2025/0006", "entered_by": "ana"}'
"$X" register add "$WORK/late-notice.json" --db "$DB" > /dev/null || fail "add late notice"
jq '.via = [{"country": "MY", "activity": "transit", "date": "2025-09-20"}] | .destination = "SG" | .ship_date = "2025-09-15"' \
  "$WORK/order.json" > "$WORK/transit.json"
late_reason='notice STS/2025/0006 filed on 2025-08-22 is late: the requirement needs it by 2025-08-21 (30 days before the movement on 2025-09-20)'
expect_eq "json: the late notice" "late|STS/2025/0006|2025-08-22|4|$late_reason" \
  "$("$X" check "$WORK/transit.json" --db "$DB" --format json |
     jq -r '.requirements[] | select(.kind == "notification") | .candidates[] | [.code, .number, .filed_on, .register_entry, .reason] | map(tostring) | join("|")')"
expect_eq "text: the late notice" "     Not covering: $late_reason" \
  "$("$X" check "$WORK/transit.json" --db "$DB" --format text --today 2025-08-25 | grep 'Not covering: notice')"
expect_eq "html: the late notice" 1 \
  "$("$X" check "$WORK/transit.json" --db "$DB" --format html --today 2025-08-25 | grep -c "<dt>Not covering</dt><dd>$late_reason</dd>")"

# Usage errors name the option.
out=$("$X" register void 1 --db "$DB" --by ana 2>&1)
[[ "$out" == *"say why it is voided (--reason)"* ]] && ok || fail "void without reason: $out"
out=$("$X" register show x --db "$DB" 2>&1)
expect_eq "show x: usage error" 2 "$?"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
