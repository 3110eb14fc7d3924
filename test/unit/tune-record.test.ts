// The tuner's stored record, its summary, its charts and its place in the run report, from a race on the real
// gro-quick samples' scale: the record validates against its schema inside results.json, the confirmation is an
// ordinary effect, the charts compile without a vega-lite warning, and the page shows the race.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Point } from '../../src/plan/expand.ts';
import { renderRunReport } from '../../src/report/html/run/run-report.ts';
import { tuneCharts } from '../../src/report/html/tune/tune-section.ts';
import { tuneSummaryLines } from '../../src/report/terminal/tune-summary.ts';
import type { RunResults } from '../../src/results/schema.ts';
import { tuneRecordSchema } from '../../src/results/tune-schema.ts';
import { candidateSamples } from '../../src/run/tune-schedule.ts';
import type { Sample } from '../../src/results/schema.ts';
import { planSequential } from '../../src/stats/sequential.ts';
import { tuneApplyLines } from '../../src/tune/apply.ts';
import { tuneSpace } from '../../src/tune/candidates.ts';
import { raceState } from '../../src/tune/race.ts';
import { recommend } from '../../src/tune/recommend.ts';
import { tuneOutcome } from '../../src/tune/record.ts';
import { compileWarnings } from '../helpers/vega-compile.ts';
import { groInput, STUB_RUNTIME } from '../helpers/report-fixtures.ts';

const workload = { label: 'tcp', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false } as unknown as Point['workload'];
const point = (id: string, qdisc: string): Point => ({ id, key: `veth|qdisc=${qdisc}|tcp`, link: 'veth', knobs: { qdisc }, workload, label: `tcp qdisc=${qdisc}` });
const wobble = [1, 1.03, 0.97, 1.02, 0.98, 1.04, 0.96, 1.01];
const centre: Record<string, number> = { p1: 0.9e9, p2: 12e9, p3: 1.8e9, p4: 12.2e9 };

function race() {
  const space = tuneSpace([point('p1', 'tbf:1gbit'), point('p2', 'pfifo_fast'), point('p3', 'tbf:2gbit')], 'veth', 'tcp', { maxCandidates: 16, seed: 3 });
  const samples: Sample[] = [];
  let trial = 0;
  const add = (id: string, r: number) => samples.push({ pointId: id, trial: trial++, repetition: r, status: 'ok', startedAt: '2026-12-01T12:00:00Z', durationMs: 1000, metrics: { throughputBps: centre[id]! * wobble[r % 8]! } });
  for (let r = 0; r < 5; r++) for (const id of ['p1', 'p2', 'p3']) add(id, r);
  for (let r = 5; r < 9; r++) for (const id of ['p2', space.defaults.id]) add(id, r);
  const sequential = planSequential({ familySize: 2, thresholdPercent: 5, maxRepetitions: 12 });
  const state = raceState(space.candidates.map((p) => candidateSamples(p, 'throughputBps', samples, 0, 5)), sequential, 'higher');
  const recommendation = recommend(state, space.candidates.map((p) => ({ id: p.id, knobs: p.knobs, nonDefault: 1 })));
  const out = tuneOutcome({
    metric: 'throughputBps', direction: 'higher', thresholdPercent: 5, seed: 3, space, sequential, race: state, recommendation, raceStopped: state.finished!, confirmFrom: 5,
    raceSamples: space.candidates.map((p) => candidateSamples(p, 'throughputBps', samples, 0, 5)),
    confirmation: { recommended: candidateSamples(space.candidates[1]!, 'throughputBps', samples, 5), defaults: candidateSamples(space.defaults, 'throughputBps', samples, 5) },
    applyLines: tuneApplyLines({ qdisc: 'pfifo_fast' }).lines, maxRounds: 12,
  });
  return { space, samples, ...out };
}

describe('tune record, summary and report', () => {
  it('the record validates; both shapers dropped at n = 5; the confirmation is an effect of fresh rounds only', () => {
    const { record, effects, space } = race();
    tuneRecordSchema.parse(record);
    assert.equal(space.defaults.id, 'p4');
    assert.deepEqual(record.candidates.map((c) => [c.pointId, c.status, c.dropped?.n]), [['p1', 'dropped', 5], ['p2', 'leader', undefined], ['p3', 'dropped', 5]]);
    assert.equal(record.recommended, 'p2');
    assert.equal(effects.length, 1);
    assert.equal(effects[0]!.id, record.confirmationEffect);
    assert.equal(effects[0]!.nLevel, 4, 'the four confirmation rounds, none of the race\'s five');
    assert.equal(effects[0]!.verdict, 'undecided', 'pfifo_fast and noqueue differ by about nothing: the interval covers 0 and reaches past ±5 %');
    assert.deepEqual(record.samples, { race: 15, confirmation: 8, fullSweep: 36 });
  });

  it('the summary: the race, the recommendation, the confirmation with its real level, the apply lines', () => {
    const { record, effects } = race();
    const text = tuneSummaryLines(record, { ...effects[0]!, conditions: { ...effects[0]!.conditions, knobs: {} } }).join('\n');
    assert.match(text, /look n = 5: leader tcp qdisc=pfifo_fast \(12\.\d Gbit\/s\); dropped tcp qdisc=tbf:1gbit, tcp qdisc=tbf:2gbit/);
    assert.match(text, /recommended: tcp qdisc=pfifo_fast/);
    assert.match(text, /confirmed vs the host defaults \(defaults tcp qdisc=noqueue\), 4 vs 4 fresh interleaved rounds: throughput [−-]\d\.\d+% \[.*\] \(\d\d(\.\d)?% CI\) — undecided/);
    assert.match(text, /qdisc=pfifo_fast: tc -n <ns> qdisc replace dev <dev> root pfifo_fast/);
  });

  it('the charts compile without a vega-lite warning, and the run report shows the tune section and the race', () => {
    const { record, effects, samples } = race();
    const input = groInput();
    const results: RunResults = { ...input.results, effects: [...(input.results.effects ?? []), ...effects], tune: tuneRecordSchema.parse(record) };
    const charts = tuneCharts(results);
    assert.deepEqual(charts.map((c) => c.title), ['The race', 'The winner\'s effects']);
    for (const c of charts) assert.deepEqual(compileWarnings(c.spec), [], c.title);
    const page = renderRunReport({ ...input, results }, STUB_RUNTIME);
    assert.match(page, /<section class="card" id="tune"><h2>Tuning: throughputBps<\/h2>/);
    assert.match(page, /id="chart-tune-race"/);
    assert.ok(samples.length > 0);
    // A run without a tune record renders as before.
    assert.doesNotMatch(renderRunReport(input, STUB_RUNTIME), /id="tune"/);
  });
});
