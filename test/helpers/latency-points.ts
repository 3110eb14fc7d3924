// Latency results from real captures: the sockperf run captured from the main of 2026-12-01 (idle and under load),
// and points built from captured iperf2 and sockperf output run through the real parsers (rr's binned round trips,
// rr over UDP, crr's connect times), summarised the way results are.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SampleMetrics } from '../../src/metrics/registry.ts';
import { summaryOf } from '../../src/plan/assemble.ts';
import { parseResults } from '../../src/files/read-results.ts';
import type { PointResult, RunResults } from '../../src/results/schema.ts';
import { parseBouncebackOutput } from '../../src/tools/iperf2-bounceback-parse.ts';
import { parseConnectOnlyOutput } from '../../src/tools/iperf2-connect-parse.ts';
import { udpRrMetrics } from '../../src/workloads/rr-udp.ts';
import { repoRoot } from './host-state.ts';

export const fixture = (path: string) => readFileSync(join(repoRoot, 'test/fixtures', path), 'utf8');

export const LATENCY_RUN = 'results/main-2026-12-01/latency.json';

/** A fresh copy each call: the captured sockperf run (4 points, one sample each). */
export const latencyRun = (): RunResults => parseResults(fixture(LATENCY_RUN), LATENCY_RUN);

/** A point of the given workload whose samples measured these metrics, with its summary built as results build it. */
export function pointOf(template: PointResult, label: string, tool: string, requested: Record<string, string | number>, perSample: readonly SampleMetrics[]): PointResult {
  const id = `${label}-${Object.values(requested).join('-')}`;
  const samples = perSample.map((metrics, repetition) => ({ ...template.samples[0]!, pointId: id, trial: repetition, repetition, status: 'ok' as const, metrics }));
  return { ...template, id, key: id, label, workload: { ...template.workload, label, tool } as PointResult['workload'], requested, samples, summary: summaryOf(samples) };
}

export function bouncebackMetrics(file: string): SampleMetrics {
  const p = parseBouncebackOutput(fixture(file));
  assert.ok(p.ok, file);
  return p.metrics as SampleMetrics;
}

/** rr over TCP with 1 and 4 flows (iperf2), rr over UDP (sockperf), crr with 4 flows: one sample each. */
export function rrAndCrrPoints(template: PointResult): PointResult[] {
  const connect = parseConnectOnlyOutput(fixture('iperf2/connect-only-P4-bursts.txt'), 2);
  const udp = udpRrMetrics([fixture('sockperf/udp-64.txt')]);
  assert.ok(connect.ok && udp.ok);
  return [
    pointOf(template, 'rr-tcp-64B', 'rr', { flows: 1 }, [bouncebackMetrics('iperf2/bounceback-64B-1flow.txt')]),
    pointOf(template, 'rr-tcp-64B', 'rr', { flows: 4 }, [bouncebackMetrics('iperf2/bounceback-64B-4flows.txt')]),
    pointOf(template, 'rr-udp-64B', 'rr', { flows: 1 }, [udp.metrics as SampleMetrics]),
    pointOf(template, 'crr', 'crr', { flows: 4 }, [connect.metrics as SampleMetrics]),
  ];
}
