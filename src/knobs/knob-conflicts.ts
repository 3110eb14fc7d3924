// Pure: knob values that are valid alone but cannot be combined, refused when the scenario is validated (exit 2,
// nothing built): a namespace congestion-control default beside a workload's own iperf3 -C, and MTUs above what
// veth allows while XDP is attached; XDP_DROP beside a workload that needs its frames delivered.
import type { ScenarioProblem } from '../errors.ts';
import type { KnobValue } from './types.ts';

/**
 * veth's MTU ceiling while a program without multi-buffer support is attached (veth_xdp_set): one 4 KiB page minus
 * XDP headroom (256) and skb_shared_info (320), minus the Ethernet header. The kernel refuses to attach above it.
 */
export const XDP_MAX_MTU = 3506;

type Rule = Record<string, KnobValue | undefined> & { workload?: string };

interface ConflictInput {
  matrix: Record<string, KnobValue[]>;
  exclude: readonly Rule[];
  include: readonly Rule[];
  /** The scenario's workload entries as written (index = the `workloads[i]` path). */
  workloads: readonly unknown[];
}

function workloadCongestion(workload: unknown): string | undefined {
  const w = workload as { tool?: unknown; congestion?: unknown } | null;
  return w && w.tool === 'iperf3' && typeof w.congestion === 'string' ? w.congestion : undefined;
}

function congestionProblems(input: ConflictInput): ScenarioProblem[] {
  const namespaceDefault = input.matrix.congestionControl !== undefined || input.include.some((r) => r.congestionControl !== undefined);
  if (!namespaceDefault) return [];
  return input.workloads.flatMap((w, i) => {
    const own = workloadCongestion(w);
    return own === undefined ? [] : [{
      path: `workloads[${i}].congestion`,
      message: `"${own}" (iperf3 -C) overrides the namespaces' default that matrix.congestionControl sweeps, so that sweep would measure nothing; drop one of them`,
    }];
  });
}

/** XDP_DROP drops every frame at the receiving driver: only pps (counting at the receiver's rx_packets) measures that. */
function xdpDropProblems(input: ConflictInput): ScenarioProblem[] {
  if (!(input.matrix.xdp ?? []).includes('drop') && !input.include.some((r) => r.xdp === 'drop')) return [];
  return input.workloads.flatMap((w, i) => {
    const tool = (w as { tool?: unknown } | null)?.tool;
    return tool === 'pps' ? [] : [{
      path: `workloads[${i}].tool`,
      message: `xdp "drop" drops every frame at the receiver, so a ${String(tool)} workload would fail every sample; only the pps workload measures it (at the receiver's rx_packets): put the drop sweep in a scenario of pps workloads`,
    }];
  });
}

/** An exclude rule that names only xdp and mtu (and matches this combination) removes it from the product. */
function excluded(exclude: readonly Rule[], xdp: KnobValue, mtu: KnobValue): boolean {
  return exclude.some((r) => Object.keys(r).every((k) => k === 'xdp' || k === 'mtu') && (r.xdp === undefined || r.xdp === xdp) && (r.mtu === undefined || r.mtu === mtu));
}

function xdpMtuProblems(input: ConflictInput): ScenarioProblem[] {
  const tooBig = (mtu: unknown): mtu is number => typeof mtu === 'number' && mtu > XDP_MAX_MTU;
  const why = (mtu: number) => `${mtu} is above ${XDP_MAX_MTU}, the largest MTU veth takes while an XDP program without multi-buffer support is attached (one 4 KiB page); the kernel refuses to attach it`;
  const problems: ScenarioProblem[] = [];
  const attached = (input.matrix.xdp ?? []).filter((x) => x !== 'off');
  (input.matrix.mtu ?? []).forEach((mtu, i) => {
    const hit = attached.find((x) => tooBig(mtu) && !excluded(input.exclude, x, mtu));
    if (hit !== undefined && tooBig(mtu)) problems.push({ path: `matrix.mtu[${i}]`, message: `${why(mtu)} and matrix.xdp has "${hit}"; add exclude: [{ xdp: '${hit}', mtu: ${mtu} }] or lower the MTU` });
  });
  input.include.forEach((rule, i) => {
    if (rule.xdp !== undefined && rule.xdp !== 'off' && tooBig(rule.mtu)) problems.push({ path: `include[${i}].mtu`, message: `${why(rule.mtu)} with xdp "${rule.xdp}"` });
  });
  return problems;
}

export function knobConflictProblems(input: ConflictInput): ScenarioProblem[] {
  return [...congestionProblems(input), ...xdpMtuProblems(input), ...xdpDropProblems(input)];
}
