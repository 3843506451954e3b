#!/usr/bin/env bash
# Lints the API document the build generated (run after mvn) with Spectral: spectral:oas and the OWASP API Security
# ruleset, as .spectral.yaml configures them (waivers there, each with its reason). Fails on any error, and fails,
# never skips, when npm is missing. Versions are pinned in .ci/openapi-lint/package-lock.json; nothing is installed
# globally.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCUMENT=${1:-adapters/target/classes/META-INF/swagger/roster-v1.yml}
TOOLS=.ci/openapi-lint

if ! command -v npm >/dev/null 2>&1; then
  echo "FAIL: npm is not installed; the API document cannot be linted (the lint is never skipped)." >&2
  exit 1
fi
if [ ! -f "$DOCUMENT" ]; then
  echo "FAIL: $DOCUMENT does not exist; build with mvn first." >&2
  exit 1
fi

# --ignore-scripts: the tools need no install scripts (one dependency's is an analytics ping)
(cd "$TOOLS" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
# the ruleset extends the OWASP ruleset by package name; Node resolves it from the pinned install
NODE_PATH="$PWD/$TOOLS/node_modules" "$TOOLS/node_modules/.bin/spectral" lint \
  --ruleset .spectral.yaml --fail-severity=error --format=stylish "$DOCUMENT"
