import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InputError } from '../../src/errors.ts';
import { parseResults, readResults } from '../../src/files/read-results.ts';
import { fixtureText, RESULTS_FIXTURES } from '../helpers/results-fixtures.ts';
import { tempDir } from '../helpers/host-state.ts';

const edited = (edit: (data: Record<string, any>) => void): string => {
  const data = JSON.parse(fixtureText('base'));
  edit(data);
  return JSON.stringify(data);
};
const refuses = (text: string, message: RegExp) => assert.throws(() => parseResults(text, 'runs/x/results.json'), (e: unknown) => {
  assert.ok(e instanceof InputError, String(e));
  assert.equal(e.exitCode, 2);
  assert.match(e.message, message);
  return true;
});

describe('reading results.json', () => {
  it('reads a real results file, and a run directory means its results.json', () => {
    assert.equal(readResults(RESULTS_FIXTURES.base).points.length, 2);
    const dir = tempDir('read');
    writeFileSync(join(dir, 'results.json'), fixtureText('shaped'));
    assert.equal(readResults(dir).scenario.name, 'compare-small');
  });
  it('unreadable: names the file, the errno and where results live', () =>
    assert.throws(() => readResults('nowhere/results.json'), /^InputError: nowhere\/results\.json: cannot read the results file \(ENOENT\); check the path \(runs write reports\/<scenario>-<timestamp>\/results\.json\)$/));
  it('not JSON', () => refuses('{"schemaVersion": 1,', /^runs\/x\/results\.json: not JSON \(.+\); pass the results\.json a vethbench run wrote$/));
  it('JSON but not an object', () => refuses('[1, 2]', /expected a JSON object, got an array/));
  it('no schemaVersion: not a results file', () => refuses('{"points": []}', /results\.json: schemaVersion: missing; this is not a vethbench results\.json/));
  it('a newer schemaVersion is refused with the fix', () =>
    refuses(edited((d) => { d.schemaVersion = 2; }), /^runs\/x\/results\.json: schemaVersion 2 is newer than this vethbench \S+ reads \(up to 1\); upgrade vethbench to read it$/));
  it('a wrong shape names the field and the value', () =>
    refuses(edited((d) => { d.points[1].samples[3].status = 'fine'; }), /runs\/x\/results\.json: points\[1\]\.samples\[3\]\.status: got "fine"; expected one of "ok", "failed", "skipped"/));
  it('a missing field', () => refuses(edited((d) => { delete d.points[0].key; }), /points\[0\]\.key: is required/));
  it('two points with one key', () => refuses(edited((d) => { d.points[1].key = d.points[0].key; }), /points\[1\]\.key: "veth\|gro=off\|tcp" repeats points\[0\]\.key/));
  it('fields it does not know pass (a newer minor addition is not an error)', () =>
    assert.equal(parseResults(edited((d) => { d.points[0].newField = { x: 1 }; }), 'x.json').points.length, 2));
});
