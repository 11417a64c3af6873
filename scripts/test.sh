#!/usr/bin/env bash
# The test command: installs everything, runs `deno task ok` (fmt, lint, check, tests),
# and ends with one line `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --all || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }
log=$(mktemp)
deno task ok 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# Deno prints "ok | 12 passed (3 steps) | 0 failed" or "FAILED | 10 passed | 2 failed".
line=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -aE '^(ok|FAILED) \| [0-9]+ passed' | tail -1)
passed=$(echo "$line" | sed -nE 's/.*\| ([0-9]+) passed.*/\1/p')
failed=$(echo "$line" | sed -nE 's/.*\| ([0-9]+) failed.*/\1/p')
passed=${passed:-0}
failed=${failed:-0}
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
# A green run that reports no test is a broken runner or parser, not a pass.
if [ "$rc" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "no test summary found in the output" >&2; failed=1; rc=1; fi
rm -f "$log"
echo "${passed} passed, ${failed} failed"
exit "$rc"
