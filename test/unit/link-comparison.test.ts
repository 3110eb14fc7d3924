// The links dimension through plan, run and report: points per kind, --filter link=, skipped kinds, the comparison.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runJson } from '../../src/report/json/run-json.ts';
import { ScenarioError } from '../../src/errors.ts';
import type { ExecResult, Host } from '../../src/host/host.ts';
import { describePlan } from '../../src/report/terminal/plan-text.ts';
import { expandPlan, type Plan } from '../../src/plan/expand.ts';
import { pointSkipReason } from '../../src/plan/link-topologies.ts';
import { planWarnings } from '../../src/plan/warnings.ts';
import { compareLinkKinds, linkComparisonTable } from '../../src/report/terminal/link-comparison.ts';
import { resultsTable } from '../../src/report/terminal/terminal-table.ts';
import { assemblePoints } from '../../src/plan/assemble.ts';
import { SCHEMA_VERSION, type RunResults, type Sample } from '../../src/results/schema.ts';
import { runPlan } from '../../src/run/runner.ts';
import type { LinkName, ScenarioDefinition } from '../../src/scenario/types.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { tempDir } from '../helpers/host-state.ts';
import { CAPABILITIES_HERE, definition, sample, scenario, SCENARIO_FILE, settings, SHA } from '../helpers/builders.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const TCP = { tool: 'iperf3', protocol: 'tcp' } as const;
const UDP64 = { tool: 'iperf3', protocol: 'udp', lengthBytes: 64 } as const;

function planOf(links: LinkName[], over: Partial<ScenarioDefinition> = {}, filter: Record<string, string[]> = {}): Plan {
  return expandPlan(scenario({ links, workloads: [TCP, UDP64], ...over }), settings({ repetitions: 1, filter }));
}

function problemsOf(over: Partial<ScenarioDefinition>): { path: string; message: string }[] {
  try {
    validateScenario(definition(over), SCENARIO_FILE, SHA);
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  return [];
}

describe('scenario links', () => {
  it('defaults to veth only, and keeps the order given', () => {
    assert.deepEqual(scenario().links, [{ kind: 'veth' }]);
    assert.deepEqual(scenario({ links: ['loopback', 'ipvlan:l2:bridge'] }).links, [{ kind: 'loopback' }, { kind: 'ipvlan', mode: 'l2' }]);
  });

  it('reports a bad link with its index, together with the other problems', () => {
    const links = ['veth', 'macvlan', 'macvlan:private'] as unknown as LinkName[];
    const problems = problemsOf({ links, repetitions: 0 });
    assert.deepEqual(problems.map((p) => p.path), ['links[1]', 'links[2]', 'repetitions']);
    assert.match(problems[0]!.message, /macvlan needs an explicit mode: macvlan:bridge, macvlan:vepa/);
    assert.match(problems[1]!.message, /macvlan private mode drops all traffic/);
  });

  it('reports a non-veth kind on a router topology and a duplicate link', () => {
    assert.deepEqual(problemsOf({ topology: { kind: 'router' }, links: ['veth', 'veth', 'netkit:l3'] }).map((p) => p.path), ['links[1]', 'links[2]']);
  });
});

describe('expandPlan with links', () => {
  it('makes the link a dimension: in the key, first in the label, one topology build per kind in the estimate', () => {
    const plan = planOf(['veth', 'macvlan:bridge', 'loopback']);
    assert.deepEqual(plan.points.map((p) => [p.id, p.link, p.key, p.label]), [
      ['p1', 'veth', 'veth||tcp', 'veth tcp'],
      ['p2', 'veth', 'veth||udp-64B', 'veth udp-64B'],
      ['p3', 'macvlan:bridge', 'macvlan:bridge||tcp', 'macvlan:bridge tcp'],
      ['p4', 'macvlan:bridge', 'macvlan:bridge||udp-64B', 'macvlan:bridge udp-64B'],
      ['p5', 'loopback', 'loopback||tcp', 'loopback tcp'],
      ['p6', 'loopback', 'loopback||udp-64B', 'loopback udp-64B'],
    ]);
    assert.equal(plan.estimatedSeconds, 6 * (5 + 1 + 0.5) + 3 * 1);
  });

  it('labels a single non-veth link too, but leaves veth-only labels as they were', () => {
    assert.deepEqual(planOf(['loopback']).points.map((p) => p.label), ['loopback tcp', 'loopback udp-64B']);
    assert.deepEqual(planOf(['veth']).points.map((p) => p.label), ['tcp', 'udp-64B']);
  });

  it('filters with --filter link=, accepting the long ipvlan form', () => {
    assert.deepEqual(planOf(['veth', 'ipvlan:l2', 'loopback'], {}, { link: ['ipvlan:l2:bridge', 'loopback'], workload: ['tcp'] }).points.map((p) => p.key), ['ipvlan:l2||tcp', 'loopback||tcp']);
  });

  it('refuses a --filter link value the scenario does not measure, naming the links', () => {
    assert.throws(() => planOf(['veth', 'loopback'], {}, { link: ['macvlan:vepa'] }), { message: '--filter link=macvlan:vepa: macvlan:vepa not in the sweep; values are veth, loopback' });
  });

  it('warns in plan about points whose knobs cannot apply to their kind', () => {
    const plan = planOf(['veth', 'loopback', 'macvlan:bridge'], { matrix: { rxChannels: [1, 2] }, workloads: [TCP] });
    assert.deepEqual(planWarnings(plan).filter((w) => w.includes('skipped')), [
      '2 point(s) will be skipped: rxChannels does not apply to loopback: lo has no rx/tx channels (ethtool -L: Operation not supported); only veth has them',
      '2 point(s) will be skipped: rxChannels does not apply to macvlan:bridge: macvlan has no rx/tx channels (ethtool -L: Operation not supported); only veth has them',
    ]);
  });
});

describe('pointSkipReason', () => {
  const plan = planOf(['veth', 'ipvlan:l3', 'netkit:l2', 'loopback'], { matrix: { threaded: ['off'] }, workloads: [TCP] });
  it('skips a kind this host lacks with the probe\'s reason, and a knob with nothing to act on', () => {
    assert.deepEqual(plan.points.map((p) => [p.link, pointSkipReason(plan.scenario, p, CAPABILITIES_HERE)]), [
      ['veth', undefined],
      ['ipvlan:l3', 'needs ipvlan: kernel lacks CONFIG_IPVLAN (module ipvlan not available)'],
      ['netkit:l2', 'needs netkit: iproute2 6.1.0 does not know netkit (needs iproute2 >= 6.8)'],
      ['loopback', 'threaded does not apply to loopback: lo has no NAPI instance to thread: it delivers through the per-CPU receive backlog'],
    ]);
  });

  it('skips a topology whose own devices this host lacks (the bridge kind needs bridge)', () => {
    const bridged = expandPlan(scenario({ topology: { kind: 'bridge' } }), settings());
    const noBridge = [{ kind: 'bridge' as const, supported: false, reason: 'kernel lacks CONFIG_BRIDGE (module bridge not available)' }];
    assert.deepEqual(bridged.points.map((p) => pointSkipReason(bridged.scenario, p, noBridge)), bridged.points.map(() => 'the bridge topology needs bridge: kernel lacks CONFIG_BRIDGE (module bridge not available)'));
    assert.deepEqual(bridged.points.map((p) => pointSkipReason(bridged.scenario, p, CAPABILITIES_HERE)), bridged.points.map(() => undefined));
  });
});

describe('describePlan with several links', () => {
  const text = describePlan(planOf(['veth', 'macvlan:vepa', 'loopback']), 'vb00ff', 5299, knobShell());
  it('prints each kind\'s path, devices and exact build commands, then one trial and the teardown of every namespace', () => {
    assert.ok(text.includes('links: veth, macvlan:vepa, loopback — each in its own namespaces, all up at once'));
    assert.ok(text.includes('\nlink macvlan:vepa, topology pair: vb00ff-mvvepacli → macvlan (vepa mode) → parent veth vb00ff-mvvepapar/vb00ffpar0'));
    assert.ok(text.includes('  parent veth end vb00ff-mvvepapar/vb00ffpar1 (no address)\n'));
    assert.ok(text.includes('    link add name vb00ffcli0 netns vb00ff-mvvepacli link vb00ffpar0 type macvlan mode vepa\n'));
    assert.ok(text.includes("  build:\n    ip -batch - <<'EOF'\n    netns add vb00ff-lo\n    EOF\n    ip -n vb00ff-lo -batch - <<'EOF'\n    link set lo up\n    addr add 198.18.0.1/32 dev lo\n    addr add 198.18.0.2/32 dev lo\n    EOF\n"));
    assert.ok(text.includes('points: 6 (3 links × 2 workload(s))'));
    assert.ok(text.includes('commands of one trial (veth tcp):\n  ip netns exec vb00ff-srv iperf3 -s'));
    assert.ok(text.includes('  netns del vb00ff-mvvepapar\n  netns del vb00ff-mvvepacli\n  netns del vb00ff-mvvepasrv\n  netns del vb00ff-lo\n  EOF\n'));
  });
});

/** A host on which every command succeeds silently; it records what it was asked to run. */
function recordingHost(calls: string[][], onList: () => void): Host {
  const ok = (argv: readonly string[]): ExecResult => ({ argv, exitCode: 0, stdout: '', stderr: '', timedOut: false, signal: undefined, durationMs: 1 });
  return {
    exec: async (argv) => {
      calls.push([...argv]);
      if (argv.join(' ') === 'ip netns list') onList();
      return ok(argv);
    },
    spawn: () => { throw new Error('nothing may be started for a skipped kind'); },
  };
}

describe('runPlan: kinds this host lacks', () => {
  it('records every trial as skipped with the reason, builds nothing, and lists every kind\'s namespaces in the live state first', async () => {
    const state = tempDir('links-state');
    process.env.VETHBENCH_STATE_DIR = state;
    try {
      const plan = expandPlan(scenario({ links: ['ipvlan:l2', 'netkit:l3'] }), settings({ repetitions: 2 }));
      const calls: string[][] = [];
      let listed: string[] = [];
      const host = recordingHost(calls, () => {
        const file = join(state, 'vb4e10.json');
        if (existsSync(file)) listed = (JSON.parse(readFileSync(file, 'utf8')) as { namespaces: string[] }).namespaces;
      });
      const { results } = await runPlan({ host, plan, outDir: tempDir('links-out'), prefix: 'vb4e10', hostFacts: undefined, capabilities: CAPABILITIES_HERE, signal: new AbortController().signal });
      assert.equal(results.run.status, 'complete');
      assert.deepEqual(results.points.map((p) => [p.link, p.samples.map((s) => s.status)]), [['ipvlan:l2', ['skipped', 'skipped']], ['netkit:l3', ['skipped', 'skipped']]]);
      assert.equal(results.points[0]!.samples[0]!.reason, 'needs ipvlan: kernel lacks CONFIG_IPVLAN (module ipvlan not available)');
      assert.deepEqual(results.points.map((p) => p.summary), [{}, {}], 'no metric, not even a zero');
      assert.deepEqual(calls.filter((c) => c.includes('-batch') || c[0] === 'iperf3'), [], 'nothing was built or measured');
      assert.deepEqual(listed, ['vb4e10-ivl2par', 'vb4e10-ivl2cli', 'vb4e10-ivl2srv', 'vb4e10-nkl3cli', 'vb4e10-nkl3srv']);
      assert.deepEqual(results.scenario.topology.links?.map((l) => l.link), ['ipvlan:l2', 'netkit:l3']);
    } finally {
      delete process.env.VETHBENCH_STATE_DIR;
    }
  });
});

function resultsOf(plan: Plan, samples: Sample[]): RunResults {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'vethbench', version: '0.1.0' },
    run: { id: 'x', prefix: 'vb1a2b', status: 'complete', startedAt: '', finishedAt: '', settings: plan.settings, estimatedSeconds: 0, port: 5201 },
    scenario: {
      name: 'links', description: '', file: SCENARIO_FILE, sourceSha256: SHA,
      topology: { kind: 'pair', path: 'p-veth', links: [{ link: 'veth', path: 'p-veth' }, { link: 'macvlan:bridge', path: 'p-macvlan' }, { link: 'ipvlan:l2', path: 'p-ipvlan' }, { link: 'loopback', path: 'p-lo' }] },
    },
    host: undefined,
    capabilities: CAPABILITIES_HERE,
    points: assemblePoints(plan.points, samples),
  };
}

describe('compareLinkKinds', () => {
  // p1 veth tcp, p2 veth udp, p3 macvlan tcp, p4 macvlan udp, p5 ipvlan tcp, p6 ipvlan udp, p7 loopback tcp, p8 loopback udp.
  const plan = planOf(['veth', 'macvlan:bridge', 'ipvlan:l2', 'loopback']);
  const tcp = (pointId: string, trial: number, gbit: number, cpu: [number, number]) =>
    sample({ pointId, trial, metrics: { throughputBps: gbit * 1e9, cpuHostPercent: cpu[0], cpuRemotePercent: cpu[1] } });
  const samples = [
    tcp('p1', 0, 20, [50, 50]), tcp('p1', 1, 30, [60, 60]),
    sample({ pointId: 'p2', trial: 2, metrics: { throughputBps: 0.2e9, pps: 400_000 } }),
    tcp('p3', 3, 15, [45, 45]),
    sample({ pointId: 'p4', trial: 4, status: 'failed', reason: 'iperf3: unable to connect' }),
    sample({ pointId: 'p5', trial: 5, status: 'skipped', reason: 'needs ipvlan: kernel lacks CONFIG_IPVLAN (module ipvlan not available)' }),
    sample({ pointId: 'p6', trial: 6, status: 'skipped', reason: 'needs ipvlan: kernel lacks CONFIG_IPVLAN (module ipvlan not available)' }),
    tcp('p7', 7, 50, [50, 50]),
    sample({ pointId: 'p8', trial: 8, metrics: { throughputBps: 0.4e9, pps: 800_000 } }),
  ];
  const results = resultsOf(plan, samples);
  const rows = compareLinkKinds(results.points);

  it('groups by workload, with medians, CPU per Gbit/s and ratios to loopback and veth', () => {
    assert.deepEqual(rows.map((r) => [r.case, r.link, r.status, r.throughputBps, r.cpuPercentPerGbps, r.vsLoopback, r.vsVeth]), [
      ['tcp', 'veth', 'measured', 25e9, (100 / 20 + 120 / 30) / 2, 0.5, 1],
      ['tcp', 'macvlan:bridge', 'measured', 15e9, 6, 0.3, 0.6],
      ['tcp', 'ipvlan:l2', 'skipped', undefined, undefined, undefined, undefined],
      ['tcp', 'loopback', 'measured', 50e9, 2, 1, 2],
      ['udp-64B', 'veth', 'measured', 0.2e9, undefined, 0.5, 1],
      ['udp-64B', 'macvlan:bridge', 'failed', undefined, undefined, undefined, undefined],
      ['udp-64B', 'ipvlan:l2', 'skipped', undefined, undefined, undefined, undefined],
      ['udp-64B', 'loopback', 'measured', 0.4e9, undefined, 1, 2],
    ]);
    assert.equal(rows.find((r) => r.link === 'loopback' && r.case === 'udp-64B')?.pps, 800_000);
    assert.equal(rows[2]!.reason, 'needs ipvlan: kernel lacks CONFIG_IPVLAN (module ipvlan not available)');
    assert.equal(rows[5]!.reason, 'iperf3: unable to connect');
  });

  it('gives no ratio when the reference was not measured, and says "not run" for a point without samples', () => {
    const partial = compareLinkKinds(resultsOf(plan, [tcp('p3', 0, 10, [1, 1])]).points);
    assert.deepEqual(partial.find((r) => r.link === 'macvlan:bridge' && r.case === 'tcp'), { case: 'tcp', link: 'macvlan:bridge', status: 'measured', throughputBps: 10e9, cpuPercentPerGbps: 0.2 });
    assert.equal(partial.find((r) => r.link === 'veth')?.status, 'not run');
  });

  it('prints a table, each reason once, and what each link measures', () => {
    const text = linkComparisonTable(results);
    const cells = text.split('\n').filter((l) => l.startsWith('│')).map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
    assert.deepEqual(cells.slice(0, 3), [
      ['workload', 'link', 'Gbit/s', 'Mpps', 'CPU %/Gbit/s', '× loopback', '× veth', 'note'],
      ['tcp', 'veth', '25.0', '–', '4.50', '0.50×', '1.0×', ''],
      ['tcp', 'macvlan:bridge', '15.0', '–', '6.00', '0.30×', '0.60×', ''],
    ]);
    assert.deepEqual(cells[8], ['udp-64B', 'loopback', '0.400', '0.800', '–', '1.0×', '2.0×', '']);
    assert.ok(text.includes('\nnot measured:\n  ipvlan:l2 skipped: needs ipvlan: kernel lacks CONFIG_IPVLAN (module ipvlan not available)\n  macvlan:bridge failed: iperf3: unable to connect\n'));
    assert.ok(text.endsWith('what each link measures:\n  veth: p-veth\n  macvlan:bridge: p-macvlan\n  ipvlan:l2: p-ipvlan\n  loopback: p-lo'));
  });

  it('adds a link column to the results table and the comparison to --json', () => {
    const head = resultsTable(results).split('\n')[1]!.split('│').map((c) => c.trim());
    assert.deepEqual(head.slice(1, 4), ['link', 'workload', 'knobs']);
    const json = runJson([{ runDir: '/tmp/r', results }]).runs[0]!;
    assert.deepEqual(json.linkComparison, rows);
    assert.deepEqual(json.points[4]!.samples, { ok: 0, failed: 0, skipped: 1 });
  });
});
