// Pure: the night's headline and change-point lines, for the terminal and for comparison.md.
import { formatP, formatValue, signedPercent } from '../metrics/format.ts';
import type { PairComparison } from '../compare/types.ts';
import type { NightRecord, Trend } from '../results/nightly-schema.ts';

/** Change points of the metrics that decide verdicts; the others stay in trend.json for the trend page. */
export function changePointLines(trend: Trend): string[] {
  return trend.series.filter((s) => s.gates).flatMap((s) => s.changePoints.map((c) =>
    `${s.label} ${s.metric}: ${signedPercent(c.shiftPercent)} from ${c.date} on (${c.effect}; median ${formatValue(c.beforeMedian, s.unit)} → ${formatValue(c.afterMedian, s.unit)}, p ${formatP(c.pValue)})`));
}

export function nightHeadline(record: NightRecord): string {
  const against = record.baseline ? `against ${record.baseline.file} (${record.baseline.source})` : 'no baseline yet: this night is the first reference';
  return `vethbench nightly ${record.date}: ${record.outcome}, ${against}`;
}

/** "What a new kernel changes": the night ran another kernel than its baseline; its moved points are that kernel's. */
export function kernelChangeLines(pair: PairComparison, change: { base: string; new: string }): string[] {
  const moved = pair.points.filter((p) => p.verdict === 'regressed' || p.verdict === 'improved');
  return [
    `what kernel ${change.new} changes (against the baseline's ${change.base}; gated like any night): ${moved.length ? '' : 'no point regressed or improved'}`,
    ...moved.map((p) => `  ${p.verdict} ${p.label}: ${p.reason}`),
  ];
}

export function nightMarkdown(record: NightRecord, comparisonMarkdown: string | undefined, trend: Trend, notes: readonly string[] = []): string {
  const changes = changePointLines(trend);
  return [
    `# ${nightHeadline(record)}`, '',
    ...(notes.length ? [...notes.map((l) => `- ${l.trim()}`), ''] : []),
    ...(comparisonMarkdown ? [comparisonMarkdown] : []),
    `## Change points (last ${trend.lastNights} nights)`, '',
    ...(changes.length ? changes.map((l) => `- ${l}`) : ['none']), '',
  ].join('\n');
}
