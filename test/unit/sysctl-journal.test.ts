// The global-sysctl journal: an exclusive lock file that records original values before the first change, so
// the run (or `vethbench cleanup` after a SIGKILL) can put them back. State lives in a temp VETHBENCH_STATE_DIR;
// sysctl itself is a FakeHost holding the values in a map.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, beforeEach, describe, it } from 'node:test';
import { applyKnobs } from '../../src/knobs/apply.ts';
import { HOST_PLACE } from '../../src/knobs/global-sysctl-family.ts';
import { journalOriginal, journalPath, lockSysctlJournal, readSysctlJournal, restoreSysctls, type SysctlJournal } from '../../src/files/sysctl-journal.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { FakeHost, fixtureText } from '../helpers/fake-host.ts';
import { knobShell } from '../../src/files/knob-shell.ts';
import { tempDir } from '../helpers/host-state.ts';

/** sysctl as a map: `sysctl -n KEY` prints the value, `sysctl -q -w KEY=VALUE` sets it; `failing` keys refuse both. */
function sysctlHost(values: Record<string, string>, failing: string[] = []): FakeHost {
  const state = new Map(Object.entries(values));
  return new FakeHost((_line, argv) => {
    if (argv[0] !== 'sysctl') return { exitCode: 127, stderr: `${argv[0]}: not expected here` };
    const assignment = argv[argv.length - 1]!;
    const key = assignment.split('=')[0]!;
    if (failing.includes(key)) return { exitCode: 255, stderr: `sysctl: permission denied on key "${key}"\n` };
    if (argv[1] === '-n') return state.has(key) ? { stdout: `${state.get(key)}\n` } : { exitCode: 255, stderr: `sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n` };
    state.set(key, assignment.slice(key.length + 1));
    return {};
  });
}

/** A pid that surely belongs to no process: a child that has exited and been reaped. */
function deadPid(): number {
  const child = spawnSync('true');
  assert.equal(typeof child.pid, 'number');
  return child.pid!;
}

const RMEM_MAX = fixtureText('sysctl/rmem_max.txt').trim();
const writeJournal = (journal: SysctlJournal): void => writeFileSync(journalPath(), JSON.stringify(journal));
const journalText = (): string => readFileSync(journalPath(), 'utf8');

let dir = '';
const dirs: string[] = [];
beforeEach(() => {
  dir = tempDir('sysctl-journal');
  dirs.push(dir);
  process.env.VETHBENCH_STATE_DIR = dir;
});
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('lockSysctlJournal', () => {
  it('creates the journal in the state directory, owned by this process with no originals', () => {
    assert.equal(journalPath(), join(dir, 'sysctl-journal.json'));
    assert.equal(lockSysctlJournal(), undefined);
    assert.deepEqual(readSysctlJournal(), { ownerPid: process.pid, originals: {} });
  });

  it('creates a missing state directory', () => {
    process.env.VETHBENCH_STATE_DIR = join(dir, 'nested', 'state');
    assert.equal(lockSysctlJournal(), undefined);
    assert.equal(existsSync(join(dir, 'nested', 'state', 'sysctl-journal.json')), true);
  });

  it('is re-entrant for its owner and keeps what was recorded', () => {
    writeJournal({ ownerPid: process.pid, originals: { 'net.core.rmem_max': '212992' } });
    assert.equal(lockSysctlJournal(), undefined);
    assert.deepEqual(readSysctlJournal(), { ownerPid: process.pid, originals: { 'net.core.rmem_max': '212992' } });
  });

  it('refuses while another live process holds it, and leaves its journal alone', () => {
    const other = process.ppid;
    writeJournal({ ownerPid: other, originals: { 'net.core.rmem_max': '212992' } });
    const before = journalText();
    assert.equal(lockSysctlJournal(), `another vethbench run (pid ${other}) is changing global sysctls; wait for it to finish`);
    assert.equal(journalText(), before);
  });

  it('refuses a journal left by a dead process, pointing at `vethbench cleanup`', () => {
    writeJournal({ ownerPid: deadPid(), originals: { 'net.core.rmem_max': '212992' } });
    assert.equal(lockSysctlJournal(), `a killed vethbench run left changed global sysctls in ${join(dir, 'sysctl-journal.json')}; run \`vethbench cleanup\` to restore them first`);
  });

  it('treats an unreadable journal like a dead owner\'s', () => {
    writeFileSync(journalPath(), '');
    assert.match(lockSysctlJournal() ?? '', /^a killed vethbench run left changed global sysctls in .*; run `vethbench cleanup` to restore them first$/);
  });
});

describe('journalOriginal', () => {
  it('refuses unless this process holds the journal', async () => {
    const host = sysctlHost({ 'net.core.rmem_max': RMEM_MAX });
    assert.equal(await journalOriginal(host, 'net.core.rmem_max'), 'the global sysctl journal is not held by this run');
    writeJournal({ ownerPid: process.ppid, originals: {} });
    assert.equal(await journalOriginal(host, 'net.core.rmem_max'), 'the global sysctl journal is not held by this run');
    assert.deepEqual(host.calls, []);
  });

  it('records each key\'s original once, as sysctl -n printed it (trimmed)', async () => {
    const host = sysctlHost({ 'net.core.rmem_max': RMEM_MAX, 'net.core.wmem_max': '212992' });
    lockSysctlJournal();
    assert.equal(await journalOriginal(host, 'net.core.rmem_max'), undefined);
    await host.exec(['sysctl', '-q', '-w', 'net.core.rmem_max=8388608']);
    assert.equal(await journalOriginal(host, 'net.core.rmem_max'), undefined, 'a second change keeps the first original');
    assert.equal(await journalOriginal(host, 'net.core.wmem_max'), undefined);
    assert.deepEqual(readSysctlJournal(), { ownerPid: process.pid, originals: { 'net.core.rmem_max': '4194304', 'net.core.wmem_max': '212992' } });
    assert.deepEqual(host.calls, ['sysctl -n net.core.rmem_max', 'sysctl -q -w net.core.rmem_max=8388608', 'sysctl -n net.core.wmem_max']);
  });

  it('reports a value it cannot read, and records nothing', async () => {
    const host = sysctlHost({});
    lockSysctlJournal();
    assert.equal(await journalOriginal(host, 'net.core.rmem_max'), 'sysctl -n net.core.rmem_max: sysctl: cannot stat /proc/sys/net/core/rmem_max: No such file or directory');
    assert.deepEqual(readSysctlJournal(), { ownerPid: process.pid, originals: {} });
  });
});

describe('restoreSysctls', () => {
  it('self: writes every original back, returns them and deletes the journal', async () => {
    const host = sysctlHost({ 'net.core.rmem_max': '8388608', 'net.core.wmem_default': '262144' });
    writeJournal({ ownerPid: process.pid, originals: { 'net.core.rmem_max': '4194304', 'net.core.wmem_default': '212992' } });
    assert.deepEqual(await restoreSysctls(host, 'self'), { restored: ['net.core.rmem_max=4194304', 'net.core.wmem_default=212992'], problems: [] });
    assert.deepEqual(host.calls, ['sysctl -q -w net.core.rmem_max=4194304', 'sysctl -q -w net.core.wmem_default=212992']);
    assert.equal(existsSync(journalPath()), false);
  });

  it('self: keeps the journal when a value cannot be written back, and says so', async () => {
    const host = sysctlHost({ 'net.core.rmem_max': '8388608' }, ['net.core.wmem_max']);
    writeJournal({ ownerPid: process.pid, originals: { 'net.core.rmem_max': '4194304', 'net.core.wmem_max': '212992' } });
    assert.deepEqual(await restoreSysctls(host, 'self'), {
      restored: ['net.core.rmem_max=4194304'],
      problems: [`could not restore net.core.wmem_max=212992: sysctl: permission denied on key "net.core.wmem_max" (the journal ${journalPath()} is kept)`],
    });
    assert.equal(existsSync(journalPath()), true);
  });

  it('self: leaves another process\'s journal alone', async () => {
    const host = sysctlHost({});
    writeJournal({ ownerPid: deadPid(), originals: { 'net.core.rmem_max': '4194304' } });
    assert.deepEqual(await restoreSysctls(host, 'self'), { restored: [], problems: [] });
    assert.deepEqual(host.calls, []);
    assert.equal(existsSync(journalPath()), true);
  });

  it('dead-owner: restores and deletes the journal of a dead run', async () => {
    const host = sysctlHost({ 'net.core.rmem_max': '8388608' });
    writeJournal({ ownerPid: deadPid(), originals: { 'net.core.rmem_max': '4194304' } });
    assert.deepEqual(await restoreSysctls(host, 'dead-owner'), { restored: ['net.core.rmem_max=4194304'], problems: [] });
    assert.equal(existsSync(journalPath()), false);
  });

  it('dead-owner: leaves a live owner\'s journal alone, this process\'s included', async () => {
    for (const ownerPid of [process.ppid, process.pid]) {
      const host = sysctlHost({ 'net.core.rmem_max': '8388608' });
      writeJournal({ ownerPid, originals: { 'net.core.rmem_max': '4194304' } });
      const before = journalText();
      assert.deepEqual(await restoreSysctls(host, 'dead-owner'), { restored: [], problems: [] });
      assert.deepEqual(host.calls, []);
      assert.equal(journalText(), before);
    }
  });

  it('has nothing to do without a journal', async () => {
    const host = sysctlHost({});
    assert.deepEqual(await restoreSysctls(host, 'self'), { restored: [], problems: [] });
    assert.deepEqual(await restoreSysctls(host, 'dead-owner'), { restored: [], problems: [] });
    assert.deepEqual(host.calls, []);
  });
});

describe('the global sysctl family through applyKnobs', () => {
  const topology = resolveTopology({ kind: 'pair' }, 'vb1a2b');

  it('journals each original before changing it, reads the new value back under "host", and restores', async () => {
    const host = sysctlHost({ 'net.core.rmem_max': RMEM_MAX, 'net.core.wmem_max': RMEM_MAX });
    const outcome = await applyKnobs({ host, shell: knobShell(), topology, sides: {}, reverse: false }, { wmemMax: 8388608, rmemMax: 6291456 });
    assert.deepEqual(outcome, { effective: { [HOST_PLACE]: { rmemMax: 6291456, wmemMax: 8388608 } }, warnings: [] });
    assert.deepEqual(host.calls, [
      'sysctl -n net.core.rmem_max',
      'sysctl -q -w net.core.rmem_max=6291456',
      'sysctl -n net.core.rmem_max',
      'sysctl -n net.core.wmem_max',
      'sysctl -q -w net.core.wmem_max=8388608',
      'sysctl -n net.core.wmem_max',
    ]);
    assert.deepEqual(readSysctlJournal(), { ownerPid: process.pid, originals: { 'net.core.rmem_max': '4194304', 'net.core.wmem_max': '4194304' } });

    // The next point changes rmem_max again: the journal keeps the very first original.
    await applyKnobs({ host, shell: knobShell(), topology, sides: {}, reverse: false }, { rmemMax: 8388608 });
    assert.deepEqual(readSysctlJournal()?.originals, { 'net.core.rmem_max': '4194304', 'net.core.wmem_max': '4194304' });

    const restored = await restoreSysctls(host, 'self');
    assert.deepEqual(restored, { restored: ['net.core.rmem_max=4194304', 'net.core.wmem_max=4194304'], problems: [] });
    assert.deepEqual(host.calls.slice(-2), ['sysctl -q -w net.core.rmem_max=4194304', 'sysctl -q -w net.core.wmem_max=4194304']);
    assert.equal(existsSync(journalPath()), false);
  });

  it('refuses the point, running nothing, while another live run holds the journal', async () => {
    const host = sysctlHost({ 'net.core.rmem_max': RMEM_MAX });
    writeJournal({ ownerPid: process.ppid, originals: {} });
    const outcome = await applyKnobs({ host, shell: knobShell(), topology, sides: {}, reverse: false }, { rmemMax: 8388608 });
    assert.deepEqual(outcome, { effective: {}, warnings: [], refused: `another vethbench run (pid ${process.ppid}) is changing global sysctls; wait for it to finish` });
    assert.deepEqual(host.calls, []);
  });

  it('refuses the point when the original cannot be read, before writing anything', async () => {
    const host = sysctlHost({});
    const outcome = await applyKnobs({ host, shell: knobShell(), topology, sides: {}, reverse: false }, { rmemDefault: 262144 });
    assert.equal(outcome.refused, 'sysctl -n net.core.rmem_default: sysctl: cannot stat /proc/sys/net/core/rmem_default: No such file or directory');
    assert.deepEqual(host.calls, ['sysctl -n net.core.rmem_default']);
  });
});
