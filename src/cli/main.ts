// argv → command handlers. The one place that prints "Error:" and turns errors into exit codes.
// Start-up stays fast: only commander and the flag parsers load here; each command's module (and execa, zod,
// systeminformation, tsx behind it) is imported inside its action, so `--help` never loads them.
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { VethbenchError } from '../errors.ts';
import { VERSION } from '../version.ts';
import { completionCommand } from './completion.ts';
import { addHelpTexts } from './help-text.ts';
import { collectFilter, decimalNumber, MAX_NEIGHBOUR_CPU_HELP, neighbourCpuLimit, wholeNumber } from './parse-options.ts';
import { budgetSeconds } from '../run/budget.ts';
import { resolveScenarioArgs } from './scenario-names.ts';

/** Also from VETHBENCH_MAX_NEIGHBOUR_CPU (a shared CI runner sets its own limit once; the flag wins). */
function maxNeighbourCpuOption(): Option {
  return new Option('--max-neighbour-cpu <cores>', MAX_NEIGHBOUR_CPU_HELP).argParser(neighbourCpuLimit).env('VETHBENCH_MAX_NEIGHBOUR_CPU');
}
import { runDirectory, writtenAsSudoUser } from './sudo-owner.ts';
import { terminalWidth } from './terminal.ts';
import { calibrationDir } from '../files/calibration-dir.ts';

/** Kept here (not imported from the calibrate modules) so `--help` loads nothing more; a unit test checks they agree. */
export const CALIBRATION_REPETITIONS = 8;

/** Commands that load a scenario start its loader thread first, so it boots while their own modules load. */
function warmLoader(): void {
  void import('../files/load-scenario.ts').then((m) => m.warmScenarioLoader());
}

function sweepOptions(command: Command): Command {
  return command
    .option('--quick', 'smoke test: 1 s per sample, 1 repetition, no warm-up round, nothing omitted')
    .option('--repetitions <n>', 'samples per point (default: the scenario\'s)', wholeNumber(1, 1000))
    .option('--warmup <n>', 'discarded warm-up rounds per point before the measured ones (default: the scenario\'s, 0 unless set: each topology is warmed up once, briefly, when it is built)', wholeNumber(0, 10))
    .option('--duration <s>', 'seconds measured per sample (default: the scenario\'s)', wholeNumber(1, 3600))
    .option('--omit <s>', 'seconds iperf3 omits at the start of each sample (-O)', wholeNumber(0, 60))
    .option('--seed <n>', 'seed of the trial order (recorded in results.json)', wholeNumber(0, 2 ** 31 - 1))
    .option('--max-duration <s>', 'refuse a sweep estimated to take longer (seconds)', wholeNumber(1, 7 * 86400))
    .addOption(new Option('--filter <knob=value[,value]>', 'run only these values of a swept knob, or workload=<label>; repeatable').argParser(collectFilter));
}

export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('vethbench')
    .description('Benchmark and tune Linux veth links in real network namespaces')
    .version(VERSION, '--version')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeErr: (text) => process.stderr.write(text.replace(/^error: /, 'Error: ')),
      getOutHelpWidth: () => terminalWidth(process.stdout),
      getErrHelpWidth: () => terminalWidth(process.stderr),
    });

  sweepOptions(program.command('run').description('build each scenario\'s topology, run the sweep, write results.json'))
    .argument('[scenario...]', 'scenario files (.ts)')
    .option('--out <dir>', 'directory for run results', 'reports')
    .option('--resume <run-dir>', 'continue an interrupted run after its last finished sample (same seed and order)')
    .option('--grace <s>', 'seconds a tool may run past its duration before it is killed as hung', wholeNumber(1, 600))
    .option('--json', 'print a machine-readable summary on stdout')
    .option('--until-decided', 'sample in interleaved rounds until every effect is decided (sequential looks at n = 5, 8, 12, 18, 27, 40, 60), the budget ends or the maximum is reached')
    .option('--budget <duration>', 'wall clock for the whole run including setup: 90s, 10m, 1h (a bare number is seconds)', (v: string) => {
      const s = budgetSeconds(v);
      if (s === undefined) throw new InvalidArgumentError('expected a duration such as 90s, 10m or 1h (a bare number is seconds).');
      return s;
    })
    .option('--max-repetitions <n>', 'with --until-decided: the most rounds per point (default 60)', wholeNumber(5, 1000))
    .option('--threshold <percent>', 'smallest effect called better or worse; equivalent means within ±threshold', decimalNumber(0, 100), 5)
    .addOption(maxNeighbourCpuOption())
    .action(async (files: string[], flags) => setExitCode(await writtenAsSudoUser(flags.out, async () => (warmLoader(), await import('./run-command.ts')).runCommand(resolveScenarioArgs(files), flags))));

  sweepOptions(program.command('plan').description('print the resolved topology, every trial and the exact commands (no root needed)'))
    .argument('<scenario...>', 'scenario files (.ts) or names of shipped ones (gro, txqueuelen …)')
    .option('--json', 'print the plan as JSON')
    .action(async (files: string[], flags) => setExitCode(await (warmLoader(), await import('./plan-command.ts')).planCommand(resolveScenarioArgs(files), flags)));

  program.command('tune').description('race the scenario\'s knob settings on one objective, confirm the winner against the host defaults, print how to apply it')
    .argument('<scenario>', 'scenario file (.ts) or name of a shipped one (tune-throughput, tune-latency …)')
    .option('--objective <metric>', 'registry metric with a direction to optimise, e.g. throughputBps or latencyP99Us (required)')
    .option('--workload <label>', 'the workload the objective is measured on (required when the scenario has several)')
    .option('--link <kind>', 'the link kind to tune (required when the scenario has several)')
    .addOption(new Option('--budget <duration>', 'wall clock including setup: 90s, 10m, 1h (a bare number is seconds)').argParser((v: string) => {
      const s = budgetSeconds(v);
      if (s === undefined) throw new InvalidArgumentError('expected a duration such as 90s, 10m or 1h (a bare number is seconds).');
      return s;
    }).default(1200, '20m'))
    .option('--threshold <percent>', 'smallest difference called better or worse; equivalent means within ±threshold', decimalNumber(0, 100), 5)
    .option('--max-repetitions <n>', 'the most race rounds per candidate', wholeNumber(5, 1000), 60)
    .option('--max-candidates <n>', 'screen at most this many points; a larger space is sampled (seeded)', wholeNumber(2, 1000), 16)
    .option('--confirm-rounds <n>', 'fresh interleaved rounds of the winner against the host defaults', wholeNumber(3, 100), 8)
    .option('--duration <s>', 'seconds measured per sample (default: the scenario\'s)', wholeNumber(1, 3600))
    .option('--omit <s>', 'seconds iperf3 omits at the start of each sample (-O)', wholeNumber(0, 60))
    .option('--seed <n>', 'seed of the trial order and of the sampled space', wholeNumber(0, 2 ** 31 - 1))
    .addOption(new Option('--filter <knob=value[,value]>', 'race only these values of a swept knob; repeatable').argParser(collectFilter))
    .option('--grace <s>', 'seconds a tool may run past its duration before it is killed as hung', wholeNumber(1, 600))
    .option('--out <dir>', 'directory for run results', 'reports')
    .option('--json', 'print the recommendation as JSON')
    .action(async (file: string, flags) => setExitCode(await writtenAsSudoUser(flags.out, async () => (warmLoader(), await import('./tune-command.ts')).tuneCommand(resolveScenarioArgs([file])[0]!, flags))));

  program.command('calibrate').description('measure this host\'s noise floor (TCP and 64-B UDP over a pair, unpinned and pinned) and store it for plan, run and nightly')
    .option('--quick', 'a first look: 3 samples of 1 s per configuration (about 30 s)')
    .option('--repetitions <n>', `samples per configuration (default ${CALIBRATION_REPETITIONS})`, wholeNumber(3, 1000))
    .option('--duration <s>', 'seconds measured per sample (default 2)', wholeNumber(1, 60))
    .option('--seed <n>', 'seed of the trial order', wholeNumber(0, 2 ** 31 - 1))
    .option('--grace <s>', 'seconds a tool may run past its duration before it is killed as hung', wholeNumber(1, 600))
    .option('--out <dir>', 'directory for the calibration run\'s results (the record goes to reports/calibration, or VETHBENCH_CALIBRATION_DIR)', 'reports')
    .addOption(new Option('--budget <duration>', 'wall clock including setup: 90s, 10m, 1h; samples contaminated by neighbours are measured again within it').argParser((v: string) => {
      const s = budgetSeconds(v);
      if (s === undefined) throw new InvalidArgumentError('expected a duration such as 90s, 10m or 1h (a bare number is seconds).');
      return s;
    }).default(300, '5m'))
    .addOption(maxNeighbourCpuOption())
    .action(async (flags) => setExitCode(await writtenAsSudoUser(flags.out, async () => writtenAsSudoUser(calibrationDir(), async () => (await import('./calibrate-command.ts')).calibrateCommand(flags)))));

  program.command('report').description('write the self-contained HTML report of a run (no root needed)')
    .argument('<run>', 'run directory or its results.json, e.g. reports/gro-20261127T212118Z')
    .option('-o, --output <file>', 'where to write the page (default: index.html inside the run directory)')
    .action(async (file: string, flags: { output?: string }) => setExitCode(await writtenAsSudoUser(flags.output ?? join(runDirectory(file), 'index.html'), async () => (await import('./report-command.ts')).reportCommand(file, flags))));

  program.command('compare').description('compare runs: verdicts per point (Mann-Whitney + Holm, threshold), fact differences, side by side')
    .argument('<base>', 'results.json (or its run directory) to compare against')
    .argument('[new...]', 'one or more results.json to compare with the base')
    .option('--threshold <percent>', 'smallest |Δ median| called regressed or improved', decimalNumber(0, 100), 5)
    .option('--json', 'print the comparison as JSON (the ComparisonReport type)')
    .option('--markdown', 'print the comparison as markdown (for a CI step summary)')
    .option('--fail-on-regression', 'exit 1 when any point regressed')
    .option('--fail-on-undecided', 'exit 5 when a gating metric is undecided (the samples cannot tell)')
    .option('--allow-missing', 'judge the matched points even when base points are missing from the new run (else exit 4)')
    .option('--gate <metrics>', 'comma-separated metrics that gate instead of the registry\'s defaults', (v: string) => v.split(',').map((m) => m.trim()).filter(Boolean))
    .option('--html <file>', 'also write the self-contained HTML comparison page to this file')
    .action(async (base: string, others: string[], flags) => setExitCode(await writtenAsSudoUser(flags.html, async () => (await import('./compare-command.ts')).compareCommand([base, ...others], flags))));

  program.command('nightly').description('run the nightly scenario, compare it with the baseline, record history and trend; exit 1 on a regression')
    .option('--scenario <file>', 'scenario to run', 'scenarios/nightly.ts')
    .option('--dir <dir>', 'where the nights, history.jsonl and trend.json go', 'reports/nightly')
    .option('--baseline <file>', 'results.json to compare with (default: reports/baseline.json when present, else the last good night)')
    .option('--results <file>', 'judge this results.json instead of running the scenario')
    .option('--threshold <percent>', 'smallest |Δ median| called regressed or improved', decimalNumber(0, 100), 5)
    .option('--rebaseline', 'measure a new baseline (sized for the threshold within the budget) and write it to --baseline (default reports/baseline.json)')
    .option('--until-decided', 'add rounds at the sequential looks (n = 5, 8, 12, 18, 27, 40, 60) until every gating comparison is decided, the budget ends or the maximum is reached')
    .option('--confirm', 'when the night regressed, measure once more; fail only where the same point and metric regress again')
    .option('--allow-foreign-baseline', 'compare with a baseline from another host (machine id, CPU model or count) or another major iperf3/sockperf version (else exit 2)')
    .option('--fail-on-undecided', 'exit 5 when a gating metric is undecided')
    .option('--budget <duration>', 'wall clock for the night including setup: 90s, 10m, 1h (default 30m); the repetitions are sized within it', (v: string) => {
      const s = budgetSeconds(v);
      if (s === undefined) throw new InvalidArgumentError('expected a duration such as 90s, 10m or 1h (a bare number is seconds).');
      return s;
    })
    .option('--max-repetitions <n>', 'the most repetitions per point the sizing or --until-decided may choose (default 60)', wholeNumber(5, 1000))
    .option('--repetitions <n>', 'fixed repetitions per point instead of sizing them from the history\'s noise', wholeNumber(1, 1000))
    .option('--duration <s>', 'seconds measured per sample (default: the scenario\'s)', wholeNumber(1, 3600))
    .addOption(maxNeighbourCpuOption())
    .action(async (flags) => setExitCode(await writtenAsSudoUser(flags.dir, async () => (await import('./nightly-command.ts')).nightlyCommand(flags))));

  program.command('trend').description('write the self-contained HTML trend page of the nightly runs (no root needed)')
    .argument('[trend.json]', 'trend.json that vethbench nightly writes, or its directory', 'reports/nightly/trend.json')
    .option('-o, --output <file>', 'where to write the page (default: trend.html beside trend.json)')
    .action(async (file: string, flags: { output?: string }) => setExitCode(await writtenAsSudoUser(flags.output ?? join(runDirectory(file), 'trend.html'), async () => (await import('./trend-command.ts')).trendCommand(file, flags))));

  program.command('doctor').description('check root, programs, versions and which link kinds this kernel supports')
    .action(async () => setExitCode(await (await import('./doctor-command.ts')).doctorCommand()));

  program.command('cleanup').description('remove namespaces and processes left by a killed run (vethbench\'s own prefix only)')
    .option('--dry-run', 'only list what would be removed')
    .option('--orphans', 'also remove vethbench-named namespaces that no run journal names (make sure no run is active)')
    .action(async (flags: { dryRun?: boolean; orphans?: boolean }) => setExitCode(await (await import('./cleanup-command.ts')).cleanupCommand(flags)));

  program.command('up').description('build a scenario\'s topology (first point\'s link kind and knobs) and leave it up to explore')
    .argument('<scenario>', 'scenario file (.ts) or name of a shipped one')
    .option('--name <name>', 'name of the live topology (default: its run prefix)')
    .addOption(new Option('--filter <knob=value[,value]>', 'pick the point to bring up (the first one left); repeatable').argParser(collectFilter))
    .action(async (file: string, flags) => setExitCode(await (warmLoader(), await import('./live-command.ts')).upCommand(resolveScenarioArgs([file])[0]!, flags)));

  program.command('down').description('remove a live topology (all of them without a name)')
    .argument('[name]', 'live topology name or prefix')
    .action(async (name: string | undefined) => setExitCode(await (await import('./live-command.ts')).downCommand(name)));

  program.command('ls').description('list the live topologies vethbench up created')
    .option('--json', 'print them as JSON')
    .action(async (flags: { json?: boolean }) => setExitCode(await (await import('./live-command.ts')).lsCommand(flags)));

  program.command('diagnose').description('troubleshooting checklist on a live topology; exit 0 healthy, 1 problem found')
    .argument('[name]', 'live topology name or prefix (default: the only one)')
    .option('--json', 'print the findings as JSON')
    .action(async (name: string | undefined, flags: { json?: boolean }) => setExitCode(await (await import('./live-command.ts')).diagnoseCommand(name, flags)));

  program.command('capture').description('tcpdump the measured ends of a live topology inside its namespaces; one pcap per end')
    .argument('[name]', 'live topology name or prefix (default: the only one)')
    .option('--count <n>', 'packets to capture per end', wholeNumber(1, 1_000_000), 100)
    .option('--timeout <s>', 'stop after this many seconds even if fewer packets came', wholeNumber(1, 3600), 10)
    .option('--out <dir>', 'where the pcap files go', '.')
    .action(async (name: string | undefined, flags: { count: number; timeout: number; out: string }) => setExitCode(await (await import('./live-command.ts')).captureCommand(name, flags)));

  program.command('completion').description('print a shell completion script: eval "$(vethbench completion bash)"')
    .argument('<shell>', 'bash or zsh')
    .action((shell: string) => setExitCode(completionCommand(program, shell)));

  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput()).showHelpAfterError('(add --help for usage)');
  addHelpTexts(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `vethbench plan gro | head`: a reader that went away is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  let exitCode = 0;
  try {
    const program = buildProgram((code) => { exitCode = code; });
    if (argv.length <= 2) {
      // No arguments: the help is what was asked for (stdout, exit 0), not a usage error.
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help and --version exit through here with code 0; usage errors were already printed by commander
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof VethbenchError) {
      process.stderr.write(`Error: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`Error: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
