// Pure: sweeps of the newer knob families (congestion control, NAPI timing, busy polling, BIG TCP, RPS/XPS, XDP)
// that cannot show an effect, from docs/kernel-facts.md. Where the kernel changed, the warning branches on the
// planning host's kernel release, or states both behaviours when it is not known.
import type { Point } from './expand.ts';
import { kernelAtLeast } from './kernel-version.ts';

const swept = (points: readonly Point[], knob: string): boolean => new Set(points.map((p) => String(p.knobs[knob] ?? 'default'))).size > 1;
const isTcp = (p: Point): boolean => 'protocol' in p.workload && p.workload.protocol === 'tcp' && p.workload.tool !== 'sockperf';
/** veth has NAPI with GRO on or an XDP program attached. */
export const hasNapi = (p: Point): boolean => p.knobs.gro === 'on' || (p.knobs.xdp !== undefined && p.knobs.xdp !== 'off');
const LATENCY_TOOLS = new Set(['sockperf', 'rr', 'crr']);

function congestionWarnings(points: readonly Point[]): string[] {
  const out: string[] = [];
  const bbr = points.filter((p) => (p.knobs.congestionControl === 'bbr' || ('congestion' in p.workload && p.workload.congestion === 'bbr')) && p.knobs.qdisc !== 'fq');
  if (bbr.length) out.push(`BBR in ${bbr.length} point(s) without qdisc fq: BBR paces best over fq; without it TCP paces internally (high-resolution timers, more CPU per byte), and this kernel may lack sch_fq altogether`);
  if (swept(points, 'congestionControl') && !points.some(isTcp)) out.push('congestionControl is swept but no workload is TCP: congestion control only acts on TCP');
  return out;
}

/** Threaded NAPI crossed with qdisc/txqueuelen: what the qdisc does depends on the kernel (veth backpressure, 6.16). */
export function threadedQueueWarning(kernelRelease: string | undefined): string {
  const since = kernelAtLeast(kernelRelease, 6, 16);
  const after = 'since 6.16 veth applies backpressure only when a qdisc is attached: with NAPI on and the peer\'s ring (256 packets) full it stops its tx queue, so the qdisc and its txqueuelen hold the excess (with noqueue it still drops)';
  const before = 'before 6.16 veth drops when the peer\'s NAPI ring is full whatever the qdisc, so qdisc and txqueuelen only act before that ring';
  const text = since === undefined ? `${after}; ${before}` : since ? `${after} (this kernel ${kernelRelease})` : `${before} (this kernel ${kernelRelease})`;
  return `threaded NAPI is crossed with qdisc/txqueuelen: ${text}`;
}

function napiTimingWarnings(points: readonly Point[], kernelRelease: string | undefined): string[] {
  const out: string[] = [];
  for (const knob of ['groFlushTimeout', 'napiDeferHardIrqs']) {
    const withoutNapi = points.filter((p) => p.knobs[knob] !== undefined && !hasNapi(p));
    if (swept(points, knob) && withoutNapi.length) out.push(`${knob} is swept in ${withoutNapi.length} point(s) without NAPI (neither gro on nor XDP): nothing polls there, so it cannot matter`);
  }
  const noTimeout = points.filter((p) => Number(p.knobs.napiDeferHardIrqs ?? 0) > 0 && Number(p.knobs.groFlushTimeout ?? 0) === 0);
  if (noTimeout.length) out.push(`napiDeferHardIrqs > 0 in ${noTimeout.length} point(s) with groFlushTimeout 0: the kernel defers only when gro_flush_timeout is above 0`);
  const threaded = points.some((p) => p.knobs.threaded !== undefined);
  const queued = points.some((p) => p.knobs.qdisc !== undefined || p.knobs.txqueuelen !== undefined);
  if (threaded && queued) out.push(threadedQueueWarning(kernelRelease));
  return out;
}

function busyPollWarnings(points: readonly Point[]): string[] {
  const out: string[] = [];
  for (const knob of ['busyPoll', 'busyRead']) {
    const polling = points.filter((p) => Number(p.knobs[knob] ?? 0) > 0);
    const withoutNapi = polling.filter((p) => !hasNapi(p));
    if (withoutNapi.length) out.push(`${knob} > 0 in ${withoutNapi.length} point(s) without NAPI (neither gro on nor XDP): veth's sockets then carry no NAPI id and there is nothing to busy-poll`);
    if (swept(points, knob) && !points.some((p) => LATENCY_TOOLS.has(p.workload.tool))) out.push(`${knob} is swept without a latency workload (sockperf, rr, crr): busy polling trades CPU for latency, so throughput workloads show only its CPU cost`);
  }
  if (swept(points, 'netdevMaxBacklog') && points.every(hasNapi)) out.push('netdevMaxBacklog is swept but every point has NAPI (gro on or XDP): veth\'s NAPI path queues in its own 256-packet ring, not the per-CPU backlog it limits');
  return out;
}

const tsoOff = (p: Point): boolean => p.knobs.tso === 'off' || p.knobs.gso === 'off' || p.knobs.tx === 'off' || (p.knobs.xdp !== undefined && p.knobs.xdp !== 'off');

function bigTcpWarnings(points: readonly Point[]): string[] {
  const out: string[] = [];
  for (const knob of ['gsoMaxSize', 'gsoIpv4MaxSize']) {
    const off = points.filter((p) => p.knobs[knob] !== undefined && tsoOff(p));
    if (swept(points, knob) && off.length) out.push(`${knob} is swept in ${off.length} point(s) with TSO off (tso, gso or tx off, or XDP attached, which strips TSO from the peer): nothing builds segments above 64 KiB there`);
  }
  for (const knob of ['groMaxSize', 'groIpv4MaxSize']) {
    const off = points.filter((p) => p.knobs[knob] !== undefined && p.knobs.gro !== 'on');
    if (swept(points, knob) && off.length) out.push(`${knob} is swept in ${off.length} point(s) with gro off: without GRO nothing aggregates, so its limit cannot matter (TSO's segments pass veth as they are)`);
  }
  for (const knob of ['gsoMaxSize', 'groMaxSize']) {
    const big = points.filter((p) => Number(p.knobs[knob] ?? 0) > 65536);
    if (swept(points, knob) && big.length) out.push(`${knob} above 65536 in ${big.length} point(s): only IPv6 goes above 64 KiB with it (IPv4 uses ${knob.replace('MaxSize', 'Ipv4MaxSize')} since 6.3 and stays at 64 KiB before), and the topologies carry IPv4 only, so it acts like 65536 there; values at or below 65536 cap IPv4 too`);
  }
  if (points.some((p) => p.knobs.gsoMaxSize !== undefined || p.knobs.gsoIpv4MaxSize !== undefined) && !points.some(isTcp)) out.push('BIG TCP sizes are swept but no workload is TCP');
  return out;
}

/** XDP on veth: TSO/MTU side effects always; how GRO follows an attach changed with the kernel (6.9). */
export function xdpGroText(kernelRelease: string | undefined): string {
  const since = kernelAtLeast(kernelRelease, 6, 9);
  const after = 'since 6.9 attaching or detaching XDP leaves GRO as it was set, so xdp=pass without gro=on runs the NAPI path without aggregating';
  const before = 'before 6.9 attaching XDP to veth also turned GRO on and detaching turned it off, so xdp=pass measured XDP plus GRO';
  return since === undefined ? `${after}; ${before}` : since ? `${after} (this kernel ${kernelRelease})` : `${before} (this kernel ${kernelRelease})`;
}

function xdpWarnings(points: readonly Point[], kernelRelease: string | undefined): string[] {
  // "drop" only goes with pps (trafgen's frames carry no GSO, and nothing reaches GRO): the notes are pass's.
  const attached = points.filter((p) => p.knobs.xdp === 'pass');
  if (!attached.length) return [];
  const out = [`xdp attached in ${attached.length} point(s): while it is, the kernel strips TSO from the peer (veth_fix_features) and caps the MTU at about 3.5 KB, so compare against a reference with tso off, not only against xdp off`];
  if (swept(points, 'xdp')) out.push(`xdp is swept: ${xdpGroText(kernelRelease)}`);
  return out;
}

/** Warnings about the newer knob families; `kernelRelease` is the planning host's (uname -r), when known. */
export function knobFamilyWarnings(points: readonly Point[], kernelRelease?: string): string[] {
  return [...congestionWarnings(points), ...napiTimingWarnings(points, kernelRelease), ...busyPollWarnings(points), ...bigTcpWarnings(points), ...xdpWarnings(points, kernelRelease)];
}
