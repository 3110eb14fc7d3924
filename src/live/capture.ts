// Captures what diagnose() judges: per namespace the JSON of ip/tc/nft, ip_forward, and pings between the pairs
// that should talk. Every command is read-only except ping (one packet inside the topology).
import type { Host } from '../host/host.ts';
import type { ResolvedTopology } from '../topology/resolve.ts';
import { reachabilityPairs, type NamespaceCapture, type TopologyCapture } from './diagnose.ts';

export async function captureTopology(host: Host, topology: ResolvedTopology, present: readonly string[], withNft: boolean): Promise<TopologyCapture> {
  const out = async (argv: string[], netns: string): Promise<string | undefined> => {
    const r = await host.exec(argv, { netns, timeoutMs: 10_000 });
    return r.exitCode === 0 ? r.stdout : undefined;
  };
  const namespaces: NamespaceCapture[] = [];
  for (const ns of topology.namespaces) {
    if (!present.includes(ns.name)) {
      namespaces.push({ netns: ns.name });
      continue;
    }
    namespaces.push({
      netns: ns.name,
      links: await out(['ip', '-j', '-s', '-d', 'link', 'show'], ns.name),
      addrs: await out(['ip', '-j', 'addr', 'show'], ns.name),
      routes: await out(['ip', '-j', 'route', 'show'], ns.name),
      neigh: await out(['ip', '-j', 'neigh', 'show'], ns.name),
      forwarding: await out(['sysctl', '-n', 'net.ipv4.ip_forward'], ns.name),
      qdiscs: await out(['tc', '-j', '-s', 'qdisc', 'show'], ns.name),
      ...(withNft ? { ruleset: await out(['nft', '-j', 'list', 'ruleset'], ns.name) } : {}),
    });
  }
  const pings = await Promise.all(reachabilityPairs(topology).filter((p) => present.includes(p.from.netns)).map(async (p) => {
    const r = await host.exec(['ping', '-n', '-q', '-c1', '-W1', p.to.address], { netns: p.from.netns, timeoutMs: 5_000 });
    return { from: p.from.netns, to: p.to.address, ok: r.exitCode === 0 };
  }));
  return { namespaces, pings };
}
