// `vethbench run`: load and validate every scenario first (nothing touches the host on bad input), then
// preflight, probe, measure, print the table or the JSON summary.
import { randomInt } from 'node:crypto';
import { InputError } from '../errors.ts';
import { probeLinkKinds } from '../host/capabilities.ts';
import { ExecaHost } from '../host/execa-host.ts';
import { assertPreflight, checkPreflight, toolVersionTexts } from '../host/preflight.ts';
import { collectHostFacts } from '../metadata/host-facts.ts';
import { listNamespaces } from '../net/teardown.ts';
import type { Plan } from '../plan/expand.ts';
import { planWarnings } from '../plan/warnings.ts';
import { progressLine } from '../report/progress.ts';
import { resultsTable } from '../report/terminal-table.ts';
import { readLiveStates } from '../run/live-state.ts';
import { pickPrefix } from '../run/run-id.ts';
import { runPlan, type ProgressEvent, type RunOutcome } from '../run/runner.ts';
import { loadScenario } from '../scenario/load.ts';
import { jsonSummary } from './json-summary.ts';
import { planFromFlags, type SweepFlags } from './run-settings.ts';

export interface RunFlags extends SweepFlags {
  out: string;
  json?: boolean;
}

export const RUN_BINARIES = ['ip', 'ss', 'ethtool', 'iperf3', 'sysctl', 'kill'];

async function loadPlans(files: string[], flags: RunFlags): Promise<Plan[]> {
  const seed = randomInt(2 ** 31);
  const plans: Plan[] = [];
  for (const file of files) {
    const scenario = await loadScenario(file);
    plans.push(planFromFlags(scenario, flags, seed));
  }
  return plans;
}

/** On a terminal the running trial's line is overwritten by its result; elsewhere one line per finished trial. */
function showProgress(event: ProgressEvent): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${progressLine(event)}${event.type === 'trial-end' ? '\n' : ''}`);
  else if (event.type === 'trial-end') process.stderr.write(`${progressLine(event)}\n`);
}

/** Returns the exit code: 0 all samples ok, 1 some failed, 130/143 interrupted by SIGINT/SIGTERM. */
export async function runCommand(files: string[], flags: RunFlags): Promise<number> {
  if (files.length === 0) throw new InputError('vethbench run: name at least one scenario file, e.g. vethbench run scenarios/gro.ts');
  const plans = await loadPlans(files, flags);
  const host = new ExecaHost();
  const sockperf = plans.some((p) => p.points.some((point) => point.workload.tool === 'sockperf'));
  const preflight = await checkPreflight(host, { needRoot: true, binaries: [...RUN_BINARIES, ...(sockperf ? ['sockperf'] : [])] });
  assertPreflight(preflight);
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  for (const plan of plans) for (const w of planWarnings(plan)) log(`warning: ${plan.scenario.file}: ${w}`);

  const controller = new AbortController();
  let signalExit = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) return;
    signalExit = signal === 'SIGINT' ? 130 : 143;
    log(`\n${signal}: stopping after cleanup; finished samples are kept`);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const outcomes: RunOutcome[] = [];
  try {
    const hostFacts = await collectHostFacts(host, toolVersionTexts(preflight));
    for (const plan of plans) {
      if (controller.signal.aborted) break;
      const taken = new Set([...(await listNamespaces(host)).map((n) => n.slice(0, 6)), ...readLiveStates().map((s) => s.prefix)]);
      const prefix = pickPrefix((p) => taken.has(p));
      const capabilities = await probeLinkKinds(host, `${prefix}-cap`);
      log(`${plan.scenario.name}: ${plan.trials.length} trials, prefix ${prefix}`);
      const outcome = await runPlan({
        host, plan, outDir: flags.out, prefix, hostFacts, capabilities, signal: controller.signal,
        onProgress: (e) => showProgress(e),
      });
      outcomes.push(outcome);
      if (!flags.json) {
        process.stdout.write(`\n${plan.scenario.name} (${outcome.results.scenario.topology.path})\n${resultsTable(outcome.results, process.stdout.isTTY)}\n`);
        process.stdout.write(`results: ${outcome.runDir}/results.json\n`);
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (flags.json) process.stdout.write(`${JSON.stringify(jsonSummary(outcomes), null, 2)}\n`);
  if (signalExit) return signalExit;
  const failed = outcomes.flatMap((o) => o.results.points.flatMap((p) => p.samples)).filter((s) => s.status === 'failed').length;
  if (failed) log(`${failed} sample(s) failed; the reasons are in results.json`);
  return failed ? 1 : 0;
}
