// `vethbench plan`: the resolved plan and the exact commands, without root and without touching the host.
import { randomInt } from 'node:crypto';
import { expandPlan } from '../plan/expand.ts';
import { describePlan } from '../plan/describe.ts';
import { portForPrefix } from '../run/run-id.ts';
import { loadScenario } from '../scenario/load.ts';
import { runSettings, type SweepFlags } from './run-settings.ts';

export async function planCommand(file: string, flags: SweepFlags & { json?: boolean }): Promise<number> {
  const scenario = await loadScenario(file);
  const plan = expandPlan(scenario, runSettings(scenario, flags, randomInt(2 ** 31)));
  const prefix = 'vb0000';
  process.stdout.write(flags.json ? `${JSON.stringify(plan, null, 2)}\n` : describePlan(plan, prefix, portForPrefix(prefix)));
  return 0;
}
