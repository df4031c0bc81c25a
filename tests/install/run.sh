#!/usr/bin/env bash
# exportctl as others use it once installed: `cmake --install` into a temporary prefix, which is
# then moved (everything must be relocatable), and from there
#   - the installed command line finds the installed rules, and fails clearly without them;
#   - an external CMake project (find_package(exportctl CONFIG)) and a pkg-config build of the
#     same sources link exportctl::engine (C++) and exportctl::c (C) and screen a sample with
#     the command line's answer;
#   - the C library has its SONAME and exports only exportctl_* functions;
#   - the Python package finds its library and rules from the prefix;
# and, from the source tree, a subproject (add_subdirectory) brings no tests or benchmarks and
# passes on its C++20 requirement.
#   tests/install/run.sh BUILD_DIR [PYTHON]      (from the project root; ctest runs it)
# Prints one line per failure and "N passed, M failed" last; exits 1 on any failure.
set -u
cd "$(dirname "$0")/../.."
BUILD=$(cd "$1" && pwd)
PYTHON=${2:-python3}
SOURCE=$PWD
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect() {  # expect NAME EXIT-STATUS-OF-A-CONDITION
  if [ "$2" = 0 ]; then pass; else fail "$1"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
  exit
}

SAMPLE=samples/h20-china-after-letter.json
"$BUILD/exportctl" check "$SAMPLE" --rules rules --format json >"$TMP/expected.json"
expected_rules=$("$BUILD/exportctl" rules validate rules)

# ---- install, then move the prefix ------------------------------------------------------------
if ! cmake --install "$BUILD" --prefix "$TMP/installed" >"$TMP/install.log" 2>&1; then
  fail "cmake --install: $(tail -n 5 "$TMP/install.log")"
  finish
fi
mv "$TMP/installed" "$TMP/prefix"
PREFIX=$TMP/prefix
for file in bin/exportctl bin/exportctl-serve lib/libexportctl_engine.a lib/libexportctl.so.1 lib/libexportctl.so include/exportctl.h \
            include/exportctl/engine.hpp include/exportctl/batch.hpp include/exportctl/version.hpp \
            lib/cmake/exportctl/exportctlConfig.cmake lib/cmake/exportctl/exportctlConfigVersion.cmake \
            lib/cmake/exportctl/exportctlTargets.cmake lib/pkgconfig/exportctl.pc lib/pkgconfig/exportctl-c.pc \
            share/exportctl/rules/groups/countries.json; do
  [ -e "$PREFIX/$file" ]; expect "installed: $file" $?
done
if grep -rqF "$TMP/installed" "$PREFIX/lib/cmake" "$PREFIX/lib/pkgconfig"; then
  fail "the CMake package or a .pc file names the install prefix instead of locating it"
else pass; fi

# ---- the installed command line ---------------------------------------------------------------
env -u EXPORTCTL_RULES "$PREFIX/bin/exportctl" check "$SAMPLE" --format json >"$TMP/installed.json" 2>"$TMP/err"
code=$?
if [ "$code" = 3 ] && cmp -s "$TMP/installed.json" "$TMP/expected.json"; then pass
else fail "installed exportctl check: exit $code, $(head -c 300 "$TMP/err")"; fi
actual_rules=$(cd "$TMP" && env -u EXPORTCTL_RULES "$PREFIX/bin/exportctl" rules validate 2>&1)
[ "$actual_rules" = "$expected_rules" ]; expect "installed exportctl reads the installed rules: $actual_rules" $?

# `exportctl serve` runs the exportctl-serve installed next to it (the prefix has moved).
env -u EXPORTCTL_RULES "$PREFIX/bin/exportctl" serve --port 0 --access-log off 2>"$TMP/serve.log" &
serve_pid=$!
for _ in $(seq 100); do grep -q '"event":"listening"' "$TMP/serve.log" && break; sleep 0.1; done
grep -q '"event":"listening"' "$TMP/serve.log"; expect "installed exportctl serve listens: $(head -c 300 "$TMP/serve.log")" $?
kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null
# Without exportctl-serve beside it, serve says what is missing.
mkdir "$TMP/alone" && cp "$PREFIX/bin/exportctl" "$TMP/alone/"
"$TMP/alone/exportctl" serve --rules "$SOURCE/rules" >"$TMP/out" 2>"$TMP/err"
code=$?
[ "$code" = 1 ] && grep -qF "exportctl: serve: cannot run $TMP/alone/exportctl-serve: No such file or directory" "$TMP/err"
expect "exportctl serve without exportctl-serve: exit $code, $(head -c 300 "$TMP/err")" $?

# ---- the C library ----------------------------------------------------------------------------
soname=$(readelf -d "$PREFIX/lib/libexportctl.so.1" | grep -o 'Library soname: \[[^]]*\]')
[ "$soname" = "Library soname: [libexportctl.so.1]" ]; expect "SONAME libexportctl.so.1 ($soname)" $?
others=$(nm -D --defined-only "$PREFIX/lib/libexportctl.so.1" | awk '$2 != "A" && $3 !~ /^exportctl_/')
[ -z "$others" ]; expect "libexportctl.so.1 exports only exportctl_*: $(echo "$others" | head -n 3)" $?
exported=$(nm -D --defined-only "$PREFIX/lib/libexportctl.so.1" | awk '$3 ~ /^exportctl_/ {sub(/@.*/, "", $3); print $3}' | sort | tr '\n' ' ')
declared=$(grep -oE '^EXPORTCTL_API [^(]*\b(exportctl_[a-z_]+)\(' "$PREFIX/include/exportctl.h" |
           grep -oE 'exportctl_[a-z_]+\($' | tr -d '(' | sort | tr '\n' ' ')
[ -n "$declared" ] && [ "$exported" = "$declared" ]
expect "the exported functions are those exportctl.h declares: exported [$exported] declared [$declared]" $?

# run_consumer NAME BINARY: runs a consumer on the sample; it must answer as the command line.
run_consumer() {
  local name=$1 binary=$2
  LD_LIBRARY_PATH=$PREFIX/lib "$binary" "$PREFIX/share/exportctl/rules" "$SAMPLE" >"$TMP/out.json" 2>"$TMP/err"
  local code=$?
  if [ "$code" = 3 ] && cmp -s "$TMP/out.json" "$TMP/expected.json"; then pass
  else fail "$name: exit $code, $(head -c 300 "$TMP/err")"; fi
}

# ---- an external CMake project ----------------------------------------------------------------
if cmake -S tests/install/consumer -B "$TMP/cmake-consumer" -DCMAKE_PREFIX_PATH="$PREFIX" \
     -DCMAKE_BUILD_TYPE=Release >"$TMP/log" 2>&1 &&
   cmake --build "$TMP/cmake-consumer" >>"$TMP/log" 2>&1; then
  pass
  run_consumer "CMake consumer, C++" "$TMP/cmake-consumer/screen_cpp"
  run_consumer "CMake consumer, C" "$TMP/cmake-consumer/screen_c"
else
  fail "find_package(exportctl) consumer does not build: $(grep -m 5 -iE 'error|warning' "$TMP/log")"
fi

# ---- the same sources built with pkg-config -----------------------------------------------------
export PKG_CONFIG_PATH=$PREFIX/lib/pkgconfig
version=$(pkg-config --modversion exportctl)
[ "$version" = "$("$BUILD/exportctl" check "$SAMPLE" --rules rules --format json | grep -oE '"version":"[^"]+"' | cut -d'"' -f4)" ]
expect "pkg-config --modversion exportctl is the engine version ($version)" $?
# shellcheck disable=SC2046 # the flags are words
if g++ -O1 tests/install/consumer/screen.cpp -o "$TMP/pc_screen_cpp" $(pkg-config --cflags --libs exportctl) 2>"$TMP/log"; then
  pass
  run_consumer "pkg-config consumer, C++" "$TMP/pc_screen_cpp"
else
  fail "pkg-config C++ consumer does not build: $(head -n 5 "$TMP/log")"
fi
# shellcheck disable=SC2046
if gcc -std=c11 -Wall -Wextra -Werror tests/install/consumer/screen.c -o "$TMP/pc_screen_c" \
     $(pkg-config --cflags --libs exportctl-c) 2>"$TMP/log"; then
  pass
  run_consumer "pkg-config consumer, C" "$TMP/pc_screen_c"
else
  fail "pkg-config C consumer does not build: $(head -n 5 "$TMP/log")"
fi

# ---- the Python package from the prefix -----------------------------------------------------------
package=$(find "$PREFIX" -name _install.py -path '*/exportctl/*' | head -n 1)
if [ -z "$package" ]; then
  fail "the Python package is not installed"
else
  site=$(dirname "$(dirname "$package")")
  (cd "$TMP" && env -u EXPORTCTL_LIBRARY -u EXPORTCTL_RULES PYTHONPATH="$site" PYTHONDONTWRITEBYTECODE=1 \
     "$PYTHON" -c "import exportctl, sys; sys.stdout.write(exportctl.Engine().check_json(open(sys.argv[1]).read()) + '\n')" \
     "$SOURCE/$SAMPLE") >"$TMP/python.json" 2>"$TMP/err"
  if cmp -s "$TMP/python.json" "$TMP/expected.json"; then pass
  else fail "installed Python package: $(tail -n 3 "$TMP/err")"; fi
fi

# ---- without its rules, the installed command line says so (it never reads another copy) -------
rm -rf "$PREFIX/share/exportctl/rules"
(cd "$TMP" && env -u EXPORTCTL_RULES "$PREFIX/bin/exportctl" check "$SOURCE/$SAMPLE" >"$TMP/out" 2>"$TMP/err")
code=$?
message="exportctl: $PREFIX/share/exportctl/rules: no rules installed here; pass --rules DIR or --db FILE, or set EXPORTCTL_RULES"
if [ "$code" = 1 ] && [ "$(cat "$TMP/err")" = "$message" ] && [ ! -s "$TMP/out" ]; then pass
else fail "installed exportctl without its rules: exit $code, stderr: $(cat "$TMP/err")"; fi

# ---- a subproject: no tests, no benchmarks, and the C++20 requirement passed on -------------------
if cmake -S tests/install/consumer -B "$TMP/subproject" -DEXPORTCTL_SOURCE_DIR="$SOURCE" \
     -DCMAKE_BUILD_TYPE=Release >"$TMP/log" 2>&1; then
  pass
  cmake --build "$TMP/subproject" --target help >"$TMP/targets" 2>&1
  grep -q 'screen_cpp' "$TMP/targets"; expect "subproject: the consumer's targets exist" $?
  grep -q 'exportctl_engine' "$TMP/targets"; expect "subproject: the library's target exists" $?
  ! grep -qE 'unit_tests|c_api_test|exportctl_bench' "$TMP/targets"
  expect "subproject: no test or benchmark targets ($(grep -oE 'unit_tests|c_api_test|exportctl_bench' "$TMP/targets" | tr '\n' ' '))" $?
  ! grep -rqs 'add_test' "$TMP/subproject/exportctl/CTestTestfile.cmake"; expect "subproject: no tests registered" $?
  # Compiles the consumer's C++ alone (not the library): it gets -std=gnu++20 from exportctl::engine.
  if (cd "$TMP/subproject" && make screen.cpp.o >"$TMP/log" 2>&1) ||
     (cd "$TMP/subproject" && make screen.o >"$TMP/log" 2>&1); then pass
  else fail "subproject: the consumer does not compile against the library's usage requirements: $(grep -m 3 error "$TMP/log")"; fi
else
  fail "subproject configure: $(grep -m 5 -i error "$TMP/log")"
fi

finish
