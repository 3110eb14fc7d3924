// Guest only: fq, fq_codel and netem, which the host's kernel lacks, attached as root qdiscs on a real veth pair and
// read back from `tc -j qdisc show` (a run that sweeps them is in netem.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ExecaHost } from '../../src/host/execa-host.ts';
import { applyKnobs } from '../../src/knobs/apply.ts';
import type { KnobSettings } from '../../src/knobs/types.ts';
import { closeSession, openSession, type Session } from '../../src/run/session.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { namespacesWithPrefix, tempDir } from '../helpers/host-state.ts';
import { guestOnly, scaled } from './guest.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const host = new ExecaHost();
const prefix = 'vbe701';
const topology = resolveTopology({ kind: 'pair' }, prefix);
const ends = [topology.client.iface, topology.server.iface];
const apply = (settings: KnobSettings) => applyKnobs({ host, shell: knobShell(), topology, sides: {}, reverse: false }, settings);

describe('fq, fq_codel and netem on a real veth pair', { skip: guestOnly, timeout: scaled(120_000) }, () => {
  let session: Session | undefined;
  before(async () => {
    process.env.VETHBENCH_STATE_DIR = tempDir('vm-qdisc-state');
    session = await openSession(host, topology, 20981);
  });
  after(async () => {
    if (session) assert.deepEqual(await closeSession(host, session), []);
    assert.deepEqual(namespacesWithPrefix(prefix), []);
  });

  for (const qdisc of ['fq', 'fq_codel', 'netem:20ms', 'netem:25ms:1.5%']) {
    test(`${qdisc}: attached on both ends and read back as asked`, async () => {
      const outcome = await apply({ qdisc });
      assert.equal(outcome.refused, undefined);
      for (const end of ends) assert.equal(outcome.effective[end]?.qdisc, qdisc);
    });
  }

  test('txqueuelen with fq: both read back', async () => {
    const outcome = await apply({ txqueuelen: 2000, qdisc: 'fq' });
    assert.equal(outcome.refused, undefined);
    for (const end of ends) assert.deepEqual(outcome.effective[end], { txqueuelen: 2000, qdisc: 'fq' });
  });
});
