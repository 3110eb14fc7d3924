// Root: injected faults — a hung client, truncated JSON, a taken port, a vanished namespace — give failed samples
// with the reason (never a zero), are retried once on a fresh topology, and the sweep goes on.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { expandPlan } from '../../src/plan/expand.ts';
import type { RunResults } from '../../src/results/schema.ts';
import { runPlan } from '../../src/run/runner.ts';
import { portForPrefix } from '../../src/run/run-id.ts';
import { loadScenario } from '../../src/files/load-scenario.ts';
import { FaultHost, type Faults } from '../helpers/fault-host.ts';
import { iperf3ProcessesOnPort, namespacesWithPrefix, needsRoot, repoRoot, tempDir } from '../helpers/host-state.ts';
import { rootNamespaceSnapshot } from '../helpers/root-snapshot.ts';

const TCP_FIXTURE = join(repoRoot, 'test/fixtures/iperf3/tcp.json');

async function runWith(prefix: string, faults: Faults): Promise<RunResults> {
  const before = rootNamespaceSnapshot();
  process.env.VETHBENCH_STATE_DIR = tempDir(`${prefix}-state`);
  const scenario = await loadScenario(join(repoRoot, 'test/fixtures/scenarios/integration-tiny.ts'));
  const plan = expandPlan(scenario, { repetitions: 1, durationS: 1, omitS: 0, seed: 1, filter: {} });
  const { results } = await runPlan({
    host: new FaultHost(faults), plan, outDir: tempDir(`${prefix}-out`), prefix, hostFacts: undefined, capabilities: [],
    // No warm-up run after each build: the faults are injected by the count of client calls, and it would be call 0.
    signal: new AbortController().signal, graceS: 2, topologyWarmupS: 0,
  });
  assert.deepEqual(namespacesWithPrefix(prefix), [], 'no namespace left');
  assert.deepEqual(iperf3ProcessesOnPort(portForPrefix(prefix)), [], 'no iperf3 left');
  assert.equal(rootNamespaceSnapshot(), before, 'the root namespace is byte-identical after the fault');
  return results;
}

const samplesOf = (results: RunResults) => results.points.flatMap((p) => p.samples).sort((a, b) => a.trial - b.trial);

test('a hung client is killed at duration + grace, retried once, and the retry\'s sample is kept with the first reason', { skip: needsRoot }, async () => {
  const results = await runWith('vbe201', { client: (_argv, n) => (n === 0 ? ['sleep', '60'] : undefined) });
  const [first, second] = samplesOf(results);
  assert.equal(first?.status, 'ok');
  assert.match(first?.previousAttempts?.[0]?.reason ?? '', /timed out after 3 s and was killed/);
  assert.ok(first!.metrics!.throughputBps! > 1e9);
  assert.equal(second?.status, 'ok');
  assert.equal(second?.previousAttempts, undefined);
});

test('a client that always hangs: the sample is failed with the reason, no metrics, and the next point still runs', { skip: needsRoot }, async () => {
  const results = await runWith('vbe202', { client: (_argv, n) => (n < 2 ? ['sleep', '60'] : undefined) });
  const [first, second] = samplesOf(results);
  assert.equal(first?.status, 'failed');
  assert.match(first?.reason ?? '', /timed out/);
  assert.equal(first?.metrics, undefined, 'a failed sample has no metrics, never a zero');
  assert.equal(second?.status, 'ok');
  assert.equal(results.run.status, 'complete');
  const summary = results.points.find((p) => p.id === first?.pointId)!.summary;
  assert.equal(summary.throughputBps, undefined, 'no summary from failed samples');
});

test('truncated iperf3 JSON is a failed sample naming the problem; text after the JSON is a warning', { skip: needsRoot }, async () => {
  const results = await runWith('vbe203', {
    client: (_argv, n) => (n < 2 ? ['head', '-c', '900', TCP_FIXTURE] : n === 2 ? ['cat', TCP_FIXTURE, join(repoRoot, 'reports/README.md')] : undefined),
  });
  const [first, second] = samplesOf(results);
  assert.equal(first?.status, 'failed');
  assert.match(first?.reason ?? '', /^iperf3: .*(JSON|truncated)/i);
  assert.equal(first?.metrics, undefined);
  assert.equal(second?.status, 'ok');
  assert.ok(second?.warnings?.some((w) => /after the JSON/i.test(w)), JSON.stringify(second?.warnings));
});

test('a server port taken by someone else: the attempt fails with iperf3\'s words, the retry on a fresh build works', { skip: needsRoot }, async () => {
  const results = await runWith('vbe204', {
    beforeServer: async (argv, options, n) => {
      if (n !== 0) return;
      // Another program listens on the server's address and port first (and never answers).
      const [address, port] = [argv[argv.indexOf('-B') + 1]!, argv[argv.indexOf('-p') + 1]!];
      new FaultHost({}).real.spawn(['node', '-e', `require('net').createServer(() => {}).listen(${port}, '${address}')`], options);
      // Wait until it really holds the port (node starts slowly on a busy machine).
      for (let i = 0; i < 100 && !execFileSync('ss', ['-N', options!.netns!, '-H', '-l', '-t', '-n', 'sport', '=', `:${port}`], { encoding: 'utf8' }).includes(`:${port}`); i++) {
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  });
  const first = samplesOf(results)[0]!;
  assert.equal(first.status, 'ok');
  assert.match(first.previousAttempts?.[0]?.reason ?? '', /Address already in use/);
});

test('a namespace deleted under the run: the failed attempt says so, a fresh topology carries on', { skip: needsRoot }, async () => {
  const prefix = 'vbe205';
  const results = await runWith(prefix, {
    client: (argv, n) => {
      if (n !== 1) return undefined;
      // Someone else removes the server namespace (and what runs in it) between two trials.
      const pids = execFileSync('ip', ['netns', 'pids', `${prefix}-srv`], { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
      if (pids.length) execFileSync('kill', ['-KILL', ...pids]);
      execFileSync('ip', ['netns', 'del', `${prefix}-srv`]);
      return argv;
    },
  });
  const second = samplesOf(results)[1]!;
  assert.equal(second.status, 'ok', JSON.stringify(second));
  assert.match(second.previousAttempts?.[0]?.reason ?? '', /vbe205-srv|connect|route|network namespace/i, 'the failed attempt is recorded');
});
