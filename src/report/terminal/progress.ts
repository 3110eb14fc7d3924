// One progress line per trial for the terminal.
import type { ProgressEvent } from '../../plan/progress-event.ts';
import { duration } from '../../metrics/format.ts';
import { sampleHeadline } from './headline.ts';

export function progressLine(event: ProgressEvent): string {
  const round = event.trial.warmup ? `warm-up ${event.trial.repetition + 1}, discarded` : `rep ${event.trial.repetition + 1}`;
  const head = `[${event.trial.index + 1}/${event.total}] ${event.point.label} (${round})`;
  if (event.type === 'trial-start') return `${head} … ETA ${duration(event.etaSeconds)}`;
  const s = event.sample;
  if (s.status !== 'ok') return `${head}: ${s.status}${s.reason ? `: ${s.reason}` : ''}`;
  const left = event.trial.index + 1 < event.total ? `  (ETA ${duration(event.etaSeconds)})` : '';
  return `${head}: ${sampleHeadline(event.point.workload, s.metrics ?? {})}${left}`;
}
