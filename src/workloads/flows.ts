// The many-flows workload: one iperf2 client with -P flows (one thread and socket per flow) to a server for the
// trial; aggregate goodput, the per-flow spread, Jain's fairness over the flows, whole-host CPU per flow.
import { cpuMetrics } from '../results/cpu.ts';
import { jainIndex } from '../stats/fairness.ts';
import { percentile } from '../tools/iperf2-report.ts';
import { parseIperf2Csv, type CsvFlow } from '../tools/iperf2-csv-parse.ts';
import { applyPointKnobs, kindMetrics, trialInput, type Measured, type WorkloadContext } from './context.ts';
import { flowsTrial } from './flows-plan.ts';
import type { FlowsWorkload } from '../scenario/flows-spec.ts';
import type { FlowsSampleMetrics } from '../results/metrics.ts';
import { iperf2Killed, runIperf2Many } from './iperf2-run.ts';
import type { FlowsMetrics } from '../results/metrics.ts';

/**
 * Rates over the whole window (the longest flow's interval), not each flow's own: with hundreds of threads iperf2
 * starts flows late and ends them early (captured: intervals 1.0–3.5 s in a 1-s run), and adding per-flow rates
 * over different intervals overstated the aggregate 2.6× there. A flow that started late got less: that is the
 * unfairness this workload measures.
 */
export function flowsMetrics(flows: readonly CsvFlow[], requested: number): FlowsMetrics {
  const windowS = Math.max(0, ...flows.map((f) => f.endS));
  const rates = flows.map((f) => (windowS > 0 ? (f.bytes * 8) / windowS : f.bitsPerSecond)).sort((a, b) => a - b);
  const m: FlowsMetrics = { flows: requested, flowsReported: flows.length, aggregateThroughputBps: rates.reduce((a, b) => a + b, 0) };
  if (rates.length) Object.assign(m, { flowThroughputMinBps: rates[0], flowThroughputMedianBps: percentile(rates, 0.5), flowThroughputMaxBps: rates[rates.length - 1] });
  const j = jainIndex(rates);
  if (j !== undefined) m.flowFairnessIndex = j;
  return m;
}

export async function runFlows(ctx: WorkloadContext, workload: FlowsWorkload): Promise<Measured | undefined> {
  const knobs = await applyPointKnobs(ctx, ctx.session.topology);
  if ('status' in knobs) return knobs;
  const { effective, warnings } = knobs;
  if (ctx.signal.aborted) return undefined;
  if (ctx.timing.omitS > 0) warnings.push('iperf2 has no omit option: the whole duration, slow start included, is measured');
  const durationS = ctx.timing.durationS;
  const runs = await runIperf2Many(ctx, flowsTrial(trialInput(ctx, workload)), durationS);
  if (!runs) return undefined;
  const raws = runs.map((r) => r.rawOutput);
  const base = { rawOutput: raws[0]!, ...(raws.length > 1 ? { rawOutputs: raws } : {}), effective, warnings };
  const flows: CsvFlow[] = [];
  for (const [i, run] of runs.entries()) {
    const who = runs.length > 1 ? `iperf2 process ${i + 1} of ${runs.length}` : 'iperf2';
    const killed = iperf2Killed(run, durationS);
    if (killed) return { ...base, status: 'failed', reason: runs.length > 1 ? `${who}: ${killed}` : killed };
    const one = parseIperf2Csv(run.text);
    if (!one.ok) return { ...base, status: 'failed', reason: `${who}: ${one.reason}` };
    flows.push(...one.flows);
  }
  const parsed = { flows };
  const m = flowsMetrics(parsed.flows, workload.flows);
  if (parsed.flows.length < workload.flows) warnings.push(`iperf2 reported ${parsed.flows.length} of ${workload.flows} flows; fairness is over those`);
  const cpu = cpuMetrics(runs[0]?.usage, m.aggregateThroughputBps !== undefined ? { throughputBps: m.aggregateThroughputBps } : {});
  if (cpu.cpuCoresBusy !== undefined) m.cpuPercentPerFlow = (cpu.cpuCoresBusy * 100) / workload.flows;
  const figures: FlowsSampleMetrics = { ...m, ...cpu };
  return { ...base, toolVersion: 'iperf 2', status: 'ok', metrics: kindMetrics(figures) };
}
