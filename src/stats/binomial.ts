// Exact Binomial(n, 1/2) tail sums, in log space so n in the thousands neither underflows nor overflows.

/** P(X ≤ k) for X ~ Binomial(n, 1/2). */
export function binomialHalfCdf(k: number, n: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let logPmf = -n * Math.LN2; // P(X = 0)
  let sum = Math.exp(logPmf);
  for (let i = 0; i < k; i++) {
    logPmf += Math.log((n - i) / (i + 1));
    sum += Math.exp(logPmf);
  }
  return Math.min(1, sum);
}

/** P(X ≤ k) for X ~ Binomial(n, p), summed in log space. */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n || p <= 0) return 1;
  if (p >= 1) return 0;
  let logPmf = n * Math.log1p(-p); // P(X = 0)
  let sum = Math.exp(logPmf);
  for (let i = 0; i < k; i++) {
    logPmf += Math.log((n - i) / (i + 1)) + Math.log(p) - Math.log1p(-p);
    sum += Math.exp(logPmf);
  }
  return Math.min(1, sum);
}

/**
 * Clopper-Pearson (exact) upper bound of a proportion after x successes in n trials, at `confidence` of the
 * two-sided interval: the p with P(X ≤ x | p) = (1 − confidence)/2, by bisection.
 */
export function clopperPearsonUpper(x: number, n: number, confidence = 0.95): number {
  if (x >= n) return 1;
  const tail = (1 - confidence) / 2;
  let lo = x / n;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (binomialCdf(x, n, mid) > tail) lo = mid;
    else hi = mid;
  }
  return hi;
}
