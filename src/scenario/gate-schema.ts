// A scenario's `gate: [...]`: the metrics that decide its comparisons (compare, nightly) instead of the registry's
// defaults. Each entry must be a metric of the one registry (src/metrics/registry.ts) with a direction; a typo is
// reported with the closest registry name.
import { z } from 'zod';
import { DEFAULT_GATES, METRICS, metricSpec, type MetricName } from '../metrics/registry.ts';
import { closestName } from './problems.ts';

/** Every registry metric that can gate: those with a direction. */
export const GATEABLE_METRICS: readonly MetricName[] = (Object.keys(METRICS) as MetricName[]).filter((name) => METRICS[name].direction !== 'none');

/** Why `name` cannot gate, with a did-you-mean; undefined when it can. */
export function gateMetricProblem(name: string): string | undefined {
  const spec = metricSpec(name);
  if (spec && spec.direction !== 'none') return undefined;
  if (spec) return `"${name}" describes the run (no better direction), so it cannot gate; choose a metric with a direction, e.g. ${DEFAULT_GATES.slice(0, 3).join(', ')}`;
  const close = closestName(name, GATEABLE_METRICS);
  return `"${name}" is not a metric of the registry (src/metrics/registry.ts)${close ? ` — did you mean "${close}"?` : ''} (the defaults that gate: ${DEFAULT_GATES.join(', ')})`;
}

/** The refinement accepts exactly the gateable names; editors check scenario files against MetricName. */
const gateMetric = z.string().superRefine((value, ctx) => {
  const problem = gateMetricProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', params: { namesValue: true }, message: problem });
}) as unknown as z.ZodType<MetricName, MetricName>;

export const gateSchema = z.array(gateMetric).min(1, { message: 'lists no metric; leave `gate` out to use the registry\'s defaults' }).superRefine((values, ctx) => {
  values.forEach((value, i) => {
    const first = values.indexOf(value);
    if (first < i) ctx.addIssue({ code: 'custom', path: [i], params: { namesValue: true }, message: `"${value}" is listed twice (also at [${first}]); list each gating metric once` });
  });
});
