// `vethbench compare BASE NEW [MORE...]`: read and validate every file first (exit 2 on bad input), then print the
// comparison as a table, JSON or markdown; --html FILE also writes the self-contained comparison page.
// Exit codes (docs/compare-nightly-ci.md): 1 a regression with --fail-on-regression · 4 cannot judge (nothing or only part matched,
// a gating metric invalid) · 5 a gating metric undecided with --fail-on-undecided · 0 otherwise.
import { buildComparisonReport, gateExitCode } from '../compare/build-report.ts';
import { renderMarkdown } from '../compare/render-markdown.ts';
import { renderTerminal } from '../report/terminal/compare-table.ts';
import { DEFAULT_SETTINGS } from '../compare/verdict.ts';
import { InputError } from '../errors.ts';
import { DEFAULT_GATES, metricSpec } from '../metrics/registry.ts';
import { writeComparisonPage } from '../files/report-files.ts';
import { readResults } from '../files/read-results.ts';
import { terminalWidth, useColor } from './terminal.ts';

export interface CompareFlags {
  threshold: number;
  json?: boolean;
  markdown?: boolean;
  failOnRegression?: boolean;
  failOnUndecided?: boolean;
  allowMissing?: boolean;
  /** Metrics that gate instead of the registry's defaults (comma-separated on the command line). */
  gate?: string[];
  /** Also write the HTML comparison page here. */
  html?: string;
}

export function compareCommand(files: string[], flags: CompareFlags): number {
  if (files.length < 2) throw new InputError(`vethbench compare: name at least two results files, BASE first: vethbench compare reports/a/results.json reports/b/results.json (got ${files.length})`);
  if (flags.json && flags.markdown) throw new InputError('vethbench compare: --json and --markdown print different formats; choose one');
  const unknown = (flags.gate ?? []).filter((m) => { const spec = metricSpec(m); return !spec || spec.direction === 'none'; });
  if (unknown.length) throw new InputError(`vethbench compare: --gate ${unknown.join(',')}: not a registry metric with a direction; choose from ${DEFAULT_GATES.join(', ')} or another metric of src/metrics/registry.ts`);
  const runs = files.map((file) => ({ file, results: readResults(file) }));
  const report = buildComparisonReport(runs, { ...DEFAULT_SETTINGS, thresholdPercent: flags.threshold, ...(flags.gate ? { gate: flags.gate } : {}) }, new Date());
  // Written first: a file the page cannot show (or a page that cannot be written) stops before anything is printed.
  const page = flags.html ? writeComparisonPage(report, runs, flags.html) : undefined;
  if (flags.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (flags.markdown) process.stdout.write(renderMarkdown(report));
  else process.stdout.write(renderTerminal(report, useColor(process.stdout), terminalWidth(process.stdout)));
  // stderr: stdout stays the JSON or markdown it was asked for.
  if (page) process.stderr.write(`comparison page: ${page}\n`);
  const gate = gateExitCode(report, { failOnRegression: flags.failOnRegression ?? false, failOnUndecided: flags.failOnUndecided ?? false, allowMissing: flags.allowMissing ?? false });
  for (const reason of gate.reasons) process.stderr.write(`cannot judge: ${reason}\n`);
  return gate.code;
}
