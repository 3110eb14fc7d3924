import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { expandPlan, type Plan } from '../../src/plan/expand.ts';
import { duration, fixed, gbps } from '../../src/metrics/format.ts';
import { progressLine } from '../../src/report/terminal/progress.ts';
import { resultsTable } from '../../src/report/terminal/terminal-table.ts';
import { assemblePoints } from '../../src/plan/assemble.ts';
import { SCHEMA_VERSION, type RunResults, type Sample } from '../../src/results/schema.ts';
import type { ProgressEvent } from '../../src/plan/progress-event.ts';
import type { ScenarioDefinition } from '../../src/scenario/types.ts';
import { sample, scenario, settings } from '../helpers/builders.ts';

const TCP = { tool: 'iperf3', protocol: 'tcp' } as const;
const UDP = { tool: 'iperf3', protocol: 'udp' } as const;

function planOf(over: Partial<ScenarioDefinition>): Plan {
  return expandPlan(scenario(over), settings());
}

/** A results document as the runner writes it, from a plan and hand-made samples. */
function resultsOf(plan: Plan, samples: Sample[]): RunResults {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'vethbench', version: '0.1.0' },
    run: {
      id: 'test-20250101-000000', prefix: 'vb1a2b', status: 'complete', startedAt: '2025-01-01T00:00:00.000Z', finishedAt: '2025-01-01T00:02:00.000Z',
      settings: plan.settings, estimatedSeconds: plan.estimatedSeconds, port: 5201,
    },
    scenario: { name: plan.scenario.name, description: '', file: plan.scenario.file, sourceSha256: plan.scenario.sourceSha256, topology: { kind: 'pair', path: 'vb1a2b-cli → veth → vb1a2b-srv' } },
    host: undefined,
    capabilities: [],
    points: assemblePoints(plan.points, samples),
  };
}

/** The table's body rows as trimmed cells (header first), without the box drawing. */
function rows(table: string): string[][] {
  return table.split('\n').filter((l) => l.startsWith('│')).map((l) => l.split('│').slice(1, -1).map((c) => c.trim()));
}

const both = (tso: 'on' | 'off'): Sample['effective'] => ({ vb1a2bcli0: { tso }, vb1a2bsrv0: { tso } });

describe('resultsTable: TCP only', () => {
  // p1 = tcp tso=on, p2 = tcp tso=off.
  const plan = planOf({ matrix: { tso: ['on', 'off'] }, workloads: [TCP] });
  const samples = [
    sample({ pointId: 'p1', trial: 0, metrics: { throughputBps: 31.9e9, retransmits: 0, cpuHostPercent: 50.2, cpuRemotePercent: 70.6 }, effective: both('on') }),
    sample({ pointId: 'p1', trial: 3, metrics: { throughputBps: 32.0e9, retransmits: 2, cpuHostPercent: 51, cpuRemotePercent: 71 }, effective: both('on') }),
    sample({ pointId: 'p2', trial: 1, metrics: { throughputBps: 8.5e9, retransmits: 3 }, effective: both('off') }),
    sample({ pointId: 'p2', trial: 2, status: 'failed', reason: 'iperf3 timed out' }),
  ];
  const table = resultsTable(resultsOf(plan, samples));

  it('shows medians, spread, retransmits and CPU per point, and no UDP columns', () => {
    assert.deepEqual(rows(table), [
      ['workload', 'knobs', 'samples', 'Gbit/s median', 'min–max', 'CI of median', 'retransmits', 'CPU % client/server'],
      ['tcp', 'tso=on', '2', '32.0', '31.9–32.0', '31.9–32.0 (50%)', '1', '50.6/70.8'],
      ['tcp', 'tso=off', '1/2 (1 failed)', '8.50', '8.50–8.50', '–', '3', '–/–'],
    ]);
  });

  it('prints plain text without colour codes', () => {
    assert.equal(table.includes('\u001b['), false);
    assert.equal(table.split('\n')[0], '┌──────────┬─────────┬────────────────┬───────────────┬───────────┬─────────────────┬─────────────┬─────────────────────┐');
  });
});

describe('resultsTable: knobs, failures and UDP', () => {
  // p1 = tcp tso=on, p2 = tcp tso=off, p3 = udp-1400B tso=on, p4 = udp-1400B tso=off.
  const plan = planOf({ matrix: { tso: ['on', 'off'] }, workloads: [TCP, UDP] });
  const samples = [
    sample({ pointId: 'p1', trial: 0, metrics: { throughputBps: 20e9 }, effective: both('on') }),
    sample({ pointId: 'p3', trial: 1, metrics: { throughputBps: 5e9, lossPercent: 0.5, pps: 446_000 }, effective: both('off') }),
    sample({ pointId: 'p3', trial: 2, metrics: { throughputBps: 6e9, lossPercent: 1.5, pps: 536_000 }, effective: both('off') }),
    sample({ pointId: 'p4', trial: 3, status: 'failed', reason: 'refused' }),
    sample({ pointId: 'p4', trial: 4, status: 'skipped', reason: 'unsupported' }),
  ];
  const table = resultsTable(resultsOf(plan, samples));

  it('adds loss and Mpps columns when a UDP point exists, with – where a metric is absent', () => {
    assert.deepEqual(rows(table), [
      ['workload', 'knobs', 'samples', 'Gbit/s median', 'min–max', 'CI of median', 'retransmits', 'CPU % client/server', 'loss %', 'Mpps', 'noisy'],
      ['tcp', 'tso=on', '1', '20.0', '20.0–20.0', '–', '–', '–/–', '–', '–', ''],
      ['tcp', 'tso=off', '0', '–', '–', '–', '–', '–/–', '–', '–', ''],
      ['udp-1400B', 'tso=on→off!', '2', '5.50', '5.00–6.00', '5.00–6.00 (50%)', '–', '–/–', '1.00', '0.491', 'CV=13%'],
      ['udp-1400B', 'tso=off', '0/2 (1 failed, 1 skipped)', '–', '–', '–', '–', '–/–', '–', '–', ''],
    ]);
  });

  it('marks a knob that did not take effect as requested→effective!', () => {
    assert.ok(table.includes(' tso=on→off! '));
  });

  it('shows "mixed" when interfaces disagree', () => {
    const mixed = [sample({ pointId: 'p1', trial: 0, effective: { vb1a2bcli0: { tso: 'on' }, vb1a2bsrv0: { tso: 'off' } } })];
    assert.equal(rows(resultsTable(resultsOf(plan, mixed)))[1]![1], 'tso=on→mixed!');
  });

  it('shows (defaults) for a point without knobs', () => {
    assert.deepEqual(rows(resultsTable(resultsOf(planOf({}), [])))[1], ['tcp', '(defaults)', '0', '–', '–', '–', '–', '–/–']);
  });
});

describe('progressLine', () => {
  const plan = planOf({ matrix: { tso: ['on', 'off'] }, workloads: [TCP, UDP] });
  const trial = { index: 4, pointId: 'p3', repetition: 1 };
  const point = plan.points.find((p) => p.id === 'p3')!;
  const end = (s: Partial<Sample>, etaSeconds = 65): ProgressEvent => ({ type: 'trial-end', trial, point, total: 8, sample: sample({ pointId: 'p3', trial: 4, ...s }), etaSeconds });

  it('announces a trial with its ETA', () => {
    assert.equal(progressLine({ type: 'trial-start', trial, point, total: 8, etaSeconds: 95 }), '[5/8] udp-1400B tso=on (rep 2) … ETA 1:35');
  });

  it('reports the throughput of an ok sample, and the loss when there is one', () => {
    assert.equal(progressLine(end({ metrics: { throughputBps: 31.95e9 } })), '[5/8] udp-1400B tso=on (rep 2): 32.0 Gbit/s  (ETA 1:05)');
    assert.equal(progressLine(end({ metrics: { throughputBps: 5e9, lossPercent: 0.123 } })), '[5/8] udp-1400B tso=on (rep 2): 5.00 Gbit/s, loss 0.123 %  (ETA 1:05)');
    assert.equal(progressLine(end({ metrics: {} })), '[5/8] udp-1400B tso=on (rep 2): –  (ETA 1:05)');
  });

  it('leaves the ETA off the last trial', () => {
    const last = { type: 'trial-end' as const, trial: { index: 7, pointId: 'p3', repetition: 1 }, point, total: 8, sample: sample({ pointId: 'p3', trial: 7, metrics: { throughputBps: 1e9 } }), etaSeconds: 0 };
    assert.equal(progressLine(last), '[8/8] udp-1400B tso=on (rep 2): 1.00 Gbit/s');
  });

  it('reports the status and reason of a sample that is not ok', () => {
    assert.equal(progressLine(end({ status: 'failed', reason: 'iperf3: unable to connect' })), '[5/8] udp-1400B tso=on (rep 2): failed: iperf3: unable to connect');
    assert.equal(progressLine(end({ status: 'skipped', reason: 'netkit unsupported' })), '[5/8] udp-1400B tso=on (rep 2): skipped: netkit unsupported');
  });
});

describe('format', () => {
  it('formats durations as m:ss or h:mm:ss', () => {
    assert.deepEqual([0, 7, 59.4, 59.6, 95, 600, 3599, 3600, 3725, 86399].map(duration), [
      '0:00', '0:07', '0:59', '1:00', '1:35', '10:00', '59:59', '1:00:00', '1:02:05', '23:59:59',
    ]);
  });

  it('never formats a negative duration', () => assert.equal(duration(-5), '0:00'));

  it('formats bits per second as Gbit/s with two decimals, and – for no value', () => {
    assert.equal(gbps(31.95e9), '31.95');
    assert.equal(gbps(8.5e9), '8.50');
    assert.equal(gbps(0), '0.00');
    assert.equal(gbps(undefined), '–');
  });

  it('formats numbers with fixed digits, and – for no value', () => {
    assert.equal(fixed(50.66), '50.7');
    assert.equal(fixed(50.66, 0), '51');
    assert.equal(fixed(0.123, 2), '0.12');
    assert.equal(fixed(undefined), '–');
  });
});
