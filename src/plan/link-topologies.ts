// Pure: the topology of every link kind a plan measures (each in its own namespaces, so all can be up at once),
// and why a point cannot run on this host (its kind is missing, or a knob has nothing to act on).
import type { KindSupport } from '../topology/kernel-kinds.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { kindOf } from '../topology/kinds/registry.ts';
import { inapplicableKnobReason, linkName, unsupportedReason, type LinkSpec } from '../topology/link-kinds.ts';
import { resolveTopology, type ResolvedTopology } from '../topology/resolve.ts';
import type { Point } from './expand.ts';

/** Link name → its topology, in the scenario's order. */
export function resolveLinkTopologies(scenario: Scenario, prefix: string): Map<string, ResolvedTopology> {
  return new Map(scenario.links.map((link) => [linkName(link), resolveTopology(scenario.topology, prefix, link)]));
}

export function linkSpecOf(scenario: Scenario, link: string): LinkSpec {
  const spec = scenario.links.find((l) => linkName(l) === link);
  if (!spec) throw new Error(`point link ${link} is not one of the scenario's links`);
  return spec;
}

/** Why the topology's own devices cannot be built here (a bridge topology on a kernel without bridges), or undefined. */
function topologyUnsupported(scenario: Scenario, capabilities: readonly KindSupport[]): string | undefined {
  for (const kind of kindOf(scenario.topology).kernelKinds) {
    const support = capabilities.find((c) => c.kind === kind);
    if (support && !support.supported) return `the ${scenario.topology.kind} topology needs ${kind}: ${support.reason ?? 'not supported on this host'}`;
  }
  return undefined;
}

/** Why the point is skipped rather than measured, or undefined when it can run. */
export function pointSkipReason(scenario: Scenario, point: Point, capabilities: readonly KindSupport[]): string | undefined {
  const spec = linkSpecOf(scenario, point.link);
  return topologyUnsupported(scenario, capabilities) ?? unsupportedReason(spec, capabilities) ?? inapplicableKnobReason(spec, point.knobs);
}
