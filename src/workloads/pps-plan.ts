// Pure: one packet-rate trial — snapshot the counters (sender tx, receiver rx/dropped, the receiver's nstat; the
// link reads also give both ends' MACs), run trafgen for the duration, snapshot again. Frames go from the client end to the server end
// of the pair's veth, addressed to the server's MAC and IP; counted where they arrive. The runner runs exactly these.
import type { HostCommand } from '../net/command.ts';
import type { ResolvedTopology } from '../topology/resolve.ts';
import { trafgenCommand, trafgenPacket } from '../tools/trafgen-args.ts';
import type { TrialInput } from './kind.ts';
import { PPS_HEADER_BYTES, type PpsWorkload } from '../scenario/pps-spec.ts';

/** The UDP destination port: the session's iperf3 port + 300, on which nothing listens. */
export const PPS_PORT_OFFSET = 300;

export interface Counters {
  senderLink: HostCommand;
  receiverLink: HostCommand;
  receiverNstat: HostCommand;
}

export interface PpsTrial {
  counters: Counters;
  trafgen(macs: { sender: string; receiver: string }): HostCommand;
}

/** Why this topology cannot carry the workload, or undefined. */
export function ppsUnsupported(topology: ResolvedTopology): string | undefined {
  if (topology.kind !== 'pair' || topology.link !== 'veth') return `pps needs topology pair over veth (trafgen's frames go to the peer's MAC); this point is ${topology.kind} over ${topology.link}`;
  return undefined;
}

export function ppsTrial({ topology, port, workload, timing }: TrialInput<PpsWorkload>): PpsTrial {
  const { client, server } = topology;
  const link = (e: typeof client): HostCommand => ({ argv: ['ip', '-s', '-j', 'link', 'show', 'dev', e.iface], netns: e.netns });
  return {
    counters: { senderLink: link(client), receiverLink: link(server), receiverNstat: { argv: ['nstat', '-asz'], netns: server.netns } },
    trafgen: (macs) => trafgenCommand(client, trafgenPacket({
      srcMac: macs.sender, dstMac: macs.receiver, srcAddress: client.address, dstAddress: server.address,
      dstPort: port + PPS_PORT_OFFSET, payloadBytes: workload.frameBytes - PPS_HEADER_BYTES,
    }), workload.cpus, timing.durationS),
  };
}

export function ppsCommands(input: TrialInput<PpsWorkload>): HostCommand[] {
  const t = ppsTrial(input);
  const { client, server } = input.topology;
  const snapshot = [t.counters.senderLink, t.counters.receiverLink, t.counters.receiverNstat];
  return [
    ...snapshot,
    t.trafgen({ sender: `<MAC of ${client.netns}/${client.iface}>`, receiver: `<MAC of ${server.netns}/${server.iface}>` }),
    ...snapshot,
  ];
}
