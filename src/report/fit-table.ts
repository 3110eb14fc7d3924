// Pure: a cli-table3 table that fits a width — no rule between rows, and when the natural widths are too wide the
// widest columns give way first (their cells wrap). The terminal renderers build their tables with it; the
// width comes from the CLI (src/cli/terminal.ts: the terminal's columns, 120 into a pipe).
import Table from 'cli-table3';

const ANSI = /\x1b\[[0-9;]*m/g;
/** Narrowest a column is squeezed to (content + padding). */
const MIN_COLUMN = 8;

function displayWidth(text: string): number {
  return Math.max(0, ...text.replace(ANSI, '').split('\n').map((l) => [...l].length));
}

/** Column widths (padding included) that fit `width` with the borders, or undefined when the natural ones fit. */
export function fitColumnWidths(natural: readonly number[], width: number): number[] | undefined {
  const borders = natural.length + 1;
  const fits = (w: readonly number[]): boolean => w.reduce((a, b) => a + b, 0) + borders <= width;
  if (fits(natural)) return undefined;
  const widths = [...natural];
  while (!fits(widths)) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) break; // cannot fit: the terminal wraps what is left
    widths[widest] = widths[widest]! - 1;
  }
  return widths;
}

/** No horizontal rules inside the table (cli-table3 draws the same one under the head): a long table reads as a list. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

export function fitTable(head: readonly string[], rows: readonly (readonly string[])[], options: { color: boolean; width: number }): string {
  const natural = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))) + 2);
  const colWidths = fitColumnWidths(natural, options.width);
  const table = new Table({
    head: [...head],
    chars: COMPACT,
    style: options.color ? {} : { head: [], border: [] },
    ...(colWidths ? { colWidths, wordWrap: true, wrapOnWordBoundary: true } : {}),
  });
  table.push(...rows.map((r) => [...r]));
  return table.toString();
}
