// Every stored format is read through its one schema: results captured from the main of 2026-12-01 still read,
// and a truncated or retyped file of any format is an InputError (exit 2) naming the file and the field — never a
// TypeError, never a stack trace.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildComparisonReport } from '../../src/compare/build-report.ts';
import { DEFAULT_SETTINGS } from '../../src/compare/verdict.ts';
import { InputError } from '../../src/errors.ts';
import { parseSysctlJournal } from '../../src/files/sysctl-journal.ts';
import { nightOutcome, nightPoints, parseHistory } from '../../src/nightly/history.ts';
import { parseTrend } from '../../src/nightly/read-trend.ts';
import { buildTrend } from '../../src/nightly/trend.ts';
import { renderRunReport } from '../../src/report/html/run/run-report.ts';
import { parseJournal } from '../../src/results/journal.ts';
import { HISTORY_SCHEMA_VERSION } from '../../src/results/nightly-schema.ts';
import { parseResults } from '../../src/files/read-results.ts';
import { parseLiveState } from '../../src/run/live-state.ts';

const OLD = join(import.meta.dirname, '../fixtures/results/main-2026-12-01');
const oldText = (name: string) => readFileSync(join(OLD, name), 'utf8');

describe('results from the main of 2026-12-01', () => {
  for (const name of ['gro.json', 'latency.json', 'setup-cost.json']) {
    it(`${name} reads, reports and compares with itself`, () => {
      const results = parseResults(oldText(name), name);
      assert.ok(results.points.length > 0);
      const page = renderRunReport({ results, intervals: [], missingRaw: [], resultsHref: 'results.json' }, { vega: '', vegaLite: '', vegaEmbed: '', versions: { vega: '0', vegaLite: '0', vegaEmbed: '0' } });
      assert.match(page, /<html/);
      const report = buildComparisonReport([{ file: 'a', results }, { file: 'b', results }], DEFAULT_SETTINGS, new Date(0));
      const rows = report.comparisons[0]!.points;
      assert.equal(rows.length, results.points.length);
      assert.ok(rows.every((p) => p.verdict !== 'invalid' && p.metrics.some((m) => m.gates)), `every point judged on a gating metric: ${rows.map((p) => `${p.label} ${p.verdict} ${p.reason}`).join('; ')}`);
    });
  }
});

/** Each stored format: a valid text and its pure reader. */
function formats(): { name: string; text: string; read: (text: string, file: string) => unknown }[] {
  const results = parseResults(oldText('gro.json'), 'gro.json');
  const record = { schemaVersion: HISTORY_SCHEMA_VERSION, date: '2026-12-01', startedAt: results.run.startedAt, dir: 'n1', resultsFile: 'n1/results.json', outcome: nightOutcome(results, undefined), counts: { regressed: 0, invalid: 0, undecided: 1, improved: 0, 'no change': 1 }, points: nightPoints(results, undefined) };
  const history = `${JSON.stringify(record)}\n${JSON.stringify({ ...record, date: '2026-12-02', dir: 'n2' })}\n`;
  const live = { schemaVersion: 1, prefix: 'vb1a2b', pid: 4242, startedAt: results.run.startedAt, namespaces: ['vb1a2b-client', 'vb1a2b-server'], outDir: '/tmp/out' };
  return [
    { name: 'results.json', text: oldText('gro.json'), read: parseResults },
    { name: 'journal.jsonl', text: oldText('gro.journal.jsonl'), read: parseJournal },
    { name: 'vb1a2b.json', text: JSON.stringify(live, null, 2), read: parseLiveState },
    { name: 'sysctl-journal.json', text: JSON.stringify({ schemaVersion: 1, ownerPid: 4242, originals: { 'net.core.rmem_max': '212992' } }), read: parseSysctlJournal },
    { name: 'history.jsonl', text: history, read: parseHistory },
    { name: 'trend.json', text: JSON.stringify(buildTrend(parseHistory(history, 'h'), new Date(0))), read: parseTrend },
  ];
}

/** Fails unless `fn` succeeds or throws an InputError naming `file` (and, when given, the field). */
function readsOrNames(fn: () => unknown, file: string, field?: string): 'read' | 'refused' {
  try {
    fn();
    return 'read';
  } catch (error) {
    assert.ok(error instanceof InputError, `not an InputError: ${(error as Error).stack}`);
    assert.equal(error.exitCode, 2);
    assert.ok(error.message.includes(file), `names the file: ${error.message}`);
    if (field !== undefined) assert.ok(error.message.includes(field), `names the field ${field}: ${error.message}`);
    assert.doesNotMatch(error.message, /TypeError|\n\s+at /);
    return 'refused';
  }
}

/** Every leaf of a JSON value with its path as the messages print it ("points[0].samples[1].status"). */
function leaves(value: unknown, path = ''): { path: string; keys: (string | number)[]; value: unknown }[] {
  const walk = (v: unknown, p: string, keys: (string | number)[]): { path: string; keys: (string | number)[]; value: unknown }[] => {
    if (Array.isArray(v)) return v.flatMap((x, i) => walk(x, `${p}[${i}]`, [...keys, i]));
    if (v !== null && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => walk(x, p ? `${p}.${k}` : k, [...keys, k]));
    return [{ path: p, keys, value: v }];
  };
  return walk(value, path, []);
}

const retyped = (v: unknown): unknown => (typeof v === 'string' ? 7 : typeof v === 'number' ? 'seven' : typeof v === 'boolean' ? 'yes' : 'null-ish');

/** Places whose values are free by design: knob values (text or number), tool versions, sysctl values, the scenario's workload fields. */
const FREE = /(^|\.)(requested|effective|toolVersions|sysctls|originals|filter)(\.|\[|$)|\.workload\.(?!tool$|label$)|^results\.|\.rawOutputs?\b|\.reason$/;

describe('every stored format, truncated or retyped', () => {
  for (const format of formats()) {
    it(`${format.name}: cut at 20 offsets, each a refusal naming the file (or, for line formats, the lines before the cut)`, () => {
      const outcomes = new Set<string>();
      const isLines = format.name.endsWith('.jsonl');
      for (let i = 1; i <= 20; i++) {
        const at = Math.floor((format.text.length * i) / 21);
        const cut = format.text.slice(0, at);
        outcomes.add(readsOrNames(() => format.read(cut, format.name), format.name));
        if (isLines) {
          // A crash mid-append tears the last line: the complete lines before it are read, the torn one is not.
          const complete = cut.split('\n').slice(0, -1).filter((l) => l.trim()).length;
          assert.equal((format.read(cut, format.name) as unknown[]).length, complete);
          // The same cut inside the file, with lines after it, is damage: refused, naming the line.
          const rest = format.text.slice(format.text.indexOf('\n', at) + 1);
          if (rest.trim() && !cut.endsWith('\n')) assert.equal(readsOrNames(() => format.read(`${cut}\n${rest}`, format.name), `${format.name}:${complete + 1}`), 'refused');
        }
      }
      if (!isLines) assert.deepEqual([...outcomes], ['refused'], 'a cut file is never read as if whole');
    });

    it(`${format.name}: each field changed to another type is refused with the field named`, () => {
      const isLines = format.name.endsWith('.jsonl');
      const docs = isLines ? format.text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as unknown) : [JSON.parse(format.text) as unknown];
      let refused = 0;
      docs.forEach((doc, line) => {
        // A long results file: every field of the first point and the header, every 7th elsewhere (keeps it quick).
        for (const [k, leaf] of leaves(doc).entries()) {
          if (k % 7 !== 0 && /points\[[1-9]/.test(leaf.path)) continue;
          const copy = structuredClone(doc) as Record<string | number, unknown>;
          let here: Record<string | number, unknown> = copy;
          for (const key of leaf.keys.slice(0, -1)) here = here[key] as Record<string | number, unknown>;
          here[leaf.keys[leaf.keys.length - 1]!] = retyped(leaf.value);
          const text = isLines ? docs.map((d, j) => JSON.stringify(j === line ? copy : d)).join('\n') : JSON.stringify(copy);
          const file = isLines ? `${format.name}:${line + 1}` : format.name;
          const free = FREE.test(leaf.path);
          const outcome = readsOrNames(() => format.read(text, format.name), file, free ? undefined : leaf.path.replace(/^(results|sample)\./, ''));
          if (!free) assert.equal(outcome, 'refused', `${file}: ${leaf.path} = ${JSON.stringify(retyped(leaf.value))} was accepted`);
          if (outcome === 'refused') refused++;
        }
      });
      assert.ok(refused > 0);
    });
  }
});
