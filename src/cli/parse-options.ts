// Flag value parsers: a bad value names the flag, the value and what to write instead.
import { InvalidArgumentError } from 'commander';

export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    return n;
  };
}

/** --filter knob=value[,value]; repeatable: later filters on the same knob add values. */
export function collectFilter(value: string, previous: Record<string, string[]> = {}): Record<string, string[]> {
  const m = /^([a-z][a-zA-Z0-9_-]*)=([^=]+)$/.exec(value);
  if (!m) throw new InvalidArgumentError('expected knob=value[,value], e.g. --filter gro=on or --filter workload=tcp.');
  const values = m[2]!.split(',').map((v) => v.trim()).filter(Boolean);
  return { ...previous, [m[1]!]: [...(previous[m[1]!] ?? []), ...values] };
}

/** A decimal number in (min, max], e.g. --threshold 2.5. */
export function decimalNumber(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || n <= min || n > max) throw new InvalidArgumentError(`expected a number above ${min} and at most ${max}, e.g. 5 or 2.5.`);
    return n;
  };
}

/** --max-neighbour-cpu <cores>: 0 (any neighbour contaminates) up to 1024 cores, e.g. 0.1 or 0.25. */
export function neighbourCpuLimit(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n > 1024) throw new InvalidArgumentError('expected cores from 0 to 1024, e.g. 0.1 (a tenth of a core) or 0.5.');
  return n;
}

export const MAX_NEIGHBOUR_CPU_HELP = 'a sample during which processes outside the run used more CPU (cores, default 0.1) is contaminated: kept, left out of summaries, effects and gates (--until-decided measures it again)';
