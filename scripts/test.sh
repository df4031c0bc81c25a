#!/usr/bin/env bash
# The README's test command, and CI's (.ci/run): builds if needed and runs
#   1. the whole suite (ctest, build/),
#   2. the whole suite again under ASan + UBSan (clang-14, the asan preset, build-asan/),
#   3. every fuzz target for FUZZ_SECONDS (default 30) under ASan + UBSan, in the same build,
#   4. the batch suite under TSan (the tsan preset, build-tsan/: only the command line is built).
# Each step prints how long it took. SANITIZERS=0 runs step 1 only (a quick local run).
# On a fresh 2-core machine the whole takes about 25 minutes (docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
jobs=$(nproc)
step() {  # step NAME COMMAND...: runs it, then prints its wall time
  local name=$1 started=$SECONDS
  shift
  echo "== $name"
  "$@"
  echo "== $name: $((SECONDS - started)) s"
}

step "build" scripts/build.sh
step "suite" ctest --test-dir build --output-on-failure -j"$jobs"
[ "${SANITIZERS:-1}" = 1 ] || exit 0

step "asan configure" cmake --preset asan >/dev/null
step "asan build" cmake --build build-asan -j"$jobs"
step "asan suite" ctest --preset asan -j"$jobs"
step "fuzz" env FUZZ_JOBS="${FUZZ_JOBS:-2}" scripts/fuzz.sh "${FUZZ_SECONDS:-30}"
step "tsan build" bash -c 'cmake --preset tsan >/dev/null && cmake --build --preset tsan'
step "tsan batch suite" ctest --preset tsan
