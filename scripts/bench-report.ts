// Benchmark of the HTML report with a 10,000-sample result (replicated from the real gro fixture run):
// generation time in node, file size, and the render time measured by the page in Debian's chromium.
// Target: renders in under 3 s. Usage: node --import tsx scripts/bench-report.ts [samples]
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeRunReport } from '../src/files/report-files.ts';
import type { RunResults } from '../src/results/schema.ts';
import { replicateSamples, writeRunDir } from '../test/helpers/big-results.ts';
import { needsChromium, openReport } from '../test/helpers/chromium.ts';

const FIXTURE = new URL('../test/fixtures/results/gro-quick/', import.meta.url).pathname;
const samples = Number(process.argv[2] ?? 10_000);

const base = JSON.parse(readFileSync(join(FIXTURE, 'results.json'), 'utf8')) as RunResults;
const big = replicateSamples(base, samples);
const resultsFile = writeRunDir(join(mkdtempSync(join(tmpdir(), 'vethbench-bench-')), 'run'), big, join(FIXTURE, 'raw'));
const count = big.points.reduce((n, p) => n + p.samples.length, 0);
const mb = (file: string): string => `${(statSync(file).size / 1e6).toFixed(2)} MB`;
console.log(`${count} samples in ${big.points.length} points; results.json ${mb(resultsFile)}`);

const times: number[] = [];
let page = '';
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  page = writeRunReport(resultsFile);
  times.push(performance.now() - t0);
}
console.log(`generation (read results + raw files, render, write): ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')}; index.html ${mb(page)}`);

if (needsChromium) {
  console.log(`render: skipped, ${needsChromium}`);
} else {
  for (let i = 0; i < 3; i++) {
    const r = await openReport(page, { timeoutMs: 60_000 });
    const problems = [...r.consoleErrors, ...(r.chartsFailed ? [`${r.chartsFailed} charts failed`] : [])];
    console.log(`render in chromium (navigation start → all ${r.chartsRendered} charts drawn): ${r.renderMs} ms (main thread CPU ${r.mainThreadCpuMs} ms)${r.renderMs < 3000 ? '' : '  ** over the 3 s target **'}${problems.length ? `; problems: ${problems.join('; ')}` : ''}`);
  }
}
console.log(`report: ${page}`);
