// Escaping in the HTML report: text from scenarios and results can never become markup or end a script.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportChart } from '../../src/report/html/shared/chart-helpers.ts';
import { escapeHtml, html, jsonForScript, SafeHtml } from '../../src/report/html/shared/html.ts';
import { hoistDatasets, renderPage } from '../../src/report/html/shared/html-page.ts';
import { renderRunReport } from '../../src/report/html/run/run-report.ts';
import { groInput, groResults, STUB_RUNTIME } from '../helpers/report-fixtures.ts';

const HOSTILE = '<script>alert(1)</script>';

test('escapeHtml escapes the five characters that matter in content and attributes', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('html`` escapes every value except SafeHtml, nests, joins arrays and drops false/undefined', () => {
  const inner = html`<b>${'<i>'}</b>`;
  const out = html`<p title="${'"x"'}">${inner}${['<', new SafeHtml('<br>')]}${false}${undefined}${3}</p>`;
  assert.equal(out.value, '<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;<br>3</p>');
});

test('jsonForScript: no </script, <!-- or line separators survive, and the JSON still parses back', () => {
  const value = { name: `</script><!-- ${HOSTILE} \u2028\u2029 & >` };
  const text = jsonForScript(value);
  assert.doesNotMatch(text, /<|>|&|\u2028|\u2029/);
  assert.deepEqual(JSON.parse(text), value);
});

test('a hostile scenario name, description, workload and failure reason render as text only', () => {
  const results = groResults();
  results.scenario.name = HOSTILE;
  results.scenario.description = `</script><script>alert(2)</script><!--`;
  results.points[0]!.workload.label = `<img src=x onerror=alert(3)>`;
  results.points[1]!.samples[0]!.status = 'failed';
  results.points[1]!.samples[0]!.reason = `<svg onload=alert(4)>\u2028`;
  const page = renderRunReport(groInput(results), STUB_RUNTIME);

  // Exactly the page's own scripts: three runtimes, the chart data block and the embed script.
  assert.equal(page.match(/<script/gi)?.length, 5);
  assert.equal(page.match(/<\/script/gi)?.length, 5);
  assert.doesNotMatch(page, /<img|<svg|<!--/i);
  assert.match(page, /<title>&lt;script&gt;alert\(1\)&lt;\/script&gt; — vethbench report<\/title>/);
  assert.match(page, /<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h1>/);
  assert.match(page, /&lt;svg onload=alert\(4\)&gt;/, 'the failure reason is shown, as text');
  // In the chart data the workload label survives intact once the JSON block is parsed.
  const block = /<script type="application\/json" id="vb-charts">([^<]*)<\/script>/.exec(page)![1]!;
  const data = JSON.parse(block) as { datasets: { samples: { workload: string }[] } };
  assert.ok(data.datasets.samples.some((r) => r.workload === '<img src=x onerror=alert(3)>'));
});

test('the page is self-contained: a CSP that forbids every fetch, no external URL in any src or href', () => {
  const page = renderRunReport(groInput(), STUB_RUNTIME);
  assert.match(page, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;/);
  const refs = [...page.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
  assert.ok(refs.length >= 3, refs.join(' '));
  for (const ref of refs) assert.match(ref, /^(data:|results\.json$)/, ref);
});

test('a runtime build containing </script is refused rather than inlined', () => {
  assert.throws(() => renderPage({ title: 't', body: html``, charts: [], runtime: { ...STUB_RUNTIME, vegaEmbed: 'x = "</script>"' } }), /vega-embed: the build contains/);
});

test('datasets shared by several charts are stored once; a clash of names is a programming error', () => {
  const rows = [{ a: 1 }];
  const chart = (id: string, data: unknown): ReportChart => ({ id, title: id, caption: '', spec: { datasets: { samples: data }, mark: 'point' } as never });
  const hoisted = hoistDatasets([chart('a', rows), chart('b', rows)]);
  assert.deepEqual(hoisted.datasets, { samples: rows });
  assert.deepEqual(hoisted.charts.map((c) => [c.id, c.datasets, 'datasets' in c.spec]), [['a', ['samples'], false], ['b', ['samples'], false]]);
  assert.throws(() => hoistDatasets([chart('a', rows), chart('b', [{ a: 2 }])]), /b: dataset "samples" differs/);
});

test('the host panel says when host facts were not recorded, and lists them when they were', () => {
  const results = groResults();
  const page = renderRunReport(groInput(results), STUB_RUNTIME);
  assert.match(page, /<dt>kernel<\/dt><dd>6\.18\.44-fc-v657<\/dd>/);
  assert.match(page, /<dt>net\.ipv4\.tcp_congestion_control<\/dt><dd>bbr<\/dd>/);
  results.host = undefined;
  assert.match(renderRunReport(groInput(results), STUB_RUNTIME), /<dt>host<\/dt><dd>not recorded<\/dd>/);
});
