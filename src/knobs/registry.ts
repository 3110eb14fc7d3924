// Every knob family, in the order they are applied within a trial.
import { bigTcpFamily } from './big-tcp-family.ts';
import { busyPollFamily } from './busy-poll-family.ts';
import { channelsFamily } from './channels-family.ts';
import { congestionFamily } from './congestion-family.ts';
import { globalSysctlFamily } from './global-sysctl-family.ts';
import { iperf3Family } from './iperf3-family.ts';
import { mtuFamily } from './mtu-family.ts';
import { napiFamily } from './napi-family.ts';
import { napiTimingFamily } from './napi-timing-family.ts';
import { netnsSysctlFamily } from './netns-sysctl-family.ts';
import { offloadFamily } from './offload-family.ts';
import { rpsXpsFamily } from './rps-xps-family.ts';
import { qdiscFamily } from './qdisc-family.ts';
import type { KnobFamily, KnobValue } from './types.ts';
import { xdpFamily } from './xdp-family.ts';

/** Order matters: threaded NAPI needs GRO (offloads) or XDP first; pfifo/bfifo read txqueuelen when created; XDP comes
 *  first, so a detach precedes an MTU above its cap (the kernel refuses such an MTU while it is attached); RPS/XPS follow channels (they write every queue). */
const FAMILIES = [
  xdpFamily, mtuFamily, qdiscFamily, offloadFamily, bigTcpFamily, napiFamily, napiTimingFamily, channelsFamily, rpsXpsFamily, netnsSysctlFamily, congestionFamily,
  globalSysctlFamily, busyPollFamily, iperf3Family,
] as const;
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
