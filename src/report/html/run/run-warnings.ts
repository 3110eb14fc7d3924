// Pure: what a reader must know before trusting the numbers — an early stop, noisy points, failed or
// skipped samples with their reasons, knobs that did not take effect, link kinds the host cannot create.
import type { PointResult, RunResults, Sample } from '../../../results/schema.ts';
import { latencyPercentile } from '../../../metrics/registry.ts';
import { metricDisplay } from '../../../metrics/format.ts';
import { summaryOf } from './report-data.ts';
import { percentText } from '../../../metrics/format.ts';

/** A point whose coefficient of variation exceeds this is called noisy. */
const NOISY_CV = 0.1;

/** Metrics whose spread matters for the verdict (counts like retransmits are noisy by nature). */
function spreadMetrics(points: readonly PointResult[]): string[] {
  const names = new Set(points.flatMap((p) => Object.keys(p.summary)));
  return ['throughputBps', 'reverseThroughputBps', 'pps'].filter((m) => names.has(m))
    .concat([...names].filter((n) => latencyPercentile(n) !== undefined));
}

export interface RunWarning {
  kind: 'run' | 'sweep' | 'noisy' | 'failed' | 'skipped' | 'knob' | 'link-kind' | 'raw';
  text: string;
}

function noisy(points: readonly PointResult[]): RunWarning[] {
  const metrics = spreadMetrics(points);
  return points.flatMap((p) => {
    const spread = metrics.flatMap((m) => {
      const s = summaryOf(p, m);
      return s && s.n >= 2 && s.cv > NOISY_CV ? [{ label: metricDisplay(m).label.toLowerCase(), cv: s.cv, n: s.n }] : [];
    });
    if (spread.length === 0) return [];
    const list = spread.map((x) => `${x.label} ${percentText(x.cv)}`).join(', ');
    return [{ kind: 'noisy' as const, text: `${p.label}: coefficient of variation ${list} over ${spread[0]!.n} samples; more repetitions or a quieter host would help` }];
  });
}

/** Samples of one status grouped by reason: "2 samples failed: <reason> (tcp gro=on r0, …)". */
function byReason(points: readonly PointResult[], status: 'failed' | 'skipped'): RunWarning[] {
  const groups = new Map<string, string[]>();
  for (const p of points) {
    for (const s of p.samples.filter((x: Sample) => x.status === status)) {
      const reason = s.reason ?? 'no reason recorded';
      groups.set(reason, [...(groups.get(reason) ?? []), `${p.label} r${s.repetition}`]);
    }
  }
  return [...groups].map(([reason, where]) => ({
    kind: status,
    text: `${where.length} sample${where.length === 1 ? '' : 's'} ${status}: ${reason} (${where.slice(0, 6).join(', ')}${where.length > 6 ? ', …' : ''})`,
  }));
}

function knobsNotInEffect(points: readonly PointResult[]): RunWarning[] {
  return points.flatMap((p) => Object.entries(p.requested).flatMap(([knob, asked]) => {
    const got = (p.effective as Record<string, string | undefined>)[knob];
    if (got === undefined || got === asked) return [];
    return [{ kind: 'knob' as const, text: `${p.label}: ${knob}=${asked} was requested but ${got === 'mixed' ? 'was not in effect on every interface and sample' : `${knob}=${got} was in effect`}; this point does not measure the setting it is named after` }];
  }));
}

/** `missingRaw`: raw output files that could not be read (the time-series chart leaves them out). */
export function runWarnings(results: RunResults, missingRaw: readonly string[] = []): RunWarning[] {
  const warnings: RunWarning[] = [];
  if (results.run.status !== 'complete') {
    warnings.push({ kind: 'run', text: `The run is ${results.run.status}${results.run.reason ? `: ${results.run.reason}` : ''}; points may have fewer samples than planned.` });
  }
  warnings.push(...(results.run.planWarnings ?? []).map((text) => ({ kind: 'sweep' as const, text })));
  warnings.push(...noisy(results.points), ...byReason(results.points, 'failed'), ...byReason(results.points, 'skipped'), ...knobsNotInEffect(results.points));
  for (const c of results.capabilities.filter((k) => !k.supported)) {
    warnings.push({ kind: 'link-kind', text: `${c.kind} is not available on this host and is skipped: ${c.reason ?? 'no reason recorded'}` });
  }
  if (missingRaw.length) {
    warnings.push({ kind: 'raw', text: `${missingRaw.length} raw iperf3 file${missingRaw.length === 1 ? '' : 's'} could not be read (${missingRaw.slice(0, 3).join(', ')}${missingRaw.length > 3 ? ', …' : ''}); the time series leaves those samples out` });
  }
  return warnings;
}
