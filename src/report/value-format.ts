// Numbers as the HTML report writes them in prose and tables (charts format their own tooltips).
import type { MetricInfo } from './metric-info.ts';

/** Three significant digits without exponent: 31.96 → "32.0", 0.3094 → "0.309", 1648 → "1,648". */
export function significant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && Math.abs(value) >= 10 ** digits) return Math.round(value).toLocaleString('en-US');
  if (value === 0) return '0';
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(value))));
  return value.toFixed(decimals);
}

/** A stored value in its display unit: 31.39e9 throughputBps → "31.4 Gbit/s". */
export function metricText(stored: number, info: MetricInfo): string {
  const text = significant(stored * info.scale);
  return info.unit ? `${text} ${info.unit}` : text;
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
