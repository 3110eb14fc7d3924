// After the race: the honest answer. Every candidate not decided worse than the leader is listed (a tie when
// there are several); the recommendation is the one with the fewest non-default knobs (then the better median);
// knobs whose levels the race could not tell apart are named. Pure.
import type { KnobSettings } from '../knobs/types.ts';
import type { RaceState } from './race.ts';

export interface RaceCandidate {
  id: string;
  knobs: KnobSettings;
  nonDefault: number;
  /** For the reason's words; the id when absent. */
  label?: string;
}

export interface Recommendation {
  /** Not decided worse than the leader, the leader first. */
  contenders: string[];
  recommended: string;
  why: string;
  /** Swept knobs that made no difference: every contender's variants in that knob are contenders too. */
  noDifference: string[];
}

const sameExcept = (a: KnobSettings, b: KnobSettings, knob: string) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => k === knob || String(a[k]) === String(b[k]));
};

/** A knob made no difference when being a contender never depended on its level (within the race's resolution). */
export function noDifferenceKnobs(candidates: readonly RaceCandidate[], contenders: ReadonlySet<string>): string[] {
  const knobs = [...new Set(candidates.flatMap((c) => Object.keys(c.knobs)))];
  return knobs.filter((knob) => {
    const levels = new Set(candidates.map((c) => String(c.knobs[knob])));
    if (levels.size < 2) return false;
    return candidates.every((c) => candidates.filter((o) => o !== c && sameExcept(c.knobs, o.knobs, knob))
      .every((o) => contenders.has(o.id) === contenders.has(c.id)));
  });
}

export function recommend(state: RaceState, candidates: readonly RaceCandidate[]): Recommendation {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const contenders = state.remaining.length ? state.remaining : candidates.map((c) => c.id);
  // remaining is in median order (leader first): a stable sort keeps it for equal counts.
  const ranked = [...contenders].sort((a, b) => byId.get(a)!.nonDefault - byId.get(b)!.nonDefault);
  const recommended = ranked[0]!;
  const leader = state.leader ?? contenders[0]!;
  const name = (id: string) => byId.get(id)?.label ?? id;
  const why = contenders.length === 1
    ? 'the only candidate not decided worse than the leader'
    : recommended === leader
      ? `the leader; ${contenders.length - 1} other candidate(s) were not decided worse, none with fewer non-default knobs`
      : `${contenders.length} candidates were not decided worse than the leader (${name(leader)}): this one has the fewest non-default knobs (${byId.get(recommended)!.nonDefault} vs the leader's ${byId.get(leader)!.nonDefault})`;
  return { contenders, recommended, why, noDifference: noDifferenceKnobs(candidates, new Set(contenders)) };
}
