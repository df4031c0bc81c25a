# The counters and checks the shell suites share; sourced from the project root
# (`. tests/lib.sh`). Each suite ends with `echo "NAME: $passed passed, $failed failed"` and
# exits non-zero when anything failed.
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
expect_eq() {  # name expected actual
  if [ "$2" == "$3" ]; then ok; else fail "$1: expected [$2], got [$3]"; fi
}
expect_contains() {  # name haystack needle
  if [[ "$2" == *"$3"* ]]; then ok; else fail "$1: [$2] does not contain [$3]"; fi
}
