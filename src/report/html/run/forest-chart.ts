// Pure: the forest plot of a run's effects — each effect's shift with its CI (at its own, stated level) against the
// ±threshold band, coloured by verdict, interactions and pooled effects marked apart. The rows are worded by the
// one effect wording (src/report/terminal/effect-lines.ts), so the page and the terminal say the same.
import type { RunResults, StoredEffect } from '../../../results/schema.ts';
import { formatP, signedPercent } from '../../../metrics/format.ts';
import { confidenceText } from '../../../stats/confidence-text.ts';
import { effectNumbers, effectSubject, metricLabel, orderEffects, verdictText } from '../../terminal/effect-lines.ts';
import { CHART_CONFIG, chartId, tip, VEGA_LITE_SCHEMA, type ReportChart } from '../shared/chart-helpers.ts';
import { colorByDecision } from '../shared/verdict-colors.ts';

/** The threshold the run's effects were judged against (--until-decided's, else --threshold's), else the default 5 %. */
export function effectThreshold(results: RunResults): number {
  return results.run.settings.untilDecided?.thresholdPercent ?? results.run.settings.thresholdPercent ?? 5;
}

export interface ForestRow {
  /** The y label: unique per row (subject, and the metric when the run judged several). */
  row: string;
  kind: StoredEffect['kind'];
  verdict: StoredEffect['verdict'];
  /** The colour: the verdict, or "interaction" (its better/worse only says which way the two effects differ). */
  shown: StoredEffect['verdict'] | 'interaction';
  estimate: number;
  lo: number;
  hi: number;
  /** "98.8%": the CI's real confidence. */
  level: string;
  /** Beside the plot: numbers, level and verdict. */
  text: string;
  metric: string;
  n: string;
  p: string;
  pAdjusted: string;
  detectable: string;
  why: string;
}

const INTERACTION_COLOR = '#2f5fb3';
const KIND_SHAPES = { simple: 'circle', interaction: 'diamond', pooled: 'square' } as const;

/** Effects with numbers, in reading order (simple, interactions, pooled); invalid ones are listed beside the plot, not drawn. */
export function forestRows(effects: readonly StoredEffect[], thresholdPercent: number): ForestRow[] {
  const withMetric = new Set(effects.map((e) => e.metric)).size > 1;
  return orderEffects(effects).flatMap((e) => {
    if (e.estimatePercent === null || e.ciLowPercent === null || e.ciHighPercent === null) return [];
    const subject = e.kind === 'interaction' ? `interaction: ${effectSubject(e)}` : effectSubject(e);
    // Short beside the plot (the tooltip and the list below say it in full).
    const verdict = e.kind === 'interaction' ? 'interaction' : e.verdict === 'equivalent' ? `equivalent (±${thresholdPercent} %)` : e.verdict;
    return [{
      row: withMetric ? `${subject} · ${metricLabel(e.metric)}` : subject,
      kind: e.kind, verdict: e.verdict, shown: e.kind === 'interaction' ? 'interaction' : e.verdict, estimate: e.estimatePercent, lo: e.ciLowPercent, hi: e.ciHighPercent,
      level: confidenceText(e.confidence),
      text: `${effectNumbers(e)} — ${verdict}${e.verdict === 'undecided' && e.moreSamplesPerArm ? `, ~${e.moreSamplesPerArm} more/arm` : ''}`,
      metric: metricLabel(e.metric), n: `${e.nReference} vs ${e.nLevel}`,
      p: e.p === null ? '–' : formatP(e.p), pAdjusted: e.pAdjusted === null ? '–' : formatP(e.pAdjusted),
      detectable: e.smallestDetectablePercent === null ? '–' : `±${e.smallestDetectablePercent.toFixed(1)} %`,
      why: verdictText(e, thresholdPercent),
    }];
  });
}

export function forestChart(results: RunResults): ReportChart | undefined {
  const t = effectThreshold(results);
  const rows = forestRows(results.effects ?? [], t);
  if (rows.length === 0) return undefined;
  const levels = [...new Set(rows.map((r) => r.level))];
  const width = 320;
  // The same colour channel (legend included) on every layer that uses it, so vega-lite keeps one verdict legend.
  const decisions = colorByDecision(true, 'shown');
  const legendColor = {
    ...decisions, scale: { domain: [...decisions.scale.domain, 'interaction'], range: [...decisions.scale.range, INTERACTION_COLOR] },
    legend: { orient: 'top' as const, direction: 'horizontal' as const, title: 'verdict' },
  };
  const y = { field: 'row', type: 'nominal' as const, sort: rows.map((r) => r.row), title: null, axis: { labelLimit: 400, labelFontSize: 11.5 } };
  const x = { type: 'quantitative' as const, title: `shift vs the reference level, % (grey band: ±${t} %, equivalent inside it)` };
  return {
    id: chartId('effects-forest'),
    title: 'Effects: the shift of each level against its reference, with its confidence interval',
    caption: `Dot: Hodges–Lehmann estimate; whisker: its CI at the level written beside it (${levels.join(', ')}) — fewer samples reach a lower level, never labelled as more. `
      + `Better/worse: the CI excludes 0 and the estimate is beyond ±${t} %; equivalent: the CI inside the band; otherwise undecided. `
      + 'Diamonds are interactions (the effect differs between two conditions: read the simple effects, not a pooled one); squares are pooled effects (descriptive).',
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      config: CHART_CONFIG,
      width,
      height: { step: 24 },
      // Room for the text beside the plot (autosize does not count text drawn outside the plot area).
      padding: { left: 5, top: 5, bottom: 5, right: 80 },
      layer: [
        { data: { values: [{ lo: -t, hi: t }] }, mark: { type: 'rect', color: '#e6e9ee', opacity: 0.9 }, encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' } } },
        { data: { values: [{ x: 0 }] }, mark: { type: 'rule', color: '#2b3440', strokeWidth: 1 }, encoding: { x: { ...x, field: 'x' } } },
        {
          data: { values: rows },
          encoding: { y },
          layer: [
            { mark: { type: 'rule', strokeWidth: 2.5 }, encoding: { x: { ...x, field: 'lo' }, x2: { field: 'hi' }, color: legendColor } },
            {
              mark: { type: 'point', filled: true, size: 80, opacity: 1 },
              encoding: {
                x: { ...x, field: 'estimate' },
                color: legendColor,
                shape: { field: 'kind', type: 'nominal' as const, title: 'effect', scale: { domain: Object.keys(KIND_SHAPES), range: Object.values(KIND_SHAPES) }, legend: { orient: 'top' as const, direction: 'horizontal' as const } },
                tooltip: [
                  tip('row', 'effect'), tip('metric', 'metric'), tip('text', 'shift [CI] (level)'), tip('why', 'verdict'), tip('n', 'samples, reference vs level'),
                  tip('p', 'p (Mann-Whitney)'), tip('pAdjusted', 'p (Holm over the family)'), tip('detectable', 'smallest detectable shift'),
                ],
              },
            },
            // Beside the plot, so no label covers a whisker or the band.
            { mark: { type: 'text', align: 'left', fontSize: 11, color: '#3d4652' }, encoding: { x: { value: width + 12 }, text: { field: 'text' } } },
          ],
        },
      ],
    } as ReportChart['spec'],
  };
}

/** The interactions the run flagged, in words: where an effect is not one number. */
export function interactionLines(results: RunResults): string[] {
  const t = effectThreshold(results);
  return (results.effects ?? []).filter((e) => e.kind === 'interaction' && e.estimatePercent !== null)
    .map((e) => `${effectSubject(e)} (${metricLabel(e.metric)}): the effects differ by ${signedPercent(e.estimatePercent!)} [${signedPercent(e.ciLowPercent!)}, ${signedPercent(e.ciHighPercent!)}] (${confidenceText(e.confidence)} CI), beyond ±${t} %`);
}
