// Pure: the netem fault values of the qdisc knob ("netem:20ms", "netem:20ms:5%") — validation, the tc command, and
// the read-back from tc's JSON captured in the VM lane's guest (test/fixtures/tc/README.md); fq/fq_codel read back.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyKnobs } from '../../src/knobs/apply.ts';
import { parseNetemValue, parseRootQdisc, qdiscCommands, qdiscValueProblem } from '../../src/knobs/qdisc-family.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { FakeHost, fixtureText, replies } from '../helpers/fake-host.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const pair = resolveTopology({ kind: 'pair' }, 'vb1a2b');

async function readBack(fixture: string, qdisc: string) {
  const host = new FakeHost(replies([[/ -j qdisc show /, { stdout: fixtureText(fixture) }]]));
  const outcome = await applyKnobs({ host, shell: knobShell(), topology: pair, sides: { qdisc: 'sender' }, reverse: false }, { qdisc });
  return { outcome, calls: host.calls };
}

describe('qdisc knob: netem faults', () => {
  it('accepts a delay with an optional loss; refuses other forms naming the accepted ones', () => {
    for (const ok of ['netem:20ms', 'netem:0.5ms', 'netem:20ms:5%', 'netem:100ms:0.1%']) assert.equal(qdiscValueProblem(ok), undefined, ok);
    assert.match(qdiscValueProblem('netem:20ms:150%') ?? '', /more than 100%/);
    for (const bad of ['netem', 'netem:20', 'netem:20s', 'netem:20ms:5']) assert.match(qdiscValueProblem(bad) ?? '', /netem:20ms:1%/, bad);
  });

  it('one tc command: delay, loss when asked, and a limit far above 1000 packets', () => {
    const end = pair.client;
    assert.deepEqual(qdiscCommands(end, 'netem:20ms:5%').map((c) => c.argv.join(' ')), [`tc -n ${end.netns} qdisc replace dev ${end.iface} root netem delay 20ms loss 5% limit 100000`]);
    assert.deepEqual(qdiscCommands(end, 'netem:20ms').map((c) => c.argv.join(' ')), [`tc -n ${end.netns} qdisc replace dev ${end.iface} root netem delay 20ms limit 100000`]);
  });

  it('reads delay (seconds) and loss (a fraction) back from tc -j', () => {
    assert.equal(parseNetemValue(fixtureText('tc/qdisc-netem-20ms-5pct.json')), 'netem:20ms:5%');
    assert.equal(parseNetemValue(fixtureText('tc/qdisc-netem-20ms.json')), 'netem:20ms');
    assert.equal(parseNetemValue(fixtureText('tc/qdisc-fq.json')), undefined);
  });

  it('the effective value is the requested one when tc shows it, else what tc shows', async () => {
    assert.deepEqual((await readBack('tc/qdisc-netem-20ms-5pct.json', 'netem:20ms:5%')).outcome.effective, { vb1a2bcli0: { qdisc: 'netem:20ms:5%' } });
    assert.deepEqual((await readBack('tc/qdisc-netem-20ms.json', 'netem:20.0ms')).outcome.effective, { vb1a2bcli0: { qdisc: 'netem:20.0ms' } });
    assert.deepEqual((await readBack('tc/qdisc-netem-20ms.json', 'netem:20ms:5%')).outcome.effective, { vb1a2bcli0: { qdisc: 'netem:20ms' } });
    assert.deepEqual((await readBack('tc/qdisc-noqueue.json', 'netem:20ms')).outcome.effective, { vb1a2bcli0: { qdisc: 'noqueue' } });
  });

  it('fq and fq_codel as the guest\'s tc shows them', async () => {
    assert.equal(parseRootQdisc(fixtureText('tc/qdisc-fq.json')), 'fq');
    assert.equal(parseRootQdisc(fixtureText('tc/qdisc-fq_codel.json')), 'fq_codel');
    assert.deepEqual((await readBack('tc/qdisc-fq_codel.json', 'fq_codel')).outcome.effective, { vb1a2bcli0: { qdisc: 'fq_codel' } });
  });
});
