#!/usr/bin/env bash
# Start-up figures (issue 12, "Fast start"): wall and CPU time of `vethbench --help` against `node -e 0` on the
# same host in the same run (so the ratio means something on a loaded machine), and of `vethbench plan
# scenarios/gro.ts`. Each command runs RUNS times in a fresh process; the median is printed. "Cold" = a new
# process every time (no daemon, nothing kept warm); the OS page cache is not dropped.
# Targets: --help <= 0.3 s wall and <= 4x node -e 0; plan <= 1 s.  Usage: scripts/bench-startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
if grep -q "\"build\"" package.json && [ ! -f dist/cli/main.js ]; then npm run --silent build; fi

# One timing: "wall cpu" in seconds (cpu = user + sys of the child), from GNU time when present, else bash's time.
measure() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %U %S' "$@" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
  else
    local TIMEFORMAT='%R %U %S'
    { time "$@" >/dev/null 2>/dev/null; } 2>&1 | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
  fi
}

# Median wall and median CPU over $runs runs (each column sorted on its own).
median_of() {
  local samples
  samples=$(for _ in $(seq "$runs"); do measure "$@"; done)
  local m=$(( (runs + 1) / 2 ))
  printf '%s %s\n' "$(cut -d' ' -f1 <<<"$samples" | sort -n | sed -n "${m}p")" "$(cut -d' ' -f2 <<<"$samples" | sort -n | sed -n "${m}p")"
}

read -r node_wall node_cpu < <(median_of node -e 0)
read -r help_wall help_cpu < <(median_of node bin/vethbench.js --help)
read -r plan_wall plan_cpu < <(median_of node bin/vethbench.js plan scenarios/gro.ts)

verdict() { awk -v v="$1" -v limit="$2" 'BEGIN { print (v <= limit ? "ok" : "OVER") }'; }
ratio_wall=$(awk -v a="$help_wall" -v b="$node_wall" 'BEGIN { printf "%.1f", a / b }')
ratio_cpu=$(awk -v a="$help_cpu" -v b="$node_cpu" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
printf 'median of %d fresh processes on %s (%s CPUs), node %s, load average %s (wall time means little above ~%s)\n' \
  "$runs" "$(hostname)" "$(nproc)" "$(node --version)" "$(cut -d' ' -f1 /proc/loadavg)" "$(nproc)"
printf '  %-34s wall %6.3f s  cpu %6.3f s\n' 'node -e 0' "$node_wall" "$node_cpu"
printf '  %-34s wall %6.3f s  cpu %6.3f s  = %sx node wall (%sx cpu)  target <= 0.3 s, <= 4x: %s\n' \
  'vethbench --help' "$help_wall" "$help_cpu" "$ratio_wall" "$ratio_cpu" \
  "$( [ "$(verdict "$help_wall" 0.3)" = ok ] && [ "$(verdict "$ratio_wall" 4)" = ok ] && echo ok || echo OVER)"
printf '  %-34s wall %6.3f s  cpu %6.3f s  target <= 1 s: %s\n' 'vethbench plan scenarios/gro.ts' "$plan_wall" "$plan_cpu" "$(verdict "$plan_wall" 1)"
