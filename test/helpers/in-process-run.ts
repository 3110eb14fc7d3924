// Runs a scenario in this process through the real runner with a Host of the test's choosing (e.g. shapingHost),
// the same way `vethbench run` does, and returns its results.json.
import { join } from 'node:path';
import { RUN_BINARIES } from '../../src/cli/run-command.ts';
import { runSettings } from '../../src/cli/run-settings.ts';
import { probeLinkKinds } from '../../src/host/capabilities.ts';
import type { Host } from '../../src/host/host.ts';
import { assertPreflight, checkPreflight, toolVersionTexts } from '../../src/host/preflight.ts';
import { collectHostFacts } from '../../src/metadata/host-facts.ts';
import { expandPlan } from '../../src/plan/expand.ts';
import { runPlan } from '../../src/run/runner.ts';
import { loadScenario } from '../../src/host/load-scenario.ts';

export async function runInProcess(scenarioFile: string, host: Host, prefix: string, outDir: string): Promise<string> {
  const scenario = await loadScenario(scenarioFile);
  const plan = expandPlan(scenario, runSettings(scenario, {}, 1));
  const preflight = await checkPreflight(host, { needRoot: true, binaries: RUN_BINARIES });
  assertPreflight(preflight);
  const hostFacts = await collectHostFacts(host, toolVersionTexts(preflight));
  const capabilities = await probeLinkKinds(host, `${prefix}-cap`);
  const outcome = await runPlan({ host, plan, outDir, prefix, hostFacts, capabilities, signal: new AbortController().signal });
  return join(outcome.runDir, 'results.json');
}
