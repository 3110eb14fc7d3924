// Runs a scenario in this process through runScenarios() — the library entry `vethbench run` and `nightly` use —
// with a Host of the test's choosing (e.g. shapingHost), and returns its results.json.
import { join } from 'node:path';
import { runSettings } from '../../src/cli/run-settings.ts';
import type { Host } from '../../src/host/host.ts';
import { loadScenario } from '../../src/files/load-scenario.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { runScenarios } from '../../src/run/run-scenarios.ts';

export async function runInProcess(scenarioFile: string, host: Host, outDir: string, maxNeighbourCpu?: number): Promise<string> {
  const scenario = await loadScenario(scenarioFile);
  const plan = expandPlan(scenario, runSettings(scenario, {}, 1));
  const [outcome] = await runScenarios([{ plan }], { host, out: outDir, signal: new AbortController().signal, log: () => {}, maxNeighbourCpu });
  if (!outcome) throw new Error(`${scenarioFile}: runScenarios returned no outcome`);
  return join(outcome.runDir, 'results.json');
}
