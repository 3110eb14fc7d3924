// --budget: `90s`, `10m`, `1h` (a bare number is seconds) → seconds. Shared wording with compare, nightly, tune.
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** undefined when the text is not a budget. */
export function budgetSeconds(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smh]?)$/.exec(text.trim());
  if (!m) return undefined;
  const seconds = Number(m[1]) * UNIT_SECONDS[m[2] || 's']!;
  return seconds > 0 ? seconds : undefined;
}
