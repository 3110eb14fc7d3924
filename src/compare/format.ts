// Numbers as people read them: metric values in their display unit, signed percentages, p-values.
import type { Unit } from '../stats/metrics.ts';

const SCALE: Partial<Record<Unit, { divisor: number; unit: string; digits: number }>> = {
  'bit/s': { divisor: 1e9, unit: 'Gbit/s', digits: 2 },
  'packets/s': { divisor: 1e6, unit: 'Mpps', digits: 3 },
  '%': { divisor: 1, unit: '%', digits: 1 },
  ms: { divisor: 1, unit: 'ms', digits: 3 },
  'µs': { divisor: 1, unit: 'µs', digits: 1 },
};

/** The number in the unit's display scale, without the unit: 24.1e9 bit/s → "24.10"; counts stay whole when they are. */
function formatNumber(value: number, unit: Unit): string {
  const s = SCALE[unit];
  return s ? (value / s.divisor).toFixed(s.digits) : value.toFixed(Number.isInteger(value) ? 0 : 1);
}

/** "24.10 Gbit/s"; counts without a unit. */
export function formatValue(value: number, unit: Unit): string {
  const s = SCALE[unit];
  return s ? `${formatNumber(value, unit)} ${s.unit}` : formatNumber(value, unit);
}

export function formatRange(low: number, high: number, unit: Unit): string {
  return `${formatNumber(low, unit)}–${formatNumber(high, unit)}`;
}

export function signedPercent(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}%`;
}

/** Δ of the medians; "from 0" when the base median is 0 and a percentage means nothing. */
export function formatDelta(deltaPercent: number | null, baseMedian: number, newMedian: number): string {
  if (deltaPercent !== null) return signedPercent(deltaPercent);
  return newMedian === baseMedian ? '±0' : 'from 0';
}

export function formatP(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}
