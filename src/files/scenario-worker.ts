// Runs inside the worker thread that src/files/load-scenario.ts starts: imports the scenario file, validates its
// default export and posts back plain data (a Scenario, the problems, or one message). Whatever the scenario's own
// code throws, here or later, stays a message about the file; the main thread never runs the user's code.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { ScenarioError, type ScenarioProblem } from '../errors.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { validateScenario } from '../scenario/validate.ts';
import { installScenarioHooks } from './scenario-hooks.ts';

export interface WorkerRequest {
  absolute: string;
  file: string;
  sourceSha256: string;
  /** The text uses require() or module.exports: a failure to load gets the hint that scenarios are ES modules. */
  commonJsStyle: boolean;
}

export type WorkerReply =
  | { type: 'scenario'; scenario: Scenario }
  | { type: 'problems'; problems: ScenarioProblem[] }
  /** Bad input described in one message, already naming the file. */
  | { type: 'input'; message: string };

/** An error's first line(s), and where in the scenario file it was thrown when the stack says so. */
export function describeThrown(error: unknown, absolute: string): string {
  if (!(error instanceof Error)) return `threw ${typeof error === 'string' ? JSON.stringify(error) : String(error)}`;
  const lines = error.message.split('\n').filter((l) => l.trim() !== '');
  const text = lines.slice(0, 6).join('\n  ') || error.name;
  const frame = (error.stack ?? '').split('\n').find((l) => l.includes(absolute));
  const at = frame ? /:(\d+):(\d+)\)?\s*$/.exec(frame) : null;
  const name = error.name && error.name !== 'Error' && !text.startsWith(error.name) ? `${error.name}: ` : '';
  return `${name}${text}${at ? ` (at line ${at[1]}, column ${at[2]})` : ''}`;
}

function what(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

export async function loadInThisThread(request: WorkerRequest): Promise<WorkerReply> {
  const { absolute, file, sourceSha256 } = request;
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(absolute).href)) as Record<string, unknown>;
  } catch (error) {
    const hint = request.commonJsStyle || (error instanceof ReferenceError && /\b(require|module|exports) is not defined/.test(error.message))
      ? '; scenario files are ES modules wherever they live: use import { defineScenario } from \'vethbench\' and export default' : '';
    return { type: 'input', message: `${file}: the scenario does not load: ${describeThrown(error, absolute)}${hint}` };
  }
  if (!('default' in module) || module.default === undefined) {
    return { type: 'input', message: `${file}: no default export; end the file with: export default defineScenario({ ... })` };
  }
  const exported = module.default;
  if (exported instanceof Promise || (typeof exported === 'object' && exported !== null && typeof (exported as { then?: unknown }).then === 'function')) {
    return { type: 'input', message: `${file}: the default export is a Promise; await it at the top level and export the scenario object: export default defineScenario({ ... })` };
  }
  if (exported === null || typeof exported !== 'object' || Array.isArray(exported)) {
    return { type: 'input', message: `${file}: the default export must be a scenario object, got ${what(exported)}: export default defineScenario({ ... })` };
  }
  try {
    return { type: 'scenario', scenario: validateScenario(exported, file, sourceSha256) };
  } catch (error) {
    if (error instanceof ScenarioError) return { type: 'problems', problems: error.problems };
    // A getter or proxy of the scenario's own that throws while it is read.
    return { type: 'input', message: `${file}: the scenario threw while it was read: ${describeThrown(error, absolute)}` };
  }
}

// A loader thread (load-scenario.ts) starts before it knows the file, and loads the one request it is sent.
if (parentPort && workerData && (workerData as { vethbenchLoader?: boolean }).vethbenchLoader) {
  const port = parentPort;
  port.once('message', (request: WorkerRequest) => {
    installScenarioHooks();
    void loadInThisThread(request).then((reply) => port.postMessage(reply));
  });
}
