// Every knob family, in the order they are applied within a trial.
import { offloadFamily } from './offload-family.ts';
import type { KnobFamily } from './types.ts';

export const KNOB_FAMILIES: readonly KnobFamily[] = [offloadFamily];

/** Every matrix key, in application order (also the order of knobs in point keys and labels). */
export const KNOB_NAMES: readonly string[] = KNOB_FAMILIES.flatMap((f) => f.knobs);

export function familyOf(knob: string): KnobFamily | undefined {
  return KNOB_FAMILIES.find((f) => f.knobs.includes(knob));
}
