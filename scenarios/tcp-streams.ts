// TCP variants over one veth pair: parallel streams, reverse, both directions at once, block size, zerocopy and
// congestion control. Per-interval goodput is kept with every sample (its CV shows how steady a run was).
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'tcp-streams',
  description: 'iperf3 TCP: -P 1/4, -R, --bidir, -l 16K, -Z, -C reno/bbr on a veth pair',
  topology: { kind: 'pair' },
  workloads: [
    { tool: 'iperf3', protocol: 'tcp' },
    { tool: 'iperf3', protocol: 'tcp', streams: 4 },
    { tool: 'iperf3', protocol: 'tcp', reverse: true },
    { tool: 'iperf3', protocol: 'tcp', bidir: true },
    { tool: 'iperf3', protocol: 'tcp', blockBytes: 16384 },
    { tool: 'iperf3', protocol: 'tcp', zerocopy: true },
    { tool: 'iperf3', protocol: 'tcp', congestion: 'reno' },
    { tool: 'iperf3', protocol: 'tcp', congestion: 'bbr' },
  ],
  repetitions: 3,
  durationS: 5,
  omitS: 1,
});
