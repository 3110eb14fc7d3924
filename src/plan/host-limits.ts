// Pure: scenario values that are valid in general but exceed what this host allows. `plan` (which may run on
// another machine than the run) warns about them; `run` refuses them before anything is built.
import type { ScenarioProblem } from '../errors.ts';
import { maskCpuProblem } from '../knobs/rps-xps-family.ts';
import type { Scenario } from '../scenario/scenario.ts';

export interface HostLimits {
  /** The kernel's possible CPUs (/sys/devices/system/cpu/possible): veth's maximum rx and tx channel count. */
  possibleCpus: number;
  /** The planning host's kernel (uname -r): warnings about behaviour that changed with the kernel branch on it. */
  kernelRelease?: string;
}

/** "0-1" → 2, "0-3,8-11" → 8, "0" → 1; undefined when the text is not a CPU list. */
export function parseCpuList(text: string): number | undefined {
  let count = 0;
  for (const part of text.trim().split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) return undefined;
    const first = Number(m[1]);
    const last = m[2] === undefined ? first : Number(m[2]);
    if (last < first) return undefined;
    count += last - first + 1;
  }
  return count;
}

const CHANNEL_KNOBS = ['rxChannels', 'txChannels'] as const;

export function hostLimitProblems(scenario: Pick<Scenario, 'matrix' | 'include'>, limits: HostLimits): ScenarioProblem[] {
  const max = limits.possibleCpus;
  const tooMany = (value: unknown): boolean => typeof value === 'number' && value > max;
  const message = (knob: string, value: unknown): string =>
    `${String(value)} exceeds the veth maximum of ${max} ${knob === 'rxChannels' ? 'rx' : 'tx'} channels on this host (its number of possible CPUs); use at most ${max}`;
  const problems: ScenarioProblem[] = [];
  for (const knob of CHANNEL_KNOBS) {
    (scenario.matrix[knob] ?? []).forEach((value, i) => {
      if (tooMany(value)) problems.push({ path: `matrix.${knob}[${i}]`, message: message(knob, value) });
    });
    scenario.include.forEach((rule, i) => {
      if (tooMany(rule[knob])) problems.push({ path: `include[${i}].${knob}`, message: message(knob, rule[knob]) });
    });
  }
  for (const knob of ['rpsCpus', 'xpsCpus']) {
    const check = (value: unknown, path: string): void => {
      const problem = typeof value === 'string' ? maskCpuProblem(value, max) : undefined;
      if (problem) problems.push({ path, message: problem });
    };
    (scenario.matrix[knob] ?? []).forEach((value, i) => check(value, `matrix.${knob}[${i}]`));
    scenario.include.forEach((rule, i) => check(rule[knob], `include[${i}].${knob}`));
  }
  return problems;
}

/** What `plan` prints: the same problems as warnings, saying that `run` on this host refuses them. */
export function hostLimitWarnings(scenario: Pick<Scenario, 'matrix' | 'include'>, limits: HostLimits): string[] {
  return hostLimitProblems(scenario, limits).map((p) => `${p.path}: ${p.message} (vethbench run on this host refuses it)`);
}
