// `vethbench nightly` (scripts/nightly.sh wraps it): run the nightly scenario, compare it with the baseline file or
// the last good night, write reports/nightly/<date>/, append to history.jsonl, refresh trend.json and trend.html.
// The repetitions are sized from the history's noise (src/nightly/power.ts); --rebaseline (and the first night)
// measures a baseline big enough for the threshold; --until-decided adds rounds at the sequential looks until every
// gating comparison is decided; --confirm measures once more before failing; from 5 passed nights on the gate's
// interval adds the between-night spread of medians. A baseline from another host or major tool version is refused
// (exit 2, before the night measures anything) unless --allow-foreign-baseline.
// Exit 0 when the night passed, 1 on a regression or failed samples, 4 when the comparison cannot judge the night
// (no point matched, a base point missing, a gating metric invalid, a busy host), 5 with --fail-on-undecided, 2 on bad input.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildComparisonReport, cannotJudge } from '../compare/build-report.ts';
import type { LoadedRun } from '../compare/compare-pair.ts';
import { renderMarkdown } from '../compare/render-markdown.ts';
import { renderTerminal } from '../report/terminal/compare-table.ts';
import type { ComparisonReport, ComparisonSettings, PairComparison } from '../compare/types.ts';
import { DEFAULT_SETTINGS } from '../compare/verdict.ts';
import { InputError } from '../errors.ts';
import { readHistory } from '../files/nightly-files.ts';
import { writeTrendPage } from '../files/report-files.ts';
import { writeFileAtomic } from '../host/store.ts';
import { DEFAULT_GATES } from '../metrics/registry.ts';
import { gateWithHistory, type IntervalKind } from '../nightly/between-nights.ts';
import { applyConfirmation } from '../nightly/confirm.ts';
import { checkPreflight, toolVersionTexts } from '../host/preflight.ts';
import { collectHostFacts } from '../metadata/host-facts.ts';
import { checkBaseline, hostDifferences } from '../nightly/foreign.ts';
import { historyWith, hostWasBusy, lastGoodNight, nightOutcome, nightPoints } from '../nightly/history.ts';
import { sizeNight } from '../nightly/night-sizing.ts';
import { calibratedNoise } from '../nightly/host-noise.ts';
import { currentHostKey } from '../metadata/host-key.ts';
import { readCalibration } from '../files/calibration-store.ts';
import { changePointLines, kernelChangeLines, nightHeadline, nightMarkdown } from '../nightly/summary.ts';
import { buildTrend } from '../nightly/trend.ts';
import { TRIAL_OVERHEAD_S } from '../plan/expand.ts';
import { HISTORY_SCHEMA_VERSION, type NightRecord } from '../results/nightly-schema.ts';
import { readResults } from '../files/read-results.ts';
import type { RunResults } from '../results/schema.ts';
import { decisionMetrics } from '../run/effect-points.ts';
import { runScenarios } from '../run/run-scenarios.ts';
import { ExecaHost } from '../host/execa-host.ts';
import { DEFAULT_MAX_REPETITIONS, looksUpTo, planSequential } from '../stats/sequential.ts';
import { untilInterrupted } from './interrupt.ts';
import { decisionsFor, loadPlans } from './run-command.ts';
import { terminalWidth, useColor } from './terminal.ts';

export const DEFAULT_BASELINE = 'reports/baseline.json';
/** A night's wall clock when --budget is not given: sizing never plans beyond it. */
export const DEFAULT_NIGHT_BUDGET_S = 30 * 60;

export interface NightlyFlags {
  scenario: string;
  dir: string;
  baseline?: string;
  results?: string;
  threshold: number;
  rebaseline?: boolean;
  untilDecided?: boolean;
  confirm?: boolean;
  allowForeignBaseline?: boolean;
  failOnUndecided?: boolean;
  /** Seconds of wall clock for the night, setup included. */
  budget?: number;
  maxRepetitions?: number;
  /** Fixed repetitions instead of sizing them from the history. */
  repetitions?: number;
  /** Seconds per sample instead of the scenario's (short test nights). */
  duration?: number;
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
  if (file && existsSync(file)) return { file, source: 'baseline file', results: readResults(file) };
  if (flags.baseline) return { file: flags.baseline, source: 'baseline file', results: readResults(flags.baseline) };
  const good = lastGoodNight(history.filter((r) => existsSync(join(flags.dir, r.resultsFile))));
  if (!good) return undefined;
  const path = join(flags.dir, good.resultsFile);
  return { file: path, source: 'last good night', results: readResults(path) };
}

/** The results of the latest passed nights still on disk (at most 5), for the noise the sizing uses. */
function recentNights(dir: string, history: readonly NightRecord[]): RunResults[] {
  return history.filter((r) => r.outcome === 'pass' && existsSync(join(dir, r.resultsFile))).slice(-5).flatMap((r) => {
    try { return [readResults(join(dir, r.resultsFile))]; } catch { return []; }
  });
}

/** YYYY-MM-DD, or YYYY-MM-DD-2, -3 … when the night already ran today. */
function nightDirName(dir: string, now: Date): string {
  const date = now.toISOString().slice(0, 10);
  for (let i = 1; ; i++) {
    const name = i === 1 ? date : `${date}-${i}`;
    if (!existsSync(join(dir, name))) return name;
  }
}

type Measured = { file: string; results: RunResults } | number;

/** Runs the scenario into nightDir with `repetitions` (or takes --results): its results.json, or the exit code of an interrupted run. */
async function runNight(flags: NightlyFlags, nightDir: string, repetitions: number | undefined): Promise<Measured> {
  if (flags.results) {
    const results = readResults(flags.results);
    mkdirSync(nightDir, { recursive: true });
    copyFileSync(flags.results, join(nightDir, 'results.json'));
    return { file: join(nightDir, 'results.json'), results };
  }
  const plans = await loadPlans([flags.scenario], { out: nightDir, ...(repetitions ? { repetitions } : {}), ...(flags.duration ? { duration: flags.duration } : {}) });
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  const { value: outcomes, signalExit } = await untilInterrupted(log, (signal) => runScenarios(plans.map((plan) => ({ plan, decisions: decisionsFor(plan) })), { host: new ExecaHost(), out: nightDir, signal, log, maxNeighbourCpu: flags.maxNeighbourCpu }));
  const outcome = outcomes[0];
  if (signalExit || !outcome) return signalExit || 1;
  return { file: join(outcome.runDir, 'results.json'), results: outcome.results };
}

/** --until-decided: more rounds on the same run (its journal, same seed and order) up to `repetitions`. */
async function extendNight(flags: NightlyFlags, night: { file: string }, repetitions: number): Promise<Measured> {
  const { readResumeState, checkResumable } = await import('../files/resume.ts');
  const { expandPlan } = await import('../plan/expand.ts');
  const { loadScenario } = await import('../files/load-scenario.ts');
  const runDir = dirname(night.file);
  const state = readResumeState(runDir);
  const scenario = await loadScenario(state.header.scenario.file);
  const settings = { ...state.header.run.settings, repetitions };
  const plan = expandPlan(scenario, settings);
  checkResumable(state, scenario, plan);
  state.header = { ...state.header, run: { ...state.header.run, settings } };
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  const { value: outcomes, signalExit } = await untilInterrupted(log, (signal) => runScenarios([{ plan, resume: state }], { host: new ExecaHost(), out: dirname(runDir), signal, log, maxNeighbourCpu: flags.maxNeighbourCpu }));
  const outcome = outcomes[0];
  if (signalExit || !outcome) return signalExit || 1;
  return { file: join(outcome.runDir, 'results.json'), results: outcome.results };
}

interface Judged {
  report: ComparisonReport;
  pair: PairComparison;
  interval: IntervalKind;
  note: string;
}

function judge(baseline: Baseline, night: { file: string; results: RunResults }, settings: ComparisonSettings, history: readonly NightRecord[], now: Date): Judged {
  const runs: LoadedRun[] = [{ file: baseline.file, results: baseline.results }, night];
  const report = buildComparisonReport(runs, settings, now);
  const gate = gateWithHistory(report.comparisons[0]!, history, settings);
  return { report: { ...report, comparisons: [gate.pair] }, pair: gate.pair, interval: gate.interval, note: gate.note };
}

/** Exit 2: the baseline is another host's or another tool major version's; `state` says what became of the night. */
function foreignBaseline(file: string, foreign: readonly string[], state: string): InputError {
  return new InputError(`${file}: the baseline is not from this host and tools (${foreign.join('; ')}), so the night cannot be compared with it; measure one here with vethbench nightly --rebaseline, or compare anyway with --allow-foreign-baseline (${state}; the history is unchanged)`);
}

/** Before the night measures anything: a baseline from another host or tool major version is refused (exit 2). */
async function refuseForeignBaseline(baseline: LoadedRun): Promise<void> {
  if (!baseline.results.host) return; // said after the run, with the night's facts beside it
  const host = new ExecaHost();
  const here = await collectHostFacts(host, toolVersionTexts(await checkPreflight(host, { needRoot: false, binaries: ['iperf3', 'sockperf'] })));
  const foreign = hostDifferences(baseline.results.host, here);
  if (foreign.length) throw foreignBaseline(baseline.file, foreign, 'nothing was measured');
}

const undecidedGates = (pair: PairComparison) => pair.points.some((p) => p.metrics.some((m) => m.gates && m.verdict === 'undecided'));

export async function nightlyCommand(flags: NightlyFlags): Promise<number> {
  if (flags.results && (flags.untilDecided || flags.confirm || flags.repetitions)) throw new InputError('vethbench nightly --results judges an existing run: --until-decided, --confirm and --repetitions need a night that runs; drop them or --results');
  const startedAt = Date.now();
  const log = (line: string): void => { process.stderr.write(`${line}\n`); };
  const historyFile = join(flags.dir, 'history.jsonl');
  const history = readHistory(historyFile);
  const baseline = flags.rebaseline ? undefined : chooseBaseline(flags, history);
  const asBaseline = !baseline;
  const now = new Date();
  const name = nightDirName(flags.dir, now);
  const nightDir = join(flags.dir, name);
  const budgetS = flags.budget ?? DEFAULT_NIGHT_BUDGET_S;
  const maxRepetitions = flags.maxRepetitions ?? DEFAULT_MAX_REPETITIONS;

  if (baseline && !flags.results && !flags.allowForeignBaseline) await refuseForeignBaseline(baseline);

  // Sizing: from the baseline's and the latest nights' noise (or a conservative CV), within the budget.
  let repetitions = flags.repetitions;
  const sizingLines: string[] = [];
  let detectablePercent: number | undefined;
  if (!flags.results) {
    const calibration = readCalibration(currentHostKey());
    const [probe] = await loadPlans([flags.scenario], { out: nightDir, repetitions: 1, ...(flags.duration ? { duration: flags.duration } : {}) });
    const gates = probe!.scenario.gate ?? DEFAULT_GATES;
    const roundSeconds = probe!.points.length * (probe!.settings.durationS + probe!.settings.omitS + TRIAL_OVERHEAD_S);
    const gateSet = new Set<string>(gates);
    const plannedFamilySize = probe!.points.reduce((n, p) => n + (probe!.scenario.gate ? probe!.scenario.gate.length : decisionMetrics(p.workload).filter((m) => gateSet.has(m.name)).length), 0);
    const sizing = sizeNight({
      gates, baseline: baseline?.results, recentNights: recentNights(flags.dir, history), plannedFamilySize, thresholdPercent: flags.threshold,
      roundSeconds, fixedSeconds: probe!.estimatedSeconds - roundSeconds, budgetS, maxRepetitions, asBaseline,
      ...(flags.repetitions ? { fixedRepetitions: flags.repetitions } : {}),
      calibration: calibration ? calibratedNoise(calibration) : undefined,
    });
    repetitions = flags.repetitions ?? sizing.repetitions;
    detectablePercent = sizing.detectablePercent;
    sizingLines.push(...sizing.lines, ...(asBaseline ? [`this night measures the ${flags.rebaseline ? 'new baseline (--rebaseline)' : 'first reference (no baseline yet)'} with ${repetitions} repetitions per point`] : []));
    for (const line of sizingLines) log(line);
  }
  const seq = flags.untilDecided ? planSequential({ familySize: 1, thresholdPercent: flags.threshold, maxRepetitions }) : undefined;
  const looks = seq ? looksUpTo(maxRepetitions) : [];
  if (seq && repetitions !== undefined) repetitions = looks.find((n) => n >= repetitions!) ?? looks.at(-1)!;

  let night = await runNight(flags, nightDir, repetitions);
  if (typeof night === 'number') return night;

  if (flags.rebaseline) {
    const target = flags.baseline ?? DEFAULT_BASELINE;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(night.file, target);
    log(`baseline: ${target} written from ${night.file} (${repetitions ?? night.results.run.settings.repetitions} repetitions per point)`);
  }

  let settings: ComparisonSettings = { ...DEFAULT_SETTINGS, thresholdPercent: flags.threshold };
  let judged: Judged | undefined;
  let kernelChange: NightRecord['kernelChange'];
  if (baseline) {
    const check = checkBaseline(baseline.results, night.results);
    if (check.foreign.length && !flags.allowForeignBaseline) {
      throw foreignBaseline(baseline.file, check.foreign, `the night's run stays in ${nightDir}`);
    }
    for (const f of check.foreign) log(`warning: foreign baseline (--allow-foreign-baseline): ${f}`);
    kernelChange = check.kernelChange;
    judged = judge(baseline, night, settings, history, now);
    // --until-decided: the sequential rule's level over the comparison's family, and more rounds at its looks.
    if (seq) {
      const plan = planSequential({ familySize: Math.max(1, judged.pair.family.size), thresholdPercent: flags.threshold, maxRepetitions });
      settings = { ...settings, alpha: plan.alphaPrime };
      judged = judge(baseline, night, settings, history, now);
      for (;;) {
        if (!undecidedGates(judged.pair)) { log('until-decided: every gating comparison is decided'); break; }
        const n = night.results.run.settings.repetitions;
        const next = looks.find((l) => l > n);
        if (next === undefined) { log(`until-decided: the maximum of ${maxRepetitions} repetitions is reached with gating comparisons undecided`); break; }
        const perTrial = night.results.run.settings.durationS + night.results.run.settings.omitS + TRIAL_OVERHEAD_S;
        const need = (next - n) * night.results.points.length * perTrial;
        if (Date.now() + need * 1000 > startedAt + budgetS * 1000) { log(`until-decided: the budget ends before the look at ${next} repetitions`); break; }
        log(`until-decided: gating comparisons undecided at ${n} repetitions; adding rounds up to the look at ${next}`);
        const more = await extendNight(flags, night, next);
        if (typeof more === 'number') return more;
        night = more;
        judged = judge(baseline, night, settings, history, now);
      }
    }
  }

  let confirmation: NightRecord['confirmation'];
  if (baseline && judged && flags.confirm && judged.pair.counts.regressed > 0) {
    log('confirm: the night regressed; measuring once more before failing');
    const again = await runNight(flags, nightDir, night.results.run.settings.repetitions);
    if (typeof again === 'number') return again;
    const second = judge(baseline, again, settings, history, now);
    const applied = applyConfirmation(judged.pair, second.pair);
    judged = { ...judged, pair: applied.pair, report: { ...judged.report, comparisons: [applied.pair] } };
    confirmation = { resultsFile: relative(flags.dir, again.file), confirmed: applied.confirmed };
    log(`confirm: ${applied.confirmed ? 'the regression is confirmed by the second measurement' : 'the second measurement did not reproduce the regression'} (${again.file})`);
  }

  const { file: ran, results } = night;
  const report = judged?.report;
  const pair = judged?.pair;
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
    ...(kernelChange ? { kernelChange } : {}),
    repetitions: results.run.settings.repetitions,
    ...(detectablePercent !== undefined && Number.isFinite(detectablePercent) ? { detectablePercent } : {}),
    ...(judged ? { interval: judged.interval } : {}),
    ...(confirmation ? { confirmation } : {}),
    ...(hostWasBusy(pair) ? { hostBusy: true } : {}),
    points: nightPoints(results, pair),
  };
  // The night's own files first, then trend, then the history last: a night that fails before the end leaves the
  // history as it was (so the next night does not compare with a half-recorded one), each file whole or absent.
  const trend = buildTrend([...history, record], now);
  const notes = [...sizingLines, ...(judged ? [judged.note] : []), ...(pair && kernelChange ? kernelChangeLines(pair, kernelChange) : [])];
  if (report) writeFileAtomic(join(nightDir, 'comparison.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileAtomic(join(nightDir, 'comparison.md'), nightMarkdown(record, report && renderMarkdown(report), trend, notes));
  writeFileAtomic(join(flags.dir, 'trend.json'), `${JSON.stringify(trend, null, 2)}\n`);
  writeTrendPage(trend, join(flags.dir, 'trend.html'));
  writeFileAtomic(historyFile, historyWith(history, record));

  const out = [''];
  if (report) out.push(renderTerminal(report, useColor(process.stdout), terminalWidth(process.stdout)));
  out.push(...notes, ...changePointLines(trend).map((l) => `change point: ${l}`), nightHeadline(record), `written: ${nightDir}/ (comparison.md${report ? ', comparison.json' : ''}), ${historyFile}, ${join(flags.dir, 'trend.json')}, ${join(flags.dir, 'trend.html')}`);
  const unjudged = pair ? cannotJudge(pair, false) : [];
  out.push(...unjudged.map((r) => `cannot judge: ${r}`));
  process.stdout.write(`${out.join('\n')}\n`);
  // 1: a regression, or failed samples / an unfinished run; 4: the comparison cannot judge the night (gate fails closed).
  const brokenRun = results.run.status !== 'complete' || results.points.some((p) => p.samples.some((x) => x.status === 'failed'));
  if (record.outcome === 'regressed' || brokenRun) return 1;
  if (unjudged.length || record.hostBusy) return 4;
  if (flags.failOnUndecided && pair && undecidedGates(pair)) return 5;
  return record.outcome === 'pass' ? 0 : 1;
}
