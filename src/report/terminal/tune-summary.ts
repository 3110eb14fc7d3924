// What `vethbench tune` prints: the recommendation and its confirmed effect against the host's defaults (with the
// interval's level), the tie, the race in a few lines, and how to apply it. Pure rendering of the stored record.
import { formatMetric, signedPercent } from '../../metrics/format.ts';
import { metricSpec } from '../../metrics/registry.ts';
import type { StoredEffect } from '../../results/schema.ts';
import type { TuneRecord } from '../../results/tune-schema.ts';
import { confidenceText } from '../../stats/confidence-text.ts';

function shiftText(e: Pick<StoredEffect, 'estimatePercent' | 'ciLowPercent' | 'ciHighPercent' | 'confidence' | 'verdict'>): string {
  if (e.estimatePercent === null) return e.verdict;
  return `${signedPercent(e.estimatePercent)} [${signedPercent(e.ciLowPercent!)}, ${signedPercent(e.ciHighPercent!)}] (${confidenceText(e.confidence)} CI) — ${e.verdict}`;
}

export function tuneSummaryLines(record: TuneRecord, confirmation: StoredEffect | undefined): string[] {
  const label = (id: string) => record.candidates.find((c) => c.pointId === id)?.label ?? (id === record.defaults.pointId ? record.defaults.label : id);
  const metric = metricSpec(record.objective.metric)?.label ?? record.objective.metric;
  const rec = record.candidates.find((c) => c.pointId === record.recommended);
  const lines = [
    `objective: ${metric} (${record.objective.direction} is better), workload ${record.objective.workload}, link ${record.objective.link}`,
    `space: ${record.space.points} point(s), ${record.space.candidates} raced${record.space.sampledNote ? ` — ${record.space.sampledNote}` : ''}`,
    `race: ${record.raceStopped}`,
  ];
  for (const look of record.looks) {
    const dropped = record.candidates.filter((c) => c.dropped?.look === look.look).map((c) => c.label);
    lines.push(`  look n = ${look.n}: leader ${label(look.leader)} (${formatMetric(look.medians[look.leader], record.objective.metric)})${dropped.length ? `; dropped ${dropped.join(', ')}` : ''}`);
  }
  if (record.contenders.length > 1) lines.push(`not decided worse than the leader (a tie at this resolution): ${record.contenders.map(label).join('; ')}`);
  if (record.noDifference.length) lines.push(`made no difference here: ${record.noDifference.join(', ')}`);
  lines.push('', `recommended: ${label(record.recommended)}${rec ? ` (${rec.nonDefaultKnobs.length} non-default knob(s))` : ''} — ${record.recommendedWhy}`);
  if (confirmation) lines.push(`confirmed vs the host defaults (${label(record.defaults.pointId)}), ${confirmation.nLevel} vs ${confirmation.nReference} fresh interleaved rounds: ${metric} ${shiftText(confirmation)}`);
  else if (record.confirmationNote) lines.push(`confirmation: ${record.confirmationNote}`);
  lines.push(`samples: ${record.samples.race} in the race + ${record.samples.confirmation} in the confirmation, vs ${record.samples.fullSweep} for a full sweep at ${record.sequential.looks.at(-1)} rounds`);
  if (record.applyLines.length) {
    lines.push('', 'to apply it (vethbench never applies these to this host\'s interfaces; <dev> the interface, <ns> its namespace):');
    for (const l of record.applyLines) {
      lines.push(`  ${l.knob}=${l.value}: ${l.command}`);
      for (const p of l.persistent) lines.push(`    persistent${p.reachesContainers ? ' (reaches containers)' : ' (root namespace only)'}: ${p.form}${p.note ? ` — ${p.note}` : ''}`);
      if (l.cniTuning) lines.push(`    containers, CNI tuning plugin: ${JSON.stringify(l.cniTuning)}`);
    }
  }
  return lines;
}
