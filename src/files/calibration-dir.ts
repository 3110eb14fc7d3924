// Where calibration records live (no imports: the CLI's start-up reads it for `--help` and sudo hand-over).
export const DEFAULT_CALIBRATION_DIR = 'reports/calibration';

/** Beside the results by default; VETHBENCH_CALIBRATION_DIR moves it (CI caches, tests). */
export function calibrationDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.VETHBENCH_CALIBRATION_DIR || DEFAULT_CALIBRATION_DIR;
}
