#!/usr/bin/env bash
# Lints the service's OpenAPI document with Redocly's CLI against the committed ruleset (redocly.yaml, with the problems
# skipped one by one in .redocly.lint-ignore.yaml). Fails on any error or warning. Needs a build (make build): the
# document comes from the app's `openapi` verb, which starts no server and opens no database connection.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

tools=tools/openapi-lint
document="$PWD/artifacts/openapi/swagger.json"  # absolute: `dotnet run` runs the app in the project folder

if [ ! -x "$tools/node_modules/.bin/redocly" ]; then
  echo "Installing the lint tools (npm ci in $tools)..."
  npm ci --prefix "$tools" --no-audit --no-fund --loglevel=error
fi

# The verb builds the app to read its endpoints; the connection string is required by the set-up but never used.
ConnectionStrings__Timeline="Host=127.0.0.1;Database=unused" \
  dotnet run --project src/SinoRussiaTimeline/SinoRussiaTimeline.csproj --no-build --no-launch-profile -- \
  openapi "$document" --Logging:LogLevel:Default=Warning

# No telemetry and no update check: the lint talks to nothing.
output=$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  "$tools/node_modules/.bin/redocly" lint "$document" --config redocly.yaml 2>&1) && status=0 || status=$?
# Redocly's whole output only when the lint fails: on a pass it is mostly a boxed notice about Node.js versions, which
# pushed the test command's last lines (the ones CI shows) out of view.
if [ "$status" -ne 0 ] || grep -qE 'You have [0-9]+ warnings?' <<<"$output"; then
  printf '%s\n' "$output"
  echo "OpenAPI lint: failed ($document against redocly.yaml)."
  exit 1
fi
echo "OpenAPI lint: passed ($(grep -m1 -oE 'validated in [0-9]+ ?ms' <<<"$output" || echo validated))."
