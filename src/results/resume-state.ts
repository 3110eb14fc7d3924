import type { RunResults, Sample } from './schema.ts';

/** What `--resume` continues: the run directory, its journal header and the samples it already holds. */
export interface ResumeState {
  runDir: string;
  header: Omit<RunResults, 'points'>;
  samples: Sample[];
}
