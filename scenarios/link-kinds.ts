// Which link kind for this workload, and what does each cost? veth against macvlan, ipvlan and netkit, with
// loopback (client and server in one namespace over lo) as the upper bound. Every kind gets its own namespaces
// with the same addresses and the same iperf3 commands; a kind this host lacks is skipped with the probe's reason.
// After the run a second table gives Gbit/s, Mpps, CPU % per Gbit/s and each kind's ratio to loopback and to veth.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'link-kinds',
  description: 'veth vs macvlan (bridge, vepa), ipvlan (l2, l3, l3s), netkit (l2, l3) and loopback: TCP 1 and 4 streams, UDP 64-byte datagrams',
  topology: { kind: 'pair' },
  links: ['veth', 'macvlan:bridge', 'macvlan:vepa', 'ipvlan:l2', 'ipvlan:l3', 'ipvlan:l3s', 'netkit:l3', 'netkit:l2', 'loopback'],
  workloads: [
    { tool: 'iperf3', protocol: 'tcp' },
    { tool: 'iperf3', protocol: 'tcp', streams: 4 },
    { tool: 'iperf3', protocol: 'udp', bitrate: '0', lengthBytes: 64 },
  ],
  repetitions: 3,
  durationS: 5,
  omitS: 1,
});
