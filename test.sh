#!/usr/bin/env bash
# Runs every test: builds the solution, starts a throwaway PostgreSQL in a temporary folder (the
# integration tests create their own databases in it and start real silos and gateways against it),
# runs the suite, and leaves nothing running.
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
# No project but src/Exchange.Storage contains SQL against the hub's tables (fails before anything starts).
scripts/check-sql-ownership.sh
work=$(mktemp -d /tmp/exchange-test.XXXXXX)
chmod 755 "$work"
cleanup() {
  scripts/pg.sh stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT

source "$root/scripts/lib.sh"
# The font issued documents are set in (the silos refuse to start without it): installs it when missing.
scripts/install-fonts.sh
port=$(free_port "${EXCHANGE_TEST_PG_PORT:-15433}")
scripts/pg.sh start "$work/pg" "$port"
export EXCHANGE_TEST_DB="Host=127.0.0.1;Port=$port;Username=postgres;Database=exchange"
export EXCHANGE_TEST_WORK="$work"
# Hub processes that logged an error leave their output here (kept after the run: a status such as
# INTERNAL "it has been logged" is explained only by the log).
export EXCHANGE_TEST_LOGS="${EXCHANGE_TEST_LOGS:-$root/.exchange/test-logs/$(date -u +%Y%m%dT%H%M%SZ)}"
# Only the last five runs' logs are kept.
if [ -d "$root/.exchange/test-logs" ]; then
  ls -1d "$root/.exchange/test-logs/"*/ 2>/dev/null | sort | head -n -5 | xargs -r rm -rf
fi

dotnet build Exchange.sln -c Release -nologo -v q
# The browser tests (tests/Exchange.BrowserTests) drive Debian's chromium; installs it when missing.
scripts/install-browser.sh
status=0
# One test project at a time (-m:1): the harness's timing tests and the integration tests' processes
# would otherwise compete for the two cores.
dotnet test Exchange.sln -c Release --no-build -nologo -m:1 --logger "console;verbosity=normal" "$@" | tee "$work/test.log" || status=$?

# The fault suite's short form (tests/faults/run.sh: 500 submissions through a silo SIGKILL and a
# PostgreSQL stop; fails on any acknowledged application lost or duplicated, or an INTERNAL) —
# on a whole run only, not when a filter picks some tests.
faults_status="not run (a filter was given)"
if [ "$#" -eq 0 ]; then
  if FAULTS_SHORT=1 FAULTS_BUILD=0 tests/faults/run.sh >"$work/faults.log" 2>&1; then
    faults_status="passed"
  else
    faults_status="FAILED (log: $work/faults.log)"; tail -n 30 "$work/faults.log"; status=1
  fi
fi

# One closing line over every test project, in the plain form CI reads.
# (awk, not grep: a run without failures has no "Failed:" line, and grep would fail the script.)
passed=$(awk '/^[[:space:]]+Passed: [0-9]+/ {s += $2} END {print s + 0}' "$work/test.log")
failed=$(awk '/^[[:space:]]+Failed: [0-9]+/ {s += $2} END {print s + 0}' "$work/test.log")
skipped=$(awk '/^[[:space:]]+Skipped: [0-9]+/ {s += $2} END {print s + 0}' "$work/test.log")
echo "fault suite (short form): $faults_status"
echo "$passed passed, $failed failed, $skipped skipped"
if [ -d "$EXCHANGE_TEST_LOGS" ]; then
  echo "hub processes that logged errors (some tests provoke them): $EXCHANGE_TEST_LOGS"
fi
# A test skips only when what it needs is missing (EXCHANGE_TEST_DB), and this script provides
# everything: a skip here means the suite did not test what it says, so the run fails.
if [ "$skipped" -gt 0 ]; then
  echo "test.sh: $skipped test(s) skipped although test.sh set EXCHANGE_TEST_DB; see the [SKIP] lines above" >&2
  [ "$status" -ne 0 ] || status=1
fi
exit "$status"
