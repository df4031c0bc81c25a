#!/usr/bin/env bash
# The README's test command, and CI's (.ci/run): builds if needed and runs
#   1. the whole suite (ctest, build/): with it the fuzz targets' seeds and reproducers replayed
#      and the structural fuzzer for a fixed seed (docs/fuzzing.md);
#   2. every fuzz target for FUZZ_SECONDS (default 30) under ASan + UBSan (clang-14, libFuzzer,
#      build-asan/: only the libraries and the targets at first), two at a time;
#   3. in the same build-asan/, the whole suite under ASan + UBSan (the asan preset), and the
#      batch suite under TSan (the tsan preset, build-tsan/).
# All of it took 16 minutes on an idle 2-core machine, packages installed (docs/fuzzing.md,
# "What CI runs"). SANITIZERS=0 stops after step 1, SANITIZERS=fuzz after step 2 (a quick local
# run). Each step prints its time.
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
sanitizers=${SANITIZERS:-all}
[ "$sanitizers" != 0 ] || exit 0

step "fuzz targets, ASan + UBSan" env FUZZ_JOBS="${FUZZ_JOBS:-2}" FUZZ_SEED_EXPORTCTL="$PWD/build/exportctl" \
  scripts/fuzz.sh "${FUZZ_SECONDS:-30}"
[ "$sanitizers" = all ] || exit 0

step "asan build" cmake --build build-asan -j"$jobs"
step "asan suite" ctest --preset asan -j"$jobs"
step "tsan build" bash -c 'cmake --preset tsan >/dev/null && cmake --build --preset tsan'
step "tsan batch suite" ctest --preset tsan
