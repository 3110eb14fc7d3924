// iperf2 2.1.8 text parsers against real captured output (test/fixtures/iperf2, commands in its README) and odd input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { histogramPercentileUs, parseBouncebackOutput } from '../../src/tools/iperf2-bounceback-parse.ts';
import { fixtureText } from '../helpers/fake-host.ts';

describe('iperf2 bounceback parser', () => {
  it('reads one flow: transactions/s from the count and the duration, RTTs in µs, percentiles from the 100 µs histogram', () => {
    const r = parseBouncebackOutput(fixtureText('iperf2/bounceback-64B-1flow.txt'));
    assert.ok(r.ok);
    assert.equal(r.metrics.transactions, 81902);
    assert.ok(Math.abs(r.metrics.transactionsPerSecond! - 81902 / 2.0121) < 1e-6);
    assert.equal(r.metrics.transactionRttMeanUs, 23);
    assert.equal(r.metrics.transactionRttMinUs, 19);
    assert.equal(r.metrics.transactionRttMaxUs, 4036);
    assert.equal(r.metrics.transactionRttStdDevUs, 20);
    assert.equal(r.metrics.rttHistogramBinUs, 100);
    assert.equal(r.metrics.rttP50Us, 100);
    assert.equal(r.metrics.rttP99Us, 100);
    assert.equal(r.metrics.flows, 1);
    assert.equal(r.metrics.flowFairnessIndex, undefined);
  });

  it('sums four flows itself (the [SUM] line holds zeros) and gives their fairness', () => {
    const r = parseBouncebackOutput(fixtureText('iperf2/bounceback-64B-4flows.txt'));
    assert.ok(r.ok);
    assert.equal(r.flows.length, 4);
    assert.equal(r.metrics.transactions, 25254 + 23943 + 22748 + 37677);
    assert.ok(r.metrics.transactionsPerSecond! > 50_000 && r.metrics.transactionsPerSecond! < 60_000);
    assert.ok(r.metrics.flowFairnessIndex! > 0.9 && r.metrics.flowFairnessIndex! < 1);
    assert.equal(r.metrics.rttP50Us, 100);
    assert.equal(r.metrics.rttP99Us, 200);
  });

  it('a stalled client (message below the bounceback header) is failed with iperf2\'s own line', () => {
    const r = parseBouncebackOutput(fixtureText('iperf2/bounceback-1B-stalled.txt'));
    assert.deepEqual(r, { ok: false, reason: 'tcp bounce-back read failed: Resource temporarily unavailable' });
  });

  it('never crashes on odd or cut-short output; absent stays absent', () => {
    const full = fixtureText('iperf2/bounceback-64B-1flow.txt');
    for (let cut = 0; cut < full.length; cut += 37) {
      const r = parseBouncebackOutput(full.slice(0, cut));
      if (r.ok) assert.ok(r.metrics.transactions! > 0);
      else assert.equal(typeof r.reason, 'string');
    }
    assert.deepEqual(parseBouncebackOutput(''), { ok: false, reason: 'iperf2 printed nothing' });
    const noHistogram = full.split('\n').filter((l) => !l.includes('PDF')).join('\n');
    const r = parseBouncebackOutput(noHistogram);
    assert.ok(r.ok);
    assert.equal(r.metrics.rttP99Us, undefined);
    assert.match(r.warnings.join(), /no round-trip histogram/);
    const zero = full.replace('81902=', '0=');
    assert.deepEqual(parseBouncebackOutput(zero), { ok: false, reason: 'iperf2 completed no bounceback round trips' });
  });

  it('histogram percentiles are the upper edge of the bin holding them', () => {
    const bins = new Map([[1, 90], [2, 9], [7, 1]]);
    assert.equal(histogramPercentileUs(bins, 100, 0.5), 100);
    assert.equal(histogramPercentileUs(bins, 100, 0.95), 200);
    assert.equal(histogramPercentileUs(bins, 100, 0.999), 700);
    assert.equal(histogramPercentileUs(new Map(), 100, 0.5), undefined);
  });
});
