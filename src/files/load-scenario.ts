// Reads a scenario file and loads it in a worker thread: the file's default export is imported (TypeScript via tsx,
// always as an ES module) and validated there, and only plain data comes back. A worker because a dynamic import
// cannot be cancelled: a scenario whose top-level await never settles, or that loops, is stopped at the time limit.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, ScenarioError } from '../errors.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { WorkerReply, WorkerRequest } from './scenario-worker.ts';

/** Generous for a cold start on a busy 2-vCPU host (tsx compiles the scenario and the validator first). */
export const DEFAULT_LOAD_TIMEOUT_MS = 30_000;

export interface LoadOptions {
  timeoutMs?: number;
}

/** scenario-worker.ts under tsx, scenario-worker.js once compiled to dist/. */
const WORKER_ENTRY = new URL(`./scenario-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url);

/** The worker registers tsx itself (hooks are per thread), then imports the real worker module, which waits for the request. */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
Promise.all(workerData.preload.map((url) => import(url)))
  .then(() => import(workerData.tsxApi))
  .then((api) => { api.register(); return import(workerData.entry); });
`;

/**
 * Built (dist/), the validator and the public entry are plain JavaScript: they load before tsx's hooks are in place,
 * which would otherwise see every one of their imports (~0.3 s). The worker module itself is imported after tsx's
 * register(): its message listener must not see the request before tsx can load a .ts scenario.
 */
const PRELOAD = WORKER_ENTRY.pathname.endsWith('.js') ? [new URL('../scenario/validate.js', import.meta.url).href, new URL('../index.js', import.meta.url).href] : [];

/** A loader thread started ahead of the first loadScenario(); unref'd until it is used, so it never keeps a process alive. */
let warm: Worker | undefined;

/**
 * Starts a loader thread now, for the first loadScenario() to use: tsx's hooks and the validator take ~0.4 s of CPU
 * to load, which then overlaps with the command's own modules loading on the main thread (`plan gro`: 0.85 → 0.73 s).
 */
export function warmScenarioLoader(): void {
  if (warm) return;
  warm = startWorker();
  warm.unref();
  // A thread that fails to start is reported by the loadScenario() that uses it, or by nobody.
  warm.on('error', () => {});
}

function startWorker(): Worker {
  return new Worker(BOOTSTRAP, {
    eval: true,
    // Not the parent's flags (--import tsx, --test …): the bootstrap registers tsx once, itself.
    execArgv: [],
    workerData: { vethbenchLoader: true, tsxApi: import.meta.resolve('tsx/esm/api'), entry: WORKER_ENTRY.href, preload: PRELOAD },
    stdout: false,
    stderr: false,
  });
}

export async function loadScenario(file: string, options: LoadOptions = {}): Promise<Scenario> {
  // Emulated hosts (the VM lane's TCG guest, docs/vm-lane.md) run node 10-30x slower: VETHBENCH_TIME_SCALE stretches it.
  const scale = Number(process.env.VETHBENCH_TIME_SCALE ?? 1);
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOAD_TIMEOUT_MS * (Number.isFinite(scale) && scale >= 1 ? scale : 1);
  const absolute = resolve(file);
  let source: string;
  try {
    source = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read the scenario file (${code ?? String(error)}); check the path`);
  }
  const request: WorkerRequest = {
    absolute, file, sourceSha256: createHash('sha256').update(source).digest('hex'),
    commonJsStyle: /\bmodule\.exports\b|\brequire\s*\(/.test(source),
  };
  const reply = await runWorker(request, timeoutMs);
  switch (reply.type) {
    case 'scenario': return reply.scenario;
    case 'problems': throw new ScenarioError(file, reply.problems);
    case 'input': throw new InputError(reply.message);
  }
}

function runWorker(request: WorkerRequest, timeoutMs: number): Promise<WorkerReply> {
  const { file } = request;
  return new Promise<WorkerReply>((resolvePromise, reject) => {
    const worker = warm ?? startWorker();
    warm = undefined;
    worker.ref();
    let settled = false;
    const settle = (action: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
      // The scenario may have left timers or sockets open; its thread ends here either way.
      void worker.terminate();
    };
    const timer = setTimeout(() => settle(() => reject(new InputError(
      `${file}: the scenario did not finish loading within ${formatSeconds(timeoutMs)} (a top-level await that never settles, or a loop?); make the file's top-level code finish`,
    ))), timeoutMs);
    worker.once('message', (reply: WorkerReply) => settle(() => resolvePromise(reply)));
    worker.once('error', (error: Error) => settle(() => reject(new InputError(
      `${file}: the scenario failed while loading: ${error.message.split('\n')[0]}`,
    ))));
    // The thread ends by itself without a reply when nothing is left for a top-level await to wait on (code 0 or 13).
    worker.once('exit', (code) => settle(() => reject(new InputError(code === 0 || code === 13
      ? `${file}: the scenario's top-level await never settles (nothing is left for it to wait on), so it exports nothing; make every awaited promise settle`
      : `${file}: the scenario ended its thread (exit code ${code}, process.exit?) before it exported a scenario; remove the exit`,
    ))));
    worker.postMessage(request);
  });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
