// compare of two real runs of latency, setup cost and density (captured, test/fixtures/results/ab-2026-12-01):
// every point is judged and every registry metric with a direction gets a verdict; no row is invalid (counts with a
// zero on one side only are decided on the absolute scale, src/stats/decide.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComparisonReport } from '../../src/compare/build-report.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { metricSpec } from '../../src/metrics/registry.ts';
import { readResults } from '../../src/files/read-results.ts';

const DIR = 'test/fixtures/results/ab-2026-12-01';
const load = (file: string) => ({ file, results: readResults(file) });

describe('compare of two runs of each workload kind', () => {
  for (const [scenario, gating] of [['latency', 'latencyP99Us'], ['setup-cost', 'createP50Ms'], ['capacity', 'aggregateThroughputBps']] as const) {
    it(`${scenario}: every point judged, ${gating} decided or honestly undecided, all-zero counts "no change"`, () => {
      const report = buildComparisonReport([load(`${DIR}/${scenario}-a.json`), load(`${DIR}/${scenario}-b.json`)], DEFAULT_SETTINGS, new Date('2026-12-01T17:00:00Z'));
      const pair = report.comparisons[0]!;
      assert.ok(pair.points.length >= 4);
      assert.deepEqual(pair.onlyInBase, []);
      assert.deepEqual(pair.onlyInNew, []);
      for (const p of pair.points) {
        assert.notEqual(p.verdict, 'invalid', `${p.label}: ${p.reason}`);
        const gate = p.metrics.find((m) => m.metric === gating);
        assert.ok(gate && gate.gates && gate.verdict !== 'invalid', `${p.label}: ${gating} judged (${gate?.verdict}: ${gate?.reason})`);
        for (const m of p.metrics) {
          assert.notEqual(metricSpec(m.metric)?.direction, 'none', `${m.metric} has a direction`);
          assert.notEqual(m.verdict, 'invalid', `${p.label} ${m.metric}: ${m.reason}`);
          if (m.base.median === 0 && m.new.median === 0 && m.base.ciHigh === 0 && m.new.ciHigh === 0) assert.equal(m.verdict, 'no change', `${p.label} ${m.metric}: 0 on both sides`);
        }
      }
    });
  }
});
