// Every knob family, in the order they are applied within a trial.
import { channelsFamily } from './channels-family.ts';
import { globalSysctlFamily } from './global-sysctl-family.ts';
import { iperf3Family } from './iperf3-family.ts';
import { mtuFamily } from './mtu-family.ts';
import { napiFamily } from './napi-family.ts';
import { netnsSysctlFamily } from './netns-sysctl-family.ts';
import { offloadFamily } from './offload-family.ts';
import { qdiscFamily } from './qdisc-family.ts';
import type { KnobFamily, KnobValue } from './types.ts';

/** Order matters: threaded NAPI needs GRO (offloads) first; pfifo/bfifo read txqueuelen when created. */
const FAMILIES = [mtuFamily, qdiscFamily, offloadFamily, napiFamily, channelsFamily, netnsSysctlFamily, globalSysctlFamily, iperf3Family] as const;
export const KNOB_FAMILIES: readonly KnobFamily[] = FAMILIES;

type Family = (typeof FAMILIES)[number];
type Merged<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** Each knob's value schema, typed per knob: the scenario schema and its public types derive from these. */
export type KnobValueSchemas = Merged<Family['valueSchemas']>;
/** The same for the knobs that take `sides` (link knobs). */
export type SidedKnobValueSchemas = Merged<Extract<Family, { sided: true }>['valueSchemas']>;

export const KNOB_VALUE_SCHEMAS = Object.fromEntries(KNOB_FAMILIES.flatMap((f) => Object.entries(f.valueSchemas))) as KnobValueSchemas;

/** Every matrix key, in application order (also the order of knobs in point keys and labels). */
export const KNOB_NAMES: readonly string[] = KNOB_FAMILIES.flatMap((f) => f.knobs);

/** The kernel's default of a knob (a fresh veth), as the matrix writes it; undefined where it depends on the host. */
export function kernelDefaultOf(knob: string): KnobValue | undefined {
  return familyOf(knob)?.kernelDefault?.[knob];
}

export function familyOf(knob: string): KnobFamily | undefined {
  return KNOB_FAMILIES.find((f) => f.knobs.includes(knob));
}
