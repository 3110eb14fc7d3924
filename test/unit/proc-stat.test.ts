// /proc/stat parsing and CPU usage between two real snapshots (test/fixtures/proc-stat), and the derived metrics.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cpuUsage, parseProcStat, readProcStat, type ProcStat } from '../../src/metadata/proc-stat.ts';
import { cpuMetrics } from '../../src/results/cpu.ts';
import { withCpuWindow } from '../../src/workloads/context.ts';
import { mapLimit } from '../../src/workloads/limit.ts';

const snapshot = (name: string): ProcStat => {
  const s = parseProcStat(readFileSync(new URL(`../fixtures/proc-stat/${name}`, import.meta.url), 'utf8'));
  assert.ok(s, name);
  return s;
};

describe('parseProcStat', () => {
  it('reads the aggregate cpu line and counts the CPUs', () => {
    assert.deepEqual(snapshot('before.txt'), {
      total: { user: 156501, nice: 1348, system: 44846, idle: 1398734, iowait: 390, irq: 0, softirq: 11089, steal: 1886 },
      cpuCount: 2,
    });
  });

  it('refuses text without a usable cpu line', () => {
    assert.equal(parseProcStat(''), undefined);
    assert.equal(parseProcStat('cpu0 1 2 3 4 5 6 7 8\n'), undefined);
    assert.equal(parseProcStat('cpu  1 2 3\ncpu0 1 2 3\n'), undefined);
    assert.equal(parseProcStat('cpu  1 2 x 4 5 6 7 8\ncpu0 1 2 3 4 5 6 7 8\n'), undefined);
  });

  it('reads this machine\'s /proc/stat', async () => {
    const s = await readProcStat();
    assert.ok(s && s.cpuCount >= 1 && s.total.idle > 0);
    assert.equal(await readProcStat('/nonexistent/stat'), undefined);
  });
});

describe('cpuUsage', () => {
  // Between the snapshots: user +133, system +51, softirq +20, nothing idle: 204 ticks, both CPUs busy throughout.
  const usage = cpuUsage(snapshot('before.txt'), snapshot('after.txt'));

  it('gives shares of all CPUs\' time and the busy cores', () => {
    assert.deepEqual(usage, {
      busyPercent: 100,
      userPercent: (100 * 133) / 204,
      systemPercent: (100 * 51) / 204,
      softirqPercent: (100 * 20) / 204,
      coresBusy: 2,
    });
  });

  it('counts idle and iowait as not busy and scales cores by the CPU count', () => {
    const a: ProcStat = { total: { user: 0, nice: 0, system: 0, idle: 0, iowait: 0, irq: 0, softirq: 0, steal: 0 }, cpuCount: 4 };
    const b: ProcStat = { total: { user: 30, nice: 10, system: 20, idle: 100, iowait: 20, irq: 5, softirq: 15, steal: 0 }, cpuCount: 4 };
    assert.deepEqual(cpuUsage(a, b), { busyPercent: 40, userPercent: 20, systemPercent: 10, softirqPercent: 7.5, coresBusy: 1.6 });
  });

  it('is undefined when no time passed or the counters went backwards', () => {
    assert.equal(cpuUsage(snapshot('before.txt'), snapshot('before.txt')), undefined);
    assert.equal(cpuUsage(snapshot('after.txt'), snapshot('before.txt')), undefined);
  });
});

describe('cpuMetrics', () => {
  const usage = { busyPercent: 75, userPercent: 20, systemPercent: 40, softirqPercent: 15, coresBusy: 1.5 };

  it('derives Gbit/s per busy core and packets per busy CPU-second', () => {
    assert.deepEqual(cpuMetrics(usage, { throughputBps: 30e9, pps: 450_000 }), {
      cpuBusyPercent: 75, cpuUserPercent: 20, cpuSystemPercent: 40, cpuSoftirqPercent: 15, cpuCoresBusy: 1.5,
      gbpsPerCore: 20, packetsPerCpuSecond: 300_000,
    });
  });

  it('leaves out what cannot be derived, and everything without a usage', () => {
    assert.equal('gbpsPerCore' in cpuMetrics(usage), false);
    assert.equal('gbpsPerCore' in cpuMetrics({ ...usage, coresBusy: 0 }, { throughputBps: 1e9 }), false);
    assert.deepEqual(cpuMetrics(undefined, { throughputBps: 1e9 }), {});
  });
});

describe('withCpuWindow (reads this machine\'s /proc/stat)', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('gives the measurement\'s result and the usage over it', async () => {
    const { result, usage } = await withCpuWindow(async () => { await sleep(60); return 'done'; });
    assert.equal(result, 'done');
    assert.ok(usage && usage.busyPercent >= 0 && usage.busyPercent <= 100, JSON.stringify(usage));
  });

  it('gives no usage when the measurement ends before the delayed first snapshot', async () => {
    const { result, usage } = await withCpuWindow(async () => 7, 10_000);
    assert.equal(result, 7);
    assert.equal(usage, undefined);
  });
});

describe('mapLimit', () => {
  it('keeps the order of the items and never has more than `limit` in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n, i) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, n * 5));
      inFlight--;
      return `${i}:${n}`;
    });
    assert.deepEqual(out, ['0:5', '1:1', '2:4', '3:2', '4:3']);
    assert.equal(most, 2);
  });
});
