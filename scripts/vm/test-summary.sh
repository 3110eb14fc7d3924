#!/usr/bin/env bash
# test-summary.sh LOG… — one line "N passed, N failed" over node test runner logs (the spec reporter's "ℹ pass N" /
# "ℹ fail N" summary lines, or TAP's "# pass N"), added across the logs. Exit 1 when a log has no summary.
set -euo pipefail
passed=0 failed=0 status=0
for log in "$@"; do
  counts=$(sed 's/\x1b\[[0-9;]*m//g; s/\r$//' "$log" | awk '
    /^(ℹ|#) pass [0-9]+$/ { p += $3; seen = 1 }
    /^(ℹ|#) fail [0-9]+$/ { f += $3; seen = 1 }
    END { if (seen) print p + 0, f + 0 }')
  if [ -z "$counts" ]; then echo "test-summary: $log has no test runner summary (the run did not finish)" >&2; status=1; continue; fi
  passed=$((passed + ${counts% *})) failed=$((failed + ${counts#* }))
done
echo "$passed passed, $failed failed"
exit "$status"
