#!/usr/bin/env bash
# docs/sources.md is generated from rules/ by scripts/gen-sources.py: this suite fails when the
# committed file is out of date, and shows that the check notices a changed rule file.
#   bash tests/sources/run.sh      (from the project root; ctest runs it there)
set -uo pipefail
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0
check() {  # check NAME EXPECTED_EXIT ACTUAL_EXIT
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $1 (exit $3, expected $2)"; fi
}

python3 scripts/gen-sources.py --check
check "docs/sources.md matches rules/ (run python3 scripts/gen-sources.py)" 0 $?

# A copy of the project's rules, script and docs, where a citation is changed.
mkdir -p "$TMP/project"
cp -r rules scripts docs "$TMP/project/"
python3 - "$TMP/project/rules/us/742.6-license.json" <<'PY'
import json, sys
path = sys.argv[1]
rule = json.load(open(path))
rule["versions"][0]["citation"] += " (changed)"
open(path, "w").write(json.dumps(rule, indent=2) + "\n")
PY
python3 "$TMP/project/scripts/gen-sources.py" --check 2>"$TMP/stderr"
check "a changed citation makes the check fail" 1 $?
grep -q "docs/sources.md is out of date" "$TMP/stderr"
check "the failure names docs/sources.md" 0 $?
python3 "$TMP/project/scripts/gen-sources.py" && python3 "$TMP/project/scripts/gen-sources.py" --check
check "regenerating brings it up to date" 0 $?
grep -q "87 FR 62186 (changed)" "$TMP/project/docs/sources.md"
check "the regenerated file carries the new citation" 0 $?
python3 "$TMP/project/scripts/gen-sources.py" --bogus 2>/dev/null
check "an unknown argument is a usage error" 2 $?

# A rule file that is not JSON is named, with no traceback and no output file written.
mkdir -p "$TMP/broken" && cp -r rules scripts docs "$TMP/broken/"
printf '{"kind": "license", ' >"$TMP/broken/rules/us/truncated.json"
cp "$TMP/broken/docs/sources.md" "$TMP/before.md"
python3 "$TMP/broken/scripts/gen-sources.py" 2>"$TMP/stderr"
check "a truncated rule file is an error" 1 $?
grep -q "^gen-sources: rules/us/truncated.json: not readable JSON" "$TMP/stderr"
check "the error names the file" 0 $?
cmp -s "$TMP/before.md" "$TMP/broken/docs/sources.md"
check "docs/sources.md is left as it was" 0 $?

echo "sources: $passed passed, $failed failed"
[ "$failed" = 0 ]
