// Pure: the classic "why can't these two namespaces talk" checklist over captured command output of a live
// topology. Every problem comes with the exact command that fixes it. Capturing is in src/live/capture.ts.
import { parse, type Finding, type NamespaceCapture, type NftRule, type TopologyCapture } from '../topology/findings.ts';
import { topologyKind } from '../topology/kinds/registry.ts';
import type { Endpoint, ResolvedTopology } from '../topology/resolve.ts';

export type { Finding, NamespaceCapture, PingCapture, Severity, TopologyCapture } from '../topology/findings.ts';

/** Every addressed end: the measured links' and the idle ones (a bridge's other containers). */
function addressedEnds(topology: ResolvedTopology): Endpoint[] {
  return [...topology.links.flatMap((l) => [l.a, l.b]), ...(topology.extras ?? [])];
}

interface IpLink { ifname: string; flags?: string[]; operstate?: string; stats64?: { rx?: Record<string, number>; tx?: Record<string, number> } }
interface IpAddr { ifname: string; addr_info?: { family?: string; local?: string; prefixlen?: number }[] }
interface IpRoute { dst: string; gateway?: string; dev?: string }
interface IpNeigh { dst: string; dev?: string; state?: string[] }
interface TcQdisc { kind: string; dev: string; handle?: string; drops?: number }

/** Pairs that should talk: the two ends of every link, client → server end to end, client → each idle end. */
export function reachabilityPairs(topology: ResolvedTopology): { from: Endpoint; to: Endpoint }[] {
  const pairs = topology.links.flatMap((l) => [{ from: l.a, to: l.b }]);
  if (!topology.links.some((l) => l.a.address === topology.client.address && l.b.address === topology.server.address)) {
    pairs.push({ from: topology.client, to: topology.server });
  }
  for (const extra of topology.extras ?? []) pairs.push({ from: topology.client, to: extra });
  return pairs;
}

const COUNTERS = ['errors', 'dropped', 'missed', 'over_errors', 'carrier_errors'] as const;

function linkFindings(topology: ResolvedTopology, byNs: Map<string, NamespaceCapture>): Finding[] {
  const findings: Finding[] = [];
  // Both ends of every veth pair (measured ends, bridge ports), each with its peer, which a missing carrier points at.
  const ends = topology.devices.flatMap((d) => (d.type === 'veth' || d.type === 'netkit' ? [[d.a, d.b], [d.b, d.a]] as const : []));
  for (const [end, peer] of ends) {
    if (end.iface === 'lo') continue;
    const links = parse<IpLink[]>(byNs.get(end.netns)?.links);
    if (!links) continue;
    const link = links.find((l) => l.ifname === end.iface);
    if (!link) {
      findings.push({ severity: 'problem', check: 'link', message: `${end.netns}: interface ${end.iface} is missing`, fix: `vethbench down ${topology.prefix} && vethbench up … (the link cannot be re-created alone)` });
      continue;
    }
    const flags = link.flags ?? [];
    if (!flags.includes('UP')) {
      findings.push({ severity: 'problem', check: 'link', message: `${end.netns}: ${end.iface} is administratively DOWN`, fix: `ip -n ${end.netns} link set ${end.iface} up` });
    } else if (!flags.includes('LOWER_UP')) {
      findings.push({ severity: 'problem', check: 'link', message: `${end.netns}: ${end.iface} is UP but has no carrier (LOWER_UP missing, state ${link.operstate ?? '?'}): its peer ${peer.netns}/${peer.iface} is down`, fix: `ip -n ${peer.netns} link set ${peer.iface} up` });
    }
    for (const dir of ['rx', 'tx'] as const) {
      for (const counter of COUNTERS) {
        const value = link.stats64?.[dir]?.[counter] ?? 0;
        if (value > 0) findings.push({ severity: 'warning', check: 'counters', message: `${end.netns}: ${end.iface} ${dir} ${counter} = ${value} (ip -s link)`, fix: `ip -n ${end.netns} -s link show ${end.iface}` });
      }
    }
  }
  return findings;
}

function addressFindings(topology: ResolvedTopology, byNs: Map<string, NamespaceCapture>): Finding[] {
  const findings: Finding[] = [];
  for (const end of addressedEnds(topology)) {
    const addrs = parse<IpAddr[]>(byNs.get(end.netns)?.addrs);
    if (!addrs) continue;
    const own = addrs.find((a) => a.ifname === end.iface)?.addr_info?.filter((i) => i.family === 'inet') ?? [];
    const exact = own.find((i) => i.local === end.address);
    if (!exact) {
      findings.push({ severity: 'problem', check: 'address', message: `${end.netns}: ${end.iface} lacks ${end.address}/${end.prefixLength}${own.length ? ` (has ${own.map((i) => `${i.local}/${i.prefixlen}`).join(', ')})` : ''}`, fix: `ip -n ${end.netns} addr add ${end.address}/${end.prefixLength} dev ${end.iface}` });
    } else if (exact.prefixlen !== end.prefixLength) {
      findings.push({ severity: 'problem', check: 'address', message: `${end.netns}: ${end.iface} has ${end.address}/${exact.prefixlen}, not /${end.prefixLength}: the ends are not on the same subnet`, fix: `ip -n ${end.netns} addr del ${end.address}/${exact.prefixlen} dev ${end.iface} && ip -n ${end.netns} addr add ${end.address}/${end.prefixLength} dev ${end.iface}` });
    }
  }
  return findings;
}

function routeFindings(topology: ResolvedTopology, byNs: Map<string, NamespaceCapture>): Finding[] {
  const findings: Finding[] = [];
  for (const ns of topology.namespaces) {
    const routes = parse<IpRoute[]>(byNs.get(ns.name)?.routes);
    if (!routes) continue;
    for (const want of ns.routes) {
      const have = routes.find((r) => r.dst === want.to);
      if (!have) {
        findings.push({ severity: 'problem', check: 'route', message: `${ns.name}: no ${want.to === 'default' ? 'default route' : `route to ${want.to}`} (want via ${want.via})`, fix: `ip -n ${ns.name} route add ${want.to} via ${want.via}` });
      } else if (have.gateway !== want.via) {
        findings.push({ severity: 'problem', check: 'route', message: `${ns.name}: ${want.to} goes via ${have.gateway ?? `dev ${have.dev ?? '?'}`}, not ${want.via}`, fix: `ip -n ${ns.name} route replace ${want.to} via ${want.via}` });
      }
    }
  }
  return findings;
}

function forwardingFindings(topology: ResolvedTopology, byNs: Map<string, NamespaceCapture>): Finding[] {
  return topology.namespaces.flatMap((ns): Finding[] => {
    const value = byNs.get(ns.name)?.forwarding?.trim();
    if (!ns.forwarding || value === undefined || value === '1') return [];
    return [{ severity: 'problem', check: 'forwarding', message: `${ns.name}: routes between its links but net.ipv4.ip_forward = ${value}`, fix: `ip netns exec ${ns.name} sysctl -w net.ipv4.ip_forward=1` }];
  });
}

function neighbourFindings(byNs: Map<string, NamespaceCapture>): Finding[] {
  return [...byNs.values()].flatMap((c) => (parse<IpNeigh[]>(c.neigh) ?? [])
    .filter((n) => n.state?.includes('FAILED') || n.state?.includes('INCOMPLETE'))
    .map((n): Finding => ({ severity: 'warning', check: 'neighbour', message: `${c.netns}: neighbour ${n.dst} on ${n.dev ?? '?'} is ${n.state!.join(',')} (no ARP reply)`, fix: `ip -n ${c.netns} neigh flush dev ${n.dev ?? ''}`.trim() })));
}

function qdiscFindings(byNs: Map<string, NamespaceCapture>): Finding[] {
  return [...byNs.values()].flatMap((c) => (parse<TcQdisc[]>(c.qdiscs) ?? [])
    .filter((q) => (q.drops ?? 0) > 0)
    .map((q): Finding => ({ severity: 'warning', check: 'qdisc', message: `${c.netns}: qdisc ${q.kind} on ${q.dev} dropped ${q.drops} packet(s)`, fix: `ip netns exec ${c.netns} tc -s qdisc show dev ${q.dev}` })));
}

/** A rule whose verdict is drop (or reject): a firewall rule that may be eating the traffic. */
function firewallFindings(byNs: Map<string, NamespaceCapture>): Finding[] {
  const findings: Finding[] = [];
  for (const c of byNs.values()) {
    const ruleset = parse<{ nftables?: Record<string, unknown>[] }>(c.ruleset);
    for (const item of ruleset?.nftables ?? []) {
      const rule = item.rule as NftRule | undefined;
      if (!rule) continue;
      const verdict = (rule.expr ?? []).find((e) => 'drop' in e || 'reject' in e);
      if (!verdict) continue;
      findings.push({
        severity: 'problem', check: 'firewall',
        message: `${c.netns}: nftables rule ${rule.family} ${rule.table} ${rule.chain} handle ${rule.handle} ${'drop' in verdict ? 'drops' : 'rejects'} packets`,
        fix: `ip netns exec ${c.netns} nft delete rule ${rule.family} ${rule.table} ${rule.chain} handle ${rule.handle}`,
      });
    }
    // Chains with a drop policy drop whatever no rule accepts.
    for (const item of ruleset?.nftables ?? []) {
      const chain = item.chain as { family: string; table: string; name: string; hook?: string; policy?: string } | undefined;
      if (chain?.policy === 'drop') {
        findings.push({ severity: 'problem', check: 'firewall', message: `${c.netns}: nftables chain ${chain.family} ${chain.table} ${chain.name} (${chain.hook ?? 'no hook'}) has policy drop`, fix: `ip netns exec ${c.netns} nft chain ${chain.family} ${chain.table} ${chain.name} '{ policy accept; }'` });
      }
    }
  }
  return findings;
}

function reachabilityFindings(capture: TopologyCapture, explained: boolean): Finding[] {
  return capture.pings.filter((p) => !p.ok).map((p): Finding => ({
    severity: 'problem', check: 'reachability',
    message: `${p.from} cannot ping ${p.to}${explained ? ' (see the findings above)' : ''}`,
    fix: `ip netns exec ${p.from} ping -c1 -W1 ${p.to}`,
  }));
}

/** Every finding, problems first in checklist order. Empty: healthy. */
export function diagnose(topology: ResolvedTopology, capture: TopologyCapture): Finding[] {
  const byNs = new Map(capture.namespaces.map((c) => [c.netns, c]));
  const missing = topology.namespaces.filter((ns) => byNs.get(ns.name)?.links === undefined).map((ns): Finding => ({
    severity: 'problem', check: 'namespace', message: `namespace ${ns.name} is gone`, fix: `vethbench down ${topology.prefix} (then bring the topology up again)`,
  }));
  const causes = [
    ...missing,
    ...linkFindings(topology, byNs),
    ...addressFindings(topology, byNs),
    ...routeFindings(topology, byNs),
    ...forwardingFindings(topology, byNs),
    ...firewallFindings(byNs),
    // What the topology's kind checks beyond the plan's routes and forwarding (hostContainer: its NAT rule).
    ...(topologyKind(topology.kind)?.diagnose?.(topology, byNs) ?? []),
  ];
  const all = [...causes, ...neighbourFindings(byNs), ...qdiscFindings(byNs), ...reachabilityFindings(capture, causes.some((f) => f.severity === 'problem'))];
  return [...all.filter((f) => f.severity === 'problem'), ...all.filter((f) => f.severity === 'warning')];
}

export function healthy(findings: readonly Finding[]): boolean {
  return !findings.some((f) => f.severity === 'problem');
}
