// iperf2 2.1.8 text parsers against real captured output (test/fixtures/iperf2, commands in its README) and odd input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { histogramPercentileUs, parseBouncebackOutput } from '../../src/tools/iperf2-bounceback-parse.ts';
import { parseConnectOnlyOutput, parseSocketSummary } from '../../src/tools/iperf2-connect-parse.ts';
import { parseIperf2Csv } from '../../src/tools/iperf2-csv-parse.ts';
import { flowsMetrics } from '../../src/workloads/flows.ts';
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

describe('iperf2 --connect-only parser', () => {
  it('reads the final connect-times line and takes percentiles from the per-connection lines', () => {
    const r = parseConnectOnlyOutput(fixtureText('iperf2/connect-only-P4-bursts.txt'), 2);
    assert.ok(r.ok);
    assert.equal(r.metrics.connections, 40);
    assert.equal(r.metrics.connectErrors, 0);
    assert.equal(r.metrics.connectionsPerSecond, 20);
    assert.equal(r.metrics.connectMinUs, 16);
    assert.equal(r.metrics.connectMeanUs, 19);
    assert.equal(r.metrics.connectMaxUs, 35);
    assert.ok(r.metrics.connectP50Us! >= 16 && r.metrics.connectP50Us! <= r.metrics.connectP99Us!);
    assert.deepEqual(r.warnings, []);
  });

  it('failed is failed, cut short is failed, never a crash', () => {
    assert.deepEqual(parseConnectOnlyOutput('connect failed: Connection refused\n', 2), { ok: false, reason: 'connect failed: Connection refused' });
    const full = fixtureText('iperf2/connect-only-P4-bursts.txt');
    for (let cut = 0; cut < full.length; cut += 101) {
      const r = parseConnectOnlyOutput(full.slice(0, cut), 2);
      assert.equal(r.ok, false);
    }
    const allFailed = full.replace('(tot/err) = 40/0', '(tot/err) = 40/40');
    assert.equal(parseConnectOnlyOutput(allFailed, 2).ok, false);
  });

  it('ss -s gives the TCP and TIME_WAIT socket counts; absent when not there', () => {
    assert.deepEqual(parseSocketSummary(fixtureText('iperf2/ss-s-timewait.txt')), { tcpSockets: 2435, timeWaitSockets: 2043 });
    assert.deepEqual(parseSocketSummary('Total: 4\n'), {});
  });
});

describe('iperf2 CSV parser (-y C) and the flows metrics', () => {
  it('reads one row per flow of a 100-flow run; the flows add up to the enhanced run\'s order of magnitude', () => {
    const r = parseIperf2Csv(fixtureText('iperf2/flows-P100.csv'));
    assert.ok(r.ok);
    assert.equal(r.flows.length, 100);
    assert.equal(new Set(r.flows.map((f) => f.id)).size, 100);
    const m = flowsMetrics(r.flows, 100);
    assert.equal(m.flowsReported, 100);
    assert.ok(m.aggregateThroughputBps! > 5e9 && m.aggregateThroughputBps! < 50e9);
    assert.ok(m.flowThroughputMinBps! <= m.flowThroughputMedianBps! && m.flowThroughputMedianBps! <= m.flowThroughputMaxBps!);
    assert.ok(m.flowFairnessIndex! > 0.01 && m.flowFairnessIndex! <= 1);
  });

  it('skips odd rows and says why when nothing is left', () => {
    assert.deepEqual(parseIperf2Csv(''), { ok: false, reason: 'iperf2 printed nothing' });
    assert.deepEqual(parseIperf2Csv('connect failed: Connection refused\n'), { ok: false, reason: 'connect failed: Connection refused' });
    const r = parseIperf2Csv('garbage,1,2\n19700101000000,a,1,b,2,-1,0.0-3.0,10,20\n19700101000000,a,1,b,2,3,0.0-3.0,nan,20\n19700101000000,a,1,b,2,4,0.0-3.0,100,800\n');
    assert.deepEqual(r, { ok: true, flows: [{ id: 4, startS: 0, endS: 3, bytes: 100, bitsPerSecond: 800 }] });
  });

  it('Jain\'s index over even flows is 1 and over one flow taking all is 1/N', () => {
    const flow = (id: number, bps: number) => ({ id, startS: 0, endS: 1, bytes: bps / 8, bitsPerSecond: bps });
    assert.equal(flowsMetrics([flow(1, 5), flow(2, 5)], 2).flowFairnessIndex, 1);
    assert.equal(flowsMetrics([flow(1, 9), flow(2, 0), flow(3, 0)], 3).flowFairnessIndex, 1 / 3);
  });
});
