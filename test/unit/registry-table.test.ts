// The end-of-run tables of rr, rr-udp, crr, flows and pps: columns read from the metric registry, values from the
// one formatter, fitted to 120 columns, contaminated and noisy rows flagged. Samples are the real captured outputs
// under test/fixtures (iperf2, sockperf, trafgen; capture commands in their READMEs) run through the real parsers,
// repeated with small spreads so the summaries have a CI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatNumber, metricDisplay, percentText } from '../../src/metrics/format.ts';
import { METRICS, type MetricName } from '../../src/metrics/registry.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { registryColumns } from '../../src/report/terminal/registry-table.ts';
import { resultsTable } from '../../src/report/terminal/terminal-table.ts';
import type { SampleMetrics } from '../../src/results/metrics.ts';
import type { RunResults, Sample } from '../../src/results/schema.ts';
import type { Workload } from '../../src/scenario/types.ts';
import { parseBouncebackOutput } from '../../src/tools/iperf2-bounceback-parse.ts';
import { parseConnectOnlyOutput, parseSocketSummary } from '../../src/tools/iperf2-connect-parse.ts';
import { parseIperf2Csv } from '../../src/tools/iperf2-csv-parse.ts';
import { delta, parseLinkStats, parseNstat } from '../../src/tools/link-stats-parse.ts';
import { parseTrafgenOutput } from '../../src/tools/trafgen-parse.ts';
import { kindMetrics } from '../../src/workloads/context.ts';
import { flowsMetrics } from '../../src/workloads/flows.ts';
import { kindHeadline } from '../../src/report/terminal/workload-headlines.ts';
import { udpRrMetrics } from '../../src/workloads/rr-udp.ts';
import { runResultsOf, sample, scenario, settings, tableRows } from '../helpers/builders.ts';

const fixture = (path: string): string => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

function ok<T>(parsed: { ok: true; metrics?: T } | { ok: false; reason: string }): T {
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.metrics as T;
}

/** What each kind's runner stores for the captured output (the CPU figures are absent: not captured with them). */
const CAPTURED = {
  rr: (): SampleMetrics => kindMetrics(ok(parseBouncebackOutput(fixture('iperf2/bounceback-64B-1flow.txt')))),
  rrUdp: (): SampleMetrics => kindMetrics(ok(udpRrMetrics([fixture('sockperf/udp-64.txt')]))),
  crr: (): SampleMetrics => kindMetrics({ ...ok(parseConnectOnlyOutput(fixture('iperf2/connect-only-P4-bursts.txt'), 2)), ...parseSocketSummary(fixture('iperf2/ss-s-timewait.txt')), flows: 4 }),
  flows: (): SampleMetrics => {
    const csv = parseIperf2Csv(fixture('iperf2/flows-P100.csv'));
    if (!csv.ok) throw new Error(csv.reason);
    return kindMetrics({ ...flowsMetrics(csv.flows, 100) });
  },
  pps: (): SampleMetrics => {
    // sigint-3s-64B: a 3 s trafgen run with the receiver's counters read just before and after it.
    const seconds = 3;
    const before = parseLinkStats(fixture('trafgen/receiver-link-before.json'));
    const after = parseLinkStats(fixture('trafgen/receiver-link-after.json'));
    const udp = delta(parseNstat(fixture('trafgen/receiver-nstat-before.txt')).get('UdpNoPorts'), parseNstat(fixture('trafgen/receiver-nstat-after.txt')).get('UdpNoPorts'));
    const sent = parseTrafgenOutput(fixture('trafgen/sigint-3s-64B.txt')).packets;
    const rate = (n: number | undefined) => (n === undefined ? undefined : n / seconds);
    return kindMetrics({
      trafgenSentPps: rate(sent), deliveredPps: rate(delta(before.rxPackets, after.rxPackets)),
      rxDroppedPps: rate(delta(before.rxDropped, after.rxDropped)), udpDeliveredPps: rate(udp), frameBytes: 64, senders: 1,
    });
  },
};

/** The captured figures scaled by `factor`: repetitions of the same trial with a spread. */
function scaled(metrics: SampleMetrics, factor: number): SampleMetrics {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, (v as number) * factor])) as SampleMetrics;
}

const FACTORS = [0.97, 1, 1.02, 1.04, 0.99];

/** One point per workload, five samples each; the first sample of the first point contaminated when asked. */
function run(workload: Workload, metrics: SampleMetrics, over: { contaminate?: boolean; factors?: number[] } = {}): RunResults {
  const plan = expandPlan(scenario({ workloads: [workload] }), settings({ repetitions: 5 }));
  const factors = over.factors ?? FACTORS;
  let trial = 0;
  const samples: Sample[] = plan.points.flatMap((p) => factors.map((f, repetition) => sample({
    pointId: p.id, trial: trial++, repetition, metrics: scaled(metrics, f),
    ...(over.contaminate && p === plan.points[0] && repetition === 0 ? { contaminated: true as const } : {}),
  })));
  return runResultsOf(plan, samples);
}

/** Rows of an unbounded table (one line each; a fitted table's cells may wrap onto several lines). */
const rows = tableRows;
const widest = (text: string): number => Math.max(...text.split('\n').map((l) => [...l].length));
const title = (m: MetricName): string => {
  const d = metricDisplay(m);
  return d.unit && !d.label.toLowerCase().includes(d.unit.toLowerCase()) ? `${d.label} (${d.unit})` : d.label;
};

const KINDS: { name: string; heading: string; workload: Workload; metrics: () => SampleMetrics; lead: MetricName }[] = [
  { name: 'rr', heading: 'rr (TCP_RR)', workload: { tool: 'rr', protocol: 'tcp', messageBytes: [64] }, metrics: CAPTURED.rr, lead: 'transactionsPerSecond' },
  { name: 'rr-udp', heading: 'rr-udp (UDP_RR)', workload: { tool: 'rr', protocol: 'udp', messageBytes: [64] }, metrics: CAPTURED.rrUdp, lead: 'transactionsPerSecond' },
  { name: 'crr', heading: 'crr (connect rate)', workload: { tool: 'crr', flows: [4] }, metrics: CAPTURED.crr, lead: 'connectionsPerSecond' },
  { name: 'flows', heading: 'flows', workload: { tool: 'flows', flows: [100] }, metrics: CAPTURED.flows, lead: 'aggregateThroughputBps' },
  { name: 'pps', heading: 'pps (packet rate)', workload: { tool: 'pps' }, metrics: CAPTURED.pps, lead: 'deliveredPps' },
];

describe('registry-driven end-of-run tables', () => {
  for (const kind of KINDS) {
    describe(kind.name, () => {
      const results = run(kind.workload, kind.metrics(), { contaminate: true });
      const point = results.points[0]!;
      const table = resultsTable(results, false, 120);
      const [head, first] = rows(resultsTable(results));

      it('is printed (not an empty iperf3 table) and fits 120 columns', () => {
        assert.ok(table.split('\n')[1]!.startsWith(`│ ${kind.heading.split(' ')[0]}`), table);
        assert.equal(head![0], kind.heading);
        assert.doesNotMatch(table, /Gbit\/s median|retransmits/);
        assert.ok(widest(table) <= 120, `${widest(table)} columns:\n${table}`);
        assert.doesNotMatch(table, /undefined|NaN/);
      });

      it('has the headline and gating metrics the kind wrote, from the registry, with median, CI (true confidence) and CV', () => {
        const { primary } = registryColumns(results.points);
        assert.ok(primary.includes(kind.lead), primary.join());
        for (const m of primary) assert.ok(METRICS[m].gates || 'headline' in METRICS[m] || m === kind.lead, m);
        const written = Object.keys(point.summary);
        for (const m of Object.keys(METRICS) as MetricName[]) {
          if (written.includes(m) && (METRICS[m].gates || 'headline' in METRICS[m])) assert.ok(primary.includes(m), `${m} is written and gates/headlines but has no column`);
        }
        const full = resultsTable(results);
        const [wideHead, wideRow] = rows(full);
        const at = wideHead!.indexOf(title(kind.lead));
        assert.ok(at > 0, `${title(kind.lead)} in ${wideHead!.join(' | ')}`);
        const s = point.summary[kind.lead]!;
        const unit = METRICS[kind.lead].unit;
        assert.equal(wideRow![at], formatNumber(s.median, unit));
        // 4 clean samples (one contaminated): the CI of the median is the order-statistics one, 87.5 %, not "95%".
        assert.equal(s.n, 4);
        assert.equal(wideHead![at + 1], 'CI of median');
        assert.equal(wideRow![at + 1], `${formatNumber(s.ciLow, unit)}–${formatNumber(s.ciHigh, unit)} (87.5%)`);
        assert.equal(wideRow![at + 2], percentText(s.cv));
        assert.doesNotMatch(full, /95%/);
      });

      it('shows n and flags the contaminated sample, also when fitted to 120 columns', () => {
        assert.match(table, /contaminated/);
        assert.equal(first![head!.indexOf('n')], '4/5');
        assert.equal(first![head!.indexOf('flags')], 'contaminated=1');
      });
    });
  }

  it('a noisy point is flagged, a clean one has no flags column', () => {
    const noisy = resultsTable(run(KINDS[0]!.workload, CAPTURED.rr(), { factors: [0.6, 1, 1.4, 0.8, 1.2] }));
    const [head, row] = rows(noisy);
    assert.equal(row![head!.indexOf('flags')], 'noisy');
    const clean = rows(resultsTable(run(KINDS[0]!.workload, CAPTURED.rr())))[0]!;
    assert.equal(clean.includes('flags'), false);
  });

  it('on a narrow terminal the secondary medians give way first and are named under the table', () => {
    const results = run(KINDS[0]!.workload, CAPTURED.rr());
    const { primary, secondary } = registryColumns(results.points);
    assert.ok(secondary.length > 0);
    const narrow = resultsTable(results, false, 80);
    assert.ok(widest(narrow) <= 80, narrow);
    assert.match(narrow, /left out to fit 80 columns: /);
    const head = rows(narrow)[0]!;
    for (const m of primary) assert.ok(head.includes(title(m)), `${m} kept`);
    // The charted figure (RTT mean) is the last to give way.
    assert.ok(!narrow.replace(/\n/g, ' ').includes(title('transactionRttMeanUs')), narrow);
    assert.match(narrow, /│ 23\.0 +│/);
  });

  it('several points of a kind share one table, one row each', () => {
    const results = run({ tool: 'rr', protocol: 'tcp', messageBytes: [64, 1024], flows: [1, 8] }, CAPTURED.rr());
    const table = rows(resultsTable(results));
    assert.deepEqual(table.slice(1).map((r) => r[0]), results.points.map((p) => p.workload.label));
  });

  it('progress lines of the captured samples read in the registry\'s units and digits', () => {
    const headline = (i: number): string | undefined => kindHeadline(scenario({ workloads: [KINDS[i]!.workload] }).workloads[0]!, KINDS[i]!.metrics() as Readonly<Record<string, number | undefined>>);
    assert.equal(headline(0), '42,913 transactions/s over 1 flow(s), RTT mean 23.0 µs, p99 ≤ 100 µs (81,902 round trips)');
    assert.equal(headline(1), '154,758 transactions/s over 1 flow(s), RTT mean 6.42 µs, p99 ≤ 11.6 µs (85,117 round trips)');
    assert.equal(headline(2), '20.0 connections/s, connect p50 20.0 µs, p99 30.0 µs, 2043 in TIME_WAIT');
    assert.equal(headline(3), '24.6 Gbit/s over 100/100 flows, fairness 0.775');
    // The sender's counters and the CPU were not captured with the trafgen run: absent, shown as "–".
    assert.equal(headline(4), 'offered –, arrived 0.239 Mpps (dropped 0 Mpps), CPU –');
  });

  it('a point whose every sample was contaminated keeps the kind\'s columns, with – and the flag', () => {
    // As on a busy 2-core host: `vethbench run scenarios/rr.ts --quick` with every trial next to a neighbour's load.
    const results = run(KINDS[0]!.workload, CAPTURED.rr(), { factors: [1] });
    const p = results.points[0]!;
    p.samples = p.samples.map((s) => ({ ...s, contaminated: true as const }));
    p.summary = {};
    const [head, row] = rows(resultsTable(results));
    const at = head!.indexOf(title('transactionsPerSecond'));
    assert.ok(at > 0, head!.join(' | '));
    assert.deepEqual(row!.slice(at, at + 3), ['–', '–', '–']);
    assert.equal(row![head!.indexOf('n')], '0/1');
    assert.equal(row![head!.indexOf('flags')], 'contaminated=1');
  });
});
