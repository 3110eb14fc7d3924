// The README's two commands, piece by piece, the way CI runs them (.ci/run: scripts/setup.sh as root, then the
// tests): the setup script named is the one CI runs and it parses; the run command's arguments resolve (plan is
// its no-root twin); `bin/vethbench.js --help` works. And the README stays a start page: ≤ 8 KB, every docs/ link
// resolves, nothing stale.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { startCli } from '../helpers/cli.ts';
import { repoRoot, tempDir } from '../helpers/host-state.ts';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The first ```sh block: the quick start, a comment line before each command. */
function quickStart(): { comment: string; command: string }[] {
  const block = /```sh\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README.md has a ```sh block');
  const lines = block[1]!.trim().split('\n');
  const out: { comment: string; command: string }[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    if (!lines[i]!.startsWith('#')) out.push({ comment: lines[i - 1]?.startsWith('#') ? lines[i - 1]! : '', command: lines[i]! });
  }
  return out;
}

test('README.md is a start page: at most 8 KB, with a table of contents of docs/ whose links all resolve', () => {
  assert.ok(statSync(join(repoRoot, 'README.md')).size <= 8192, `README.md is ${statSync(join(repoRoot, 'README.md')).size} bytes`);
  const links = [...readme.matchAll(/\]\((docs\/[^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]!);
  assert.ok(links.length >= 6, links.join(', '));
  for (const link of links) assert.ok(existsSync(join(repoRoot, link)), `${link} exists`);
  for (const doc of ['commands', 'compare-nightly-ci', 'safety', 'kernel-facts', 'testing']) assert.ok(links.includes(`docs/${doc}.md`), `the contents link docs/${doc}.md`);
  assert.ok(existsSync(join(repoRoot, 'CHANGELOG.md')));
  assert.doesNotMatch(readme, /joins once the sockperf driver exists/);
});

/** The set-up-and-run command in its two forms (as root, through sudo). */
const runCommands = () => quickStart().filter((c) => c.command.includes('vethbench run'));

test('the test command is npm test, and npm test is the suite with its build', () => {
  assert.deepEqual(quickStart().filter((c) => !c.command.includes('vethbench run')).map((c) => c.command), ['npm test']);
  const scripts = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  assert.match(scripts.test!, /^npm run --silent build && .*node --import tsx --test /);
});

test('the set-up-and-run command: once as root without sudo, once through sudo; both set up with scripts/setup.sh, then run', () => {
  const commands = runCommands();
  assert.equal(commands.length, 2, commands.map((c) => c.command).join('\n'));
  const [root, sudo] = commands as [{ comment: string; command: string }, { comment: string; command: string }];
  assert.match(root.comment, /root/);
  assert.doesNotMatch(root.command, /\bsudo\b/, 'as root nothing needs sudo (it may not be installed)');
  assert.match(sudo.command, /\bsudo\b/);
  for (const { command } of commands) {
    const [setup, run] = command.split('&&').map((p) => p.trim()) as [string, string];
    assert.equal(setup, 'scripts/setup.sh', 'setup needs no sudo in front: it asks for it only to install packages');
    assert.match(run, /^(sudo )?npx vethbench run \S+/);
  }
});

test('scripts/setup.sh is what CI runs, is executable and parses', () => {
  assert.match(readFileSync(join(repoRoot, '.ci/run'), 'utf8'), /^scripts\/setup\.sh\b/m);
  assert.ok(statSync(join(repoRoot, 'scripts/setup.sh')).mode & 0o111, 'executable');
  execFileSync('bash', ['-n', join(repoRoot, 'scripts/setup.sh')]);
  assert.match(readFileSync(join(repoRoot, 'scripts/setup.sh'), 'utf8'), /npm ci/);
});

test("the run command's scenario resolves (plan is run's no-root twin) and bin/vethbench.js --help works", async () => {
  const state = tempDir('readme-state');
  const help = await startCli(['--help'], state);
  assert.equal(help.exitCode, 0, help.stderr);
  assert.match(help.stdout, /^Usage: vethbench/);
  for (const { command } of runCommands()) {
    const args = command.split('npx vethbench run ')[1]!.trim().split(/\s+/);
    const plan = await startCli(['plan', ...args], state);
    assert.equal(plan.exitCode, 0, `${command}: ${plan.stderr}`);
    assert.match(plan.stdout, /^scenario \S+ \(/);
  }
});
