// Prints how long the batched density build takes for N namespace pairs (default 64) and their teardown.
// Asserts nothing (the machine may be shared). Run as root: sudo node --import tsx scripts/density-build-time.ts [N] [rounds]
import { ExecaHost } from '../src/host/execa-host.ts';
import { listNamespaces, teardownNamespaces } from '../src/net/teardown.ts';
import { pickPrefix } from '../src/run/run-id.ts';
import { densityNamespaces, resolveDensityPairs } from '../src/topology/density.ts';
import { densityBuildCommands } from '../src/net/density-build.ts';
import { buildDensityPairs } from '../src/workloads/density.ts';

const count = Number(process.argv[2] ?? 64);
const rounds = Number(process.argv[3] ?? 3);
const host = new ExecaHost();
const taken = new Set((await listNamespaces(host)).map((n) => n.slice(0, 6)));
const prefix = pickPrefix((p) => taken.has(p));
const pairs = resolveDensityPairs(prefix, count);
const names = densityNamespaces(pairs);
const build = densityBuildCommands(pairs);
console.log(`${count} pairs = ${names.length} namespaces; ${2 + build.perNamespace.length} ip processes per build (prefix ${prefix})`);
for (let r = 1; r <= rounds; r++) {
  const t0 = performance.now();
  try {
    await buildDensityPairs(host, pairs);
    const built = performance.now();
    const left = await teardownNamespaces(host, names);
    const done = performance.now();
    console.log(`round ${r}: ${count} pairs build in ${((built - t0) / 1000).toFixed(2)} s, tear down in ${((done - built) / 1000).toFixed(2)} s${left.length ? ` (left: ${left.join('; ')})` : ''}`);
  } finally {
    await teardownNamespaces(host, names);
  }
}
