// Pure: trafgen (netsniff-ng 0.6.8) argument vectors. trafgen changes the host by default — it raises the global
// net.core socket-memory sysctls and moves NIC IRQ affinity, and puts them back only on a clean exit — so it always
// runs with --no-sock-mem and --notouch-irq (the long forms of -A and -Q: 0.6.8's getopt string lacks 'A', so
// `-A` is refused there). It sends through a PF_PACKET ring with PACKET_QDISC_BYPASS (its default since 3.14):
// the qdisc, and with it txqueuelen, does not apply. It stops, printing its counts, on SIGINT: `timeout -s INT`.
// With --cpus 2 a forked sender sometimes misses that SIGINT and goes on sending after the main process has exited
// (seen here: 9 minutes at 100 % of a CPU, holding the output pipe, so the run hung): the pps runner's watchdog
// (src/workloads/pps.ts) kills what is left in the sender's namespace, by pid.
import type { HostCommand } from '../net/command.ts';
import type { Endpoint } from '../topology/resolve.ts';

/** Ports of the generated UDP datagrams: nothing listens on the destination, so they end as UdpNoPorts. */
export const PPS_SOURCE_PORT = 40000;

export interface FrameSpec {
  srcMac: string;
  dstMac: string;
  srcAddress: string;
  dstAddress: string;
  dstPort: number;
  /** UDP payload bytes: frame bytes − 42. */
  payloadBytes: number;
}

/** One valid Ethernet/IPv4/UDP frame in trafgen's packet language (checksums computed by trafgen). */
export function trafgenPacket(f: FrameSpec): string {
  return `{ eth(da=${f.dstMac}, sa=${f.srcMac}, type=0x0800), ipv4(saddr=${f.srcAddress}, daddr=${f.dstAddress}, ttl=64), udp(sport=${PPS_SOURCE_PORT}, dport=${f.dstPort}), fill(0x00, ${f.payloadBytes}) }`;
}

export function trafgenCommand(from: Endpoint, packet: string, cpus: number, durationS: number): HostCommand {
  return {
    argv: ['timeout', '-s', 'INT', String(durationS), 'trafgen', '--dev', from.iface, '--cpus', String(cpus), '--no-sock-mem', '--notouch-irq', packet],
    netns: from.netns,
  };
}

/** timeout exits 124 when it had to send the signal: that is the normal end of a timed trafgen run. */
export function trafgenEndedNormally(exitCode: number | undefined): boolean {
  return exitCode === 124 || exitCode === 0;
}
