// Pure: the standard series `vethbench calibrate` measures, as an ordinary scenario run by the ordinary runner: a veth
// pair, one TCP stream and a 64-byte UDP flood, each unpinned (no -A) and pinned to one logical CPU (affinity
// same-core, iperf3 -A 0,0), interleaved. The pinned points take the same knob path as any matrix.affinity sweep.
import { createHash } from 'node:crypto';
import type { Placement } from '../results/calibration-schema.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { ScenarioInput } from '../scenario/schema.ts';
import { validateScenario } from '../scenario/validate.ts';
import { expandPlan, type Plan, type Point } from './expand.ts';

/** Default: 4 configurations × 8 samples × (2 s + 1 s omitted + overhead) ≈ 2 minutes on the 2-vCPU VM. */
export const CALIBRATION_DEFAULTS = { repetitions: 8, durationS: 2, omitS: 1 } as const;
/** --quick (tests, a first look): 3 samples of 1 s, the fewest a CV can be computed from. */
export const CALIBRATION_QUICK = { repetitions: 3, durationS: 1, omitS: 0 } as const;

export const CALIBRATION_INPUT = {
  name: 'calibrate',
  description: 'vethbench calibrate: the per-sample noise of this host — TCP and 64-byte UDP over a veth pair, unpinned and pinned to one logical CPU',
  topology: { kind: 'pair' },
  matrix: { affinity: ['unpinned', 'same-core'] },
  workloads: [
    { tool: 'iperf3', protocol: 'tcp', name: 'tcp' },
    { tool: 'iperf3', protocol: 'udp', bitrate: '0', lengthBytes: 64, name: 'udp-64B' },
  ],
  repetitions: CALIBRATION_DEFAULTS.repetitions,
  durationS: CALIBRATION_DEFAULTS.durationS,
  omitS: CALIBRATION_DEFAULTS.omitS,
} satisfies ScenarioInput;

/** The file name results.json records for this built-in scenario (it has no file of its own). */
export const CALIBRATION_FILE = '(built in: vethbench calibrate)';

export function calibrationScenario(): Scenario {
  const sha = createHash('sha256').update(JSON.stringify(CALIBRATION_INPUT)).digest('hex');
  return validateScenario(CALIBRATION_INPUT, CALIBRATION_FILE, sha);
}

export interface CalibrationSettings { repetitions: number; durationS: number; omitS: number; seed: number }

export function calibrationPlan(settings: CalibrationSettings): Plan {
  return expandPlan(calibrationScenario(), { ...settings, warmupRepetitions: 0, filter: {} });
}

/** Which configuration a point of the calibration plan is. */
export function configurationOf(point: Point): { protocol: 'tcp' | 'udp'; placement: Placement } {
  const protocol = point.workload.tool === 'iperf3' ? point.workload.protocol : 'tcp';
  return { protocol, placement: point.knobs.affinity === 'same-core' ? 'same-core' : 'unpinned' };
}
