// argv → command handlers. The one place that prints "Error:" and turns errors into exit codes.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { VethbenchError } from '../errors.ts';
import { VERSION } from '../version.ts';
import { cleanupCommand } from './cleanup-command.ts';
import { compareCommand } from './compare-command.ts';
import { doctorCommand } from './doctor-command.ts';
import { diagnoseCommand, downCommand, lsCommand, upCommand } from './live-command.ts';
import { DEFAULT_BASELINE, nightlyCommand } from './nightly-command.ts';
import { collectFilter, decimalNumber, wholeNumber } from './parse-options.ts';
import { budgetSeconds } from '../run/budget.ts';
import { planCommand } from './plan-command.ts';
import { reportCommand } from './report-command.ts';
import { runCommand } from './run-command.ts';
import { trendCommand } from './trend-command.ts';

function sweepOptions(command: Command): Command {
  return command
    .option('--quick', 'smoke test: 1 s per sample, 1 repetition, no warm-up round, nothing omitted')
    .option('--repetitions <n>', 'samples per point (default: the scenario\'s)', wholeNumber(1, 1000))
    .option('--warmup <n>', 'discarded warm-up rounds before the measured ones (default: the scenario\'s, 1 unless set)', wholeNumber(0, 10))
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
    .configureOutput({ writeErr: (text) => process.stderr.write(text.replace(/^error: /, 'Error: ')) });

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
    .action(async (files: string[], flags) => setExitCode(await runCommand(files, flags)));

  sweepOptions(program.command('plan').description('print the resolved topology, every trial and the exact commands (no root needed)'))
    .argument('<scenario>', 'scenario file (.ts)')
    .option('--json', 'print the plan as JSON')
    .action(async (file: string, flags) => setExitCode(await planCommand(file, flags)));

  program.command('report').description('write the self-contained HTML report of a run (no root needed)')
    .argument('<results.json>', 'results file of a run, e.g. reports/gro-20261127T212118Z/results.json')
    .option('-o, --output <file>', 'where to write the page (default: index.html beside the results file)')
    .action((file: string, flags: { output?: string }) => setExitCode(reportCommand(file, flags)));

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
    .action((base: string, others: string[], flags) => setExitCode(compareCommand([base, ...others], flags)));

  program.command('nightly').description('run the nightly scenario, compare it with the baseline, record history and trend; exit 1 on a regression')
    .option('--scenario <file>', 'scenario to run', 'scenarios/nightly.ts')
    .option('--dir <dir>', 'where the nights, history.jsonl and trend.json go', 'reports/nightly')
    .option('--baseline <file>', `results.json to compare with (default: ${DEFAULT_BASELINE} when present, else the last good night)`)
    .option('--results <file>', 'judge this results.json instead of running the scenario')
    .option('--threshold <percent>', 'smallest |Δ median| called regressed or improved', decimalNumber(0, 100), 5)
    .action(async (flags) => setExitCode(await nightlyCommand(flags)));

  program.command('trend').description('write the self-contained HTML trend page of the nightly runs (no root needed)')
    .argument('[trend.json]', 'trend.json that vethbench nightly writes, or its directory', 'reports/nightly/trend.json')
    .option('-o, --output <file>', 'where to write the page (default: trend.html beside trend.json)')
    .action((file: string, flags: { output?: string }) => setExitCode(trendCommand(file, flags)));

  program.command('doctor').description('check root, programs, versions and which link kinds this kernel supports')
    .action(async () => setExitCode(await doctorCommand()));

  program.command('cleanup').description('remove namespaces and processes left by a killed run (vethbench\'s own prefix only)')
    .option('--dry-run', 'only list what would be removed')
    .option('--orphans', 'also remove vethbench-named namespaces that no run journal names (make sure no run is active)')
    .action(async (flags: { dryRun?: boolean; orphans?: boolean }) => setExitCode(await cleanupCommand(flags)));

  program.command('up').description('build a scenario\'s topology (first point\'s link kind and knobs) and leave it up to explore')
    .argument('<scenario>', 'scenario file (.ts)')
    .option('--name <name>', 'name of the live topology (default: its run prefix)')
    .addOption(new Option('--filter <knob=value[,value]>', 'pick the point to bring up (the first one left); repeatable').argParser(collectFilter))
    .action(async (file: string, flags) => setExitCode(await upCommand(file, flags)));

  program.command('down').description('remove a live topology (all of them without a name)')
    .argument('[name]', 'live topology name or prefix')
    .action(async (name: string | undefined) => setExitCode(await downCommand(name)));

  program.command('ls').description('list the live topologies vethbench up created')
    .option('--json', 'print them as JSON')
    .action(async (flags: { json?: boolean }) => setExitCode(await lsCommand(flags)));

  program.command('diagnose').description('troubleshooting checklist on a live topology; exit 0 healthy, 1 problem found')
    .argument('[name]', 'live topology name or prefix (default: the only one)')
    .option('--json', 'print the findings as JSON')
    .action(async (name: string | undefined, flags: { json?: boolean }) => setExitCode(await diagnoseCommand(name, flags)));

  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput()).showHelpAfterError('(add --help for usage)');
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  try {
    await buildProgram((code) => { exitCode = code; }).parseAsync(argv);
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
