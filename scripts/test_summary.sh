#!/usr/bin/env bash
# Usage: test_summary.sh LOG RC. Reads the output of `deno task ok` (LOG) and its exit code (RC),
# prints one line `N passed, N failed, N ignored` and exits with the verdict. When CI is set to a
# truthy value (anything but empty, 0, false, no, off), an ignored test fails the run: in CI
# every tool is installed, so a skip hides a test that did not run.
set -uo pipefail
log=$1
rc=$2
# Deno prints "ok | 12 passed (3 steps) | 0 failed" or "FAILED | 10 passed | 2 failed",
# with "| N ignored" after it when tests were ignored.
line=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -aE '^(ok|FAILED) \| [0-9]+ passed' | tail -1)
passed=$(echo "$line" | sed -nE 's/.*\| ([0-9]+) passed.*/\1/p')
failed=$(echo "$line" | sed -nE 's/.*\| ([0-9]+) failed.*/\1/p')
passed=${passed:-0}
failed=${failed:-0}
ignored=$(echo "$line" | sed -nE 's/.*\| ([0-9]+) ignored.*/\1/p')
ignored=${ignored:-0}
ci=$(echo "${CI:-}" | tr '[:upper:]' '[:lower:]' | xargs)
case "$ci" in
  "" | 0 | false | no | off) ;;
  *) if [ "$ignored" -gt 0 ]; then
       echo "CI=${CI}: ${ignored} ignored test(s) count as failures in CI" >&2
       failed=$((failed + ignored)); rc=1
     fi ;;
esac
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
# A green run that reports no test is a broken runner or parser, not a pass.
if [ "$rc" -eq 0 ] && [ "$passed" -eq 0 ]; then echo "no test summary found in the output" >&2; failed=1; rc=1; fi
# Deno calls a skipped test "ignored"; the closing line uses the common word.
echo "${passed} passed, ${failed} failed, ${ignored} skipped"
exit "$rc"
