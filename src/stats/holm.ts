// Holm's step-down correction: controls the chance of any false "significant" among m tests (the family-wise
// error rate) without assuming the tests are independent, and is uniformly more powerful than Bonferroni.

/** Adjusted p-values, in the order given: compare each with α directly. */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
