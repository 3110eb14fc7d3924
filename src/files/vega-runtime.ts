// Reads the browser builds of vega, vega-lite and vega-embed from node_modules, to inline into a report.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VethbenchError } from '../errors.ts';
import type { VegaRuntime } from '../report/html/shared/html-page.ts';

const require = createRequire(import.meta.url);

/** The installed package's directory, version and browser build (its package.json "unpkg" field). */
function readBuild(name: string): { code: string; version: string } {
  let dir: string;
  try {
    dir = dirname(require.resolve(name));
  } catch {
    throw new VethbenchError(`the ${name} package is not installed; run npm ci in the vethbench directory`);
  }
  // The package's exports hide package.json, so walk up from its entry point to the package root.
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    let manifest: { name?: string; version?: string; unpkg?: string };
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as typeof manifest;
    } catch {
      continue;
    }
    if (manifest.name !== name || !manifest.unpkg || !manifest.version) continue;
    return { code: readFileSync(join(dir, manifest.unpkg), 'utf8'), version: manifest.version };
  }
  throw new VethbenchError(`cannot find the browser build of ${name} in node_modules; run npm ci in the vethbench directory`);
}

let cached: VegaRuntime | undefined;

export function readVegaRuntime(): VegaRuntime {
  if (cached) return cached;
  const [vega, vegaLite, vegaEmbed] = ['vega', 'vega-lite', 'vega-embed'].map(readBuild) as [ReturnType<typeof readBuild>, ReturnType<typeof readBuild>, ReturnType<typeof readBuild>];
  cached = {
    vega: vega.code, vegaLite: vegaLite.code, vegaEmbed: vegaEmbed.code,
    versions: { vega: vega.version, vegaLite: vegaLite.version, vegaEmbed: vegaEmbed.version },
  };
  return cached;
}
