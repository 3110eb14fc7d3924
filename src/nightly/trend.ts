// Pure: the history's last N nights → one series per point and metric, with change points.
import { CHANGE_POINT_DEFAULTS, findChangePoints } from '../stats/change-point.ts';
import { metricSpec } from '../metrics/registry.ts';
import { HISTORY_SCHEMA_VERSION, type NightRecord, type Trend, type TrendSeries } from '../results/nightly-schema.ts';

export const TREND_NIGHTS = 30;

export function buildTrend(records: readonly NightRecord[], now: Date, lastNights = TREND_NIGHTS): Trend {
  const window = records.slice(-lastNights);
  const series = new Map<string, TrendSeries>();
  for (const night of window) {
    for (const point of night.points) {
      for (const [metric, m] of Object.entries(point.metrics)) {
        const info = metricSpec(metric);
        if (!info || info.direction === 'none') continue;
        const id = `${point.key}\u0000${metric}`;
        if (!series.has(id)) {
          series.set(id, { key: point.key, label: point.label, metric, unit: info.unit, direction: info.direction, gates: info.gates, nights: [], changePoints: [] });
        }
        series.get(id)!.nights.push({ ...m, date: night.date, dir: night.dir, outcome: night.outcome, ...(point.verdict ? { verdict: point.verdict } : {}), ...(night.hostBusy ? { hostBusy: true } : {}) });
      }
    }
  }
  for (const s of series.values()) {
    s.changePoints = findChangePoints(s.nights.map((n) => n.median), CHANGE_POINT_DEFAULTS).map((c) => ({
      ...c,
      date: s.nights[c.index]!.date,
      effect: (s.direction === 'higher') === (c.shiftPercent > 0) ? 'better' : 'worse',
    }));
  }
  return { schemaVersion: HISTORY_SCHEMA_VERSION, generatedAt: now.toISOString(), lastNights, series: [...series.values()] };
}
