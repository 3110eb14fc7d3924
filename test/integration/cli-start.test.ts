// The CLI as a new user meets it, through bin/vethbench.js (the build in dist/): help, exit codes, plan of several
// files and of bare names, --json versions, completion, report into the run directory. No root needed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { execa } from 'execa';
import { startCli } from '../helpers/cli.ts';
import { needsRoot, repoRoot, tempDir } from '../helpers/host-state.ts';
import { GRO_RUN_DIR } from '../helpers/report-fixtures.ts';

const cli = (...args: string[]) => startCli(args, tempDir('cli-start-state'));

test('the CLI runs the build: bin/vethbench.js finds dist/ current (npm test builds first)', () => {
  assert.ok(existsSync(join(repoRoot, 'dist/cli/main.js')), 'dist/ is built by npm run build');
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { exports: Record<string, { default: string }> };
  assert.equal(pkg.exports['.']!.default, './dist/index.js');
});

test('--help loads the CLI and commander, nothing of the commands (no zod, execa, systeminformation, tsx)', async () => {
  const record = join(tempDir('cli-start-modules'), 'modules.txt');
  const r = await execa('node', ['--import', join(repoRoot, 'test/helpers/record-modules.mjs'), join(repoRoot, 'bin/vethbench.js'), '--help'], { env: { VETHBENCH_RECORD_MODULES: record }, reject: false });
  assert.equal(r.exitCode, 0, r.stderr);
  const urls = [...new Set(readFileSync(record, 'utf8').trim().split('\n'))];
  const packages = [...new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []))];
  assert.deepEqual(packages, ['commander'], `--help loads only commander from node_modules: ${packages.join(', ')}`);
  const ours = urls.filter((u) => u.includes('/dist/')).map((u) => u.replace(/.*\/dist\//, ''));
  assert.ok(ours.every((f) => /^(cli|files|run)\/|^(errors|version)\.js$/.test(f)) && ours.length < 20, `--help loads the CLI's own modules only: ${ours.join(', ')}`);
});

test('no arguments: the help on stdout, exit 0', async () => {
  const r = await cli();
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stderr, '', 'no "dist/ is older than src/" note: the build is current');
  assert.match(r.stdout, /^Usage: vethbench/);
  assert.match(r.stdout, /Examples:\n {2}sudo vethbench run gro/);
});

test('--help lists the examples and every exit code of the contract', async () => {
  const r = await cli('--help');
  assert.equal(r.exitCode, 0);
  for (const code of ['0', '1', '2', '3', '4', '5', '130/143']) assert.match(r.stdout, new RegExp(`^ {2}${code.replace('/', '\\/')} +\\S`, 'm'), `exit code ${code}`);
  const run = await cli('run', '--help');
  assert.match(run.stdout, /Examples:[\s\S]*sudo vethbench run scenarios\/gro\.ts[\s\S]*Exit codes:[\s\S]*130\/143/);
  const plan = await cli('plan', '--help');
  assert.match(plan.stdout, /Examples:\n {2}vethbench plan gro/);
  assert.doesNotMatch(plan.stdout, /Exit codes:/, 'plan judges nothing: ok or bad input');
});

test('help into a pipe wraps at 120 columns', async () => {
  const r = await cli('--help');
  const longest = Math.max(...r.stdout.split('\n').map((l) => l.length));
  assert.ok(longest <= 120, `longest help line ${longest}`);
  assert.ok(longest > 80, `the help uses the pipe width of 120, not commander's 80 (longest ${longest})`);
});

test('plan takes several files, and bare names of shipped scenarios', async () => {
  const r = await cli('plan', 'gro', 'scenarios/mtu.ts', '--quick');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^scenario gro \(.*scenarios\/gro\.ts/m);
  assert.match(r.stdout, /^scenario mtu \(scenarios\/mtu\.ts/m);
  const unknown = await cli('plan', 'gro', 'no-such-scenario');
  assert.equal(unknown.exitCode, 2);
  assert.equal(unknown.stdout, '', 'a bad argument is reported before anything is printed');
  assert.match(unknown.stderr, /^Error: no-such-scenario: no such scenario file, and no scenarios\/no-such-scenario\.ts; .*shipped names: .*\bgro\b.*\btxqueuelen\b/);
});

test('plan --json carries schemaVersion, the warnings and the exact commands', async () => {
  const r = await cli('plan', 'gro', 'txqueuelen', '--json');
  assert.equal(r.exitCode, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { schemaVersion: number; plans: { scenario: { name: string }; warnings: string[]; commands: { list: { argv: string[]; line: string }[] } }[] };
  assert.equal(doc.schemaVersion, 1);
  assert.deepEqual(doc.plans.map((p) => p.scenario.name), ['gro', 'txqueuelen']);
  const gro = doc.plans[0]!;
  assert.ok(gro.warnings.some((w) => /gro is swept for TCP while the sender keeps TSO on/.test(w)), gro.warnings.join('\n'));
  const text = await cli('plan', 'gro');
  for (const c of gro.commands.list) assert.ok(text.stdout.includes(c.line.split('\n')[0]!), `the text plan prints ${c.line}`);
  assert.ok(gro.commands.list.some((c) => c.argv[0] === 'iperf3'), 'the workload command is listed');
});

test("a scenario's import 'vethbench' is the module instance the CLI runs (dist/index.js)", async () => {
  const r = await cli('plan', 'test/fixtures/scenarios/same-instance.ts');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^scenario same-instance/);
  // And the package name resolves to the build from inside the checkout, as a scenario's import does.
  const resolved = execFileSync('node', ['--input-type=module', '-e', "process.stdout.write(import.meta.resolve('vethbench'))"], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(resolved, new URL('dist/index.js', `file://${repoRoot}`).href);
});

test('completion bash|zsh: every command is offered; bash parses the script; another shell is bad input', async () => {
  const bash = await cli('completion', 'bash');
  assert.equal(bash.exitCode, 0, bash.stderr);
  const help = await cli('--help');
  const section = /\nCommands:\n([\s\S]*?)\n\n/.exec(help.stdout)![1]!;
  const commands = [...section.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
  assert.ok(commands.includes('capture') && commands.length >= 14, commands.join(' '));
  for (const c of commands) assert.match(bash.stdout, new RegExp(`\\b${c}\\) flags=`), `bash completes ${c}`);
  // Load it into a real bash and ask for completions, as a shell would.
  const script = join(tempDir('completion'), 'vethbench.bash');
  writeFileSync(script, bash.stdout);
  const offered = execFileSync('bash', ['-c', `source ${script}; COMP_WORDS=(vethbench plan g); COMP_CWORD=2; _vethbench; printf '%s\\n' "\${COMPREPLY[@]}"; COMP_WORDS=(vethbench run --q); COMP_CWORD=2; _vethbench; printf '%s\\n' "\${COMPREPLY[@]}"`], { cwd: repoRoot, encoding: 'utf8' });
  assert.deepEqual(offered.trim().split('\n'), ['gro', '--quick']);
  const zsh = await cli('completion', 'zsh');
  assert.match(zsh.stdout, /^#compdef vethbench/);
  for (const c of commands) assert.match(zsh.stdout, new RegExp(`'${c}:`), `zsh describes ${c}`);
  const fish = await cli('completion', 'fish');
  assert.equal(fish.exitCode, 2);
  assert.match(fish.stderr, /^Error: vethbench completion: unknown shell "fish"; choose bash or zsh/);
});

test('report RUN_DIR writes index.html inside the directory and draws the raw interval files', async () => {
  const parent = tempDir('report-run-dir');
  const runDir = join(parent, 'gro-run');
  cpSync(GRO_RUN_DIR, runDir, { recursive: true });
  const r = await cli('report', runDir);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.stdout.trim(), `report: ${join(runDir, 'index.html')}`);
  assert.ok(!existsSync(join(parent, 'index.html')), 'nothing beside the run directory');
  const page = readFileSync(join(runDir, 'index.html'), 'utf8');
  assert.doesNotMatch(page, /raw iperf3 files? could not be read/);
  assert.match(page, /<a href="results\.json">results\.json<\/a>/);
});

test('the Node version check: the running Node passes; a Debian 12 Node 18 gets the real fix', async () => {
  const { nodeVersionProblem } = (await import(join(repoRoot, 'bin/node-version.js'))) as { nodeVersionProblem: (v: string, p?: string) => string | undefined };
  assert.equal(nodeVersionProblem(process.versions.node), undefined);
  const message = nodeVersionProblem('18.20.4', '/usr/bin/node')!;
  assert.match(message, /^vethbench needs Node\.js 20\.10 or newer; this is Node\.js 18\.20\.4 \(\/usr\/bin\/node\)\./);
  assert.match(message, /Debian 12 .* nodejs 18/);
  assert.match(message, /deb\.nodesource\.com\/setup_22\.x/);
  assert.ok(nodeVersionProblem('20.9.0'), '20.9 is below 20.10');
  assert.equal(nodeVersionProblem('20.10.0'), undefined);
  assert.equal(nodeVersionProblem('22.1.0'), undefined);
  // setup.sh asks the same file; with a current Node it is silent.
  assert.equal(execFileSync('node', [join(repoRoot, 'bin/node-version.js')], { encoding: 'utf8' }), '');
});

test('report through sudo: the page belongs to SUDO_UID:SUDO_GID, the run it read keeps its owner', { skip: needsRoot }, async () => {
  const runDir = join(tempDir('report-sudo'), 'gro-run');
  cpSync(GRO_RUN_DIR, runDir, { recursive: true });
  const r = await execa('node', [join(repoRoot, 'bin/vethbench.js'), 'report', runDir], { reject: false, cwd: repoRoot, env: { SUDO_UID: '65534', SUDO_GID: '65533', VETHBENCH_STATE_DIR: tempDir('report-sudo-state') } });
  assert.equal(r.exitCode, 0, r.stderr);
  const page = lstatSync(join(runDir, 'index.html'));
  assert.deepEqual([page.uid, page.gid], [65534, 65533]);
  assert.equal(lstatSync(join(runDir, 'results.json')).uid, 0);
  assert.equal(lstatSync(runDir).uid, 0, 'the directory was there before: not handed over');
});

test('doctor: a missing required program is exit 3 ("this host cannot run it", as run), with the apt-get fix; no vxlan', { skip: needsRoot }, async () => {
  // A PATH of /usr/sbin and /sbin only: ip is there (the probe runs), iperf3, ss and kill (in /usr/bin) are not.
  const r = await execa(process.execPath, [join(repoRoot, 'bin/vethbench.js'), 'doctor'], { reject: false, cwd: repoRoot, extendEnv: false, env: { PATH: '/usr/sbin:/sbin', VETHBENCH_STATE_DIR: tempDir('doctor-state') } });
  assert.equal(r.exitCode, 3, r.stdout + r.stderr);
  assert.match(r.stdout, /^ {2}iperf3 +MISSING — apt-get install -y iperf3$/m);
  assert.match(r.stdout, /^ {2}nft +\S+.*\[only for hostContainer topologies \(their NAT rule\); required by them\]$/m);
  assert.match(r.stdout, /^problems:\n {2}missing programs: .*iperf3 \(throughput workloads\).*\n {4}fix: apt-get install -y .*iperf3/m);
  assert.doesNotMatch(r.stdout, /vxlan/);
});
