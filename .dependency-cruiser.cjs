/** A workload kind's pure parts (its scenario schema, the commands it runs, its progress headline); the runner is the shell. */
const PURE_WORKLOAD_PARTS = '^src/workloads/([a-z0-9-]+-(spec|plan)|plans|headlines|kind|decision-metrics)\\.ts$';

// Layering the build enforces (npm run lint:deps, run by npm test). The pure core decides; only the shell touches
// the host. A unit test (test/unit/layering.test.ts) runs these rules on a fixture tree holding forbidden imports.
const PURE = ['^src/(metrics|scenario|topology|plan|stats|compare|nightly|report|tune)/', '^src/net/(build|command|setup-cost)\\.ts$', PURE_WORKLOAD_PARTS];
const SHELL_ONLY_MODULES = '^(node:)?(fs|fs/promises|child_process|os|worker_threads|net|dgram)$|^(execa|systeminformation|tinybench|tsx)(/|$)';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'no import cycles between files (type-only imports carry no code and are not counted)',
      from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } },
    { name: 'pure-imports-pure', severity: 'error',
      comment: 'the pure core never imports the shell (host, run, cli, live, metadata, workloads) nor the stored files\' readers; type-only imports carry no code and are allowed. knobs/ (the knob catalogue: value schemas, commands, appliers that take a Host) is not yet split into a pure catalogue and its appliers, so it is allowed for now',
      from: { path: PURE },
      to: { pathNot: PURE_WORKLOAD_PARTS, path: ['^src/(host|run|cli|live|metadata|workloads)/', '^src/net/teardown\\.ts$', '^src/results/(read|journal|resume)\\.ts$'], dependencyTypesNot: ['type-only'] } },
    { name: 'pure-no-io', severity: 'error', comment: 'the pure core does no I/O: no fs, child_process, execa, systeminformation',
      from: { path: PURE }, to: { dependencyTypes: ['core', 'npm'], path: SHELL_ONLY_MODULES } },
    { name: 'nothing-imports-cli', severity: 'error', comment: 'cli/ is the outermost layer', from: { path: '^src/', pathNot: '^src/cli/' }, to: { path: '^src/cli/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
