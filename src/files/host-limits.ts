// The host's own limits on scenario values (src/plan/host-limits.ts judges them), and the check `run` makes.
import { readFileSync } from 'node:fs';
import { availableParallelism, release } from 'node:os';
import { ScenarioError } from '../errors.ts';
import { hostLimitProblems, parseCpuList, type HostLimits } from '../plan/host-limits.ts';
import type { Scenario } from '../scenario/scenario.ts';

export function readHostLimits(): HostLimits {
  let possible: number | undefined;
  try {
    possible = parseCpuList(readFileSync('/sys/devices/system/cpu/possible', 'utf8'));
  } catch {
    possible = undefined;
  }
  return { possibleCpus: possible ?? availableParallelism(), kernelRelease: release() };
}

/** Throws the scenario's every value beyond this host's limits (exit 2), before anything is built. */
export function refuseBeyondHostLimits(scenario: Scenario, limits: HostLimits = readHostLimits()): void {
  const problems = hostLimitProblems(scenario, limits);
  if (problems.length) throw new ScenarioError(scenario.file, problems);
}
