// Applies a point's knobs family by family (registry order) and merges what each read back.
import { KNOB_FAMILIES } from './registry.ts';
import type { KnobContext, KnobOutcome, KnobSettings } from './types.ts';
import type { HostCommand } from '../net/command.ts';

function ownSettings(knobs: readonly string[], settings: KnobSettings): KnobSettings | undefined {
  const own = Object.fromEntries(Object.entries(settings).filter(([k]) => knobs.includes(k)));
  return Object.keys(own).length ? own : undefined;
}

/** Stops at the first refusal: later knobs may depend on earlier ones (threaded NAPI needs GRO). */
export async function applyKnobs(ctx: KnobContext, settings: KnobSettings): Promise<KnobOutcome> {
  const total: KnobOutcome = { effective: {}, warnings: [] };
  for (const family of KNOB_FAMILIES) {
    const own = ownSettings(family.knobs, settings);
    if (!own) continue;
    const outcome = await family.apply(ctx, own);
    for (const [place, values] of Object.entries(outcome.effective)) total.effective[place] = { ...total.effective[place], ...values };
    total.warnings.push(...outcome.warnings);
    if (outcome.refused) return { ...total, refused: outcome.refused };
  }
  return total;
}

export function knobCommands(ctx: Omit<KnobContext, 'host'>, settings: KnobSettings): HostCommand[] {
  return KNOB_FAMILIES.flatMap((family) => {
    const own = ownSettings(family.knobs, settings);
    return own ? family.commands(ctx, own) : [];
  });
}
