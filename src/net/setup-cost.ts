// Pure: the ip commands of one setup-cost cycle — create veth pairs in namespace A, move one end of each into B,
// address both ends, bring them up, delete them. The same operations either one `ip` process per operation or
// batched into three `ip -batch` processes (A's part, B's part, the deletion).

import { formatIpv4, nthSubnet24, parseCidr, type Cidr } from '../topology/ipv4.ts';
import { DEFAULT_ADDRESS_POOL } from '../topology/resolve.ts';
import type { HostCommand } from './command.ts';

export interface SetupCycle {
  /** Run in order; the cycle's time is theirs together. */
  up: HostCommand[];
  down: HostCommand[];
}

interface PairOps {
  inA: string[];
  inB: string[];
  del: string;
}

function pairOps(prefix: string, a: string, b: string, j: number): PairOps {
  const subnet = nthSubnet24(parseCidr(DEFAULT_ADDRESS_POOL) as Cidr, j)!;
  const [x, y] = [`${prefix}sa${j}`, `${prefix}sb${j}`];
  return {
    inA: [`link add name ${x} type veth peer name ${y}`, `link set ${y} netns ${b}`, `addr add ${formatIpv4(subnet + 1)}/24 dev ${x}`, `link set ${x} up`],
    inB: [`addr add ${formatIpv4(subnet + 2)}/24 dev ${y}`, `link set ${y} up`],
    del: `link del ${x}`,
  };
}

const batch = (netns: string, lines: string[]): HostCommand => ({ argv: ['ip', '-n', netns, '-batch', '-'], stdin: lines.map((l) => `${l}\n`).join('') });
const single = (netns: string, line: string): HostCommand => ({ argv: ['ip', '-n', netns, ...line.split(' ')] });

/** `a` and `b` are existing namespaces of the run; nothing is created in the root namespace. */
export function setupCycleCommands(mode: SetupCostMode, prefix: string, a: string, b: string, pairs: number): SetupCycle {
  const ops = Array.from({ length: pairs }, (_, j) => pairOps(prefix, a, b, j));
  if (mode === 'batched') {
    return { up: [batch(a, ops.flatMap((o) => o.inA)), batch(b, ops.flatMap((o) => o.inB))], down: [batch(a, ops.map((o) => o.del))] };
  }
  return {
    up: ops.flatMap((o) => [...o.inA.map((l) => single(a, l)), ...o.inB.map((l) => single(b, l))]),
    down: ops.map((o) => single(a, o.del)),
  };
}

export type SetupCostMode = 'batched' | 'one-at-a-time';
