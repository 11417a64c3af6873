#!/usr/bin/env bash
# The test command: installs everything, runs `deno task ok` (fmt, lint, check, tests),
# and ends with one line `N passed, N failed, N skipped` (scripts/test_summary.sh; in CI an
# ignored test fails the run).
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --all || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
log=$(mktemp)
deno task ok 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
bash scripts/test_summary.sh "$log" "$rc"
rc=$?
rm -f "$log"
exit "$rc"
