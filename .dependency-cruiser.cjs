/** A workload kind's pure parts (the commands it runs, its contract); its scenario schema is in scenario/, its runner is the shell. */
const PURE_WORKLOAD_PARTS = '^src/workloads/([a-z0-9-]+-plan|plans|kind)\\.ts$';

/**
 * The folders from the bottom up: a module imports only from its own folder or one below it (types included), so
 * the folders form no cycle either. The root files: errors.ts and version.ts are the bottom, index.ts (the library
 * entry) the top. The pure core is PURE below; host holds the process port (and the state directory), metadata reads
 * host facts, workloads' runners and tools' server lifecycles drive processes, files reads and writes the stored
 * files, run is the runner, live `up`/`down`, cli the commands.
 */
const LAYERS = ['errors', 'version', 'stats', 'metrics', 'topology', 'host', 'net', 'knobs', 'scenario', 'results', 'tools', 'metadata', 'plan', 'workloads', 'compare', 'nightly', 'tune', 'report', 'files', 'run', 'live', 'cli', 'index'];
const layerPath = (name) => `^src/${name}(/|\\.ts$)`;
const LAYER_RULES = LAYERS.slice(0, -1).map((name, i) => ({
  name: 'layer-order', severity: 'error',
  comment: `${name} imports nothing above it (${LAYERS.slice(i + 1).join(', ')}), not even a type: domain types live in the lower layer`,
  from: { path: layerPath(name) },
  to: { path: LAYERS.slice(i + 1).map(layerPath) },
}));

// Layering the build enforces (npm run lint:deps, run by npm test). The pure core decides; only the shell touches
// the host. A unit test (test/unit/layering.test.ts) runs these rules on a fixture tree holding forbidden imports.
const PURE = ['^src/(metrics|scenario|topology|knobs|plan|stats|compare|nightly|report|tune)/', '^src/net/(build|command|setup-cost|density-build)\\.ts$', PURE_WORKLOAD_PARTS];
const SHELL_ONLY_MODULES = '^(node:)?(fs|fs/promises|child_process|os|worker_threads|net|dgram)$|^(execa|systeminformation|tinybench|tsx)(/|$)';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'no import cycles between files, not even through type-only imports',
      from: {}, to: { circular: true } },
    { name: 'every-folder-has-a-layer', severity: 'error', comment: 'a new folder under src/ gets its place in LAYERS',
      from: { path: '^src/', pathNot: LAYERS.map(layerPath) }, to: {} },
    { name: 'pure-imports-pure', severity: 'error',
      comment: 'the pure core never imports the shell (host, files, run, cli, live, metadata, workloads) nor the stored files\' readers; type-only imports carry no code and are allowed. knobs/ is pure too: its appliers act through the Host port and the KnobShell they are given',
      from: { path: PURE },
      to: { pathNot: PURE_WORKLOAD_PARTS, path: ['^src/(host|files|run|cli|live|metadata|workloads)/', '^src/net/teardown\\.ts$', '^src/results/journal\\.ts$'], dependencyTypesNot: ['type-only'] } },
    { name: 'pure-no-io', severity: 'error', comment: 'the pure core does no I/O: no fs, child_process, execa, systeminformation',
      from: { path: PURE }, to: { dependencyTypes: ['core', 'npm'], path: SHELL_ONLY_MODULES } },
    ...LAYER_RULES,
    { name: 'nothing-imports-cli', severity: 'error', comment: 'cli/ is the outermost layer', from: { path: '^src/', pathNot: '^src/cli/' }, to: { path: '^src/cli/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
// For the tests (layout-docs: docs/architecture.md lists the folders in this order; layering: the pure core reads
// no process state, which dependency-cruiser cannot see); not config keys.
Object.defineProperty(module.exports, 'LAYERS', { value: LAYERS, enumerable: false });
Object.defineProperty(module.exports, 'PURE', { value: PURE, enumerable: false });
