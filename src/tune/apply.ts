// How to apply a recommendation on one's own system: each knob family's apply lines for the knobs the recommendation
// sets away from the kernel default (setting a default changes nothing). vethbench prints them; it never runs them.
import { KNOB_FAMILIES } from '../knobs/registry.ts';
import type { ApplyLine, KnobSettings } from '../knobs/types.ts';
import { nonDefaultKnobs } from './candidates.ts';

export function tuneApplyLines(knobs: KnobSettings): { lines: ApplyLine[]; missing: string[] } {
  const changed = new Set(nonDefaultKnobs(knobs));
  const lines: ApplyLine[] = [];
  const missing: string[] = [];
  for (const family of KNOB_FAMILIES) {
    const settings = Object.fromEntries(Object.entries(knobs).filter(([k]) => family.knobs.includes(k) && changed.has(k)));
    if (Object.keys(settings).length === 0) continue;
    if (!family.applyLines) { missing.push(...Object.keys(settings)); continue; }
    lines.push(...family.applyLines(settings));
  }
  return { lines, missing };
}
