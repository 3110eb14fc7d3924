// CLI conventions without a child process: colour by NO_COLOR/FORCE_COLOR, the width tables fit, bare scenario
// names, and handing what a sudo run wrote to the user who typed sudo (lchown, never through a symlink).
import assert from 'node:assert/strict';
import { lstatSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PIPE_WIDTH, terminalWidth, useColor } from '../../src/cli/terminal.ts';
import { resolveScenarioArg, shippedScenarioNames } from '../../src/cli/scenario-names.ts';
import { sudoUser, writtenAsSudoUser } from '../../src/cli/sudo-owner.ts';
import { fitColumnWidths, fitTable } from '../../src/report/terminal/fit-table.ts';
import { needsRoot, repoRoot, tempDir } from '../helpers/host-state.ts';

describe('useColor and terminalWidth', () => {
  const tty = { isTTY: true, columns: 97 };
  const pipe = { isTTY: false };
  it('a TTY gets colour unless NO_COLOR is set (any non-empty value); FORCE_COLOR turns it on into a pipe', () => {
    assert.equal(useColor(tty, {}), true);
    assert.equal(useColor(tty, { NO_COLOR: '1' }), false);
    assert.equal(useColor(tty, { NO_COLOR: '' }), true, 'an empty NO_COLOR is unset (no-color.org)');
    assert.equal(useColor(pipe, {}), false);
    assert.equal(useColor(pipe, { FORCE_COLOR: '1' }), true);
    assert.equal(useColor(tty, { FORCE_COLOR: '0' }), false);
    assert.equal(useColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' }), false, 'NO_COLOR wins');
    assert.equal(useColor(tty, { TERM: 'dumb' }), false);
  });
  it('the terminal\'s columns on a TTY; $COLUMNS, else 120 into a pipe', () => {
    assert.equal(terminalWidth(tty, {}), 97);
    assert.equal(terminalWidth(pipe, {}), PIPE_WIDTH);
    assert.equal(PIPE_WIDTH, 120);
    assert.equal(terminalWidth(pipe, { COLUMNS: '200' }), 200);
    assert.equal(terminalWidth(pipe, { COLUMNS: 'wide' }), 120);
  });
});

describe('fitTable', () => {
  const head = ['workload', 'knobs', 'samples', 'Gbit/s median'];
  const rows = [['tcp', 'gro=on tso=off txqueuelen=1000 qdisc=pfifo_fast mtu=9000 rx-udp-gro-forwarding=on', '3', '19.1'], ['udp 1400 B', 'gro=off', '3', '4.2']];
  it('keeps the natural widths when they fit, and draws no rule between rows', () => {
    const text = fitTable(head, rows, { color: false, width: 200 });
    const lines = text.split('\n');
    assert.equal(lines.length, 5, 'top, head, 2 rows, bottom: no rules between rows');
    assert.ok(lines.every((l) => l.length === lines[0]!.length));
  });
  it('squeezes the widest column to fit 80 columns; its cell wraps, nothing is cut', () => {
    const text = fitTable(head, rows, { color: false, width: 80 });
    const lines = text.split('\n');
    assert.ok(lines.every((l) => [...l].length <= 80), text);
    assert.match(text.replace(/[│ \n]+/g, ' '), /rx-udp-gro-forwarding=on/);
  });
  it('fitColumnWidths: undefined when it fits; widest first; never below a column\'s longest word', () => {
    assert.equal(fitColumnWidths([10, 10], 30), undefined);
    assert.deepEqual(fitColumnWidths([10, 40], 40), [10, 27]);
    assert.deepEqual(fitColumnWidths([30, 30], 10), [5, 5]);
    assert.deepEqual(fitColumnWidths([12, 40, 20], 50, [12, 9, 15]), [12, 17, 17], 'the widest gives way first, none below its longest word');
    assert.deepEqual(fitColumnWidths([12, 40, 20], 40, [12, 9, 15]), [12, 9, 15], 'at the minimums it stops: the terminal wraps the rest');
  });
  it('numbers are never cut: columns keep their longest word, the text column wraps', () => {
    const wide = [['tcp', 'gro=off tso=on txqueuelen=1000', '9.49–9.49', '23/71'], ['udp-1400B', 'gro=on tso=off', '0.73–0.73', '69/41']];
    const text = fitTable(['workload', 'knobs', 'min–max', 'CPU % client/server'], wide, { color: false, width: 60 });
    for (const cell of ['udp-1400B', '9.49–9.49', '0.73–0.73', 'client/server', 'txqueuelen=1000']) assert.ok(text.includes(cell), `${cell} whole in:\n${text}`);
    assert.ok(!text.includes('…'), text);
    assert.ok(text.split('\n').every((l) => [...l].length <= 60), text);
  });
});

describe('bare scenario names', () => {
  it('gro → scenarios/gro.ts from the checkout; a path or an existing file is kept as written', () => {
    assert.equal(resolveScenarioArg('gro', repoRoot), 'scenarios/gro.ts');
    assert.equal(resolveScenarioArg('scenarios/gro.ts', repoRoot), 'scenarios/gro.ts');
    assert.equal(resolveScenarioArg('./x.ts', repoRoot), './x.ts', 'a path is for the loader to report');
  });
  it('from another directory, the shipped scenarios/ (absolute path)', () => {
    const elsewhere = tempDir('names');
    assert.equal(resolveScenarioArg('mtu', elsewhere), join(repoRoot, 'scenarios/mtu.ts'));
  });
  it('an unknown name: exit 2 listing every shipped name', () => {
    assert.throws(() => resolveScenarioArg('gr0', repoRoot), (e: Error & { exitCode?: number }) => e.exitCode === 2 && e.message.includes(shippedScenarioNames().join(', ')));
    assert.ok(shippedScenarioNames().includes('gro'));
  });
});

describe('files written through sudo belong to SUDO_UID:SUDO_GID', () => {
  it('sudoUser: only as root, with numeric non-root SUDO_UID and SUDO_GID', () => {
    assert.deepEqual(sudoUser({ SUDO_UID: '1000', SUDO_GID: '1001' }, 0), { uid: 1000, gid: 1001 });
    assert.equal(sudoUser({ SUDO_UID: '1000', SUDO_GID: '1001' }, 1000), undefined, 'not root: nothing to hand over');
    assert.equal(sudoUser({}, 0), undefined, 'root without sudo');
    assert.equal(sudoUser({ SUDO_UID: '0', SUDO_GID: '0' }, 0), undefined);
    assert.equal(sudoUser({ SUDO_UID: '1000;', SUDO_GID: '1' }, 0), undefined);
  });

  it('hands over what was created (a new --out included), not what was there, and never follows a symlink', { skip: needsRoot }, async () => {
    const base = tempDir('sudo-owner');
    const existing = join(base, 'reports', 'old-run');
    mkdirSync(existing, { recursive: true });
    writeFileSync(join(existing, 'results.json'), '{}');
    const outside = join(base, 'outside.txt');
    writeFileSync(outside, 'root keeps this');
    const user = { uid: 65534, gid: 65533 };
    await writtenAsSudoUser(join(base, 'reports'), () => {
      mkdirSync(join(base, 'reports', 'new-run', 'raw'), { recursive: true });
      writeFileSync(join(base, 'reports', 'new-run', 'raw', 'r1.json'), '{}');
      symlinkSync(outside, join(base, 'reports', 'new-run', 'link'));
    }, user);
    for (const p of ['new-run', 'new-run/raw', 'new-run/raw/r1.json', 'new-run/link']) {
      const s = lstatSync(join(base, 'reports', p));
      assert.deepEqual([s.uid, s.gid], [65534, 65533], p);
    }
    assert.equal(statSync(outside).uid, 0, 'the symlink\'s target keeps its owner');
    assert.equal(lstatSync(join(existing, 'results.json')).uid, 0, 'an earlier run is not touched');
    assert.equal(lstatSync(join(base, 'reports')).uid, 0, 'the --out directory that was there is not touched');

    await writtenAsSudoUser(join(base, 'a', 'b', 'out'), () => { mkdirSync(join(base, 'a', 'b', 'out', 'run'), { recursive: true }); }, user);
    for (const p of ['a', 'a/b', 'a/b/out', 'a/b/out/run']) assert.equal(lstatSync(join(base, p)).uid, 65534, `created on the way: ${p}`);
    assert.equal(lstatSync(base).uid, 0, 'nothing above what existed');
  });

  it('hands over also when the work fails, and leaves the state directory root\'s', { skip: needsRoot }, async () => {
    const base = tempDir('sudo-owner-fail');
    const state = join(base, 'state');
    const previous = process.env.VETHBENCH_STATE_DIR;
    process.env.VETHBENCH_STATE_DIR = state;
    try {
      await assert.rejects(writtenAsSudoUser(base, () => {
        mkdirSync(state);
        writeFileSync(join(base, 'partial.json'), '{}');
        throw new Error('interrupted');
      }, { uid: 65534, gid: 65534 }), /interrupted/);
    } finally {
      if (previous === undefined) delete process.env.VETHBENCH_STATE_DIR;
      else process.env.VETHBENCH_STATE_DIR = previous;
    }
    assert.equal(lstatSync(join(base, 'partial.json')).uid, 65534);
    assert.equal(lstatSync(state).uid, 0);
  });
});
