#!/usr/bin/env bash
# exportctl batch: the same answers as check, in input order, on every core, with error records
# for bad lines, and the CSV input and output of docs/batch.md.
#   EXPORTCTL=build/exportctl bash tests/batch/run.sh      (from the project root; ctest sets both)
# BATCH_TEST_FULL=1 compares every one of the 10,000 generated shipments with `check` (about two
# CPU-minutes); by default every 25th is compared, and all 10,000 are checked for order and ids.
set -uo pipefail

EXPORTCTL=${EXPORTCTL:-build/exportctl}
RULES=${RULES:-rules}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect() {  # expect NAME CONDITION-EXIT-STATUS
  if [ "$2" = 0 ]; then pass; else fail "$1"; fi
}

batch() { "$EXPORTCTL" batch --rules "$RULES" "$@"; }

# compare_with_check JSONL STRIDE: batch on JSONL, then every STRIDE-th shipment through check.
compare_with_check() {
  batch "$1" -o "$TMP/compare.out" 2>/dev/null
  python3 tests/batch/compare_with_check.py "$EXPORTCTL" "$RULES" "$1" "$TMP/compare.out" "$2"
  expect "$1: batch and check differ (every ${2}th shipment compared)" $?
}

# check_answer FILE: check's answer for one shipment, or "ERROR message" (without the
# "exportctl: FILE: " prefix). batch_answer TEXT SOURCE N: the same from a batch output line.
check_answer() {
  local file=$1 out
  if out=$("$EXPORTCTL" check "$file" --rules "$RULES" --format json 2>"$file.err"); then :; fi
  if [ -s "$file.err" ] && [ -z "$out" ]; then
    printf 'ERROR %s\n' "$(sed -e "s|^exportctl: $file: ||" "$file.err")"
  else
    printf '%s\n' "$out"
  fi
}
batch_answer() {
  local text=$1 prefix="$2:$3: "
  case $text in
    '{"error":'*)
      case $text in *'"line":'"$3"'}') ;; *) echo "BAD RECORD $text"; return ;; esac
      text=${text#'{"error":"'}
      text=${text%'","line":'*}
      case $text in
        "$prefix"*) printf 'ERROR %s\n' "$(printf '%s' "${text#"$prefix"}" | sed -e 's/\\"/"/g')" ;;
        *) echo "BAD RECORD $1" ;;
      esac ;;
    *) printf '%s\n' "$text" ;;
  esac
}

# ---- samples: every *.json as one line, every line of every *.jsonl ------------------------------
: >"$TMP/samples.jsonl"
for sample in samples/*.json; do
  [ -e "$sample" ] || continue
  tr -d '\r\n' <"$sample" >>"$TMP/samples.jsonl"   # JSON strings hold no raw newline
  echo >>"$TMP/samples.jsonl"
done
for sample in samples/*.jsonl; do
  [ -e "$sample" ] || continue
  cat "$sample" >>"$TMP/samples.jsonl"
done
if [ -s "$TMP/samples.jsonl" ]; then
  compare_with_check "$TMP/samples.jsonl" 1
  # Each sample file as its own batch of one, too (the source named in errors is the file).
  for sample in samples/*.json; do
    [ -e "$sample" ] || continue
    tr -d '\r\n' <"$sample" >"$TMP/sample.jsonl"
    echo >>"$TMP/sample.jsonl"
    batch "$TMP/sample.jsonl" -o "$TMP/sample.out" 2>/dev/null
    cp "$sample" "$TMP/sample.json"
    expected=$(check_answer "$TMP/sample.json")
    actual=$(batch_answer "$(cat "$TMP/sample.out")" "$TMP/sample.jsonl" 1)
    if [ "$expected" = "$actual" ]; then pass; else fail "$sample: batch differs from check"; fi
  done
else
  fail "no samples found under samples/"
fi

# ---- a generated workload: agreement with check, order on 1 and 2 threads ----------------------
python3 bench/gen_shipments.py 10000 --seed 7 --out "$TMP/work.jsonl"
stride=25
[ "${BATCH_TEST_FULL:-0}" = 1 ] && stride=1
compare_with_check "$TMP/work.jsonl" $stride

batch "$TMP/work.jsonl" --threads 1 -o "$TMP/one-thread.jsonl" 2>"$TMP/one-thread.err"
rc1=$?
batch "$TMP/work.jsonl" --threads 2 -o "$TMP/two-threads.jsonl" 2>/dev/null
rc2=$?
cmp -s "$TMP/one-thread.jsonl" "$TMP/two-threads.jsonl"
expect "--threads 2 output differs from --threads 1" $?
# Standard input in, standard output out: other read sizes, same bytes.
batch - --threads 2 <"$TMP/work.jsonl" >"$TMP/stdin.jsonl" 2>/dev/null
cmp -s "$TMP/one-thread.jsonl" "$TMP/stdin.jsonl"
expect "batch - (standard input) differs from batch FILE" $?
# Every answer in input order: the ids of the output are the ids of the input.
python3 - "$TMP/work.jsonl" "$TMP/two-threads.jsonl" "$rc1" "$rc2" <<'EOF'
import json, sys
ins = [json.loads(l)["id"] for l in open(sys.argv[1]) if l.strip()]
outs = [json.loads(l) for l in open(sys.argv[2])]
assert len(outs) == len(ins) == 10000, (len(outs), len(ins))
assert [o["shipment_id"] for o in outs] == ins, "output order differs from input order"
verdicts = {o["verdict"] for o in outs}
worst = 4 if "prohibited" in verdicts else 3 if "action_required" in verdicts else 5 if "indeterminate" in verdicts else 0
assert int(sys.argv[3]) == worst and int(sys.argv[4]) == worst, ("exit codes", sys.argv[3:], "expected", worst)
EOF
expect "generated workload: order, count or exit code wrong" $?
grep -qE '^exportctl batch: 10000 shipments: [0-9]+ cleared, [0-9]+ action_required, [0-9]+ prohibited, [0-9]+ indeterminate; 0 errors; ' "$TMP/one-thread.err"
expect "summary on stderr: $(cat "$TMP/one-thread.err")" $?

# Compact answers: the full answers with members left out, byte for byte, on 1 and 2 threads.
batch "$TMP/work.jsonl" --threads 2 --format compact -o "$TMP/compact.jsonl" 2>/dev/null
rcc=$?
expect "--format compact exits as the full batch does ($rcc, $rc2)" $([ "$rcc" = "$rc2" ]; echo $?)
python3 tests/batch/compare_compact.py "$TMP/two-threads.jsonl" "$TMP/compact.jsonl"
expect "compact answers are not the full answers' members" $?
batch "$TMP/work.jsonl" --threads 1 --format compact -o "$TMP/compact-one.jsonl" 2>/dev/null
cmp -s "$TMP/compact.jsonl" "$TMP/compact-one.jsonl"
expect "--format compact on 2 threads differs from 1 thread" $?
batch "$TMP/samples.jsonl" --include-proposed -o "$TMP/samples-full.jsonl" 2>/dev/null
batch "$TMP/samples.jsonl" --include-proposed --format compact -o "$TMP/samples-compact.jsonl" 2>/dev/null
python3 tests/batch/compare_compact.py "$TMP/samples-full.jsonl" "$TMP/samples-compact.jsonl"
expect "samples: compact answers are not the full answers' members" $?

# ---- bad lines: an error record naming the line, the batch goes on, exit code 1 -----------------
good=$(sed -n 1p "$TMP/work.jsonl")
{
  echo "$good"
  echo '{"id":"bad-quantity","ship_date":"2025-01-02","origin":"US","destination":"CN","items":[{"model":"NVIDIA H100 SXM","quantity":-1}]}'
  echo 'not json at all'
  echo ''
  echo '{"id":"typo","ship_date":"2025-01-02","origin":"US","destinaton":"CN","items":[{"model":"NVIDIA H100 SXM"}]}'
  sed -n 2p "$TMP/work.jsonl"
} >"$TMP/bad.jsonl"
batch "$TMP/bad.jsonl" -o "$TMP/bad.out" 2>"$TMP/bad.err"
rc=$?
expect "a bad line must make the exit code 1, got $rc" $([ "$rc" = 1 ]; echo $?)
expect "5 output lines for 5 non-blank input lines" $([ "$(wc -l <"$TMP/bad.out")" = 5 ]; echo $?)
for number in 1 2 3 5 6; do
  sed -n "${number}p" "$TMP/bad.jsonl" >"$TMP/one.json"
  index=$(awk -v n="$number" 'NR <= n && NF > 0 { c++ } END { print c }' "$TMP/bad.jsonl")
  expected=$(check_answer "$TMP/one.json")
  actual=$(batch_answer "$(sed -n "${index}p" "$TMP/bad.out")" "$TMP/bad.jsonl" "$number")
  if [ "$expected" = "$actual" ]; then pass; else fail "bad.jsonl line $number: check says [$expected], batch says [$actual]"; fi
done
grep -q '^{"error":"'"$TMP"'/bad.jsonl:2: /items/0/quantity: quantity must be positive","line":2}$' "$TMP/bad.out"
expect "error record for line 2 names the line and the field" $?
grep -q '"line":5}$' "$TMP/bad.out" && grep -q 'unknown key \\"destinaton\\"' "$TMP/bad.out"
expect "error record for line 5 names the misspelt key" $?
batch "$TMP/bad.jsonl" --format compact -o "$TMP/bad-compact.out" 2>/dev/null
expect "compact: a bad line must make the exit code 1" $([ "$?" = 1 ]; echo $?)
python3 tests/batch/compare_compact.py "$TMP/bad.out" "$TMP/bad-compact.out" --few
expect "compact: error records differ from the full batch's" $?
grep -q '; 3 errors; ' "$TMP/bad.err"
expect "summary counts 3 errors: $(cat "$TMP/bad.err")" $?

# ---- CSV input: the same shipments as CSV give the same answers as JSON Lines --------------------
python3 bench/gen_shipments.py 600 --seed 11 --out "$TMP/csvsame.jsonl"
python3 bench/gen_shipments.py 600 --seed 11 --csv --out "$TMP/csvsame.csv"
batch "$TMP/csvsame.jsonl" -o "$TMP/from-jsonl.out" 2>/dev/null
batch "$TMP/csvsame.csv" --threads 2 -o "$TMP/from-csv.out" 2>/dev/null
cmp -s "$TMP/from-jsonl.out" "$TMP/from-csv.out"
expect "600 shipments as CSV answer differently from the same as JSON Lines" $?
# Content detection (no .csv name) and standard input.
batch - <"$TMP/csvsame.csv" >"$TMP/from-csv-stdin.out" 2>/dev/null
cmp -s "$TMP/from-jsonl.out" "$TMP/from-csv-stdin.out"
expect "CSV on standard input (detected from content) differs" $?

# A hand-written sheet: header names as people write them, quoted cells, CRLF, repeated
# shipment columns, a notice repeated on each row (one notice), a blank row.
printf '%s\r\n' \
  'Shipment ID,Ship Date,Origin,Destination,Via,Exporter,End-user HQ,End user country,Model,Qty,Notice authority,Notice filed on,Notice reference' \
  'T1,2025-08-01,US,VN,MY:transshipment:2025-08-05,"NVIDIA Corporation",VN,VN,NVIDIA H100 SXM,8,MY-MITI,2025-07-22,"STS/2025/123"' \
  'T1,2025-08-01,US,VN,MY:transshipment:2025-08-05,"NVIDIA Corporation",VN,VN,"NVIDIA H20",2,MY-MITI,2025-07-22,"STS/2025/123"' \
  ',,,,,,,,,,,,' \
  'T2,2024-03-01,US,DE,,"Example ""Quoted"" GmbH",,,NVIDIA H100 SXM,1,,,' >"$TMP/sheet.csv"
cat >"$TMP/sheet.jsonl" <<'EOF'
{"id":"T1","ship_date":"2025-08-01","origin":"US","via":[{"country":"MY","activity":"transshipment","date":"2025-08-05"}],"destination":"VN","exporter":{"name":"NVIDIA Corporation"},"parties":[{"role":"end_user","country":"VN","headquarters":"VN"}],"items":[{"model":"NVIDIA H100 SXM","quantity":8},{"model":"NVIDIA H20","quantity":2}],"notices":[{"authority":"MY-MITI","filed_on":"2025-07-22","reference":"STS/2025/123"}]}
{"id":"T2","ship_date":"2024-03-01","origin":"US","destination":"DE","exporter":{"name":"Example \"Quoted\" GmbH"},"items":[{"model":"NVIDIA H100 SXM","quantity":1}]}
EOF
batch "$TMP/sheet.csv" -o "$TMP/sheet-csv.out" 2>/dev/null
batch "$TMP/sheet.jsonl" -o "$TMP/sheet-jsonl.out" 2>/dev/null
cmp -s "$TMP/sheet-csv.out" "$TMP/sheet-jsonl.out" && [ "$(wc -l <"$TMP/sheet-csv.out")" = 2 ]
expect "hand-written CSV sheet differs from its JSON Lines form" $?

# CSV errors name the line and the column; the batch goes on.
printf '%s\n' \
  'id,ship_date,origin,destination,model,quantity' \
  'C1,2025-01-02,US,CN,NVIDIA H100 SXM,eight' \
  'C2,2025-01-02,US,CN,NVIDIA H100 SXM,1' \
  'C2,2025-01-03,US,CN,NVIDIA H20,1' \
  'C3,2025-01-02,US,XX,NVIDIA H100 SXM,1' \
  'C4,2025-01-02,US,DE,NVIDIA H100 SXM,1' >"$TMP/errors.csv"
batch "$TMP/errors.csv" -o "$TMP/errors.out" 2>/dev/null
rc=$?
python3 - "$TMP/errors.out" "$TMP/errors.csv" "$rc" <<'EOF'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
src = sys.argv[2]
assert int(sys.argv[3]) == 1, "exit code %s" % sys.argv[3]
assert len(lines) == 4, lines
assert lines[0] == {"error": src + ':2: column "quantity": expected a number', "line": 2}, lines[0]
assert lines[1] == {"error": src + ':4: column "ship_date": "2025-01-03" differs from "2025-01-02" on line 3 of the same shipment', "line": 3}, lines[1]
assert lines[2]["line"] == 5 and lines[2]["error"].startswith(src + ':5: column "destination": unknown country code "XX"'), lines[2]
assert lines[3]["shipment_id"] == "C4", lines[3]
EOF
expect "CSV error records (line, column, message) wrong: $(head -c 600 "$TMP/errors.out")" $?
printf 'id,ship_date,colour\nX,2025-01-01,red\n' >"$TMP/header.csv"
batch "$TMP/header.csv" >/dev/null 2>"$TMP/header.err"
rc=$?
[ "$rc" = 1 ] && grep -q "header.csv:1: column \"colour\": unknown column" "$TMP/header.err"
expect "an unknown CSV column stops the batch with exit 1 and names it (rc $rc: $(cat "$TMP/header.err"))" $?

# A CSV shipment over --max-line-bytes is one error record, and its further rows are dropped, not
# screened as a smaller shipment: by a row over the limit (a quoted cell 5,000 bytes long, with a
# line end inside, read past in pieces), and by many rows each under it. The shipments around are
# screened as usual, their lines counted through the dropped rows.
python3 - "$TMP/long-rows.csv" <<'EOF'
import sys
long_cell = '"' + "x" * 2500 + '\n' + "y" * 2500 + '"'
rows = ["id,ship_date,origin,destination,model,quantity,description",
        "L1,2025-01-02,US,DE,NVIDIA H100 SXM,1,",
        "L2,2025-01-02,US,CN,NVIDIA H100 SXM,1,",
        "L2,2025-01-02,US,CN,NVIDIA H100 SXM,1," + long_cell,    # lines 4-5: over the limit
        "L2,2025-01-02,US,CN,NVIDIA H20,1,",                     # the same shipment: dropped
        "L3,2025-01-02,US,CN,NVIDIA H100 SXM,1," + long_cell,    # lines 7-8: a shipment of one long row
        "L4,2025-01-02,US,DE,NVIDIA H100 SXM,1,"]
rows += ["L5,2025-01-02,US,CN,NVIDIA H100 SXM,1," + "z" * 300] * 8  # lines 10-17: 8 short rows, 2.4 KB
rows += ["L6,2025-01-02,US,DE,NVIDIA H100 SXM,1,"]                  # line 18
open(sys.argv[1], "w").write("\n".join(rows) + "\n")
EOF
batch "$TMP/long-rows.csv" --max-line-bytes 1024 -o "$TMP/long-rows.out" 2>"$TMP/long-rows.err"
rc=$?
python3 - "$TMP/long-rows.out" "$TMP/long-rows.csv" "$rc" <<'EOF'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
src = sys.argv[2]
over = "the shipment's rows are over the limit of 1024 bytes (--max-line-bytes)"
assert int(sys.argv[3]) == 1, "exit code %s" % sys.argv[3]
got = [l.get("shipment_id") or l for l in lines]
assert got == ["L1", {"error": f"{src}:3: {over}", "line": 3}, {"error": f"{src}:7: {over}", "line": 7}, "L4",
               {"error": f"{src}:10: {over}", "line": 10}, "L6"], got
EOF
expect "CSV shipments over --max-line-bytes: $(head -c 800 "$TMP/long-rows.out") $(cat "$TMP/long-rows.err")" $?
# The same from standard input in reads of 700 bytes, the long rows straddling reads.
python3 -c "
import sys
data = open(sys.argv[1], 'rb').read()
for i in range(0, len(data), 700):
    sys.stdout.buffer.write(data[i:i + 700]); sys.stdout.buffer.flush()
" "$TMP/long-rows.csv" | batch - --input-format csv --max-line-bytes 1024 --line-buffered 2>/dev/null |
  sed "s|<stdin>|$TMP/long-rows.csv|g" >"$TMP/long-rows-stdin.out"
cmp -s "$TMP/long-rows.out" "$TMP/long-rows-stdin.out"
expect "CSV over the limit through a pipe in pieces differs from the file" $?

# An error record quoting a CSV cell that is not UTF-8 is still valid JSON: the bytes become
# U+FFFD (found by tests/fuzz/batch_csv_fuzz.cpp).
printf 'id,ship_date,origin,destination,model,quantity\nU1,2025-01-02,US,CN,NVIDIA H100 SXM,1\nU1,2025-01-02,US,\xff\xfe,NVIDIA H20,1\n' \
  >"$TMP/latin1.csv"
batch "$TMP/latin1.csv" -o "$TMP/latin1.out" 2>/dev/null
python3 - "$TMP/latin1.out" <<'EOF'
import json, sys
line = json.loads(open(sys.argv[1], encoding="utf-8").read())
assert line["line"] == 2 and '"\ufffd\ufffd"' in line["error"], line
EOF
expect "an error record quoting bytes that are not UTF-8 is not valid JSON: $(head -c 300 "$TMP/latin1.out")" $?

# ---- CSV output: one row per requirement, agreeing with the JSON answers ------------------------
batch "$TMP/work.jsonl" --format csv -o "$TMP/work.csv" 2>/dev/null
python3 - "$TMP/two-threads.jsonl" "$TMP/work.csv" <<'EOF'
import csv, json, sys
answers = [json.loads(l) for l in open(sys.argv[1])]
rows = list(csv.DictReader(open(sys.argv[2], newline="")))
expected = []
for line, a in enumerate(answers, 1):
    reqs = a["requirements"] or [None]
    for r in reqs:
        expected.append((str(line), a["shipment_id"], a["verdict"], a["earliest_ship_date"] or "",
                         r and r["jurisdiction"] or "", r and r["kind"] or "", r and r["status"] or "",
                         r and r["rule"] or "", r and ";".join(map(str, r["items"])) or "",
                         r and r["leg"] or "", r and r.get("deadline", "") or "", r and r["explanation"] or ""))
actual = [(row["line"], row["shipment_id"], row["verdict"], row["earliest_ship_date"], row["jurisdiction"],
           row["kind"], row["status"], row["rule"], row["items"], row["leg"], row["deadline"], row["explanation"])
          for row in rows]
assert len(actual) == len(expected), (len(actual), len(expected))
for a, e in zip(actual, expected):
    assert a == e, (a, e)
assert all(row["error"] == "" for row in rows)
EOF
expect "CSV output rows disagree with the JSON answers" $?
batch "$TMP/bad.jsonl" --format csv -o "$TMP/bad.csv" 2>/dev/null
python3 - "$TMP/bad.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
errors = [(r["line"], r["error"].split(": ", 1)[0].rsplit(":", 1)[-1]) for r in rows if r["error"]]
assert errors == [("2", "2"), ("3", "3"), ("5", "5")], errors
EOF
expect "CSV output error rows do not name lines 2, 3 and 5" $?

# ---- co-process: one shipment into a pipe, its answer out before the next goes in ---------------
python3 tests/batch/coprocess.py "$EXPORTCTL" "$RULES"
expect "co-process answers (see the lines above)" $?

# ---- usage errors ---------------------------------------------------------------------------------
"$EXPORTCTL" batch --rules "$RULES" >/dev/null 2>&1
expect "batch without input must be a usage error (2)" $([ $? = 2 ]; echo $?)
"$EXPORTCTL" batch "$TMP/work.jsonl" --rules "$RULES" --threads 0 >/dev/null 2>&1
expect "--threads 0 must be a usage error (2)" $([ $? = 2 ]; echo $?)
"$EXPORTCTL" batch "$TMP/work.jsonl" --rules "$RULES" --line-buffered=yes >/dev/null 2>&1
expect "--line-buffered takes no value: a usage error (2)" $([ $? = 2 ]; echo $?)
"$EXPORTCTL" batch "$TMP/no-such.jsonl" --rules "$RULES" >/dev/null 2>"$TMP/missing.err"
expect "a missing input must be exit 1 with its name" $([ $? = 1 ] && grep -q "no-such.jsonl" "$TMP/missing.err"; echo $?)

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
