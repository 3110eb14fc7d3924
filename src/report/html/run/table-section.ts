// Pure: the table of every point and metric, with links to results.json and a CSV download of the table.
import { html, type SafeHtml } from '../shared/html.ts';
import { POINT_COLUMNS, rowUnit, SCALED_STATS, TABLE_COLUMNS, type TableColumn, type TableRow } from './point-table.ts';

const HEADINGS: Partial<Record<TableColumn, string>> = { samplesOk: 'ok', samplesNotOk: 'not ok', cv: 'CV %', ciLow: 'CI low', ciHigh: 'CI high' };
const STAT_COLUMNS = TABLE_COLUMNS.filter((c) => !(POINT_COLUMNS as readonly string[]).includes(c));

function numberCell(row: TableRow, column: TableColumn, v: number): SafeHtml {
  const shown = column === 'cv' ? v * 100 : SCALED_STATS.has(column) ? v * rowUnit(row).scale : v;
  return html`<td class="num" title="${String(v)}">${Number.isInteger(shown) ? String(shown) : shown.toPrecision(6)}</td>`;
}

function statCells(row: TableRow): SafeHtml[] {
  return STAT_COLUMNS.flatMap((c) => {
    const v = row[c];
    const cell = typeof v === 'number' ? numberCell(row, c, v) : html`<td>${v ?? ''}</td>`;
    return c === 'metric' ? [cell, html`<td>${rowUnit(row).unit}</td>`] : [cell];
  });
}

/** Rows of one point are consecutive; its naming cells span them. */
function pointGroups(rows: readonly TableRow[]): TableRow[][] {
  const groups: TableRow[][] = [];
  for (const row of rows) {
    const last = groups[groups.length - 1];
    if (last && POINT_COLUMNS.every((c) => last[0]![c] === row[c])) last.push(row);
    else groups.push([row]);
  }
  return groups;
}

/** `csv` becomes a data: URI download, so the export works offline and needs no second file. */
export function tableSection(rows: readonly TableRow[], csv: string, resultsHref: string, csvName: string): SafeHtml {
  const head = [...POINT_COLUMNS, ...STAT_COLUMNS.flatMap((c) => (c === 'metric' ? [c, 'unit'] : [c]))].map((c) => html`<th>${HEADINGS[c as TableColumn] ?? c}</th>`);
  const body = pointGroups(rows).map((group) => group.map((row, i) => {
    const naming = i === 0 ? POINT_COLUMNS.map((c) => html`<td rowspan="${group.length}" class="${typeof row[c] === 'number' ? 'num' : ''}">${row[c] ?? ''}</td>`) : [];
    return html`<tr${i === 0 ? html` class="first"` : ''}>${naming}${statCells(row)}</tr>`;
  }));
  const csvHref = `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
  return html`<section class="card" id="table"><h2>All points and metrics</h2>
<div class="downloads"><a href="${resultsHref}">results.json</a><a href="${csvHref}" download="${csvName}">Download this table as CSV</a></div>
<p class="muted">Statistics over the ok samples, in the unit shown (hover a number for the stored value); the CSV has the same rows and columns in the stored units the metric names carry (bit/s, µs, %).</p>
<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>
</section>`;
}
