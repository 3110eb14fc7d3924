// Pure: lines every rendering of a comparison shares beyond the table (terminal, markdown, the HTML page): how quiet
// each host was, and for each undecided gating metric the smallest change its samples could show and about how many
// more repetitions per side would decide it.
import { confidenceText } from '../stats/confidence-text.ts';
import type { HostQuietness } from './quietness.ts';
import { detectableText } from './rows.ts';
import type { PairComparison, RunRef } from './types.ts';

const cores = (n: number) => `${n.toFixed(2)} cores`;

/** "host quietness (new): neighbours used median 0.02, max 0.90 cores … " or "… not measured (…)". */
export function quietnessText(q: HostQuietness | undefined): string {
  if (!q || q.measured === 0) return 'not measured (its samples carry no interference record)';
  const coverage = q.measured === q.samples ? `all ${q.samples} samples` : `${q.measured} of ${q.samples} samples (the others not measured)`;
  const parts = [
    `neighbours used median ${cores(q.neighbourCoresMedian!)}, max ${cores(q.neighbourCoresMax!)} over ${coverage}`,
    `steal max ${cores(q.stealCoresMax!)}`,
    q.contaminated ? `${q.contaminated} sample(s) contaminated (left out)` : 'no sample contaminated',
    q.otherRuns.length ? `other vethbench runs live: ${q.otherRuns.join(', ')}` : 'no other vethbench run',
  ];
  return parts.join('; ');
}

export function quietnessLines(pair: PairComparison): string[] {
  const line = (side: string, run: RunRef) => `host quietness (${side}): ${quietnessText(run.quietness)}`;
  return [line('base', pair.base), line('new', pair.new)];
}

/** One line per undecided gating metric: what the samples could show, at which level, and what would decide it. */
export function undecidedLines(pair: PairComparison): string[] {
  return pair.points.flatMap((p) => p.metrics.filter((m) => m.gates && m.verdict === 'undecided').map((m) => {
    const s = m.shift;
    const halfWidth = s.absolute ? detectableText(m) : s.smallestDetectablePercent === null ? undefined : `±${s.smallestDetectablePercent.toFixed(1)}%`;
    const detectable = halfWidth === undefined ? 'no interval' : `the smallest change these samples could show is ${halfWidth} (${confidenceText(s.confidence)} CI)`;
    const more = s.moreSamplesPerArm ? `about ${s.moreSamplesPerArm} more repetition(s) per side would decide it` : 'more repetitions alone may not decide it (the estimate sits near the threshold)';
    return `undecided: ${p.label} ${m.label} (n ${m.base.n}/${m.new.n}): ${detectable}; ${more}`;
  }));
}
