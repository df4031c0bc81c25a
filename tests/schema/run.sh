#!/usr/bin/env bash
# The JSON Schemas of schema/json/ against the rule data, the samples, the determinations the
# CLI prints, and the code's own vocabularies and checks (details in validate.py).
# Usage (from anywhere; runs in the project root): EXPORTCTL=build/exportctl tests/schema/run.sh
# Prints "N passed, M failed" last; exits 1 on any failure.
set -u
cd "$(dirname "$0")/../.."
EXPORTCTL=${EXPORTCTL:-build/exportctl}
case "$EXPORTCTL" in /*) ;; *) EXPORTCTL="$PWD/$EXPORTCTL" ;; esac
export EXPORTCTL
if [ ! -x "$EXPORTCTL" ]; then
  echo "exportctl not found at $EXPORTCTL (set EXPORTCTL)"
  echo "0 passed, 1 failed"
  exit 1
fi
# The python3 first on PATH may be a private one (pyenv) without jsonschema; Debian's has it
# once scripts/install-deps.sh has run.
PYTHON=
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import jsonschema' 2>/dev/null; then PYTHON=$candidate; break; fi
done
if [ -z "$PYTHON" ]; then
  echo "python3-jsonschema is missing (scripts/install-deps.sh installs it)"
  echo "0 passed, 1 failed"
  exit 1
fi
exec "$PYTHON" tests/schema/validate.py
