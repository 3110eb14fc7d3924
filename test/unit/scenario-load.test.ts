import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InputError, ScenarioError } from '../../src/errors.ts';
import { loadScenario } from '../../src/files/load-scenario.ts';

// Relative to the working directory, as a user would type it ("test/fixtures/scenarios" from the repository root).
const DIR = relative(process.cwd(), fileURLToPath(new URL('../fixtures/scenarios', import.meta.url)));
const fixture = (name: string): string => `${DIR}/${name}`;
const KNOWN_KNOBS =
  'xdp, mtu, txqueuelen, qdisc, gro, gso, tso, tx, sg, rx-udp-gro-forwarding, rx-gro-list, tx-udp-segmentation, gsoMaxSize, groMaxSize, gsoIpv4MaxSize, groIpv4MaxSize, threaded, groFlushTimeout, napiDeferHardIrqs, rxChannels, txChannels, rpsCpus, xpsCpus, tcpRmem, tcpWmem, congestionControl, rmemMax, wmemMax, rmemDefault, wmemDefault, busyPoll, busyRead, netdevMaxBacklog, window, affinity';

/** The error loadScenario rejects with; fails the test when it resolves. */
async function rejection(file: string): Promise<InputError> {
  try {
    await loadScenario(file);
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected loadScenario(${file}) to reject`);
}

describe('loadScenario', () => {
  it('loads a valid scenario that imports defineScenario from "vethbench"', async () => {
    const file = fixture('valid.ts');
    const sha = createHash('sha256').update(readFileSync(file, 'utf8')).digest('hex');
    const s = await loadScenario(file);
    assert.match(s.sourceSha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(s, {
      file,
      sourceSha256: sha,
      name: 'fixture-valid',
      description: 'GRO on a veth pair, one TCP stream',
      topology: { kind: 'pair' },
      matrix: { gro: ['off', 'on'] },
      exclude: [],
      include: [],
      sides: {},
      links: [{ kind: 'veth' }],
      warmupRepetitions: 0,
      workloads: [{ label: 'tcp', tool: 'iperf3', protocol: 'tcp', streams: 1, reverse: false }],
      repetitions: 2,
      durationS: 5,
      omitS: 1,
    });
  });

  it('hashes the bytes of the file, not the scenario object', async () => {
    const s = await loadScenario(fixture('valid.ts'));
    assert.notEqual(s.sourceSha256, createHash('sha256').update(JSON.stringify(s)).digest('hex'));
    assert.equal(s.sourceSha256, createHash('sha256').update(readFileSync(fixture('valid.ts'))).digest('hex'));
  });

  it('rejects a missing file with an InputError naming the path', async () => {
    const error = await rejection(fixture('missing.ts'));
    assert.equal(error.message, `${DIR}/missing.ts: cannot read the scenario file (ENOENT); check the path`);
    assert.equal(error.exitCode, 2);
  });

  it('rejects a file with a syntax error, naming the file and saying it does not load', async () => {
    const error = await rejection(fixture('syntax-error.ts'));
    assert.ok(!(error instanceof ScenarioError));
    assert.ok(error.message.startsWith(`${DIR}/syntax-error.ts: the scenario does not load: `), error.message);
    assert.match(error.message, /syntax-error\.ts:8:\d+: ERROR: /, 'names the line of the error');
    assert.equal(error.exitCode, 2);
  });

  it('rejects a file without a default export, showing the line to write', async () => {
    const error = await rejection(fixture('no-default-export.ts'));
    assert.equal(error.message, `${DIR}/no-default-export.ts: no default export; end the file with: export default defineScenario({ ... })`);
    assert.ok(error.message.includes('export default defineScenario'));
  });

  it('rejects an unknown knob with a ScenarioError (exit code 2) from validation', async () => {
    const error = await rejection(fixture('unknown-knob.ts'));
    assert.ok(error instanceof ScenarioError);
    assert.equal(error.exitCode, 2);
    assert.equal(error.file, `${DIR}/unknown-knob.ts`);
    const message = `unknown knob "grx" — did you mean "gro"? (known knobs: ${KNOWN_KNOBS})`;
    assert.deepEqual(error.problems, [{ path: 'matrix.grx', message }]);
    assert.equal(error.message, `${DIR}/unknown-knob.ts: matrix.grx: ${message}`);
  });
});
