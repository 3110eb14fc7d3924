import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideCleanup } from '../../src/run/cleanup.ts';
import type { LiveState } from '../../src/run/live-state.ts';

const state = (prefix: string, pid: number): LiveState => ({
  prefix, pid, startedAt: '2025-01-01T00:00:00.000Z', namespaces: [`${prefix}-cli`, `${prefix}-srv`], outDir: `reports/${prefix}`,
});
const DEAD = 4001;
const LIVE = 4002;
const alive = (pid: number): boolean => pid === LIVE;
/** Names vethbench never created: cleanup must never touch them. */
const FOREIGN = ['vbfx-a', 'vbxyzw-cli', 'docker', 'vbcap-1234', 'vb12345-cli', 'vb1a2-cli', 'VB1A2B-cli', 'vb1a2b-', 'vb1a2b-cli-x', 'vb1a2b_cli', 'xvb1a2b-cli', 'cni-1234', 'vb1a2bcli0'];

describe('decideCleanup', () => {
  it("removes a dead run's namespaces and forgets its live state", () => {
    assert.deepEqual(decideCleanup([state('vb00aa', DEAD)], ['vb00aa-cli', 'vb00aa-srv'], alive), {
      namespaces: ['vb00aa-cli', 'vb00aa-srv'], orphans: [], prefixes: ['vb00aa'], running: [],
    });
  });

  it("leaves a live run's namespaces and state alone, and reports it", () => {
    assert.deepEqual(decideCleanup([state('vb00bb', LIVE)], ['vb00bb-cli', 'vb00bb-rtr', 'vb00bb-srv'], alive), {
      namespaces: [], orphans: [], prefixes: [], running: [{ prefix: 'vb00bb', pid: LIVE }],
    });
  });

  it('lists orphans of the vethbench pattern that no state names, and removes them only when asked', () => {
    const names = ['vbdead-cli', 'vb0000-a', 'vb9f9f-web1'];
    assert.deepEqual(decideCleanup([], names, alive), { namespaces: [], orphans: names, prefixes: [], running: [] });
    assert.deepEqual(decideCleanup([], names, alive, true), { namespaces: names, orphans: names, prefixes: [], running: [] });
  });

  it('never touches a namespace outside the pattern', () => {
    assert.deepEqual(decideCleanup([state('vb00aa', DEAD)], FOREIGN, alive, true), { namespaces: [], orphans: [], prefixes: ['vb00aa'], running: [] });
  });

  it('sorts a mixed host: the dead run goes, orphans go with --orphans, the live run and foreign names stay', () => {
    const namespaces = ['docker', 'vb00aa-cli', 'vb00bb-cli', 'vbfx-a', 'vbeeee-srv', 'vb00bb-srv', 'vbcap-1234', 'vb00aa-srv', 'vb12345-cli'];
    assert.deepEqual(decideCleanup([state('vb00aa', DEAD), state('vb00bb', LIVE)], namespaces, alive, true), {
      namespaces: ['vb00aa-cli', 'vb00aa-srv', 'vbeeee-srv'],
      orphans: ['vbeeee-srv'],
      prefixes: ['vb00aa'],
      running: [{ prefix: 'vb00bb', pid: LIVE }],
    });
  });

  it("forgets a dead run's state even when its namespaces are already gone", () => {
    assert.deepEqual(decideCleanup([state('vb00aa', DEAD)], [], alive), { namespaces: [], orphans: [], prefixes: ['vb00aa'], running: [] });
  });
});
