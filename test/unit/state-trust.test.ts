// What cleanup trusts: it deletes the namespaces and restores the sysctls that files in the state directory name,
// so a sysctl journal naming a key no knob changes is refused (never "restored"), and — as root — a state
// directory someone else owns or may write to is refused before anything is read from it.
import assert from 'node:assert/strict';
import { chmodSync, chownSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseSysctlJournal } from '../../src/files/sysctl-journal.ts';
import { stateDir } from '../../src/host/state-dir.ts';
import { tempDir } from '../helpers/host-state.ts';

const asRoot = process.getuid?.() === 0 ? false : 'the state directory is checked only as root (run the tests as root)';

describe('what cleanup trusts', () => {
  it('a sysctl journal naming a key no knob changes is refused, naming the key and the keys it would restore', () => {
    const text = JSON.stringify({ schemaVersion: 1, ownerPid: 1, originals: { 'net.core.rmem_max': '212992', 'kernel.core_pattern': '|/bin/sh -c evil' } });
    assert.throws(() => parseSysctlJournal(text, '/run/vethbench/sysctl-journal.json'), /sysctl-journal\.json: originals: names kernel\.core_pattern, which no vethbench knob changes \(it restores only [^)]*net\.core\.rmem_max/);
    const ok = parseSysctlJournal(JSON.stringify({ schemaVersion: 1, ownerPid: 1, originals: { 'net.core.rmem_max': '212992' } }), 'j.json');
    assert.deepEqual(ok?.originals, { 'net.core.rmem_max': '212992' });
  });

  it('as root, a state directory owned by another user or writable by others is refused; root\'s own 0700 one is used', { skip: asRoot }, () => {
    const saved = process.env.VETHBENCH_STATE_DIR;
    try {
      const dir = tempDir('trust');
      process.env.VETHBENCH_STATE_DIR = dir;
      chmodSync(dir, 0o700);
      assert.equal(stateDir(), dir);
      chmodSync(dir, 0o777);
      assert.throws(() => stateDir(), new RegExp(`VETHBENCH_STATE_DIR ${dir}: may be written by others; as root, vethbench trusts only a state directory that root alone can write`));
      chmodSync(dir, 0o700);
      chownSync(dir, 65534, 65534);
      assert.throws(() => stateDir(), /is owned by uid 65534, not root/);
    } finally {
      if (saved === undefined) delete process.env.VETHBENCH_STATE_DIR;
      else process.env.VETHBENCH_STATE_DIR = saved;
    }
  });
});
