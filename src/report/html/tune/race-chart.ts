// Pure: the charts of a `vethbench tune` run — the race (each candidate's median of the objective at every look,
// ending where it was dropped) and the winner's effects (the confirmation against the host defaults, and each
// dropped candidate's shift against the leader when it was dropped, with their intervals).
import type { TopLevelSpec } from 'vega-lite';
import { axisTitle, metricDisplay } from '../../../metrics/format.ts';
import type { StoredEffect } from '../../../results/schema.ts';
import type { TuneRecord } from '../../../results/tune-schema.ts';
import { CHART_CONFIG, chartId, VEGA_LITE_SCHEMA, type ReportChart } from '../shared/chart-helpers.ts';
import { confidenceText } from '../../../stats/confidence-text.ts';

interface RaceRow { candidate: string; n: number; value: number; state: string }

export function raceRows(record: TuneRecord): RaceRow[] {
  const { scale } = metricDisplay(record.objective.metric);
  const label = (id: string) => record.candidates.find((c) => c.pointId === id)?.label ?? id;
  return record.looks.flatMap((look) => Object.entries(look.medians).map(([id, median]) => {
    const c = record.candidates.find((x) => x.pointId === id);
    const state = id === look.leader ? 'leader' : c?.dropped?.look === look.look ? 'dropped here' : 'in the race';
    return { candidate: label(id), n: look.n, value: median * scale, state };
  }));
}

export function raceChart(record: TuneRecord): ReportChart | undefined {
  const rows = raceRows(record);
  if (rows.length === 0) return undefined;
  const info = metricDisplay(record.objective.metric);
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA, config: CHART_CONFIG, width: 560, height: 280,
    data: { values: rows },
    encoding: {
      x: { field: 'n', type: 'quantitative', title: 'rounds per candidate (the look)', scale: { zero: false } },
      y: { field: 'value', type: 'quantitative', title: `median ${axisTitle(info)}`, scale: { zero: false } },
      color: { field: 'candidate', type: 'nominal', title: 'candidate', scale: { scheme: 'tableau20' } },
      tooltip: [{ field: 'candidate' }, { field: 'n', title: 'rounds' }, { field: 'value', title: info.unit || record.objective.metric, format: '.3~s' }, { field: 'state' }],
    },
    layer: [
      { mark: { type: 'line', point: false } },
      { mark: { type: 'point', filled: true, size: 60 }, encoding: { shape: { field: 'state', type: 'nominal', title: 'at this look', scale: { domain: ['leader', 'in the race', 'dropped here'], range: ['diamond', 'circle', 'cross'] } } } },
    ],
  };
  return { id: chartId('tune', 'race'), title: 'The race', caption: `Each candidate's median ${info.label.toLowerCase()} at every look of the race; a line ends at the look where the candidate was decided worse than the leader (a cross).`, spec };
}

interface EffectRow { what: string; estimate: number; low: number; high: number; level: string }

export function effectsChart(record: TuneRecord, confirmation: StoredEffect | undefined): ReportChart | undefined {
  const rows: EffectRow[] = [];
  if (confirmation?.estimatePercent !== null && confirmation?.estimatePercent !== undefined) {
    rows.push({ what: `recommended vs host defaults (${confirmation.nLevel} fresh rounds)`, estimate: confirmation.estimatePercent, low: confirmation.ciLowPercent!, high: confirmation.ciHighPercent!, level: confidenceText(confirmation.confidence) });
  }
  for (const c of record.candidates) {
    const d = c.dropped;
    if (d?.estimatePercent === undefined) continue;
    rows.push({ what: `${c.label} vs the leader (dropped at n = ${d.n})`, estimate: d.estimatePercent, low: d.ciLowPercent!, high: d.ciHighPercent!, level: confidenceText(d.confidence!) });
  }
  if (rows.length === 0) return undefined;
  const spec: TopLevelSpec = {
    $schema: VEGA_LITE_SCHEMA, config: CHART_CONFIG, width: 460, height: { step: 26 },
    data: { values: rows },
    encoding: { y: { field: 'what', type: 'nominal', title: null, sort: null, axis: { labelLimit: 320 } } },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'low', type: 'quantitative', title: 'shift (%)' }, x2: { field: 'high' } } },
      { mark: { type: 'point', filled: true, size: 70 }, encoding: { x: { field: 'estimate', type: 'quantitative' }, tooltip: [{ field: 'what' }, { field: 'estimate', format: '.1f' }, { field: 'low', format: '.1f' }, { field: 'high', format: '.1f' }, { field: 'level', title: 'CI level' }] } },
      { mark: { type: 'rule', strokeDash: [4, 3], color: '#9aa3ad' }, encoding: { x: { datum: 0 } } },
    ],
  };
  return { id: chartId('tune', 'effects'), title: 'The winner\'s effects', caption: 'Hodges–Lehmann shift with its interval (level in the tooltip): the recommendation against the host defaults in fresh rounds (the figure to quote: the race itself favours its winner), and each dropped candidate against the leader when it was dropped.', spec };
}
