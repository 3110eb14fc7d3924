#!/usr/bin/env bash
# Nightly regression run, for cron or CI (as root): runs scenarios/nightly.ts, compares it with
# reports/baseline.json (or the last good night), writes reports/nightly/<date>/, appends to
# reports/nightly/history.jsonl and refreshes reports/nightly/trend.json.
# Exit 0: passed; 1: a point regressed or the night is invalid (failed samples); 2: bad input.
# Every option of `vethbench nightly` passes through (--baseline, --dir, --scenario, --threshold, --results).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node bin/vethbench.js nightly "$@"
