// Pure: --confirm. A night that regressed is measured once more; a regression counts only where the same point
// and metric regressed again. One that does not reproduce becomes undecided, saying so — not a pass in disguise.
import { pointVerdict } from '../compare/verdict.ts';
import { VERDICT_SEVERITY, type PairComparison, type Verdict } from '../compare/types.ts';

export function regressedPairs(pair: PairComparison): Set<string> {
  return new Set(pair.points.flatMap((p) => p.metrics.filter((m) => m.gates && m.verdict === 'regressed').map((m) => `${p.key}\u0000${m.metric}`)));
}

/** The first measurement's comparison with each regression the confirmation did not reproduce turned undecided. */
export function applyConfirmation(first: PairComparison, confirmation: PairComparison): { pair: PairComparison; confirmed: boolean } {
  const again = regressedPairs(confirmation);
  let confirmed = false;
  const points = first.points.map((p) => {
    if (!p.metrics.some((m) => m.gates && m.verdict === 'regressed')) return p; // unchanged, its own reason kept
    const metrics = p.metrics.map((m) => {
      if (!m.gates || m.verdict !== 'regressed') return m;
      if (again.has(`${p.key}\u0000${m.metric}`)) { confirmed = true; return { ...m, reason: `${m.reason}; confirmed by a second measurement` }; }
      return { ...m, verdict: 'undecided' as const, reason: `${m.reason}; not confirmed: the second measurement (--confirm) did not regress here` };
    });
    return { ...p, ...pointVerdict(metrics), metrics };
  });
  const counts = Object.fromEntries(VERDICT_SEVERITY.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const p of points) counts[p.verdict]++;
  return { pair: { ...first, points, counts }, confirmed };
}
