// The tuner's search space: the expanded points of one link kind and one workload are the candidates; the host's
// defaults (each swept knob at its kernel default, knobs without one left as the host has them) are the point
// the winner is confirmed against. A space larger than the screening limit is sampled, seeded, and says so. Pure.
import { kernelDefaultOf } from '../knobs/registry.ts';
import type { KnobSettings } from '../knobs/types.ts';
import { pointKey, pointLabel, type Point } from '../plan/expand.ts';
import { mulberry32, shuffleWith } from '../stats/random.ts';

export interface TuneSpace {
  candidates: Point[];
  /** The host-defaults point: one of the candidates, or an extra point measured only in the confirmation. */
  defaults: Point;
  /** Points of this link and workload before sampling. */
  spaceSize: number;
  /** Set when the space was sampled down to the screening limit. */
  sampledNote?: string;
}

/** Knobs set to anything but the kernel's default (a knob without a known default counts as set). */
export function nonDefaultKnobs(knobs: KnobSettings): string[] {
  return Object.entries(knobs).filter(([k, v]) => kernelDefaultOf(k) === undefined || String(kernelDefaultOf(k)) !== String(v)).map(([k]) => k);
}

export function defaultsKnobs(swept: readonly string[]): KnobSettings {
  const out: KnobSettings = {};
  for (const knob of swept) {
    const value = kernelDefaultOf(knob);
    if (value !== undefined) out[knob] = value;
  }
  return out;
}

export function tuneSpace(points: readonly Point[], link: string, workload: string, options: { maxCandidates: number; seed: number }): TuneSpace {
  const space = points.filter((p) => p.link === link && p.workload.label === workload);
  if (space.length === 0) throw new Error(`tuneSpace: no point of link ${link} and workload ${workload}`);
  const swept = [...new Set(space.flatMap((p) => Object.keys(p.knobs)))];
  const knobs = defaultsKnobs(swept);
  const key = pointKey(link, knobs, space[0]!.workload);
  const existing = space.find((p) => p.key === key);
  let candidates = space;
  let sampledNote: string | undefined;
  if (space.length > options.maxCandidates) {
    // The defaults stay in the race when they are part of the space: the race then also answers "is tuning worth it".
    const rest = shuffleWith(space.filter((p) => p !== existing), mulberry32(options.seed ^ 0x7e57));
    const keep = new Set([...(existing ? [existing] : []), ...rest].slice(0, options.maxCandidates));
    candidates = space.filter((p) => keep.has(p));
    sampledNote = `the space has ${space.length} points, more than the ${options.maxCandidates} that are screened (--max-candidates): ${candidates.length} were sampled with seed ${options.seed}${existing ? ', the host defaults among them' : ''}; another seed samples others`;
  }
  const labelled = space[0]!.label.startsWith(`${link} `);
  const defaults: Point = existing ?? {
    id: `p${Math.max(0, ...points.map((p) => Number(p.id.slice(1)) || 0)) + 1}`, key, link, knobs, workload: space[0]!.workload,
    label: `defaults ${pointLabel(knobs, space[0]!.workload, labelled ? link : undefined)}`.trim(),
  };
  return { candidates, defaults, spaceSize: space.length, ...(sampledNote ? { sampledNote } : {}) };
}
