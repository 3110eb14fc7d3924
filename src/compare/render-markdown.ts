// The comparison as GitHub-flavoured markdown, e.g. for a CI job's step summary.
import { capacityRows, COMPARISON_HEAD, comparisonRows, countsLine, factWarnings, familyLine, onlyOneSideLines, runLine, verdictRule } from './rows.ts';
import type { ComparisonReport } from './types.ts';
import { quietnessLines, undecidedLines } from './render-lines.ts';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

function markdownTable(head: string[], rows: string[][]): string[] {
  return [`| ${head.map(cell).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

export function renderMarkdown(report: ComparisonReport): string {
  const s = report.settings;
  const out: string[] = ['## vethbench compare', ''];
  for (const pair of report.comparisons) {
    out.push(`**${countsLine(pair)}**`, '', `- base: ${runLine(pair.base)}`, `- new: ${runLine(pair.new)}`, ...quietnessLines(pair).map((l) => `- ${l}`), '');
    for (const w of [...factWarnings(pair), ...pair.warnings]) out.push(`> **warning:** ${w}`, '');
    if (pair.points.length) out.push(...markdownTable(COMPARISON_HEAD, comparisonRows(pair).map((r) => [r[0]!.startsWith('(') ? r[0]! : `**${r[0]}**`, ...r.slice(1)])), '');
    const undecided = undecidedLines(pair);
    if (undecided.length) out.push(...undecided.map((l) => `- ${l}`), '');
    const only = onlyOneSideLines(pair);
    if (only.length) out.push(...only.map((l) => `- ${l}`), '');
    out.push(`_${familyLine(pair)}_`, '');
  }
  out.push(`_${verdictRule(s)}._`);
  if (report.capacity.runs.length > 2) {
    const { head, rows } = capacityRows(report.capacity, '<br>');
    out.push('', '### Side by side', '', 'Median [CI of the median] and per logical CPU.', '', ...markdownTable(head, rows));
  }
  return `${out.join('\n')}\n`;
}
