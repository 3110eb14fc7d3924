// Does vethbench add noise of its own? One topology, ≥ 30 interleaved pairs: each sample the real runner takes
// (runScenarios, with its CPU sampling, interference guard and journal) is paired with the very argv it ran — the
// iperf3 client, its namespace, port and pinning — run again by hand from here, in ABBA order (V H, H V, …) so neither
// arm always goes first. Prints the median ratio vethbench / hand with its CI and a bootstrap CI of the CV ratio;
// targets (issue 13): the ratio's CI inside ±3 %, the CV ratio's upper bound ≤ 1.5. Asserts nothing (the host may be
// shared). Every hand sample is kept in fidelity.json beside the run's results.json.
// Run as root: node --import tsx scripts/fidelity.ts [scenario with one iperf3 point] [--pairs N]
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runSettings } from '../src/cli/run-settings.ts';
import { ExecaHost } from '../src/host/execa-host.ts';
import { inNetns, type Host } from '../src/host/host.ts';
import { loadScenario } from '../src/files/load-scenario.ts';
import { expandPlan } from '../src/plan/expand.ts';
import { runScenarios } from '../src/run/run-scenarios.ts';
import { pairedFidelity } from '../src/stats/paired-fidelity.ts';
import { parseIperf3Json } from '../src/tools/iperf3-parse.ts';

const args = process.argv.slice(2);
const pairsFlag = args.indexOf('--pairs');
const pairs = pairsFlag >= 0 ? Number(args[pairsFlag + 1]) : undefined;
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--pairs') ?? 'scripts/fidelity-scenario.ts';
if (pairs !== undefined && !(Number.isInteger(pairs) && pairs >= 3)) {
  console.error(`scripts/fidelity.ts: --pairs ${args[pairsFlag + 1]}: expected a whole number ≥ 3 (30 or more for the targets)`);
  process.exit(2);
}

/** The runner's host, remembering the last iperf3 client it ran (argv and namespace). */
let client: { argv: readonly string[]; netns: string | undefined } | undefined;
const inner = new ExecaHost();
const host: Host = {
  exec(argv, options) {
    if (argv[0] === 'iperf3' && argv.includes('-c')) client = { argv, netns: options?.netns };
    return inner.exec(argv, options);
  },
  spawn: (argv, options) => inner.spawn(argv, options),
};

interface HandSample { pair: number; startedAt: string; throughputBps?: number; failed?: string }
const hand: HandSample[] = [];
async function byHand(pair: number): Promise<void> {
  if (!client) throw new Error('no iperf3 client recorded yet');
  const full = inNetns(client.argv, client.netns);
  const startedAt = new Date().toISOString();
  try {
    const { stdout } = await promisify(execFile)(full[0]!, full.slice(1), { maxBuffer: 64 << 20 });
    const parsed = parseIperf3Json(stdout);
    hand.push(parsed.ok && parsed.metrics.throughputBps !== undefined ? { pair, startedAt, throughputBps: parsed.metrics.throughputBps } : { pair, startedAt, failed: parsed.ok ? 'no throughput' : parsed.reason });
  } catch (error) {
    hand.push({ pair, startedAt, failed: String(error) });
  }
}

const scenario = await loadScenario(file);
const plan = expandPlan(scenario, runSettings(scenario, pairs === undefined ? {} : { repetitions: pairs }, 1));
if (plan.points.length !== 1 || plan.points[0]!.workload.tool !== 'iperf3') {
  console.error(`${file}: expected exactly one iperf3 point, found ${plan.points.length}; the fidelity script pairs one argv with itself`);
  process.exit(2);
}
const out = `/tmp/vethbench-fidelity-${Date.now()}`;
const [outcome] = await runScenarios([{ plan }], {
  host, out, signal: new AbortController().signal, log: (line) => console.error(line),
  // ABBA: pair 2k is vethbench then hand, pair 2k+1 hand then vethbench (the argv is the one recorded just before).
  onProgress: async (e) => {
    if (e.type === 'trial-end' && e.trial.repetition % 2 === 0) await byHand(e.trial.repetition);
    if (e.type === 'trial-start' && e.trial.repetition % 2 === 1) await byHand(e.trial.repetition);
  },
});
if (!outcome) throw new Error('runScenarios returned no outcome');
writeFileSync(join(outcome.runDir, 'fidelity.json'), `${JSON.stringify({ argv: client?.argv, netns: client?.netns, hand }, null, 2)}\n`);

const samples = outcome.results.points[0]!.samples;
const byPair = new Map(hand.map((h) => [h.pair, h.throughputBps ?? NaN]));
// Contaminated samples count on both arms alike (the hand arm has no guard): dropping them on one side only would bias it.
const tool = samples.map((s) => (s.status === 'ok' ? s.metrics?.throughputBps ?? NaN : NaN));
const reference = samples.map((s) => byPair.get(s.repetition) ?? NaN);
const f = pairedFidelity(tool, reference);
const gbit = (v: number) => (v / 1e9).toFixed(2);
console.log(`argv: ${client ? inNetns(client.argv, client.netns).join(' ') : '(none)'}`);
console.log(`samples: vethbench ${samples.length} (${samples.filter((s) => s.contaminated).length} contaminated by neighbours: kept, as on the hand arm), hand ${hand.length} (${hand.filter((h) => h.failed).length} failed); results: ${outcome.runDir}`);
if (!f) {
  console.log('fewer than 3 pairs with both arms measured: no figures');
  process.exit(1);
}
const ok = (b: boolean) => (b ? 'meets the target' : 'misses the target');
const median = (v: number[]) => [...v].filter(Number.isFinite).sort((a, b) => a - b)[Math.floor(v.filter(Number.isFinite).length / 2)]!;
console.log(`pairs: ${f.pairs}; medians: vethbench ${gbit(median(tool))} Gbit/s, hand ${gbit(median(reference))} Gbit/s`);
console.log(`median ratio vethbench / hand: ${f.ratio.toFixed(3)} [${f.ratioLow.toFixed(3)}, ${f.ratioHigh.toFixed(3)}] (${(100 * f.ratioConfidence).toFixed(0)} % CI) — ${ok(f.ratioLow >= 0.97 && f.ratioHigh <= 1.03)} (inside ±3 %)`);
console.log(`CV: vethbench ${(100 * f.cvTest).toFixed(1)} %, hand ${(100 * f.cvReference).toFixed(1)} %; ratio ${f.cvRatio.toFixed(2)} [${f.cvRatioLow.toFixed(2)}, ${f.cvRatioHigh.toFixed(2)}] (${(100 * f.cvRatioConfidence).toFixed(0)} % bootstrap CI) — ${ok(f.cvRatioHigh <= 1.5)} (upper bound ≤ 1.5)`);
