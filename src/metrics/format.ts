// The one number formatter: metric values in their display unit, percentages, p-values, ratios and durations,
// shared by the terminal, markdown, HTML pages and CSV headers. Three significant digits everywhere, so the same
// value reads the same in every output.
import { metricSpec, type Unit } from './registry.ts';

export interface Display {
  /** Unit of the displayed value ('' for plain counts). */
  unit: string;
  /** Stored value × scale = displayed value. */
  scale: number;
}

const DISPLAY: Partial<Record<Unit, Display>> = {
  'bit/s': { unit: 'Gbit/s', scale: 1e-9 },
  'packets/s': { unit: 'Mpps', scale: 1e-6 },
  bytes: { unit: 'GB', scale: 1e-9 },
  count: { unit: '', scale: 1 },
  packets: { unit: '', scale: 1 },
  ratio: { unit: '', scale: 1 },
  'packets per CPU-second': { unit: 'Mpps per core', scale: 1e-6 },
};

export function displayOf(unit: Unit): Display {
  return DISPLAY[unit] ?? { unit, scale: 1 };
}

export interface MetricDisplay extends Display {
  name: string;
  label: string;
}

/** Label and display unit of a metric; a name the registry lacks is shown as it is. */
export function metricDisplay(name: string): MetricDisplay {
  const spec = metricSpec(name);
  if (!spec) return { name, label: name, unit: '', scale: 1 };
  return { name, label: spec.label.charAt(0).toUpperCase() + spec.label.slice(1), ...displayOf(spec.unit) };
}

/** "Throughput (Gbit/s)". */
export function axisTitle(d: MetricDisplay): string {
  return d.unit ? `${d.label} (${d.unit})` : d.label;
}

/** Three significant digits without exponent: 31.96 → "32.0", 0.3094 → "0.309", 1648 → "1,648". */
export function significant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  if (value === 0) return '0';
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value))));
  return value.toFixed(decimals);
}

/** The displayed number: three significant digits, but a whole count stays whole (2 retransmits → "2", not "2.00"). */
function displayedNumber(stored: number, d: Display): string {
  const shown = stored * d.scale;
  return d.unit === '' && d.scale === 1 && Number.isInteger(shown) ? shown.toLocaleString('en-US') : significant(shown);
}

/** A stored value in its unit's display scale, without the unit: 24.1e9 bit/s → "24.1". */
export function formatNumber(stored: number, unit: Unit): string {
  return displayedNumber(stored, displayOf(unit));
}

/** "24.1 Gbit/s"; counts without a unit. */
export function formatValue(stored: number, unit: Unit): string {
  return metricText(stored, displayOf(unit));
}

/** A stored value in a metric's display: 31.39e9 with Gbit/s → "31.4 Gbit/s". */
export function metricText(stored: number, d: Display): string {
  const text = displayedNumber(stored, d);
  return d.unit ? `${text} ${d.unit}` : text;
}

/** A metric's stored value with its display unit, "–" when absent. */
export function formatMetric(stored: number | undefined, name: string): string {
  if (stored === undefined) return '–';
  const spec = metricSpec(name);
  return spec ? formatValue(stored, spec.unit) : significant(stored);
}

export function formatRange(low: number, high: number, unit: Unit): string {
  return `${formatNumber(low, unit)}–${formatNumber(high, unit)}`;
}

export function signedPercent(x: number): string {
  return `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}%`;
}

/** A signed stored value in its unit's display scale, without the unit: +1.00, −0.500, 0. */
export function signedNumber(stored: number, unit: Unit): string {
  const text = formatNumber(Math.abs(stored), unit);
  return stored > 0 ? `+${text}` : stored < 0 ? `−${text}` : text;
}

/** The unit a shift in stored `unit` reads in: a difference of percentages is in percentage points (pp). */
export function shiftUnitName(unit: string): string {
  return unit === '%' ? 'pp' : displayOf(unit as Unit).unit || unit;
}

/** A shift in a metric's own unit, as text: its estimate, interval bounds and the unit they read in. */
export function absoluteShiftParts(shift: { estimate: number; ciLow: number; ciHigh: number; unit: string }): { estimate: string; low: string; high: string; unit: string } {
  const unit = shift.unit as Unit;
  return { estimate: signedNumber(shift.estimate, unit), low: signedNumber(shift.ciLow, unit), high: signedNumber(shift.ciHigh, unit), unit: shiftUnitName(shift.unit) };
}

/** A shift in a metric's own unit with its interval: "+1.00 count [0, +2.00]" (the unit named even where values show none). */
export function absoluteShiftText(shift: { estimate: number; ciLow: number; ciHigh: number; unit: string }): string {
  const t = absoluteShiftParts(shift);
  return `${t.estimate}${t.unit ? ` ${t.unit}` : ''} [${t.low}, ${t.high}]`;
}

/** Δ of the medians; "from 0" when the base median is 0 and a percentage means nothing. */
export function formatDelta(deltaPercent: number | null, baseMedian: number, newMedian: number): string {
  if (deltaPercent !== null) return signedPercent(deltaPercent);
  return newMedian === baseMedian ? '±0' : 'from 0';
}

export function formatP(p: number): string {
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

/** How many times bigger: 4.23 → "4.2×", 12.6 → "13×". */
export function ratioText(ratio: number): string {
  return `${significant(ratio, 2)}×`;
}

/** 25276510208 → "23.5 GiB". */
export function gibText(bytes: number): string {
  return `${significant(bytes / 2 ** 30)} GiB`;
}

export function percentText(fraction: number): string {
  return `${significant(fraction * 100, 2)}%`;
}

/** Gbit/s with two decimals for progress lines; "–" when absent. */
export function gbps(bitsPerSecond: number | undefined): string {
  return bitsPerSecond === undefined ? '–' : (bitsPerSecond / 1e9).toFixed(2);
}

export function fixed(value: number | undefined, digits = 1): string {
  return value === undefined ? '–' : value.toFixed(digits);
}

/** 95 → "1:35", 3725 → "1:02:05". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const min = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(min).padStart(2, '0')}:${ss}` : `${min}:${ss}`;
}
