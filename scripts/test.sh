#!/usr/bin/env bash
# Runs every test against a real PostgreSQL and ends with the line "N passed, N failed".
# Database: TIMELINE_TEST_DB when set; else Testcontainers when a Docker engine answers; else the private cluster of
# scripts/local-postgres.sh (started here, installed with apt-get only if missing).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ -z "${TIMELINE_TEST_DB:-}" ]; then
  if docker info >/dev/null 2>&1; then
    echo "Docker engine found: the tests start PostgreSQL with Testcontainers."
  else
    echo "No Docker engine: using the private PostgreSQL cluster."
    TIMELINE_TEST_DB=$(scripts/local-postgres.sh start) || { echo "0 passed, 1 failed"; exit 1; }
    export TIMELINE_TEST_DB
  fi
fi

# The browser tests (tests/.../Web) drive Debian's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium), never a browser
# Playwright downloads. Installed here when missing, with a CJK font so the page's Chinese names render in screenshots.
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium for the browser tests (apt-get)."
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  { $sudo apt-get update -qq && $sudo apt-get install -y -qq chromium fonts-wqy-microhei; } >/dev/null \
    || echo "Could not install Chromium: the browser tests will fail."
fi

# TIMELINE_TEST_RESULTS keeps the TRX reports in that directory (CI uploads them); otherwise they are thrown away.
if [ -n "${TIMELINE_TEST_RESULTS:-}" ]; then
  results=$TIMELINE_TEST_RESULTS
  mkdir -p "$results"
  find "$results" -name '*.trx' -delete  # count this run's reports only
else
  results=$(mktemp -d)
  trap 'rm -rf "$results"' EXIT
fi

if ! dotnet build SinoRussiaTimeline.sln -nologo -v quiet; then
  echo "The build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test --solution SinoRussiaTimeline.sln --no-build --report-trx --results-directory "$results" "$@"
status=$?

# Counted from the TRX reports (scripts/trx-report.py): neither runner prints the closing line CI reads.
read -r passed failed < <(python3 scripts/trx-report.py "$results" counts)
passed=${passed:-0}
failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # the runner failed outside any test (e.g. no tests ran)
# Tests that measure something (fault, stress, several nodes) print their figures as lines starting with "[figures]"
# (tests/.../Stress/Figures.cs); the reports keep them, and they are shown here.
python3 scripts/trx-report.py "$results" figures

# The OpenAPI document against its lint ruleset counts as one more test (scripts/lint-openapi.sh).
if scripts/lint-openapi.sh; then passed=$((passed + 1)); else failed=$((failed + 1)); fi

# A short smoke of make bench (tiny sizes, 1 s runs, its own cluster) counts as one more test, so the harness cannot
# rot; it checks that every figure is measured and the table printed, never a timing (scripts/bench.sh, BENCH_SMOKE).
smoke_log=$(mktemp)
if BENCH_SMOKE=1 BENCH_CONFIGURATION=Debug BENCH_NO_BUILD=1 scripts/bench.sh >"$smoke_log" 2>&1 && grep -q '^| what | measured |' "$smoke_log"; then
  passed=$((passed + 1))
  echo "bench smoke: passed"
else
  failed=$((failed + 1))
  echo "bench smoke: FAILED"; tail -30 "$smoke_log"
fi
rm -f "$smoke_log"

# The failed tests' names and first lines again, last, so a log read from its end (CI shows its tail) names them.
python3 scripts/trx-report.py "$results" failures
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
