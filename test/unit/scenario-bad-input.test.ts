// Bad input that used to get through (issue 18): each is refused with one message naming the field, the value and the fix.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { ScenarioError, type ScenarioProblem } from '../../src/errors.ts';
import { refuseBeyondHostLimits } from '../../src/files/host-limits.ts';
import { describePlan } from '../../src/report/terminal/plan-text.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { hostLimitProblems, parseCpuList } from '../../src/plan/host-limits.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { SCENARIO_FILE, SHA } from '../helpers/builders.ts';
import { knobShell } from '../../src/files/knob-shell.ts';
import { tempDir } from '../helpers/host-state.ts';

const TCP = { tool: 'iperf3', protocol: 'tcp' } as const;
const base = { name: 'bad', topology: { kind: 'pair' }, workloads: [TCP] };

function problemsOf(over: Record<string, unknown>): ScenarioProblem[] {
  try {
    validateScenario({ ...base, ...over }, SCENARIO_FILE, SHA);
  } catch (error) {
    assert.ok(error instanceof ScenarioError, `expected a ScenarioError, got ${String(error)}`);
    assert.equal(error.exitCode, 2);
    return error.problems;
  }
  assert.fail(`expected ${JSON.stringify(over)} to be refused`);
}

describe('address pools that cannot carry traffic', () => {
  const USE = 'use a unicast range such as "198.18.0.0/15" (RFC 2544, reserved for benchmarks)';
  const cases: [string, string, string][] = [
    ['pair', '127.0.0.0/8', 'overlaps 127.0.0.0/8 (loopback: every namespace keeps these on its own lo, so they never cross a link)'],
    ['router', '0.0.0.0/8', 'overlaps 0.0.0.0/8 ("this network": a source-only range the kernel will not route to)'],
    ['bridge', '224.0.0.0/4', 'overlaps 224.0.0.0/4 (multicast: not a unicast address an interface can be given for point-to-point traffic)'],
    ['chain', '240.0.0.0/4', 'overlaps 240.0.0.0/4 (reserved, with the limited broadcast address: the kernel routes neither)'],
    ['hostContainer', '127.1.0.0/16', 'overlaps 127.0.0.0/8 (loopback: every namespace keeps these on its own lo, so they never cross a link)'],
    ['pair', '0.0.0.0/0', 'overlaps 0.0.0.0/8 ("this network": a source-only range the kernel will not route to)'],
    ['pair', '224.0.0.0/24', 'overlaps 224.0.0.0/4 (multicast: not a unicast address an interface can be given for point-to-point traffic)'],
  ];
  for (const [kind, pool, why] of cases) {
    it(`${kind} with ${pool} is refused`, () => {
      assert.deepEqual(problemsOf({ topology: { kind, addressPool: pool } }), [{ path: 'topology.addressPool', message: `"${pool}" ${why}; ${USE}` }]);
    });
  }
  it('ranges next to them are fine', () => {
    for (const pool of ['10.0.0.0/8', '128.0.0.0/23', '223.255.0.0/16', '1.0.0.0/23', '126.254.0.0/16']) {
      assert.equal(validateScenario({ ...base, topology: { kind: 'router', addressPool: pool } }, SCENARIO_FILE, SHA).topology.addressPool, pool);
    }
  });
});

describe('duplicate values in a list of points', () => {
  it('a matrix axis with a value twice is refused at the second one (like duplicate links)', () => {
    assert.deepEqual(problemsOf({ matrix: { gro: ['on', 'on'] } }), [
      { path: 'matrix.gro[1]', message: '"on" is listed twice (also at [0]); each value is one point, so list distinct values' },
    ]);
    assert.deepEqual(problemsOf({ matrix: { mtu: [1500, 9000, 1500, 9000] } }).map((p) => p.path), ['matrix.mtu[2]', 'matrix.mtu[3]']);
  });
  it('density pair counts and setup-cost modes too', () => {
    assert.deepEqual(problemsOf({ workloads: [{ tool: 'density', pairs: [1, 2, 2] }] }), [
      { path: 'workloads[0].pairs[2]', message: '2 is listed twice (also at [1]); each value is one point, so list distinct values' },
    ]);
    assert.deepEqual(problemsOf({ workloads: [{ tool: 'setup-cost', modes: ['batched', 'batched'] }] }).map((p) => p.path), ['workloads[0].modes[1]']);
  });
});

describe('shapers at zero rate', () => {
  it('tbf:0bit and htb:0mbit are refused (tc refuses them); a real rate passes', () => {
    assert.deepEqual(problemsOf({ matrix: { qdisc: ['tbf:0bit', 'htb:0mbit'] } }), [
      { path: 'matrix.qdisc[0]', message: 'a tbf shaper needs a rate above 0 (tc refuses 0bit); use e.g. "tbf:5gbit", or "noqueue" for no shaping; got "tbf:0bit"' },
      { path: 'matrix.qdisc[1]', message: 'a htb shaper needs a rate above 0 (tc refuses 0mbit); use e.g. "htb:5gbit", or "noqueue" for no shaping; got "htb:0mbit"' },
    ]);
    assert.deepEqual(validateScenario({ ...base, matrix: { qdisc: ['tbf:0.5mbit', 'htb:5gbit'] } }, SCENARIO_FILE, SHA).matrix, { qdisc: ['tbf:0.5mbit', 'htb:5gbit'] });
  });
});

describe('NaN and Infinity', () => {
  it('are reported as such, not as null', () => {
    assert.deepEqual(problemsOf({ repetitions: NaN, durationS: Infinity, matrix: { mtu: [1500, -Infinity] } }), [
      { path: 'matrix.mtu[1]', message: 'expected number, got -Infinity (not a finite number); check the calculation in the scenario that produced it' },
      { path: 'repetitions', message: 'expected number, got NaN (not a number); check the calculation in the scenario that produced it' },
      { path: 'durationS', message: 'expected number, got Infinity (not a finite number); check the calculation in the scenario that produced it' },
    ]);
  });
  it('inside a value shown whole, NaN is still NaN', () => {
    const [problem] = problemsOf({ workloads: [{ tool: 'density', pairs: 'NaN' }] });
    assert.ok(problem && !problem.message.includes('null'), problem?.message);
  });
});

describe('limits that depend on the host: rx/tx channels above its CPU count', () => {
  const scenario = validateScenario({ ...base, matrix: { gro: ['on'], rxChannels: [1, 1000] } }, SCENARIO_FILE, SHA);
  it('parses the kernel\'s possible-CPU list', () => {
    assert.deepEqual(['0-1', '0', '0-3,8-11', '0-1\n', 'x', '3-1'].map(parseCpuList), [2, 1, 8, 2, undefined, undefined]);
  });
  it('names the value, the limit and the fix', () => {
    assert.deepEqual(hostLimitProblems(scenario, { possibleCpus: 2 }), [
      { path: 'matrix.rxChannels[1]', message: '1000 exceeds the veth maximum of 2 rx channels on this host (its number of possible CPUs); use at most 2' },
    ]);
    assert.deepEqual(hostLimitProblems(scenario, { possibleCpus: 1000 }), []);
  });
  it('plan warns', () => {
    const plan = expandPlan(scenario, { repetitions: 1, warmupRepetitions: 0, durationS: 1, omitS: 0, seed: 1, filter: {} });
    const text = describePlan(plan, 'vb0000', 5201, knobShell(), { possibleCpus: 2 });
    assert.match(text, /^warning: matrix\.rxChannels\[1\]: 1000 exceeds the veth maximum of 2 rx channels on this host \(its number of possible CPUs\); use at most 2 \(vethbench run on this host refuses it\)$/m);
    assert.doesNotMatch(describePlan(plan, 'vb0000', 5201, knobShell(), { possibleCpus: 1024 }), /exceeds/);
  });
  it('run refuses with exit 2, naming the file', () => {
    assert.throws(() => refuseBeyondHostLimits(scenario, { possibleCpus: 2 }), (error: unknown) =>
      error instanceof ScenarioError && error.exitCode === 2 && error.message === `${SCENARIO_FILE}: matrix.rxChannels[1]: 1000 exceeds the veth maximum of 2 rx channels on this host (its number of possible CPUs); use at most 2`);
  });
});

describe('the CLI on a value beyond this host\'s limits', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const cli = (args: string[]) => execa(process.execPath, [join(root, 'bin/vethbench.js'), ...args], { cwd: root, reject: false, env: { VETHBENCH_STATE_DIR: tempDir('limits') } });
  const MESSAGE = /matrix\.rxChannels\[1\]: 4096 exceeds the veth maximum of \d+ rx channels on this host \(its number of possible CPUs\); use at most \d+/;

  it('plan warns and exits 0', async () => {
    const r = await cli(['plan', 'test/fixtures/scenarios/too-many-channels.ts']);
    assert.equal(r.exitCode, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`^warning: ${MESSAGE.source} \\(vethbench run on this host refuses it\\)$`, 'm'));
  });

  it('run refuses with exit 2 and one Error line, before any host check or build', async () => {
    const out = join(tempDir('limits-out'), 'out');
    const r = await cli(['run', 'test/fixtures/scenarios/too-many-channels.ts', '--out', out]);
    assert.equal(r.exitCode, 2, r.stderr);
    assert.match(r.stderr, new RegExp(`^Error: test/fixtures/scenarios/too-many-channels\\.ts: ${MESSAGE.source}$`));
    assert.equal(existsSync(out), false, 'no output directory');
  });
});
