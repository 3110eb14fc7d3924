// One way a confidence level reads, in the terminal, the pages and the reasons stored in results.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confidenceText } from '../../src/stats/confidence-text.ts';

test('a confidence level: three significant digits, never "100%" below 1', () => {
  assert.equal(confidenceText(0.95), '95%');
  assert.equal(confidenceText(0.9), '90%');
  assert.equal(confidenceText(0.985), '98.5%');
  assert.equal(confidenceText(0.99167), '99.2%');
  assert.equal(confidenceText(1 - 0.05 / 100), '99.95%', 'Bonferroni over 100 comparisons');
  assert.equal(confidenceText(0.999999), '99.9999%');
  assert.equal(confidenceText(1), '100%');
  assert.equal(confidenceText(0), '0%');
});
