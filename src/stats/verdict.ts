// The one verdict enum of vethbench (docs/statistics.md). compare and nightly display better/worse of
// new-vs-baseline as improved/regressed and equivalent as "no change"; the stored word is always one of these.
export const VERDICTS = ['better', 'worse', 'equivalent', 'undecided', 'invalid'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Which way of a metric is better. Metrics without a direction are never decided. */
export type BetterDirection = 'higher' | 'lower';
