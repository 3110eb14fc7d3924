// What the runner reports before and after each trial (the terminal's progress line, tune and calibrate listen).
import type { Point, Trial } from './expand.ts';
import type { Sample } from '../results/schema.ts';

export type ProgressEvent =
  | { type: 'trial-start'; trial: Trial; point: Point; total: number; etaSeconds: number }
  | { type: 'trial-end'; trial: Trial; point: Point; total: number; sample: Sample; etaSeconds: number };
