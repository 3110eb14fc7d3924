#!/usr/bin/env bash
# Sweep efficiency: seconds of measurement / wall seconds of a 12-point sweep with 5-second samples (goal ≥ 0.9).
# Prints the figures; it asserts nothing (the machine may be shared). Run as root: sudo scripts/bench-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
start=$(date +%s.%N)
node bin/vethbench.js run scripts/overhead-sweep.ts --out "$out" --json "$@" > "$out/summary.json"
end=$(date +%s.%N)
node --input-type=module -e '
  import { readFileSync } from "node:fs";
  const [file, start, end] = process.argv.slice(1);
  const results = JSON.parse(readFileSync(file, "utf8"));
  const samples = results.points.flatMap((p) => p.samples);
  const measured = samples.filter((s) => s.status === "ok").length * results.run.settings.durationS;
  const sweep = (Date.parse(results.run.finishedAt) - Date.parse(results.run.startedAt)) / 1000;
  const total = Number(end) - Number(start);
  const perTrial = (sweep - measured) / samples.length;
  console.log(`samples: ${samples.length} (${samples.filter((s) => s.status === "ok").length} ok) x ${results.run.settings.durationS} s`);
  console.log(`measured: ${measured.toFixed(1)} s   sweep wall: ${sweep.toFixed(1)} s   whole command: ${total.toFixed(1)} s`);
  console.log(`overhead per trial: ${perTrial.toFixed(2)} s`);
  console.log(`sweep efficiency: ${(measured / sweep).toFixed(3)} (whole command incl. preflight and host facts: ${(measured / total).toFixed(3)})`);
' "$(ls -d "$out"/overhead-sweep-*/results.json)" "$start" "$end"
rm -rf "$out"
