// The one metric registry covers every metric a workload writes: every key of every captured real results file
// (each workload kind) has an entry, with a unit, a label and a direction.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CHARTED_METRICS, DEFAULT_GATES, METRICS, metricSpec } from '../../src/metrics/registry.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [path] : [];
  });
}

/** Captured results files and the metric keys their samples hold, by workload tool. */
function capturedMetrics(): Map<string, Set<string>> {
  const byTool = new Map<string, Set<string>>();
  for (const file of jsonFiles(FIXTURES)) {
    let data: { tool?: { name?: string }; points?: { workload?: { tool?: string }; samples?: { metrics?: Record<string, number> }[] }[] };
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      continue;
    }
    if (data?.tool?.name !== 'vethbench' || !Array.isArray(data.points)) continue;
    for (const point of data.points) {
      const keys = byTool.get(point.workload?.tool ?? '?') ?? new Set();
      for (const s of point.samples ?? []) for (const k of Object.keys(s.metrics ?? {})) keys.add(k);
      byTool.set(point.workload?.tool ?? '?', keys);
    }
  }
  return byTool;
}

test('every metric key in captured real results of each workload kind has a registry entry', () => {
  const byTool = capturedMetrics();
  for (const tool of ['iperf3', 'sockperf', 'setup-cost', 'density', 'rr', 'crr', 'flows', 'pps']) assert.ok(byTool.get(tool)?.size, `captured results of ${tool} exist`);
  const missing = [...byTool].flatMap(([tool, keys]) => [...keys].filter((k) => !metricSpec(k)).map((k) => `${tool}: ${k}`));
  assert.deepEqual(missing, [], 'metrics written without a registry entry');
});

test('the registry: labels, directions, gates and charts are consistent', () => {
  for (const [name, spec] of Object.entries(METRICS)) {
    assert.ok(spec.label.length > 0, name);
    if (spec.gates) assert.notEqual(spec.direction, 'none', `${name} gates, so it needs a direction`);
  }
  assert.ok(DEFAULT_GATES.includes('latencyP99Us') && DEFAULT_GATES.includes('throughputBps') && DEFAULT_GATES.includes('createP50Ms'));
  assert.equal(CHARTED_METRICS[0], 'throughputBps', 'goodput leads the charts');
});
