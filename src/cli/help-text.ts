// What `--help` shows after the flags: examples per command and the exit codes (docs/commands.md, "Exit codes").
import type { Command } from 'commander';

export const EXIT_CODES = [
  ['0', 'ok'],
  ['1', 'a regression, or failed samples'],
  ['2', 'bad input (a flag, a scenario, a results file); nothing was built'],
  ['3', 'this host cannot run it (not root, a program missing, a kernel feature or Node.js too old)'],
  ['4', 'cannot judge (nothing or only part matched, a gating metric invalid, host too busy)'],
  ['5', 'undecided, only with --fail-on-undecided'],
  ['130/143', 'stopped by SIGINT (Ctrl-C) / SIGTERM; the host is cleaned up'],
] as const;

/** Commands whose exit code means more than ok / bad input. */
const JUDGING = new Set(['run', 'compare', 'nightly', 'tune', 'doctor', 'calibrate']);

const EXAMPLES: Record<string, string[]> = {
  '': [
    'sudo vethbench run gro                     # the shipped scenarios/gro.ts: GRO × TSO on a veth pair',
    'vethbench plan scenarios/gro.ts            # what run would do, no root needed',
    'vethbench compare reports/a reports/b      # verdicts per point',
    'eval "$(vethbench completion bash)"        # tab completion',
  ],
  run: [
    'sudo vethbench run scenarios/gro.ts',
    'sudo vethbench run gro txqueuelen --quick   # shipped scenarios by name, a 1-s smoke test',
    'sudo vethbench run gro --filter gro=on --repetitions 9 --out /tmp/runs',
    'sudo vethbench run --resume reports/gro-20261127T212118Z',
  ],
  plan: [
    'vethbench plan gro',
    'vethbench plan scenarios/gro.ts scenarios/mtu.ts --quick',
    'vethbench plan gro --json | jq \'.plans[0].warnings\'',
  ],
  tune: [
    'sudo vethbench tune tune-throughput --objective throughputBps --budget 10m',
    'sudo vethbench tune scenarios/tune-latency.ts --objective latencyP99Us --json | jq .recommended',
  ],
  calibrate: [
    'sudo vethbench calibrate            # about 2 minutes; then vethbench plan says what N repetitions can decide here',
    'sudo vethbench calibrate --quick    # a first look in about 30 s',
  ],
  report: ['vethbench report reports/gro-20261127T212118Z        # writes reports/gro-…/index.html'],
  compare: [
    'vethbench compare reports/baseline.json reports/gro-20261127T212118Z --fail-on-regression',
    'vethbench compare base/results.json new/results.json --markdown >> "$GITHUB_STEP_SUMMARY"',
  ],
  nightly: ['sudo vethbench nightly --dir /var/lib/vethbench/nightly'],
  trend: ['vethbench trend reports/nightly -o trend.html'],
  doctor: ['sudo vethbench doctor'],
  cleanup: ['sudo vethbench cleanup --dry-run'],
  up: ['sudo vethbench up scenarios/bridge.ts --name br', 'sudo vethbench diagnose br', 'sudo vethbench capture br --count 20', 'sudo vethbench down br'],
  down: ['sudo vethbench down br'],
  ls: ['sudo vethbench ls --json'],
  diagnose: ['sudo vethbench diagnose br --json'],
  capture: ['sudo vethbench capture br --count 50 --out /tmp/pcaps   # then: tcpdump -nr /tmp/pcaps/br-….pcap'],
  completion: ['eval "$(vethbench completion bash)"   # in ~/.bashrc', 'vethbench completion zsh > "${fpath[1]}/_vethbench"'],
};

export function exitCodeText(): string {
  return `Exit codes:\n${EXIT_CODES.map(([code, meaning]) => `  ${code.padEnd(8)} ${meaning}`).join('\n')}`;
}

function examplesText(name: string): string {
  const lines = EXAMPLES[name];
  return lines?.length ? `Examples:\n${lines.map((l) => `  ${l}`).join('\n')}` : '';
}

export function addHelpTexts(program: Command): void {
  program.addHelpText('after', `\n${examplesText('')}\n\n${exitCodeText()}\n\nReference: docs/commands.md (and docs/ beside it)\n`);
  for (const command of program.commands) {
    const parts = [examplesText(command.name()), JUDGING.has(command.name()) ? exitCodeText() : ''].filter(Boolean);
    if (parts.length) command.addHelpText('after', `\n${parts.join('\n\n')}\n`);
  }
}
