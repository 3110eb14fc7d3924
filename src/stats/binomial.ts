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
