// Sweeps that cannot show an effect are warned about in the report too, not only by `vethbench plan`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runWarnings } from '../../src/report/html/run/run-warnings.ts';
import { groResults } from '../helpers/report-fixtures.ts';

test('the plan warnings recorded in results.json head the report warnings as "sweep"', () => {
  const results = groResults();
  const text = 'gro is swept for TCP while the sender keeps TSO on in some points: veth passes TSO\'s large segments through';
  results.run.planWarnings = [text];
  const sweep = runWarnings(results).filter((w) => w.kind === 'sweep');
  assert.deepEqual(sweep, [{ kind: 'sweep', text }]);
});

test('results without recorded plan warnings (older files) give none', () => {
  const results = groResults();
  delete results.run.planWarnings;
  assert.deepEqual(runWarnings(results).filter((w) => w.kind === 'sweep'), []);
});
