// The live-state journal names every namespace a run may create, density pairs and setup-cost namespaces included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandPlan } from '../../src/plan/expand.ts';
import { runNamespaces } from '../../src/run/run-namespaces.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { scenario, settings } from '../helpers/builders.ts';

test('a plain veth scenario: the topology\'s namespaces only', () => {
  const plan = expandPlan(scenario(), settings());
  assert.deepEqual(runNamespaces(plan, 'vb1a2b', [resolveTopology(plan.scenario.topology, 'vb1a2b')]), ['vb1a2b-cli', 'vb1a2b-srv']);
});

test('density up to 3 pairs and a setup-cost workload add their own namespaces, each once', () => {
  const s = scenario({
    workloads: [
      { tool: 'density', protocol: 'tcp', pairs: [1, 3] },
      { tool: 'setup-cost', modes: ['batched'] },
    ],
  } as never);
  const plan = expandPlan(s, settings());
  assert.deepEqual(runNamespaces(plan, 'vb1a2b', [resolveTopology(s.topology, 'vb1a2b')]), [
    'vb1a2b-cli', 'vb1a2b-srv', 'vb1a2b-dc0', 'vb1a2b-ds0', 'vb1a2b-dc1', 'vb1a2b-ds1', 'vb1a2b-dc2', 'vb1a2b-ds2', 'vb1a2b-sca', 'vb1a2b-scb',
  ]);
});
