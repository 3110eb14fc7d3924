// Root: the field's workloads for a second or two each over a real veth pair — request/response (iperf2 bounceback),
// connection rate (iperf2 --connect-only), many flows (iperf2 -P), the packet-rate ceiling (trafgen) — plausible
// numbers, nothing left behind, and the global sysctls byte-identical after a trafgen killed with SIGKILL.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ExecaHost } from '../../src/host/execa-host.ts';
import type { Point } from '../../src/plan/expand.ts';
import type { RunResults, Sample } from '../../src/results/schema.ts';
import { portForPrefix } from '../../src/run/run-id.ts';
import { closeSession, openSession } from '../../src/run/session.ts';
import { runTrial } from '../../src/run/trial.ts';
import type { Workload } from '../../src/scenario/types.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { trafgenCommand, trafgenPacket } from '../../src/tools/trafgen-args.ts';
import { scenario } from '../helpers/builders.ts';
import { onlyRunDir, startCli } from '../helpers/cli.ts';
import { namespacesWithPrefix, needsRoot, tempDir } from '../helpers/host-state.ts';
import { knobShell } from '../../src/files/knob-shell.ts';

const host = new ExecaHost();
const missing = (bin: string): string | false => {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    return false;
  } catch {
    return `${bin} is not installed (scripts/setup.sh installs it)`;
  }
};
const skipIperf2 = needsRoot || missing('iperf');
const skipTrafgen = needsRoot || missing('trafgen');

async function trialOf(prefix: string, workload: Workload, durationS = 2): Promise<Sample> {
  const resolved = scenario({ workloads: [workload] }).workloads[0]!;
  const point: Point = { id: 'p1', key: `veth||${resolved.label}`, link: 'veth', knobs: {}, workload: resolved, label: resolved.label };
  const session = await openSession(host, resolveTopology({ kind: 'pair' }, prefix), portForPrefix(prefix));
  try {
    const sample = await runTrial(
      { host, session, knobShell: knobShell(), timing: { durationS, omitS: 0 }, sides: {}, runDir: tempDir(prefix), signal: new AbortController().signal },
      point, { index: 0, pointId: 'p1', repetition: 0 },
    );
    assert.ok(sample, 'the trial returned a sample');
    return sample;
  } finally {
    assert.deepEqual(await closeSession(host, session), []);
  }
}

function processesNaming(word: string, prefix: string): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(word) && l.includes(prefix));
}

function assertLeftNothing(prefix: string): void {
  assert.deepEqual(namespacesWithPrefix(prefix), []);
  assert.deepEqual(processesNaming('iperf ', prefix), []);
  assert.deepEqual(processesNaming('trafgen', prefix), []);
}

test('rr: TCP bounceback over 1 and 4 flows gives transactions/s, RTTs and their sample count', { skip: skipIperf2 }, async () => {
  const one = await trialOf('vb5701', { tool: 'rr', protocol: 'tcp' });
  assert.equal(one.status, 'ok', one.reason);
  const m = one.metrics!;
  assert.ok(m.transactionsPerSecond! > 1000, `${m.transactionsPerSecond} transactions/s`);
  assert.ok(m.transactions! > 1000 && m.rttHistogramBinUs === 100);
  assert.ok(m.transactionRttMeanUs! > 1 && m.transactionRttMeanUs! < 10_000, `mean ${m.transactionRttMeanUs} µs`);
  assert.ok(m.rttP50Us! <= m.rttP99Us!);
  const four = await trialOf('vb5702', { tool: 'rr', protocol: 'tcp', flows: [4], messageBytes: [1024] });
  assert.equal(four.status, 'ok', four.reason);
  assert.equal(four.metrics!.flows, 4);
  assert.ok(four.metrics!.flowFairnessIndex! > 0.25 && four.metrics!.flowFairnessIndex! <= 1);
  assertLeftNothing('vb5701');
  assertLeftNothing('vb5702');
});

test('crr: connects back to back with TIME_WAIT reuse in the client namespace, restored after; ss -s recorded', { skip: skipIperf2 }, async () => {
  let sample = await trialOf('vb5703', { tool: 'crr', flows: [2] });
  // As the runner does with any failed trial: once more on a fresh topology. iperf2 2.1.8 now and then ignores the
  // SIGINT that ends a counted --connect-only (seen in about 1 of 4 trials here); that sample is failed, with why.
  if (sample.status === 'failed' && /ignored the SIGINT/.test(sample.reason ?? '')) sample = await trialOf('vb570a', { tool: 'crr', flows: [2] });
  assert.equal(sample.status, 'ok', sample.reason);
  const m = sample.metrics!;
  assert.ok(m.connectionsPerSecond! > 100, `${m.connectionsPerSecond} connections/s`);
  assert.ok(m.connectP50Us! > 0 && m.connectP50Us! <= m.connectP99Us!);
  assert.ok(m.timeWaitSockets !== undefined, 'ss -s counted the TIME_WAIT sockets');
  assert.equal(sample.rawOutputs?.length, 2, 'the iperf2 text and ss -s kept');
  assertLeftNothing('vb5703');
  assertLeftNothing('vb570a');
});

test('flows: 200 concurrent flows (open-file limit raised) — aggregate, spread, fairness, CPU per flow', { skip: skipIperf2 }, async () => {
  const sample = await trialOf('vb5704', { tool: 'flows', flows: [200] });
  assert.equal(sample.status, 'ok', sample.reason);
  const m = sample.metrics!;
  assert.equal(m.flows, 200);
  assert.ok(m.flowsReported! >= 190, `${m.flowsReported} flows reported`);
  assert.ok(m.aggregateThroughputBps! > 1e8, `${m.aggregateThroughputBps} bit/s`);
  assert.ok(m.flowFairnessIndex! > 0 && m.flowFairnessIndex! <= 1);
  assert.ok(m.cpuPercentPerFlow! > 0);
  assertLeftNothing('vb5704');
});

test('pps: trafgen\'s 64-byte frames arrive at the peer, counted there; offered ≥ arrived', { skip: skipTrafgen }, async () => {
  const sample = await trialOf('vb5705', { tool: 'pps' });
  assert.equal(sample.status, 'ok', sample.reason);
  const m = sample.metrics!;
  assert.ok(m.deliveredPps! > 10_000, `${m.deliveredPps} pps arrived`);
  assert.ok(m.offeredPps! >= m.deliveredPps! * 0.99, `offered ${m.offeredPps} vs arrived ${m.deliveredPps}`);
  assert.ok(m.udpDeliveredPps! > m.deliveredPps! * 0.9, `UDP saw ${m.udpDeliveredPps} pps`);
  assert.ok(m.cpuBusyPercent! > 0);
  assertLeftNothing('vb5705');
});

function globalSysctls(): string {
  return execFileSync('sysctl', ['net.core.rmem_max', 'net.core.wmem_max', 'net.core.rmem_default', 'net.core.wmem_default', 'net.core.optmem_max', 'net.core.netdev_max_backlog'], { encoding: 'utf8' });
}

test('a trafgen killed with SIGKILL leaves the global sysctls and IRQ affinity byte-identical', { skip: skipTrafgen }, async () => {
  const prefix = 'vb5706';
  const t = resolveTopology({ kind: 'pair' }, prefix);
  const session = await openSession(host, t, portForPrefix(prefix));
  const irq = () => execFileSync('sh', ['-c', 'cat /proc/irq/*/smp_affinity 2>/dev/null || true'], { encoding: 'utf8' });
  const before = { sysctls: globalSysctls(), irq: irq() };
  try {
    const mac = (e: typeof t.client) => JSON.parse(execFileSync('ip', ['-n', e.netns, '-j', 'link', 'show', 'dev', e.iface], { encoding: 'utf8' }))[0].address as string;
    const packet = trafgenPacket({ srcMac: mac(t.client), dstMac: mac(t.server), srcAddress: t.client.address, dstAddress: t.server.address, dstPort: 9, payloadBytes: 22 });
    const c = trafgenCommand(t.client, packet, 1, 30);
    const child = spawn('ip', ['netns', 'exec', c.netns!, ...c.argv], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 1500));
    // SIGKILL everything inside the namespace (timeout, trafgen and its forked sender): nothing can clean up.
    const pids = execFileSync('ip', ['netns', 'pids', t.client.netns], { encoding: 'utf8' }).split(/\s+/).filter(Boolean);
    assert.ok(pids.length >= 2, `trafgen was running (${pids.length} processes in the namespace)`);
    execFileSync('kill', ['-KILL', ...pids]);
    await new Promise((r) => child.once('exit', r));
    assert.equal(globalSysctls(), before.sysctls);
    assert.equal(irq(), before.irq);
  } finally {
    assert.deepEqual(await closeSession(host, session), []);
  }
  assertLeftNothing(prefix);
});

const skipXdp = skipTrafgen || missing('clang') || (existsSync('/usr/include/bpf/bpf_helpers.h') ? false : 'libbpf-dev is not installed (scripts/setup.sh installs it)');

test('pps with XDP_DROP on the receiver: the frames are counted at rx_packets and none reach UDP; without it UDP sees them', { skip: skipXdp }, async () => {
  const out = tempDir('pps-xdp-drop');
  const r = await startCli(['run', 'test/fixtures/scenarios/pps-xdp-drop.ts', '--out', out], tempDir('pps-xdp-state'));
  assert.equal(r.exitCode, 0, r.stderr);
  const results = JSON.parse(readFileSync(join(onlyRunDir(out), 'results.json'), 'utf8')) as RunResults;
  const byXdp = new Map(results.points.map((p) => [p.requested.xdp, p]));
  const drop = byXdp.get('drop')!.samples[0]!;
  const off = byXdp.get('off')!.samples[0]!;
  assert.equal(drop.status, 'ok', drop.reason);
  assert.equal(off.status, 'ok', off.reason);
  assert.equal(byXdp.get('drop')!.effective.xdp, 'drop', 'read back from the receiving end');
  console.log(`64-B frames arrived: ${(drop.metrics!.deliveredPps! / 1e6).toFixed(3)} Mpps with XDP_DROP, ${(off.metrics!.deliveredPps! / 1e6).toFixed(3)} Mpps through the stack`);
  assert.ok(drop.metrics!.deliveredPps! > 10_000, `${drop.metrics!.deliveredPps} pps counted at rx_packets`);
  assert.ok(drop.metrics!.udpDeliveredPps! < 0.01 * drop.metrics!.deliveredPps!, `UDP saw ${drop.metrics!.udpDeliveredPps} pps under XDP_DROP`);
  assert.ok(off.metrics!.udpDeliveredPps! > 0.9 * off.metrics!.deliveredPps!, `UDP saw ${off.metrics!.udpDeliveredPps} of ${off.metrics!.deliveredPps} pps without it`);
  assert.deepEqual(namespacesWithPrefix(results.run.prefix), []);
});
