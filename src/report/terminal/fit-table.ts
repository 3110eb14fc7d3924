// Pure: a cli-table3 table that fits a width — no rule between rows, and when the natural widths are too wide the
// widest columns give way first, down to their longest word (their cells wrap between words, never inside a number). The terminal renderers build their tables with it; the
// width comes from the CLI (src/cli/terminal.ts: the terminal's columns, 120 into a pipe).
import Table from 'cli-table3';

const ANSI = /\x1b\[[0-9;]*m/g;
/** Narrowest a column is squeezed to (content + padding), whatever its words. */
const MIN_COLUMN = 5;

function displayWidth(text: string): number {
  return Math.max(0, ...text.replace(ANSI, '').split('\n').map((l) => [...l].length));
}

/** The longest word of a cell: a column narrower than that would cut it (numbers never wrap). */
function longestWord(text: string): number {
  return Math.max(0, ...text.replace(ANSI, '').split(/\s+/).map((w) => [...w].length));
}

/**
 * Column widths (padding included) that fit `width` with the borders, or undefined when the natural ones fit. The
 * widest column that can still give way (down to its `minimum`) gives one column at a time; when even the minimums
 * do not fit, those are returned and the terminal wraps the rest.
 */
export function fitColumnWidths(natural: readonly number[], width: number, minimum: readonly number[] = []): number[] | undefined {
  const borders = natural.length + 1;
  const total = (w: readonly number[]): number => w.reduce((a, b) => a + b, 0) + borders;
  if (total(natural) <= width) return undefined;
  const widths = [...natural];
  const floor = (i: number): number => Math.min(natural[i]!, Math.max(MIN_COLUMN, minimum[i] ?? MIN_COLUMN));
  while (total(widths) > width) {
    let widest = -1;
    for (let i = 0; i < widths.length; i += 1) if (widths[i]! > floor(i) && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) break;
    widths[widest] = widths[widest]! - 1;
  }
  return widths;
}

/** No horizontal rules inside the table (cli-table3 draws the same one under the head): a long table reads as a list. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** The narrowest a table can be drawn without cutting a word (every column at its longest word), borders included. */
export function minimumTableWidth(head: readonly string[], rows: readonly (readonly string[])[]): number {
  const natural = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))) + 2);
  const minimum = head.map((h, i) => Math.max(longestWord(h), ...rows.map((r) => longestWord(r[i] ?? ''))) + 2);
  return minimum.reduce((sum, m, i) => sum + Math.min(natural[i]!, Math.max(MIN_COLUMN, m)), 0) + head.length + 1;
}

/**
 * Drops the columns named in `expendable` (least needed first) until the table can fit `width`; returns the kept
 * head and rows and the names left out, for a line under the table.
 */
export function dropToFit(head: readonly string[], rows: readonly (readonly string[])[], width: number, expendable: readonly string[]): { head: string[]; rows: string[][]; dropped: string[] } {
  let keep = head.map((_, i) => i);
  const dropped: string[] = [];
  const view = () => ({ head: keep.map((i) => head[i]!), rows: rows.map((r) => keep.map((i) => r[i] ?? '')) });
  for (const name of expendable) {
    const v = view();
    if (minimumTableWidth(v.head, v.rows) <= width) break;
    const index = head.indexOf(name);
    if (index < 0 || !keep.includes(index)) continue;
    keep = keep.filter((i) => i !== index);
    dropped.push(name);
  }
  return { ...view(), dropped };
}

/** Lines of at most `width` characters, broken between words. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The line under a table that had columns dropped by dropToFit; none when nothing was. */
export function droppedNote(dropped: readonly string[], width: number): string[] {
  return dropped.length ? wrapWords(`left out to fit ${width} columns: ${dropped.join(', ')} (all in results.json and the HTML report)`, width) : [];
}

/** `rowRules`: a rule between rows, for tables whose rows span several lines (compare's). */
export function fitTable(head: readonly string[], rows: readonly (readonly string[])[], options: { color: boolean; width: number; rowRules?: boolean }): string {
  const natural = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))) + 2);
  const minimum = head.map((h, i) => Math.max(longestWord(h), ...rows.map((r) => longestWord(r[i] ?? ''))) + 2);
  const colWidths = fitColumnWidths(natural, options.width, minimum);
  const table = new Table({
    head: [...head],
    ...(options.rowRules ? {} : { chars: COMPACT }),
    // cli-table3's own colours (@colors/colors) switch themselves off without a TTY or under CI=true, whatever
    // FORCE_COLOR asked: the caller's decision is applied here instead, to the borders.
    style: { head: [], border: [] },
    ...(colWidths ? { colWidths, wordWrap: true, wrapOnWordBoundary: true } : {}),
  });
  table.push(...rows.map((r) => [...r]));
  const text = table.toString();
  return options.color ? colorBorders(text) : text;
}

/** Runs of box-drawing characters: a table's borders. */
const BORDER = /[─│┌┐└┘├┤┬┴┼]+/g;

/** A rendered cli-table3 table with its borders in grey. */
export function colorBorders(text: string): string {
  return text.replace(BORDER, (run) => `\x1b[90m${run}\x1b[39m`);
}
