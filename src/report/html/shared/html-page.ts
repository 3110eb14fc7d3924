// Pure: a complete, self-contained report page — head, stylesheet, body, the inlined vega runtimes and the
// charts embedded from one JSON block. Used by the run report; comparison and trend pages use it too.
import type { ReportChart } from './chart-helpers.ts';
import { html, jsonForScript, SafeHtml } from './html.ts';
import { PAGE_CSS } from './page-style.ts';

/** The browser builds of vega, vega-lite and vega-embed, as read from node_modules by the caller. */
export interface VegaRuntime {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
  versions: { vega: string; vegaLite: string; vegaEmbed: string };
}

export interface PageInput {
  title: string;
  body: SafeHtml;
  charts: readonly ReportChart[];
  runtime: VegaRuntime;
}

// No request may leave the page: everything it needs is inline, and the browser is told to refuse the rest.
// 'unsafe-eval' because vega compiles its expressions to functions.
const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:";

/**
 * Renders every chart into its container and records the outcome on <html>: data-charts-rendered,
 * data-charts-failed and data-render-ms (ms since navigation start), which tests and the benchmark read.
 */
const EMBED_SCRIPT = `
(function () {
  var page = JSON.parse(document.getElementById('vb-charts').textContent);
  var charts = page.charts;
  charts.forEach(function (chart) {
    if (!chart.datasets.length) return;
    chart.spec.datasets = {};
    chart.datasets.forEach(function (name) { chart.spec.datasets[name] = page.datasets[name]; });
  });
  var options = { renderer: 'canvas', actions: { export: true, source: false, compiled: false, editor: false } };
  // The vega views by chart id, for a look at their data from the browser console (and for tests).
  window.vethbenchViews = {};
  Promise.all(charts.map(function (chart) {
    return vegaEmbed('#' + chart.id, chart.spec, options).then(function (result) {
      window.vethbenchViews[chart.id] = result.view;
      return true;
    }, function (error) {
      console.error('chart ' + chart.id + ' could not be drawn: ' + error);
      var box = document.getElementById(chart.id);
      box.textContent = 'This chart could not be drawn: ' + error;
      box.className += ' chart-error';
      return false;
    });
  })).then(function (ok) {
    var root = document.documentElement;
    root.setAttribute('data-charts-failed', String(ok.filter(function (x) { return !x; }).length));
    root.setAttribute('data-render-ms', String(Math.round(performance.now())));
    root.setAttribute('data-charts-rendered', String(ok.filter(Boolean).length));
  });
})();
`;

/** A runtime build is inlined as a script; a `</script` in it would end the block early. */
function inlineScript(code: string, name: string): SafeHtml {
  if (/<\/script|<!--/i.test(code)) throw new Error(`${name}: the build contains "</script" or "<!--" and cannot be inlined safely`);
  return new SafeHtml(`<script>${code}</script>`);
}

/** What the page embeds: each dataset once, and per chart its spec without them plus the names it uses. */
export interface EmbeddedCharts {
  datasets: Record<string, unknown>;
  charts: { id: string; spec: object; datasets: string[] }[];
}

/**
 * Specs that share a dataset (the per-sample rows) would repeat it in the page once per chart; it is stored
 * once instead and the page script puts it back into each spec before drawing.
 */
export function hoistDatasets(charts: readonly ReportChart[]): EmbeddedCharts {
  const datasets: Record<string, unknown> = {};
  const embedded = charts.map((chart) => {
    const { datasets: own, ...spec } = chart.spec as { datasets?: Record<string, unknown> };
    for (const [name, rows] of Object.entries(own ?? {})) {
      if (name in datasets && datasets[name] !== rows && JSON.stringify(datasets[name]) !== JSON.stringify(rows)) {
        throw new Error(`${chart.id}: dataset "${name}" differs from another chart's dataset of the same name`);
      }
      datasets[name] = rows;
    }
    return { id: chart.id, spec, datasets: Object.keys(own ?? {}) };
  });
  return { datasets, charts: embedded };
}

/** A chart's heading, caption and the container it is drawn into. */
export function chartSection(chart: ReportChart): SafeHtml {
  return html`<section class="card chart"><h3>${chart.title}</h3><p class="muted">${chart.caption}</p><div id="${chart.id}"></div></section>`;
}

export function renderPage(input: PageInput): string {
  const { runtime } = input;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="vethbench; vega ${runtime.versions.vega}, vega-lite ${runtime.versions.vegaLite}, vega-embed ${runtime.versions.vegaEmbed}">
<link rel="icon" href="data:,">
<title>${input.title}</title>
<style>${new SafeHtml(PAGE_CSS)}</style>
</head>
<body>
<main>
${input.body}
</main>
${inlineScript(runtime.vega, 'vega')}
${inlineScript(runtime.vegaLite, 'vega-lite')}
${inlineScript(runtime.vegaEmbed, 'vega-embed')}
<script type="application/json" id="vb-charts">${new SafeHtml(jsonForScript(hoistDatasets(input.charts)))}</script>
<script>${new SafeHtml(EMBED_SCRIPT)}</script>
</body>
</html>
`.value;
}
