// The packet-rate workload's pure parts against real captures (test/fixtures/trafgen): trafgen's own count, the
// receiver's link counters and nstat, the trafgen argv (never without --no-sock-mem/--notouch-irq), the frame.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { delta, parseLinkStats, parseNstat } from '../../src/tools/link-stats-parse.ts';
import { trafgenCommand, trafgenEndedNormally, trafgenPacket } from '../../src/tools/trafgen-args.ts';
import { watchLeftovers } from '../../src/workloads/pps.ts';
import { parseTrafgenOutput } from '../../src/tools/trafgen-parse.ts';
import { resolveTopology } from '../../src/topology/resolve.ts';
import { ppsUnsupported } from '../../src/workloads/pps-plan.ts';
import { fixtureText } from '../helpers/fake-host.ts';

describe('trafgen output', () => {
  it('reads the packets and bytes a SIGINT-stopped run sent', () => {
    assert.deepEqual(parseTrafgenOutput(fixtureText('trafgen/sigint-3s-64B.txt')), { packets: 718336, bytes: 45973504, warnings: [] });
  });
  it('no count is absent, with a warning, never a crash', () => {
    const r = parseTrafgenOutput(fixtureText('trafgen/short-A-refused.txt'));
    assert.equal(r.packets, undefined);
    assert.equal(r.warnings.length, 1);
  });
  it('timeout\'s 124 (it sent the signal) is the normal end; 1 is not', () => {
    assert.equal(trafgenEndedNormally(124), true);
    assert.equal(trafgenEndedNormally(1), false);
    assert.equal(trafgenEndedNormally(undefined), false);
  });
});

describe('receiver counters', () => {
  it('rx_packets and UdpNoPorts rose by what trafgen sent', () => {
    const [b, a] = [parseLinkStats(fixtureText('trafgen/receiver-link-before.json')), parseLinkStats(fixtureText('trafgen/receiver-link-after.json'))];
    assert.equal(b.address, '86:99:da:84:12:0a');
    assert.equal(delta(b.rxPackets, a.rxPackets), 718336);
    assert.equal(delta(b.rxDropped, a.rxDropped), 0);
    const [nb, na] = [parseNstat(fixtureText('trafgen/receiver-nstat-before.txt')), parseNstat(fixtureText('trafgen/receiver-nstat-after.txt'))];
    assert.equal(delta(nb.get('UdpNoPorts'), na.get('UdpNoPorts')), 718336);
    assert.equal(delta(nb.get('UdpInDatagrams'), na.get('UdpInDatagrams')), 0);
  });
  it('odd input is empty, a counter that went backwards has no delta', () => {
    assert.deepEqual(parseLinkStats('not json'), {});
    assert.deepEqual(parseLinkStats('[]'), {});
    assert.deepEqual(parseLinkStats('[{"ifname":"x","stats64":{"rx":{"packets":"many"}}}]'), {});
    assert.equal(parseNstat('#kernel\n').size, 0);
    assert.equal(delta(10, 5), undefined);
    assert.equal(delta(undefined, 5), undefined);
  });
});

describe('trafgen argv and frame', () => {
  const t = resolveTopology({ kind: 'pair' }, 'vb5a03');
  it('always carries --no-sock-mem and --notouch-irq (trafgen would change global sysctls and IRQ affinity) and stops on SIGINT', () => {
    const c = trafgenCommand(t.client, '{ fill(0, 60) }', 2, 5);
    assert.deepEqual(c.argv.slice(0, 5), ['timeout', '-s', 'INT', '5', 'trafgen']);
    assert.ok(c.argv.includes('--no-sock-mem') && c.argv.includes('--notouch-irq'));
    assert.deepEqual(c.argv.slice(c.argv.indexOf('--cpus'), c.argv.indexOf('--cpus') + 2), ['--cpus', '2']);
    assert.equal(c.netns, t.client.netns);
  });
  it('the frame is a valid Ethernet/IPv4/UDP frame to the peer\'s MAC, the payload filling it to the asked size', () => {
    const p = trafgenPacket({ srcMac: 'aa:aa:aa:aa:aa:aa', dstMac: 'bb:bb:bb:bb:bb:bb', srcAddress: '198.18.0.1', dstAddress: '198.18.0.2', dstPort: 20300, payloadBytes: 22 });
    assert.equal(p, '{ eth(da=bb:bb:bb:bb:bb:bb, sa=aa:aa:aa:aa:aa:aa, type=0x0800), ipv4(saddr=198.18.0.1, daddr=198.18.0.2, ttl=64), udp(sport=40000, dport=20300), fill(0x00, 22) }');
  });
  it('needs a pair over veth', () => {
    assert.equal(ppsUnsupported(t), undefined);
    assert.match(ppsUnsupported(resolveTopology({ kind: 'router' }, 'vb5a03'))!, /needs topology pair/);
  });
});

describe('plan warns that qdisc knobs do not apply to trafgen', () => {
  it('a pps point with a qdisc gets the warning; without one it does not', async () => {
    const { expandPlan } = await import('../../src/plan/expand.ts');
    const { planWarnings } = await import('../../src/plan/warnings.ts');
    const { scenario, settings } = await import('../helpers/builders.ts');
    const shaped = expandPlan(scenario({ workloads: [{ tool: 'pps' }], matrix: { qdisc: ['pfifo_fast'] } }), settings());
    assert.ok(planWarnings(shaped).some((w) => /trafgen bypasses the qdisc/.test(w)), planWarnings(shaped).join('\n'));
    const plain = expandPlan(scenario({ workloads: [{ tool: 'pps' }] }), settings());
    assert.equal(planWarnings(plain).some((w) => /trafgen/.test(w)), false);
  });
});

describe('a trafgen sender that misses the SIGINT', () => {
  const host = (onKill: () => void) => {
    const calls: string[][] = [];
    const exec = async (argv: readonly string[]) => {
      calls.push([...argv]);
      if (argv[0] === 'kill') onKill();
      const stdout = argv.join(' ') === 'ip netns pids vb5a03-cli' ? '4101\n4102\n' : '';
      return { argv, exitCode: 0, stdout, stderr: '', timedOut: false, signal: undefined, durationMs: 1 };
    };
    return { calls, host: { exec, spawn: () => { throw new Error('not used'); } } };
  };

  it('still running after the duration and the grace: what is left in the sender\'s namespace is SIGKILLed by pid', async () => {
    let release = () => {};
    const running = new Promise<void>((resolve) => { release = resolve; });
    const { calls, host: h } = host(() => release());
    assert.deepEqual(await watchLeftovers({ host: h }, 'vb5a03-cli', 0.05, running), ['4101', '4102']);
    assert.deepEqual(calls, [['ip', 'netns', 'pids', 'vb5a03-cli'], ['kill', '-KILL', '4101', '4102']]);
    await running;
  });

  it('a trafgen that ended in time: nothing listed, nothing killed', async () => {
    const { calls, host: h } = host(() => {});
    assert.deepEqual(await watchLeftovers({ host: h }, 'vb5a03-cli', 5, Promise.resolve()), []);
    assert.deepEqual(calls, []);
  });
});
