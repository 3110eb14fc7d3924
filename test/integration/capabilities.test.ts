// Needs root: probes link kinds for real inside a scratch namespace.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { probeLinkKinds } from '../../src/host/capabilities.ts';
import { ExecaHost } from '../../src/host/execa-host.ts';

test('probeLinkKinds creates kinds only in a scratch namespace and removes it', async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('needs root: creates a scratch network namespace');
    return;
  }
  const host = new ExecaHost();
  const ns = `vbcap-${randomBytes(2).toString('hex')}`;
  const kinds = await probeLinkKinds(host, ns);
  t.diagnostic(JSON.stringify(kinds));

  assert.deepEqual(kinds.find((k) => k.kind === 'veth'), { kind: 'veth', supported: true });
  for (const k of kinds) {
    assert.ok(k.supported || (typeof k.reason === 'string' && k.reason.trim() !== ''), `${k.kind}: unsupported without a reason`);
  }
  const list = await host.exec(['ip', 'netns', 'list']);
  assert.equal(list.exitCode, 0, list.stderr);
  assert.ok(!list.stdout.split('\n').some((line) => line.split(' ')[0] === ns), `${ns} still exists:\n${list.stdout}`);
});
