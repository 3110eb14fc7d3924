// `vethbench tune` as a schedule of rounds over the ordinary runner (runner.ts takes it like --until-decided's):
// the plan's own trials screen every candidate up to the first look; then one shuffled round at a time over the
// candidates still in the race (src/tune/race.ts), keeping enough budget for the confirmation; then fresh
// interleaved rounds of the recommendation against the host's defaults. Everything but the phase is recomputed
// from the samples.
import type { Plan, Point, Trial } from '../plan/expand.ts';
import type { Sample } from '../results/schema.ts';
import type { SequentialPlan } from '../stats/sequential.ts';
import type { BetterDirection } from '../stats/verdict.ts';
import type { TuneSpace } from '../tune/candidates.ts';
import { nonDefaultKnobs } from '../tune/candidates.ts';
import { raceState, type CandidateSamples, type RaceState } from '../tune/race.ts';
import { recommend, type RaceCandidate, type Recommendation } from '../tune/recommend.ts';
import { firstUnsettledRound, roundSettled, roundTrials, type NextRound } from './decisions.ts';
import type { RoundSchedule } from './runner.ts';

export interface TuneSetup {
  metric: string;
  direction: BetterDirection;
  space: TuneSpace;
  sequential: SequentialPlan;
  /** Fresh rounds of recommendation vs defaults. */
  confirmRounds: number;
  /** Seconds one trial takes (measurement + overhead), for the budget. */
  trialSeconds: number;
  /** Epoch ms: --budget's end. */
  deadline?: number | undefined;
  now?: () => number;
}

/**
 * Valid objective values by round, and every round settled (roundSettled: measured, a contaminated sample measured
 * again), of one point (rounds in [from, to)).
 */
export function candidateSamples(point: Point, metric: string, samples: readonly Sample[], from = 0, to = Infinity): CandidateSamples {
  const values = new Map<number, number>();
  const attempted = new Set<number>();
  const own = samples.filter((s) => s.pointId === point.id && !s.warmup && s.repetition >= from && s.repetition < to);
  for (const s of own) {
    if (roundSettled(own, point.id, s.repetition)) attempted.add(s.repetition - from);
    const v = s.metrics?.[metric as keyof typeof s.metrics];
    if (s.status === 'ok' && !s.contaminated && typeof v === 'number' && Number.isFinite(v)) values.set(s.repetition - from, v);
  }
  return { id: point.id, values, attempted };
}

/** The first `rounds` race rounds over every candidate: the plan's own trials. */
export function screeningTrials(space: TuneSpace, rounds: number, seed: number): Trial[] {
  const ids = new Set(space.candidates.map((p) => p.id));
  const trials: Trial[] = [];
  for (let r = 0; r < rounds; r++) trials.push(...roundTrials(space.candidates, ids, r, seed, trials.length));
  return trials;
}

export class TuneSchedule implements RoundSchedule {
  phase: 'race' | 'confirm' | 'done' = 'race';
  raceStopped = '';
  /** First confirmation round (= race rounds); set when the race ends. */
  confirmFrom = 0;
  race: RaceState | undefined;
  recommendation: Recommendation | undefined;
  readonly raceCandidates: RaceCandidate[];

  constructor(readonly setup: TuneSetup) {
    this.raceCandidates = setup.space.candidates.map((p) => ({ id: p.id, knobs: p.knobs, nonDefault: nonDefaultKnobs(p.knobs).length, label: p.label }));
  }

  private left(): number {
    return this.setup.deadline === undefined ? Infinity : this.setup.deadline - (this.setup.now ?? Date.now)();
  }

  private fits(trials: number, reserveTrials = 0): boolean {
    return (trials + reserveTrials) * this.setup.trialSeconds * 1000 <= this.left();
  }

  /** The race as the samples stand (also after sampling stopped early: the CLI's final word). */
  raceNow(samples: readonly Sample[]): RaceState {
    const to = this.phase === 'race' ? Infinity : this.confirmFrom;
    const state = raceState(this.setup.space.candidates.map((p) => candidateSamples(p, this.setup.metric, samples, 0, to)), this.setup.sequential, this.setup.direction);
    this.race = state;
    this.recommendation = recommend(state, this.raceCandidates);
    return state;
  }

  next(plan: Plan, samples: readonly Sample[]): NextRound {
    const firstIndex = samples.reduce((i, s) => Math.max(i, s.trial), plan.trials.length - 1) + 1;
    if (this.phase === 'race') {
      const state = this.raceNow(samples);
      const next = state.finished ? undefined : this.nextRaceRound(state, samples, plan.settings.seed, firstIndex);
      if (next) return { trials: next };
      this.endRace(samples, state.finished ?? this.raceStopped);
    }
    if (this.phase === 'confirm') {
      const measured = samples.filter((s) => !s.warmup);
      const ids = [this.recommendation!.recommended, this.setup.space.defaults.id];
      // A contaminated confirmation sample is measured again in its round, as --until-decided does.
      const open = firstUnsettledRound(measured, ids, this.confirmFrom, this.confirmFrom + this.setup.confirmRounds);
      if (open && this.fits(open.missing.size)) return { trials: roundTrials([...plan.points], open.missing, open.round, plan.settings.seed, firstIndex) };
      const round = open ? open.round - this.confirmFrom : this.setup.confirmRounds;
      this.phase = 'done';
      return { stop: `${this.raceStopped}; ${round} confirmation round(s) against the host defaults${round < this.setup.confirmRounds ? ` (the budget ended before the ${this.setup.confirmRounds} planned)` : ''}` };
    }
    return { stop: this.raceStopped };
  }

  private nextRaceRound(state: RaceState, samples: readonly Sample[], seed: number, firstIndex: number): Trial[] | undefined {
    const remaining = new Set(state.remaining);
    const measured = samples.filter((s) => !s.warmup && remaining.has(s.pointId));
    const lastRound = measured.reduce((r, s) => Math.max(r, s.repetition), -1);
    // The lowest round a remaining candidate has not settled (a contaminated sample, or a round cut short) comes
    // first: a look needs every round up to it.
    const open = firstUnsettledRound(measured, remaining, 0, lastRound + 1);
    const round = open?.round ?? lastRound + 1;
    const ids = open?.missing ?? remaining;
    const reserve = this.setup.space.defaults.id === this.recommendation?.recommended ? 0 : 2 * this.setup.confirmRounds;
    if (!this.fits(ids.size, reserve)) {
      this.raceStopped = `the budget ends${reserve ? ` (keeping ${reserve} trial(s) for the confirmation)` : ''} with ${Math.max(0, state.remaining.length - 1)} candidate(s) undecided against the leader`;
      return undefined;
    }
    return roundTrials(this.setup.space.candidates, ids, round, seed, firstIndex);
  }

  /** Ends the race at the rounds every remaining candidate completed; the confirmation starts after them. */
  endRace(samples: readonly Sample[], why: string): void {
    if (this.phase !== 'race') return;
    const rounds = samples.filter((s) => !s.warmup && this.setup.space.candidates.some((p) => p.id === s.pointId)).reduce((r, s) => Math.max(r, s.repetition + 1), 0);
    this.raceStopped = why;
    this.confirmFrom = rounds;
    this.phase = 'confirm';
    this.raceNow(samples);
    if (this.recommendation!.recommended === this.setup.space.defaults.id) this.phase = 'done';
  }
}
