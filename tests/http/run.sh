#!/usr/bin/env bash
# The HTTP service end to end: a real `exportctl serve` on a free loopback port, real sockets,
# every response held to the OpenAPI description. Run from the project root with $EXPORTCTL set
# (ctest does both); prints one line per failure and "N passed, M failed".
set -u
EXPORTCTL=${EXPORTCTL:-build/exportctl}
if [ ! -x "$EXPORTCTL" ]; then
  echo "exportctl not found at $EXPORTCTL (set EXPORTCTL)"
  echo "0 passed, 1 failed"
  exit 1
fi
export EXPORTCTL=$(realpath "$EXPORTCTL")
# Debian's python3 first: python3-jsonschema is the version this suite is written for; the python3
# once scripts/install-deps.sh has run.
PYTHON=
for candidate in /usr/bin/python3 python3; do
  if "$candidate" -c 'import jsonschema' 2>/dev/null; then PYTHON=$candidate; break; fi
done
if [ -z "$PYTHON" ]; then
  echo "python3-jsonschema is missing (scripts/install-deps.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
exec "$PYTHON" tests/http/service_test.py
