// The topology kind registry: one module per kind, and everything that lists kinds (the scenario schema, the build's
// programs, which kinds take other link kinds) reads it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildCommands, needsNft } from '../../src/net/build.ts';
import { validateScenario } from '../../src/scenario/validate.ts';
import { ScenarioError } from '../../src/errors.ts';
import { kindOf, TOPOLOGY_KINDS, topologyKind } from '../../src/topology/kinds/registry.ts';
import { resolveTopology, topologyProblems } from '../../src/topology/resolve.ts';
import { SCENARIO_FILE, SHA } from '../helpers/builders.ts';

const KINDS = TOPOLOGY_KINDS.map((k) => k.schema.shape.kind.value);

describe('topology kind registry', () => {
  it('holds every kind once, in the order messages list them', () => {
    assert.deepEqual(KINDS, ['pair', 'router', 'bridge', 'hostContainer', 'chain']);
    for (const kind of KINDS) assert.equal(topologyKind(kind)?.schema.shape.kind.value, kind);
    assert.equal(topologyKind('star'), undefined);
  });

  it('is what the scenario schema accepts as topology.kind', () => {
    try {
      validateScenario({ name: 'x', topology: { kind: 'star' }, workloads: [{ tool: 'iperf3', protocol: 'tcp' }] }, SCENARIO_FILE, SHA);
      assert.fail('star is not a kind');
    } catch (error) {
      assert.ok(error instanceof ScenarioError);
      assert.deepEqual(error.problems, [{ path: 'topology.kind', message: `got "star"; expected one of ${KINDS.map((k) => `"${k}"`).join(', ')}` }]);
    }
  });

  for (const kind of KINDS) {
    it(`${kind}: its defaults resolve without a problem into prefixed namespaces that its build creates`, () => {
      const spec = { kind } as never;
      assert.deepEqual(topologyProblems(spec), []);
      const t = resolveTopology(spec, 'vb00aa');
      assert.equal(t.kind, kind);
      assert.ok(t.namespaces.length >= 2 && t.namespaces.every((n) => n.name.startsWith('vb00aa-')), JSON.stringify(t.namespaces));
      assert.ok(t.path.includes(t.client.netns) && t.path.includes(t.server.netns), t.path);
      assert.equal(kindOf(spec).subnets(spec), new Set(t.links.flatMap((l) => [l.a, l.b]).map((e) => e.address.split('.').slice(0, 3).join('.'))).size);
      const created = buildCommands(t)[0]!.stdin!;
      for (const ns of t.namespaces) assert.ok(created.includes(`netns add ${ns.name}\n`), ns.name);
    });
  }

  it('says what the build needs: nft for hostContainer only; other link kinds replace the veth of a pair only', () => {
    assert.deepEqual(KINDS.filter((kind) => needsNft({ kind })), ['hostContainer']);
    assert.deepEqual(TOPOLOGY_KINDS.filter((k) => k.otherLinks).map((k) => k.schema.shape.kind.value), ['pair']);
    assert.deepEqual(TOPOLOGY_KINDS.filter((k) => k.kernelKinds.length).map((k) => [k.schema.shape.kind.value, k.kernelKinds]), [['bridge', ['bridge']]]);
    assert.deepEqual(TOPOLOGY_KINDS.filter((k) => k.diagnose).map((k) => k.schema.shape.kind.value), ['hostContainer']);
  });
});
