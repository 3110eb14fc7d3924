// Every topology kind, in the order docs and messages list them. The scenario schema's `topology` is the union of
// their schemas, so a new kind is one module here and nothing else.
import type { z } from 'zod';
import { bridgeKind } from './bridge.ts';
import { chainKind } from './chain.ts';
import { hostContainerKind } from './host-container.ts';
import type { TopologyKind } from './kind.ts';
import { pairKind } from './pair.ts';
import { routerKind } from './router.ts';

export const TOPOLOGY_KINDS = [pairKind, routerKind, bridgeKind, hostContainerKind, chainKind] as const;

type KindModule = (typeof TOPOLOGY_KINDS)[number];
export type TopologySchema = KindModule['schema'];
/** A topology as the scenario wrote it (before defaults). */
export type TopologyInput = z.input<TopologySchema>;
/** A validated topology. */
export type TopologySpec = z.output<TopologySchema>;
export type TopologyKindName = TopologySpec['kind'];

/** The schema options of the `topology` union, in registry order (a non-empty tuple, as z.discriminatedUnion needs). */
export const TOPOLOGY_SCHEMAS = TOPOLOGY_KINDS.map((k) => k.schema) as unknown as [TopologySchema, ...TopologySchema[]];

/** The module of a kind name (from a resolved topology or live state), or undefined for one this build does not know. */
export function topologyKind(kind: string): TopologyKind | undefined {
  return TOPOLOGY_KINDS.find((k) => k.schema.shape.kind.value === kind) as TopologyKind | undefined;
}

/** The module of a validated spec. */
export function kindOf(spec: Pick<TopologySpec, 'kind'>): TopologyKind {
  const kind = topologyKind(spec.kind);
  if (!kind) throw new Error(`unknown topology kind ${spec.kind}`);
  return kind;
}
