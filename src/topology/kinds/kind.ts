// The contract every topology kind fulfils, one module each (like the knob families in src/knobs/): its part of the
// scenario schema, its checks, its resolution into namespaces and devices (the build commands and the path text
// follow from that), what building it needs, and what diagnose checks beyond the resolved plan.
import type { z } from 'zod';
import type { ScenarioProblem } from '../../errors.ts';
import type { Finding, NamespaceCapture } from '../findings.ts';
import type { LinkKind } from '../kernel-kinds.ts';
import type { ResolvedTopology } from '../types.ts';

/** A kind's schema: a strict object whose `kind` is its literal discriminator. */
export type KindSchema = z.ZodObject<{ kind: z.ZodLiteral<string> } & z.ZodRawShape>;

export interface TopologyKind<S extends KindSchema = KindSchema> {
  readonly schema: S;
  /** One sentence for docs and doctor. */
  readonly summary: string;
  /** /24 subnets it carves from the address pool. */
  subnets(spec: z.output<S>): number;
  /** Checks that need no host (names within the kernel's limit and apart, the pool, addresses): path + message. */
  problems(spec: z.output<S>): ScenarioProblem[];
  /** Call only when problems() returned nothing. `subnet(i)` is the i-th /24 of the pool. */
  resolve(spec: z.output<S>, prefix: string, subnet: (i: number) => number): ResolvedTopology;
  /** Programs the build needs besides ip (hostContainer: nft for its NAT rule). */
  readonly programs: readonly string[];
  /** Kernel device kinds (as probed by src/host/capabilities.ts) its build creates besides veth. */
  readonly kernelKinds: readonly LinkKind[];
  /** Whether the links dimension can replace its veth pair by macvlan, ipvlan, netkit or loopback (pair only). */
  readonly otherLinks: boolean;
  /** How plan names the unaddressed devices under the measured ones (`lowers`). */
  readonly lowerLabel: string;
  /** Checks of a live topology this kind adds to the generic checklist of src/live/diagnose.ts. */
  diagnose?(topology: ResolvedTopology, byNamespace: ReadonlyMap<string, NamespaceCapture>): Finding[];
}

/** Identity with inference: a kind module keeps its schema's precise type. */
export function defineTopologyKind<S extends KindSchema>(kind: TopologyKind<S>): TopologyKind<S> {
  return kind;
}
