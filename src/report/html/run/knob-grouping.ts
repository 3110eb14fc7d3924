// Pure: how the per-metric charts lay a sweep out — one swept knob on the x axis, the other swept knobs as colour —
// instead of one combined label per point ("gro=off tso=on"). The x knob is the first swept one in the points' own
// order (the scenario's matrix order); with no knob swept the setting itself is the axis.
import type { PointResult } from '../../../results/schema.ts';
import { distinct, pointView } from './report-data.ts';

export interface KnobGrouping {
  /** The knob on the x axis (undefined: nothing swept, the setting is the axis). */
  xKnob: string | undefined;
  xTitle: string | null;
  xLevels: string[];
  groupTitle: string;
  groups: string[];
  /** setting → its x level and colour group; also a lookup table for the shared samples dataset. */
  of: Map<string, { xLevel: string; group: string }>;
  table: { setting: string; xLevel: string; group: string }[];
  /** One sentence on how to read the layout. */
  caption: string;
}

export function knobGrouping(points: readonly PointResult[]): KnobGrouping {
  const knobs = distinct(points.flatMap((p) => Object.keys(p.requested)));
  const swept = knobs.filter((k) => new Set(points.map((p) => String(p.requested[k]))).size > 1);
  const [xKnob, ...rest] = swept;
  const of = new Map<string, { xLevel: string; group: string }>();
  for (const p of points) {
    const { setting } = pointView(p);
    if (!xKnob) { of.set(setting, { xLevel: setting, group: setting }); continue; }
    const xLevel = String(p.requested[xKnob]);
    const group = rest.length ? rest.map((k) => `${k}=${String(p.requested[k])}`).join(' ') : `${xKnob}=${xLevel}`;
    of.set(setting, { xLevel, group });
  }
  const values = [...of.values()];
  const table = [...of].map(([setting, v]) => ({ setting, ...v }));
  const caption = !xKnob ? 'One bar per setting.'
    : rest.length ? `x: ${xKnob}; colour: ${rest.join(', ')} — the effect of ${xKnob} is the step between bars of one colour.`
      : `x: ${xKnob}.`;
  return {
    xKnob, xTitle: xKnob ?? null, xLevels: distinct(values.map((v) => v.xLevel)),
    groupTitle: rest.length ? rest.join(' ') : (xKnob ?? 'setting'), groups: distinct(values.map((v) => v.group)), of, table, caption,
  };
}
