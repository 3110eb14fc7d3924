// The stylesheet of every report page (inlined: the page loads nothing).
import { DECISION_CSS, VERDICT_CSS } from './verdict-colors.ts';

export const PAGE_CSS = `
:root { --fg: #1f2933; --muted: #5f6b7a; --line: #e3e6ea; --bg: #f6f7f9; --card: #fff; --ok: #1e7b4f; --warn: #9a5b00; --bad: #b42318; --accent: #2f5fb3; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 12px; }
h3 { font-size: 14px; margin: 0 0 2px; }
h3.spaced { margin-top: 10px; }
p { margin: 0 0 8px; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin: 16px 0; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 18px; color: var(--muted); margin-top: 8px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid currentColor; }
.badge.complete { color: var(--ok); } .badge.interrupted { color: var(--warn); } .badge.failed { color: var(--bad); }
.badge.outcome-pass { color: var(--ok); } .badge.outcome-invalid { color: var(--warn); } .badge.outcome-regressed { color: var(--bad); }
ul.verdict, ul.warnings { margin: 0; padding-left: 18px; }
ul.verdict li { margin: 3px 0; font-size: 15px; }
ul.verdict .best { font-weight: 700; }
ul.warnings li { margin: 4px 0; }
.tag { display: inline-block; min-width: 64px; padding: 0 6px; margin-right: 4px; border-radius: 4px; background: #fdf1dc; color: var(--warn); font-size: 11.5px; font-weight: 600; text-align: center; }
.card.warn { border-left: 4px solid var(--warn); }
.caveat { color: var(--warn); font-size: 13px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 4px 28px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0; }
dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
details > summary { cursor: pointer; color: var(--accent); margin: 6px 0; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; margin: 16px 0; }
.charts > .card { margin: 0; flex: 1 1 auto; max-width: 100%; }
.chart { overflow-x: auto; }
.chart .vega-embed { margin-top: 6px; }
.chart-error { color: var(--bad); }
.table-wrap { overflow: auto; max-height: 640px; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; font-size: 12.5px; width: 100%; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; vertical-align: top; }
th { position: sticky; top: 0; background: #eef1f5; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.first td { border-top: 1px solid #c9ced6; }
.downloads { display: flex; gap: 16px; margin: 8px 0 12px; }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; }
.badge.verdict { font-weight: 600; white-space: nowrap; }
${VERDICT_CSS}
${DECISION_CSS}
.counts { display: flex; flex-wrap: wrap; gap: 8px 14px; margin: 2px 0 10px; font-size: 15px; }
.counts .zero { opacity: 0.4; }
ul.points { margin: 0; padding-left: 0; list-style: none; }
ul.points li { margin: 4px 0; }
tr.differs td { background: #fdf1dc; }
tr.group td { background: #f6f7f9; font-weight: 600; color: var(--muted); }
tr.detail td { color: var(--muted); }
tr.deciding td.metric { font-weight: 700; }
td.wrap { white-space: normal; min-width: 150px; }
.callout { border-left: 4px solid #c98a00; background: #fdf6e7; padding: 6px 12px; margin: 8px 0; border-radius: 4px; }
.callout ul { margin: 4px 0 0; padding-left: 18px; }
ul.effects li { font-size: 12.5px; }
.table-wrap.full { max-height: none; }
.runs { margin: 6px 0 0; padding-left: 18px; }
`;
