// `vethbench plan FILE|NAME…`: the resolved plan and the exact commands, without root and without touching the host.
import { randomInt } from 'node:crypto';
import { describePlan } from '../report/terminal/plan-text.ts';
import { planJson } from '../report/json/plan-json.ts';
import type { Plan } from '../plan/expand.ts';
import { portForPrefix } from '../run/run-id.ts';
import { readHostLimits } from '../files/host-limits.ts';
import { loadScenario } from '../files/load-scenario.ts';
import { planFromFlags, type SweepFlags } from './run-settings.ts';
import { readCpuTopology } from '../metadata/cpu-topology.ts';
import { currentHostKey } from '../metadata/host-key.ts';
import { noiseFloorLines } from '../nightly/host-noise.ts';
import { placementLines } from '../plan/cpu-placement.ts';
import { readCalibration } from '../files/calibration-store.ts';
import type { CalibrationRecord } from '../results/calibration-schema.ts';
import { knobShell } from '../files/knob-shell.ts';

/** The host's calibrated noise floor for this plan, and what affinity means on its CPUs when the plan pins. */
export function hostLinesFor(plan: Plan, calibration: CalibrationRecord | undefined): string[] {
  const pins = plan.points.some((p) => p.knobs.affinity !== undefined && p.knobs.affinity !== 'unpinned');
  const topology = pins ? readCpuTopology() : undefined;
  return [...noiseFloorLines(calibration, plan), ...(topology?.cpus.length ? placementLines(topology) : [])];
}

/** The prefix plan shows; a run picks a fresh one. */
const PREFIX = 'vb0000';

export async function planCommand(files: readonly string[], flags: SweepFlags & { json?: boolean }): Promise<number> {
  // Load every file first: a bad one is reported before anything is printed.
  const plans: Plan[] = [];
  for (const file of files) plans.push(planFromFlags(await loadScenario(file), flags, randomInt(2 ** 31)));
  const hostLimits = readHostLimits();
  const calibration = readCalibration(currentHostKey());
  if (flags.json) process.stdout.write(`${JSON.stringify(planJson(plans, PREFIX, portForPrefix(PREFIX), knobShell(), hostLimits), null, 2)}\n`);
  else process.stdout.write(plans.map((plan) => describePlan(plan, PREFIX, portForPrefix(PREFIX), knobShell(), hostLimits, hostLinesFor(plan, calibration))).join('\n'));
  return 0;
}
