// The racing rule of `vethbench tune` (docs/tuning.md): every candidate is screened in interleaved rounds up to
// the first planned look; at each look (n = 5, 8, 12, 18 … rounds) the leader is the candidate with the best
// median so far and every other remaining candidate is judged against it by THE two-arm decision
// (stats/decide.ts) at the sequential level 1 − α′/m of stats/sequential.ts, m = candidates − 1. A candidate
// decided worse than the leader is dropped (final, with the look, the leader and the shift that dropped it);
// only the remaining ones get further rounds. The race ends when no remaining candidate is undecided against
// the leader (the others all dropped, or equivalent to it: a tie), or at the last look. Pure and recomputed from
// the samples, like `run --until-decided`: the same samples always give the same race.
import { absoluteShiftText } from '../metrics/format.ts';
import { decide, type Shift } from '../stats/decide.ts';
import { median } from '../stats/median.ts';
import type { SequentialPlan } from '../stats/sequential.ts';
import type { BetterDirection } from '../stats/verdict.ts';
import { confidenceText } from '../stats/confidence-text.ts';

/** One candidate's objective values by round (valid samples only) and every round it has settled (run/decisions.ts: roundSettled). */
export interface CandidateSamples {
  id: string;
  values: ReadonlyMap<number, number>;
  attempted: ReadonlySet<number>;
}

export interface Drop {
  candidate: string;
  /** Index into the plan's looks, and the rounds per candidate it used. */
  look: number;
  n: number;
  leader: string;
  /** candidate vs leader (reference = leader); absent when the candidate had no valid sample at all. */
  shift?: Shift;
  why: string;
}

export interface LookRecord {
  look: number;
  n: number;
  leader: string;
  /** Candidates still in the race when the look was taken, with their median over the first n rounds. */
  medians: Record<string, number>;
  /** Verdict of each other remaining candidate against the leader at this look. */
  verdicts: Record<string, Shift['verdict']>;
}

export interface RaceState {
  /** Still in the race (the leader first). */
  remaining: string[];
  leader: string | undefined;
  dropped: Drop[];
  looks: LookRecord[];
  /** The next look to take (index into plan.looks); plan.looks.length once the last was taken. */
  nextLook: number;
  /** Why the race is over; absent while it goes on. */
  finished?: string;
  /** The last look's shift of each remaining non-leader against the leader. */
  versusLeader: Record<string, Shift>;
}

const better = (direction: BetterDirection) => (a: number, b: number) => (direction === 'higher' ? b - a : a - b);

/** Values of rounds [0, n) where both were valid, round by round. */
function paired(a: CandidateSamples, b: CandidateSamples, n: number): { a: number[]; b: number[] } {
  const out = { a: [] as number[], b: [] as number[] };
  for (let r = 0; r < n; r++) {
    const x = a.values.get(r);
    const y = b.values.get(r);
    if (x !== undefined && y !== undefined) { out.a.push(x); out.b.push(y); }
  }
  return out;
}

function medianOfFirst(c: CandidateSamples, n: number): number | undefined {
  const v: number[] = [];
  for (let r = 0; r < n; r++) { const x = c.values.get(r); if (x !== undefined) v.push(x); }
  return v.length ? median(v.sort((x, y) => x - y)) : undefined;
}

/** Rounds [0, n) all settled (measured ok or not; a contaminated sample measured again, run/decisions.ts). */
const reached = (c: CandidateSamples, n: number) => { for (let r = 0; r < n; r++) if (!c.attempted.has(r)) return false; return true; };

/** "−12.0 % (CI −15.0 … −9.0 % at 99%)", or in the metric's unit when a side had 0s (Shift.absolute: no ratio). */
function shiftWords(shift: Shift): string {
  const level = confidenceText(shift.confidence);
  if (shift.absolute) return `${absoluteShiftText(shift.absolute)} at ${level}`;
  return `${shift.estimatePercent!.toFixed(1)} % (CI ${shift.ciLowPercent!.toFixed(1)} … ${shift.ciHighPercent!.toFixed(1)} % at ${level})`;
}

export function raceState(candidates: readonly CandidateSamples[], plan: SequentialPlan, direction: BetterDirection): RaceState {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  let remaining = candidates.map((c) => c.id);
  const state: RaceState = { remaining, leader: undefined, dropped: [], looks: [], nextLook: 0, versusLeader: {} };
  if (candidates.length <= 1) return { ...state, leader: remaining[0], finished: 'only one candidate: nothing to race' };
  const order = better(direction);
  for (let look = 0; look < plan.looks.length; look++) {
    const n = plan.looks[look]!;
    if (!remaining.every((id) => reached(byId.get(id)!, n))) break;
    state.nextLook = look + 1;
    const medians: Record<string, number> = {};
    for (const id of remaining) {
      const m = medianOfFirst(byId.get(id)!, n);
      if (m === undefined) state.dropped.push({ candidate: id, look, n, leader: '', why: `no valid sample in ${n} rounds` });
      else medians[id] = m;
    }
    remaining = remaining.filter((id) => medians[id] !== undefined);
    if (remaining.length === 0) { state.remaining = []; state.finished = 'every candidate failed'; return state; }
    remaining.sort((x, y) => order(medians[x]!, medians[y]!));
    const leader = remaining[0]!;
    for (const d of state.dropped) if (d.leader === '') d.leader = leader;
    const verdicts: Record<string, Shift['verdict']> = {};
    state.versusLeader = {};
    const survivors = [leader];
    for (const id of remaining.slice(1)) {
      const pair = paired(byId.get(leader)!, byId.get(id)!, n);
      const shift = pair.a.length && pair.b.length
        ? decide(pair.a, pair.b, { direction, thresholdPercent: plan.thresholdPercent, confidence: plan.levelAtLook })
        : undefined;
      verdicts[id] = shift?.verdict ?? 'invalid';
      if (shift?.verdict === 'worse') {
        state.dropped.push({ candidate: id, look, n, leader, shift, why: `decided worse than the leader ${leader} at the look at n = ${n}: ${shiftWords(shift)}` });
        continue;
      }
      survivors.push(id);
      if (shift) state.versusLeader[id] = shift;
    }
    state.looks.push({ look, n, leader, medians, verdicts });
    remaining = survivors;
    state.leader = leader;
    const open = survivors.slice(1).filter((id) => verdicts[id] !== 'equivalent');
    if (survivors.length === 1) { state.finished = `the leader is decided better than every other candidate (look at n = ${n})`; break; }
    if (open.length === 0) { state.finished = `tie: ${survivors.length - 1} candidate(s) equivalent to the leader within the threshold (look at n = ${n})`; break; }
    if (look === plan.looks.length - 1) { state.finished = `the maximum of ${n} rounds is reached with ${open.length} candidate(s) undecided against the leader`; }
  }
  state.remaining = remaining;
  if (state.leader === undefined) state.leader = remaining[0];
  return state;
}
