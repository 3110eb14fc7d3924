// The comparison as terminal text: per comparison the runs, warnings, a table sorted by severity; then the
// side-by-side capacity view when more than two runs were given.
import Table from 'cli-table3';
import { colorBorders } from '../report/terminal/fit-table.ts';
import { capacityRows, COMPARISON_HEAD, comparisonRows, countsLine, factWarnings, familyLine, onlyOneSideLines, runLine, verdictRule } from './rows.ts';
import type { ComparisonReport } from './types.ts';
import { quietnessLines, undecidedLines } from './render-lines.ts';

function table(head: string[], rows: string[][], color: boolean): string {
  // Colour decided by the caller, not by @colors/colors (which turns itself off under CI=true or in a pipe).
  const t = new Table({ head, style: { head: [], border: [] } });
  t.push(...rows);
  return color ? colorBorders(t.toString()) : t.toString();
}

export function renderTerminal(report: ComparisonReport, color = false): string {
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
