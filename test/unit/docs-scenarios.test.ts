// docs/scenarios.md is the scenario reference: it must name every registered topology kind, knob, link kind and
// workload tool, so a new one cannot land undocumented.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { KNOB_NAMES } from '../../src/knobs/registry.ts';
import { workloadSchema } from '../../src/scenario/workload-schema.ts';
import { TOPOLOGY_KINDS } from '../../src/topology/kinds/registry.ts';
import { ALL_LINKS, linkName } from '../../src/topology/link-kinds.ts';

const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
const section = (title: string): string => {
  const start = doc.indexOf(`\n## ${title}`);
  assert.ok(start >= 0, `docs/scenarios.md has a "${title}" section`);
  const end = doc.indexOf('\n## ', start + 4);
  return doc.slice(start, end < 0 ? undefined : end);
};

test('every topology kind has a row in "Topologies"', () => {
  const topologies = section('Topologies');
  for (const kind of TOPOLOGY_KINDS.map((k) => k.schema.shape.kind.value)) assert.match(topologies, new RegExp(`^\\| \`${kind}\``, 'm'), kind);
});

test('every knob is in the "Knobs" table', () => {
  const knobs = section('Knobs');
  for (const knob of KNOB_NAMES) assert.ok(knobs.includes(`\`${knob}\``), knob);
});

test('every link kind is in "Link kinds"', () => {
  const links = section('Link kinds');
  for (const link of ALL_LINKS.map(linkName)) {
    const [kind, mode] = link.split(':');
    // A row may list a kind's modes together: "`ipvlan:l2` / `l3` / `l3s`".
    const row = links.split('\n').find((l) => l.startsWith('|') && (l.includes(`\`${link}\``) || (mode !== undefined && l.includes(`\`${kind}:`) && l.includes(`\`${mode}\``))));
    assert.ok(row, link);
  }
});

test('every workload tool is in "Workloads"', () => {
  const workloads = section('Workloads');
  const tools = (workloadSchema as unknown as { _zod: { propValues: { tool: Set<string> } } })._zod.propValues.tool;
  assert.deepEqual([...tools], ['iperf3', 'sockperf', 'density', 'setup-cost']);
  for (const tool of tools) assert.ok(workloads.includes(`tool: '${tool}'`), tool);
});
