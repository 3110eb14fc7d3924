// One error hierarchy. Only src/cli/main.ts prints "Error:" and turns these into exit codes.

/** Base class: a message a person can act on, and the exit code it maps to. */
export class VethbenchError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = new.target.name;
    this.exitCode = exitCode;
  }
}

/** Bad input from the user: a flag, a scenario, a results file. Exit code 2, nothing touched on the host. */
export class InputError extends VethbenchError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** One problem found while validating a scenario, located by its field path. */
export interface ScenarioProblem {
  path: string;
  message: string;
}

/** Every problem of a scenario file at once, so the user fixes them in one go. */
export class ScenarioError extends InputError {
  readonly file: string;
  readonly problems: ScenarioProblem[];
  constructor(file: string, problems: ScenarioProblem[]) {
    const lines = problems.map((p) => `${file}: ${p.path ? `${p.path}: ` : ''}${p.message}`);
    super(problems.length === 1 ? lines[0]! : `${problems.length} problems in ${file}:\n  ${lines.join('\n  ')}`);
    this.file = file;
    this.problems = problems;
  }
}

/** The host cannot run the job: not root, a binary missing, a kernel feature absent. */
export class PreflightError extends VethbenchError {
  constructor(message: string) {
    super(message, 3);
  }
}

/** A command on the host failed where the run cannot go on. */
export class HostCommandError extends VethbenchError {
  readonly argv: readonly string[];
  readonly stderr: string;
  constructor(argv: readonly string[], detail: string, stderr = '') {
    super(`${argv.join(' ')} failed: ${detail}${stderr ? `: ${stderr.trim()}` : ''}`);
    this.argv = argv;
    this.stderr = stderr;
  }
}

/** The run directory cannot be written (full disk, read-only, permissions): the run stops cleanly. */
export class OutputError extends VethbenchError {
  constructor(path: string, error: unknown) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    super(`cannot write ${path} (${code}${code === 'ENOSPC' ? ': no space left on the device' : ''}); every sample finished before this is in journal.jsonl; free space or choose another --out`);
  }
}
