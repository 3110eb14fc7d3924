// Pure: sweeps that cannot show an effect, from the kernel facts in docs/kernel-facts.md.
import { inapplicableKnobReason } from '../topology/link-kinds.ts';
import type { Point, Plan } from './expand.ts';
import { hasNapi, knobFamilyWarnings } from './knob-warnings.ts';
import { linkSpecOf } from './link-topologies.ts';

function distinct(points: readonly Point[], knob: string): Set<string> {
  return new Set(points.map((p) => String(p.knobs[knob] ?? 'default')));
}

/** `kernelRelease`: the planning host's `uname -r`, for warnings that changed with the kernel (both are stated without it). */
export function planWarnings(plan: Plan, kernelRelease?: string): string[] {
  const warnings: string[] = [];
  const { points } = plan;
  const tcp = points.filter((p) => 'protocol' in p.workload && p.workload.protocol === 'tcp');
  const swept = (list: readonly Point[], knob: string): boolean => distinct(list, knob).size > 1;

  const tsoOn = new Set(tcp.map((p) => String(p.knobs.tso ?? 'on')));
  if (swept(tcp, 'gro') && tsoOn.has('on')) {
    warnings.push(`gro is swept for TCP while the sender keeps TSO on${tsoOn.has('off') ? ' in some points' : ''}: veth passes TSO's large segments through, so GRO should change nothing there (it matters for UDP and TSO-off senders)`);
  }
  const noqueue = points.filter((p) => p.knobs.qdisc === undefined || p.knobs.qdisc === 'noqueue');
  if (swept(noqueue, 'txqueuelen')) {
    warnings.push(`txqueuelen is swept in ${noqueue.length} point(s) with veth's default noqueue qdisc, which ignores it; sweep it together with qdisc (pfifo_fast, pfifo, bfifo, fq, fq_codel)`);
  }
  for (const knob of ['rxChannels', 'txChannels']) {
    const withoutNapi = points.filter((p) => !hasNapi(p));
    if (swept(points, knob) && withoutNapi.length) warnings.push(`${knob} is swept in ${withoutNapi.length} point(s) without NAPI (gro is not on): veth only uses its channels on the NAPI path`);
  }
  const threadedNoGro = points.filter((p) => p.knobs.threaded === 'on' && !hasNapi(p));
  if (threadedNoGro.length) warnings.push(`threaded=on in ${threadedNoGro.length} point(s) without gro=on: veth has no NAPI there, the kernel refuses and those points are skipped`);
  const udpOnly = points.length > 0 && tcp.length === 0;
  for (const knob of ['tso', 'window']) {
    if (udpOnly && swept(points, knob)) warnings.push(`${knob} is swept but every workload is UDP: ${knob === 'tso' ? 'TSO only segments TCP' : 'iperf3 -w sizes UDP socket buffers only, not a TCP window'}`);
  }
  const trafgenShaped = points.filter((p) => p.workload.tool === 'pps' && (p.knobs.qdisc !== undefined || p.knobs.txqueuelen !== undefined));
  if (trafgenShaped.length) warnings.push(`qdisc/txqueuelen are set in ${trafgenShaped.length} pps point(s): trafgen bypasses the qdisc (PACKET_QDISC_BYPASS), so they do not apply to what it sends`);
  const skipped = new Map<string, number>();
  for (const p of points) {
    const reason = inapplicableKnobReason(linkSpecOf(plan.scenario, p.link), p.knobs);
    if (reason) skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  }
  for (const [reason, count] of skipped) warnings.push(`${count} point(s) will be skipped: ${reason}`);
  warnings.push(...knobFamilyWarnings(points, kernelRelease));
  return warnings;
}
