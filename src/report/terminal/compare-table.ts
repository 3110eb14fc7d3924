// The comparison as terminal text: per comparison the runs, warnings, a table sorted by severity; then the
// side-by-side capacity view when more than two runs were given.
import { fitTable } from './fit-table.ts';
import { capacityRows, COMPARISON_HEAD, comparisonRows, countsLine, factWarnings, familyLine, onlyOneSideLines, runLine, verdictRule } from '../../compare/rows.ts';
import type { ComparisonReport } from '../../compare/types.ts';
import { quietnessLines, undecidedLines } from '../../compare/render-lines.ts';

/** `width`: the terminal's (120 into a pipe); the tables are fitted to it like the run's. */
export function renderTerminal(report: ComparisonReport, color = false, width = 120): string {
  const table = (head: string[], rows: string[][], c: boolean) => fitTable(head, rows, { color: c, width, rowRules: true });
  const out: string[] = [];
  for (const pair of report.comparisons) {
    out.push(`base: ${runLine(pair.base)}`, `new:  ${runLine(pair.new)}`);
    out.push(...quietnessLines(pair));
    for (const w of [...factWarnings(pair), ...pair.warnings]) out.push(`warning: ${w}`);
    if (pair.points.length) out.push(table(COMPARISON_HEAD, comparisonRows(pair), color));
    out.push(...undecidedLines(pair), ...onlyOneSideLines(pair), familyLine(pair), countsLine(pair), '');
  }
  const s = report.settings;
  out.push(verdictRule(s));
  if (report.capacity.runs.length > 2) {
    const { head, rows } = capacityRows(report.capacity, '\n');
    out.push('', 'side by side (median [CI of the median], and per logical CPU):', table(head, rows, color));
  }
  return `${out.join('\n')}\n`;
}
