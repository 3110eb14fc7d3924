// Every shipped scenario runs end to end: its first point, --quick, then `vethbench report` of the run and
// `vethbench compare` of its results.json with itself — all succeed (flent loads every test file in its CI too).
// One point per scenario keeps it to seconds each; the whole sweeps are the other integration tests' job.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { onlyRunDir, startCli } from '../helpers/cli.ts';
import { namespacesWithPrefix, needsRoot, repoRoot, tempDir } from '../helpers/host-state.ts';

interface PlannedPoint { link: string; knobs: Record<string, string | number>; workload: { label: string } }

/** --filter arguments that select the first point of the scenario's plan. */
async function firstPointFilter(file: string, state: string): Promise<string[]> {
  const r = await startCli(['plan', file, '--quick', '--json'], state);
  assert.equal(r.exitCode, 0, `${file}: plan: ${r.stderr}`);
  const plan = (JSON.parse(r.stdout) as { plans: { points: PlannedPoint[] }[] }).plans[0]!;
  const first = plan.points[0]!;
  return [
    '--filter', `link=${first.link}`, '--filter', `workload=${first.workload.label}`,
    ...Object.entries(first.knobs).flatMap(([k, v]) => ['--filter', `${k}=${String(v)}`]),
  ];
}

const scenarios = readdirSync(join(repoRoot, 'scenarios')).filter((f) => f.endsWith('.ts')).sort();

for (const name of scenarios) {
  test(`scenarios/${name}: first point --quick, report, compare with itself`, { skip: needsRoot }, async () => {
    const file = join('scenarios', name);
    const state = tempDir(`e2e-${name}-state`);
    const out = tempDir(`e2e-${name}`);
    const run = await startCli(['run', file, '--quick', ...(await firstPointFilter(file, state)), '--out', out], state);
    assert.equal(run.exitCode, 0, `${file}: run exit ${run.exitCode}\n${run.stderr}\n${run.stdout}`);
    const runDir = onlyRunDir(out);
    const report = await startCli(['report', runDir], state);
    assert.equal(report.exitCode, 0, report.stderr);
    assert.ok(existsSync(join(runDir, 'index.html')));
    const results = join(runDir, 'results.json');
    const compare = await startCli(['compare', results, results], state);
    assert.equal(compare.exitCode, 0, `${file}: compare exit ${compare.exitCode}\n${compare.stderr}\n${compare.stdout}`);
    assert.doesNotMatch(compare.stdout, /│ invalid|not compared/, 'every gating metric judged');
    const prefix = /prefix (vb[0-9a-f]{4})/.exec(run.stderr)?.[1];
    assert.ok(prefix, run.stderr);
    assert.deepEqual(namespacesWithPrefix(prefix), [], "nothing left of the run");
  });
}
