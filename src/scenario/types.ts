// The public scenario API: what a scenario file's default export looks like. Every type here is derived from the
// zod schema (src/scenario/schema.ts) and the registries it is built from, so editors check exactly what vethbench
// validates. Field documentation lives on the schema and shows in editors through these types.
import type { z } from 'zod';
import type { Qdisc } from '../knobs/qdisc-family.ts';
import type { bridgeKind } from '../topology/kinds/bridge.ts';
import type { chainKind } from '../topology/kinds/chain.ts';
import type { hostContainerKind } from '../topology/kinds/host-container.ts';
import type { pairKind } from '../topology/kinds/pair.ts';
import type { TopologyInput } from '../topology/kinds/registry.ts';
import type { routerKind } from '../topology/kinds/router.ts';
import type { LinkName } from '../topology/link-kinds.ts';
import type { ScenarioInput } from './schema.ts';
import type { densitySchema, iperf3TcpSchema, iperf3UdpSchema, setupCostSchema, sockperfSchema } from './workload-schema.ts';

export type { LinkName, Qdisc };
export type OnOff = 'on' | 'off';

/** Two namespaces joined by one veth pair: client ⇄ server. */
export type PairTopology = z.input<(typeof pairKind)['schema']>;
/** client ⇄ router ⇄ server, forwarding on in the router namespace only. */
export type RouterTopology = z.input<(typeof routerKind)['schema']>;
/** The docker0 model: N container namespaces on one Linux bridge in a "host" namespace. */
export type BridgeTopology = z.input<(typeof bridgeKind)['schema']>;
/** client ⇄ router 0 ⇄ … ⇄ router K-1 ⇄ server. */
export type ChainTopology = z.input<(typeof chainKind)['schema']>;
/** container ⇄ host (forwarding, nftables MASQUERADE) ⇄ remote. */
export type HostContainerTopology = z.input<(typeof hostContainerKind)['schema']>;
export type TopologySpec = TopologyInput;

/** Each knob lists the values to sweep; the matrix is their cartesian product (minus `exclude`, plus `include`). */
export type KnobMatrix = NonNullable<ScenarioInput['matrix']>;
export type KnobName = keyof KnobMatrix;
/** A partial knob setting (and optionally a workload label) that `exclude` drops or `include` adds. */
export type KnobRule = NonNullable<ScenarioInput['exclude']>[number];
/** Which veth ends each link knob applies to. Only link knobs have sides. */
export type Sides = NonNullable<ScenarioInput['sides']>;

export type Iperf3TcpWorkload = z.input<typeof iperf3TcpSchema>;
export type Iperf3UdpWorkload = z.input<typeof iperf3UdpSchema>;
export type SockperfWorkload = z.input<typeof sockperfSchema>;
export type DensityWorkload = z.input<typeof densitySchema>;
export type SetupCostWorkload = z.input<typeof setupCostSchema>;
export type Workload = ScenarioInput['workloads'][number];
export type { CrrWorkloadInput } from './crr-spec.ts';
export type { FlowsWorkloadInput } from './flows-spec.ts';
export type { PpsWorkloadInput } from './pps-spec.ts';
export type { RrWorkloadInput } from './rr-spec.ts';

export type ScenarioDefinition = ScenarioInput;

/** Identity at run time; gives the scenario file type-checking and completion in an editor. Not generic, so that an
 *  object literal gets TypeScript's excess-property check: a misplaced field is an error in the editor too. */
export function defineScenario(scenario: ScenarioDefinition): ScenarioDefinition {
  return scenario;
}
