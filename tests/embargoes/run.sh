#!/usr/bin/env bash
# No destination in rules/groups/countries.json is `cleared` for a 3A090.a chip on a day when a
# part 746 embargo or D:5 membership applies to it: every country is screened through `exportctl
# batch` on the day before and the day of every relevant date, and each wrong clearance is named.
#   EXPORTCTL=build/exportctl bash tests/embargoes/run.sh      (from the project root; ctest sets both)
set -uo pipefail
EXPORTCTL=${EXPORTCTL:-build/exportctl}
RULES=${RULES:-rules}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SCRIPT=tests/embargoes/expected_not_cleared.py

python3 "$SCRIPT" shipments "$TMP/shipments.jsonl" "$TMP/keys.tsv" || { echo "FAIL: could not build the shipments"; exit 1; }
"$EXPORTCTL" batch --rules "$RULES" "$TMP/shipments.jsonl" -o "$TMP/answers.jsonl" 2>"$TMP/stderr"
status=$?
# Exit 4 (some prohibited) or 3 is expected; 1 means a shipment could not be read.
if [ "$status" = 1 ] || [ "$status" = 2 ]; then
  echo "FAIL: exportctl batch exited $status: $(cat "$TMP/stderr")"
  exit 1
fi
python3 "$SCRIPT" verify "$TMP/keys.tsv" "$TMP/answers.jsonl"
result=$?

# The check can fail: without the Russia and Belarus sanctions rule, Russia must be named as
# wrongly cleared between 2022-02-24 and the October 2023 rule.
mkdir -p "$TMP/rules" && cp -r "$RULES"/. "$TMP/rules/" && rm "$TMP/rules/us/746.8-russia-belarus.json" "$TMP/rules/us/746.8-review.json"
"$EXPORTCTL" batch --rules "$TMP/rules" "$TMP/shipments.jsonl" -o "$TMP/mutant.jsonl" 2>/dev/null
python3 "$SCRIPT" verify "$TMP/keys.tsv" "$TMP/mutant.jsonl" >"$TMP/mutant.out"
if [ $? = 1 ] && grep -q "FAIL: RU on 2022-02-24 is cleared" "$TMP/mutant.out"; then
  echo "embargoes: the check names Russia when its sanctions rule is removed"
else
  echo "FAIL: removing the Russia sanctions rule went unnoticed"; result=1
fi
exit $result
