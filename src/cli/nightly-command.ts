// `vethbench nightly` (scripts/nightly.sh wraps it): run the nightly scenario, compare it with the baseline file or
// the last good night, write reports/nightly/<date>/, append to history.jsonl, refresh trend.json and trend.html.
// Exit 0 when the night passed, 1 on a regression or failed samples, 4 when the comparison cannot judge the night
// (no point matched, a base point missing, a gating metric invalid), 2 on bad input.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildComparisonReport, cannotJudge } from '../compare/build-report.ts';
import { renderMarkdown } from '../compare/render-markdown.ts';
import { renderTerminal } from '../compare/render-terminal.ts';
import { DEFAULT_SETTINGS } from '../compare/verdict.ts';
import { historyWith, lastGoodNight, nightOutcome, nightPoints } from '../nightly/history.ts';
import { readHistory } from '../host/nightly-files.ts';
import { writeFileAtomic } from '../host/store.ts';
import { changePointLines, nightHeadline, nightMarkdown } from '../nightly/summary.ts';
import { buildTrend } from '../nightly/trend.ts';
import { HISTORY_SCHEMA_VERSION, type NightRecord } from '../results/nightly-schema.ts';
import { writeTrendPage } from '../host/report-files.ts';
import { readResults } from '../results/read.ts';
import type { RunResults } from '../results/schema.ts';
import { ExecaHost } from '../host/execa-host.ts';
import { runScenarios } from '../run/run-scenarios.ts';
import { untilInterrupted } from './interrupt.ts';
import { decisionsFor, loadPlans } from './run-command.ts';
import { useColor } from './terminal.ts';

export const DEFAULT_BASELINE = 'reports/baseline.json';

export interface NightlyFlags {
  scenario: string;
  dir: string;
  baseline?: string;
  results?: string;
  threshold: number;
  /** Cores; default 0.1. */
  maxNeighbourCpu?: number;
}

interface Baseline {
  file: string;
  source: 'baseline file' | 'last good night';
  results: RunResults;
}

/** --baseline, else reports/baseline.json when present, else the newest good night whose results still exist. */
function chooseBaseline(flags: NightlyFlags, history: readonly NightRecord[]): Baseline | undefined {
  const file = flags.baseline ?? (existsSync(DEFAULT_BASELINE) ? DEFAULT_BASELINE : undefined);
  if (file) return { file, source: 'baseline file', results: readResults(file) };
  const good = lastGoodNight(history.filter((r) => existsSync(join(flags.dir, r.resultsFile))));
  if (!good) return undefined;
  const path = join(flags.dir, good.resultsFile);
  return { file: path, source: 'last good night', results: readResults(path) };
}

/** YYYY-MM-DD, or YYYY-MM-DD-2, -3 … when the night already ran today. */
function nightDirName(dir: string, now: Date): string {
  const date = now.toISOString().slice(0, 10);
  for (let i = 1; ; i++) {
    const name = i === 1 ? date : `${date}-${i}`;
    if (!existsSync(join(dir, name))) return name;
  }
}

/** Runs the scenario into nightDir (or takes --results): its results.json and the results, or the exit code of an interrupted run. */
async function runNight(flags: NightlyFlags, nightDir: string): Promise<{ file: string; results: RunResults } | number> {
  if (flags.results) {
    const results = readResults(flags.results);
    mkdirSync(nightDir, { recursive: true });
    copyFileSync(flags.results, join(nightDir, 'results.json'));
    return { file: join(nightDir, 'results.json'), results };
  }
  const plans = await loadPlans([flags.scenario], { out: nightDir });
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  const { value: outcomes, signalExit } = await untilInterrupted(log, (signal) => runScenarios(plans.map((plan) => ({ plan, decisions: decisionsFor(plan) })), { host: new ExecaHost(), out: nightDir, signal, log, maxNeighbourCpu: flags.maxNeighbourCpu }));
  const outcome = outcomes[0];
  if (signalExit || !outcome) return signalExit || 1;
  return { file: join(outcome.runDir, 'results.json'), results: outcome.results };
}

export async function nightlyCommand(flags: NightlyFlags): Promise<number> {
  const historyFile = join(flags.dir, 'history.jsonl');
  const history = readHistory(historyFile);
  const baseline = chooseBaseline(flags, history);
  const now = new Date();
  const name = nightDirName(flags.dir, now);
  const nightDir = join(flags.dir, name);
  const night = await runNight(flags, nightDir);
  if (typeof night === 'number') return night;
  const { file: ran, results } = night;

  const report = baseline
    ? buildComparisonReport([{ file: baseline.file, results: baseline.results }, { file: ran, results }], { ...DEFAULT_SETTINGS, thresholdPercent: flags.threshold }, now)
    : undefined;
  const pair = report?.comparisons[0];
  const record: NightRecord = {
    schemaVersion: HISTORY_SCHEMA_VERSION,
    date: now.toISOString().slice(0, 10),
    startedAt: results.run.startedAt,
    dir: name,
    resultsFile: relative(flags.dir, ran),
    ...(report ? { comparisonFile: join(name, 'comparison.json') } : {}),
    ...(baseline ? { baseline: { file: baseline.file, source: baseline.source } } : {}),
    outcome: nightOutcome(results, pair),
    ...(pair ? { counts: pair.counts } : {}),
    ...(results.host ? { kernel: results.host.kernel } : {}),
    points: nightPoints(results, pair),
  };
  // The night's own files first, then trend, then the history last: a night that fails before the end leaves the
  // history as it was (so the next night does not compare with a half-recorded one), each file whole or absent.
  const trend = buildTrend([...history, record], now);
  if (report) writeFileAtomic(join(nightDir, 'comparison.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(join(nightDir, 'comparison.md'), nightMarkdown(record, report && renderMarkdown(report), trend));
  writeFileAtomic(join(flags.dir, 'trend.json'), `${JSON.stringify(trend, null, 2)}\n`);
  writeTrendPage(trend, join(flags.dir, 'trend.html'));
  writeFileAtomic(historyFile, historyWith(history, record));

  const out = [''];
  if (report) out.push(renderTerminal(report, useColor(process.stdout)));
  out.push(...changePointLines(trend).map((l) => `change point: ${l}`), nightHeadline(record), `written: ${nightDir}/ (comparison.md${report ? ', comparison.json' : ''}), ${historyFile}, ${join(flags.dir, 'trend.json')}, ${join(flags.dir, 'trend.html')}`);
  const unjudged = pair ? cannotJudge(pair, false) : [];
  out.push(...unjudged.map((r) => `cannot judge: ${r}`));
  process.stdout.write(`${out.join('\n')}\n`);
  // 1: a regression, or failed samples / an unfinished run; 4: the comparison cannot judge the night (gate fails closed).
  const brokenRun = results.run.status !== 'complete' || results.points.some((p) => p.samples.some((x) => x.status === 'failed'));
  if (record.outcome === 'regressed' || brokenRun) return 1;
  return unjudged.length ? 4 : record.outcome === 'pass' ? 0 : 1;
}
