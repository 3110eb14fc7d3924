// `vethbench plan`: the resolved plan and the exact commands, without root and without touching the host.
import { randomInt } from 'node:crypto';
import { describePlan } from '../plan/describe.ts';
import { portForPrefix } from '../run/run-id.ts';
import { readHostLimits } from '../host/host-limits.ts';
import { loadScenario } from '../host/load-scenario.ts';
import { planFromFlags, type SweepFlags } from './run-settings.ts';

export async function planCommand(file: string, flags: SweepFlags & { json?: boolean }): Promise<number> {
  const scenario = await loadScenario(file);
  const plan = planFromFlags(scenario, flags, randomInt(2 ** 31));
  const prefix = 'vb0000';
  process.stdout.write(flags.json ? `${JSON.stringify(plan, null, 2)}\n` : describePlan(plan, prefix, portForPrefix(prefix), readHostLimits()));
  return 0;
}
