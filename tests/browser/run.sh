#!/usr/bin/env bash
# The officer's page in a real browser: Debian's Chromium, headless, driven by playwright-core
# against a real `exportctl serve` on a free loopback port (officer_test.mjs says what it does).
# Run from the project root with $EXPORTCTL set (ctest does both). Screenshots go to
# $SCREENSHOTS (default: a temporary directory); SCREENSHOTS=docs/screenshots refreshes the
# committed ones. Prints one line per failure, the measured timings, and "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
EXPORTCTL=${EXPORTCTL:-build/exportctl}
fail_setup() { echo "$1"; echo "0 passed, 1 failed"; exit 1; }
[ -x "$EXPORTCTL" ] || fail_setup "exportctl not found at $EXPORTCTL (set EXPORTCTL)"
[ -x /usr/bin/chromium ] || fail_setup "/usr/bin/chromium is missing (scripts/install-deps.sh installs it)"
command -v pdftotext >/dev/null || fail_setup "pdftotext is missing (poppler-utils; scripts/install-deps.sh installs it)"
[ -d tests/browser/node_modules/playwright-core ] || fail_setup "tests/browser/node_modules is missing (scripts/install-deps.sh runs npm ci)"
export EXPORTCTL=$(realpath "$EXPORTCTL")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export SCREENSHOTS=${SCREENSHOTS:-$TMP/screenshots}
mkdir -p "$SCREENSHOTS"
export BROWSER_TMP=$TMP
node tests/browser/officer_test.mjs
exit $?
