#!/usr/bin/env bash
# Bad input to `register add`: each is refused with exit 1 and one line naming the file, the
# field (JSON pointer) and what is wrong, and nothing is written (the register's tables are the
# same bytes before and after). Run from the project root with $EXPORTCTL set (ctest does both).
set -u
X=${EXPORTCTL:-build/exportctl}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/register.db
passed=0
failed=0
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

"$X" store import rules --db "$DB" > /dev/null || { echo "FAIL: store import"; exit 1; }
cat > "$WORK/good.json" <<'JSON'
{"authority": "US-BIS", "kind": "license", "number": "D123456", "valid_from": "2025-01-01", "valid_to": "2025-06-30",
 "destinations": ["VN"], "models": ["NVIDIA H100 SXM"], "quantity": 100, "entered_by": "ana"}
JSON
"$X" register add "$WORK/good.json" --db "$DB" > /dev/null || fail "the good entry was refused"
tables() { sqlite3 "$DB" 'SELECT * FROM register_entries; SELECT * FROM register_entry_voids; SELECT * FROM register_usage' | sha256sum; }
before=$(tables)

refused() {  # name json expected-message
  printf '%s' "$2" > "$WORK/$1.json"
  local out code
  out=$("$X" register add "$WORK/$1.json" --db "$DB" 2>&1)
  code=$?
  local expected="exportctl: $WORK/$1.json: $3"
  if [ "$code" -ne 1 ]; then fail "$1: exit $code, expected 1 ($out)";
  elif [ "$out" != "$expected" ]; then fail "$1: got [$out], expected [$expected]";
  elif [ "$(tables)" != "$before" ]; then fail "$1: the register changed";
  else passed=$((passed + 1)); fi
}

refused overlapping '{"authority": "US-BIS", "kind": "license", "number": "D123456", "valid_from": "2025-06-01", "entered_by": "bo"}' \
  '/number: "D123456" of US-BIS is already register entry 1, valid 2025-01-01 to 2025-06-30, which overlaps; void it first (register void 1)'
refused ends_before_start '{"authority": "US-BIS", "kind": "license", "number": "D2", "valid_from": "2025-07-01", "valid_to": "2025-06-30", "entered_by": "bo"}' \
  '/valid_to: the validity ends (2025-06-30) before it begins (2025-07-01)'
refused negative_quantity '{"authority": "US-BIS", "kind": "license", "number": "D3", "quantity": -1, "entered_by": "bo"}' \
  '/quantity: must be a positive number, not -1'
refused negative_value '{"authority": "MY-MITI", "kind": "permit", "number": "P-77", "value_usd": -2.5, "entered_by": "bo"}' \
  '/value_usd: must be a positive number, not -2.5'
refused unknown_country '{"authority": "US-BIS", "kind": "license", "number": "D4", "destinations": ["VN", "ZZ"], "entered_by": "bo"}' \
  '/destinations/1: unknown country code "ZZ"'
refused unknown_model '{"authority": "US-BIS", "kind": "license", "number": "D5", "models": ["NVIDIA H999"], "entered_by": "bo"}' \
  '/models/0: "NVIDIA H999" is not a model in the catalog'
refused unknown_key '{"authority": "US-BIS", "kind": "license", "number": "D6", "quantiy": 5, "entered_by": "bo"}' \
  '/quantiy: unknown key "quantiy"'
refused unknown_authority '{"authority": "US-DOD", "kind": "license", "number": "D7", "entered_by": "bo"}' \
  '/authority: "US-DOD" is not one of US-BIS, MY-MITI, TH-DFT, US-OFAC'
refused no_author '{"authority": "US-BIS", "kind": "license", "number": "D8"}' \
  '/: missing required key "entered_by"'
refused not_json '{"authority": "US-BIS",' \
  '/: not valid JSON: [json.exception.parse_error.101] parse error at line 1, column 24: syntax error while parsing object key - unexpected end of input; expected string literal'
refused bad_date '{"authority": "US-BIS", "kind": "license", "number": "D9", "valid_to": "2025-02-30", "entered_by": "bo"}' \
  '/valid_to: "2025-02-30" is not a date (YYYY-MM-DD, a day that exists)'
refused notice_without_reference '{"authority": "MY-MITI", "filed_on": "2025-07-01", "entered_by": "bo"}' \
  '/: missing required key "reference"'
long=$(python3 -c "print('x' * 1001)")
refused long_number '{"authority": "US-BIS", "kind": "license", "number": "'"$long"'", "entered_by": "bo"}' \
  '/number: over the limit of 1000 characters (docs/limits.md)'

echo "register bad input: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
