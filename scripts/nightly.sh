#!/usr/bin/env bash
# Nightly regression run, for cron or CI (as root): runs scenarios/nightly.ts, compares it with
# reports/baseline.json (or the last good night), writes reports/nightly/<date>/, appends to
# reports/nightly/history.jsonl and refreshes reports/nightly/trend.json.
# The repetitions are sized from the history's noise within --budget (default 30m); --rebaseline measures a new
# baseline, --until-decided adds rounds until every gating comparison is decided, --confirm measures once more
# before failing (docs/compare-nightly-ci.md, "Nightly with power").
# Exit 0: passed; 1: a point regressed or the night is invalid (failed samples); 2: bad input (a baseline from
# another host or major tool version, unless --allow-foreign-baseline); 4: cannot judge (busy host, nothing matched);
# 5: a gating metric undecided with --fail-on-undecided.
# Every option of `vethbench nightly` passes through (--baseline, --dir, --scenario, --threshold, --results, …).
set -euo pipefail
cd "$(dirname "$0")/.."
exec node bin/vethbench.js nightly "$@"
