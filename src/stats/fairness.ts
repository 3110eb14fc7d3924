// Pure: Jain's fairness index, (Σx)² / (n · Σx²): 1 when every share is equal, 1/n when one takes everything.

/** undefined for an empty list or all zeros (nobody got anything: fairness is not defined). */
export function jainIndex(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sum = values.reduce((a, b) => a + b, 0);
  const squares = values.reduce((a, b) => a + b * b, 0);
  return squares === 0 ? undefined : (sum * sum) / (values.length * squares);
}
