#!/usr/bin/env bash
# The SQLite stores the C ABI and Python tests open: DIR/rules.db with the bundled rules
# imported, DIR/no-rules.db holding one recorded decision and no rules, DIR/bad-rules/ with a
# rule file that is not JSON.
#   tests/c_api/make_stores.sh build/exportctl DIR      (from the project root)
set -euo pipefail
exportctl=$1 dir=$2
rm -rf "$dir"
mkdir -p "$dir"
"$exportctl" store import rules --db "$dir/rules.db" >/dev/null
code=0
"$exportctl" check samples/h20-china-before-letter.json --rules rules --db "$dir/no-rules.db" --record >/dev/null || code=$?
[ "$code" = 0 ] || { echo "recording a decision exited $code"; exit 1; }
# And a rule directory whose only file is not JSON.
mkdir -p "$dir/bad-rules"
printf '{"kind": "catalog"\n' >"$dir/bad-rules/broken.json"
