#!/usr/bin/env bash
# Builds the fuzz targets (tests/fuzz, docs/fuzzing.md) with clang-14, libFuzzer, ASan and UBSan
# into build-asan/ (the build the asan preset's suite uses too), and runs each for SECONDS
# (default 60), one after the other, from a seed corpus rebuilt from samples/, tests/scenarios/
# and rules/. Prints, per target, the executions, exec/s, coverage (cov, ft), corpus size and any
# crash file; exits 1 if any target found a crash or broke an invariant.
#
#   scripts/fuzz.sh                       # every target, 60 s each
#   scripts/fuzz.sh 3600 shipment batch_csv
#   FUZZ_JOBS=2 scripts/fuzz.sh 600       # two targets at a time
#
# Found inputs are kept in build-asan/fuzz-runs/TARGET/ (corpus/, crashes/, log). Environment:
# FUZZ_BUILD_DIR (default build-asan), FUZZ_JOBS (targets run at once, default 1),
# FUZZ_SEED_EXPORTCTL (the command line that makes the store seeds; default: build this build's).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
all_targets=(shipment rules_document rules_directory strict_json batch_jsonl batch_csv http_request store_file)
targets=("$@")
((${#targets[@]})) || targets=("${all_targets[@]}")
build=${FUZZ_BUILD_DIR:-build-asan}
jobs=${FUZZ_JOBS:-1}

command -v clang++-14 >/dev/null || scripts/install-deps.sh
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake --preset asan >/dev/null
fi
# The store seeds are made by a command line: FUZZ_SEED_EXPORTCTL (scripts/test.sh passes the
# build/ one it has just built), else this build's, built here.
seed_exportctl=${FUZZ_SEED_EXPORTCTL:-$build/exportctl}
build_targets=()
[ -n "${FUZZ_SEED_EXPORTCTL:-}" ] || build_targets+=(exportctl)
for target in "${targets[@]}"; do build_targets+=("fuzz_$target"); done
nice -n 10 cmake --build "$build" -j2 --target "${build_targets[@]}"

runs="$build/fuzz-runs"
mkdir -p "$runs"
python3 tests/fuzz/make_corpus.py --exportctl "$seed_exportctl" "$runs/seeds" >/dev/null
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_one() {
  local target=$1 dir="$runs/$1"
  mkdir -p "$dir/corpus" "$dir/crashes"
  # -rss_limit_mb: a target that needs more than 2 GB for one input is a finding (issue 14).
  nice -n 10 "$build/tests/fuzz/fuzz_$target" "$dir/corpus" "$runs/seeds/$target" \
    -dict="$runs/seeds/contract.dict" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$dir/crashes/" >"$dir/log" 2>&1 || true
}
summary() {
  local target=$1 dir="$runs/$1" log="$runs/$1/log"
  local execs rate cov ft corpus crashes slow
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corpus=$(find "$dir/corpus" -type f | wc -l)
  # libFuzzer keeps an input that took over 10 s as slow-unit-*: on a loaded machine that is the
  # load, not the input (rerun it: `build-asan/tests/fuzz/fuzz_TARGET FILE`). Only -timeout (60 s)
  # makes a slow input a finding (timeout-*).
  crashes=$(find "$dir/crashes" -type f ! -name 'slow-unit-*' | wc -l)
  slow=$(find "$dir/crashes" -type f -name 'slow-unit-*' | wc -l)
  printf '%-16s %6ss %10s execs %7s exec/s cov %6s ft %6s corpus %5s crashes %s slow %s\n' \
    "$target" "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "$corpus" "$crashes" "$slow"
  if [ "$crashes" != 0 ] || grep -q 'ERROR: \(AddressSanitizer\|LeakSanitizer\|libFuzzer\)\|runtime error:\|fuzz invariant broken' "$log"; then
    find "$dir/crashes" -type f ! -name 'slow-unit-*' -printf '  crash file: %p\n'
    grep -m3 'ERROR:\|runtime error:\|fuzz invariant broken' "$log" | sed 's/^/  /'
    return 1
  fi
}

running=0
for target in "${targets[@]}"; do
  run_one "$target" &
  running=$((running + 1))
  if ((running >= jobs)); then wait -n || true; running=$((running - 1)); fi
done
wait
status=0
for target in "${targets[@]}"; do summary "$target" || status=1; done
exit $status
