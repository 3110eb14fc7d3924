// Guest only: faults that need netem (the host's kernel has none). A link with 20 ms of delay each way and 5 % loss:
// the latency metrics rise by the delay, loss is recorded from iperf3 UDP, no metric is recorded as 0, and compare
// calls a run whose link was delayed from outside regressed against the same scenario run clean.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { PointResult, RunResults } from '../../src/results/schema.ts';
import { onlyRunDir, startCli } from '../helpers/cli.ts';
import { namespacesWithPrefix, tempDir } from '../helpers/host-state.ts';
import { guestOnly, scaled } from './guest.ts';

const readResults = (out: string): RunResults => JSON.parse(readFileSync(join(onlyRunDir(out), 'results.json'), 'utf8')) as RunResults;
const metric = (p: PointResult | undefined, name: string): number[] => (p?.samples ?? []).map((s) => (s.metrics as Record<string, number> | undefined)?.[name] ?? NaN);

test('a qdisc sweep: fq and fq_codel points read back; netem delay and loss: latency rises by the delay, loss is recorded, nothing is recorded as 0', { skip: guestOnly, timeout: scaled(300_000) }, async () => {
  const out = tempDir('vm-netem-out');
  const r = await startCli(['run', 'test/vm/fixtures/qdisc-sweep.ts', '--out', out], tempDir('vm-netem-state'));
  assert.equal(r.exitCode, 0, `${r.stderr}\n${r.stdout.slice(-2000)}`);
  const results = readResults(out);
  const point = (qdisc: string, workload: string) => results.points.find((p) => p.requested.qdisc === qdisc && p.workload.label === workload);
  for (const p of results.points) {
    assert.ok(p.samples.length > 0 && p.samples.every((s) => s.status === 'ok'), `${p.label}: ${JSON.stringify(p.samples.map((s) => s.reason))}`);
    for (const end of Object.values(p.samples[0]!.effective ?? {})) assert.equal(end.qdisc, p.requested.qdisc, `${p.label}: read back`);
  }
  assert.deepEqual(results.points.map((p) => p.requested.qdisc).sort(), ['fq', 'fq_codel', 'netem:20ms', 'netem:20ms', 'netem:20ms', 'netem:20ms:5%', 'netem:20ms:5%', 'noqueue', 'noqueue', 'noqueue']);
  // sockperf reports half the round trip: 20 ms out and 20 ms back make at least 20 ms.
  const [clean] = metric(point('noqueue', 'latency'), 'latencyP50Us');
  const delayed = point('netem:20ms', 'latency');
  for (const name of ['latencyP50Us', 'latencyMeanUs', 'latencyP99Us']) {
    for (const v of metric(delayed, name)) assert.ok(v >= 19_500 && v > clean! + 15_000, `${name} ${v} µs with 20 ms each way (clean p50 ${clean} µs)`);
  }
  for (const v of metric(point('netem:20ms', 'tcp'), 'rttMeanUs')) assert.ok(v >= 39_000, `TCP rtt ${v} µs with 20 ms each way`);
  for (const v of metric(point('netem:20ms:5%', 'udp-loss'), 'lossPercent')) assert.ok(v >= 1 && v <= 15, `UDP loss ${v} % with 5 % netem loss`);
  for (const v of metric(point('netem:20ms:5%', 'udp-loss'), 'lostPackets')) assert.ok(v > 0, `lost packets ${v}`);
  for (const v of metric(point('noqueue', 'udp-loss'), 'lossPercent')) assert.ok(Number.isFinite(v), `clean UDP loss recorded: ${v}`);
  // Nothing is a 0 standing in for "not measured": every rate and latency of a faulty point is positive.
  for (const p of results.points.filter((q) => String(q.requested.qdisc).startsWith('netem'))) {
    for (const s of p.samples) {
      for (const [name, v] of Object.entries(s.metrics ?? {})) {
        if (/Us$|Bps$|^pps$|^packets$|^bytes/.test(name)) assert.ok(typeof v === 'number' && v > 0, `${p.label}: ${name} = ${v}`);
      }
    }
  }
  assert.deepEqual(namespacesWithPrefix(results.run.prefix), []);
});

/** Puts 20 ms of netem delay on every link of every new vethbench namespace the moment it appears. */
function delayNewNamespaces(): { stop: () => number } {
  const before = new Set(execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0]));
  const done = new Set<string>();
  let delayed = 0;
  const timer = setInterval(() => {
    for (const ns of execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((l) => l.split(' ')[0] ?? '')) {
      if (!/^vb[0-9a-f]{4}-(cli|srv)$/.test(ns) || before.has(ns) || done.has(ns)) continue;
      try {
        const links = JSON.parse(execFileSync('ip', ['-n', ns, '-j', 'link', 'show'], { encoding: 'utf8' })) as { ifname: string }[];
        const ifaces = links.map((l) => l.ifname).filter((n) => n !== 'lo');
        if (ifaces.length === 0) continue; // the batch has not created the link yet
        for (const iface of ifaces) execFileSync('tc', ['-n', ns, 'qdisc', 'replace', 'dev', iface, 'root', 'netem', 'delay', '20ms']);
        done.add(ns);
        delayed += ifaces.length;
      } catch {
        // the namespace is still being built (or already gone): try again at the next tick
      }
    }
  }, 20);
  return { stop: () => (clearInterval(timer), delayed) };
}

// Two runs and a compare: about 5 minutes under TCG on a quiet host (16 min at load 10), the lane's longest test.
test('compare: the same scenario with 20 ms of netem delay put on its link is regressed on latency', { skip: guestOnly, timeout: scaled(300_000) }, async () => {
  const base = tempDir('vm-cmp-base');
  const next = tempDir('vm-cmp-new');
  const b = await startCli(['run', 'test/vm/fixtures/latency-compare.ts', '--out', base], tempDir('vm-cmp-state'));
  assert.equal(b.exitCode, 0, b.stderr);
  const injector = delayNewNamespaces();
  const n = await startCli(['run', 'test/vm/fixtures/latency-compare.ts', '--out', next], tempDir('vm-cmp-state'));
  assert.equal(injector.stop(), 2, 'the delay went onto both ends of the link');
  assert.equal(n.exitCode, 0, n.stderr);
  for (const v of metric(readResults(next).points[0], 'latencyP50Us')) assert.ok(v >= 19_500, `delayed run p50 ${v} µs: the delay was in place for every measured sample`);

  const c = await startCli(['compare', onlyRunDir(base), onlyRunDir(next), '--json'], tempDir('vm-cmp-state'));
  const report = JSON.parse(c.stdout) as { comparisons: { points: { verdict: string; metrics: { metric: string; verdict: string; reason: string }[] }[] }[] };
  const point = report.comparisons[0]!.points[0]!;
  const latency = point.metrics.filter((m) => /^latency/.test(m.metric));
  assert.ok(latency.some((m) => m.verdict === 'regressed'), `compare's latency verdicts: ${JSON.stringify(latency.map((m) => [m.metric, m.verdict, m.reason]))}\n${c.stderr}`);
  assert.equal(point.verdict, 'regressed', JSON.stringify(point));
});
