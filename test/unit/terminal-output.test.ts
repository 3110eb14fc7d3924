// The end-of-run terminal output on a real captured run (test/fixtures/results/gro-until-decided): the decision
// lines first with their real confidence, tables within the width, contaminated and noisy rows marked, colour only
// as NO_COLOR / FORCE_COLOR / the TTY say.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { RunResults } from '../../src/results/schema.ts';
import { confidenceText } from '../../src/stats/confidence-text.ts';
import { summarize } from '../../src/stats/summary.ts';
import { effectLines } from '../../src/report/terminal/effect-lines.ts';
import { resultsTable } from '../../src/report/terminal/terminal-table.ts';
import { terminalWidth, useColor } from '../../src/cli/terminal.ts';
import { repoRoot } from '../helpers/host-state.ts';

const fixture = (): RunResults => JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/results/gro-until-decided/results.json'), 'utf8')) as RunResults;
const ANSI = /\x1b\[[0-9;]*m/;
const widest = (text: string) => Math.max(...text.split('\n').map((l) => [...l.replace(/\x1b\[[0-9;]*m/g, '')].length));

describe('decision lines on the captured run', () => {
  const r = fixture();
  const lines = effectLines(r.effects!, 5);
  it('one line per effect, each CI labelled with the confidence it really has', () => {
    assert.equal(lines.length, r.effects!.length);
    for (const e of r.effects!) assert.ok(lines.some((l) => l.includes(`(${confidenceText(e.confidence)} CI)`)), confidenceText(e.confidence));
    assert.match(lines[0]!, /^gro on vs off \(tcp, tso=on\) throughput: −0\.9% \[−19\.4%, \+41\.6%\] \(99\.8% CI\) — undecided, needs about 318 more per arm/);
  });
  it('plain without colour, the verdict coloured with it', () => {
    assert.ok(lines.every((l) => !ANSI.test(l)));
    const coloured = effectLines(r.effects!, 5, true);
    assert.ok(coloured.every((l) => l.includes('\x1b[33mundecided')), coloured[0]);
    assert.deepEqual(coloured.map((l) => l.replace(/\x1b\[[0-9;]*m/g, '')), lines);
  });
});

describe('the results table on the captured run', () => {
  it('fits 120 columns (a pipe) and 100, and is unbounded by default', () => {
    const r = fixture();
    assert.ok(widest(resultsTable(r, false, 120)) <= 120, String(widest(resultsTable(r, false, 120))));
    assert.ok(widest(resultsTable(r, false, 100)) <= 100, String(widest(resultsTable(r, false, 100))));
    assert.ok(widest(resultsTable(r)) > 120, 'the natural width is wider: the fit is real');
    // At 80 columns the figures needed least give way, and the table says which.
    const narrow = resultsTable(r, false, 80);
    assert.ok(widest(narrow) <= 80, String(widest(narrow)));
    assert.match(narrow, /left out to fit 80 columns: host CPU %, retransmits/);
    assert.match(narrow, /CI of/);
  });
  it('the CI of the median carries its real level: 6 samples give 96.9 %, 3 give 75 %', () => {
    const r = fixture();
    assert.match(resultsTable(r), /9\.47 .* 7\.79–10\.2 \(96\.9%\)/);
    const p = r.points[0]!;
    p.samples = p.samples.slice(0, 3);
    p.summary.throughputBps = summarize(p.samples.map((s) => s.metrics!.throughputBps!))!;
    assert.equal(p.summary.throughputBps.ciConfidence, 0.75);
    assert.match(resultsTable(r), /\(75%\)/);
    assert.doesNotMatch(resultsTable(r), /95%/);
  });
  it('marks contaminated samples and noisy points', () => {
    const r = fixture();
    r.points[0]!.samples[0]!.contaminated = true;
    const table = resultsTable(r);
    assert.match(table, /│ 5\/6 \(1 contaminated\) │/);
    assert.match(table, /│ CV=12% +│/);
    assert.match(table, /│ CV=75% +│/);
  });
});

describe('NO_COLOR and FORCE_COLOR', () => {
  const tty = { isTTY: true, columns: 90 };
  const pipe = { isTTY: false };
  it('NO_COLOR wins over everything; FORCE_COLOR turns colour on into a pipe, FORCE_COLOR=0 off on a TTY', () => {
    assert.equal(useColor(tty, { NO_COLOR: '1', FORCE_COLOR: '1' }), false);
    assert.equal(useColor(pipe, { FORCE_COLOR: '1' }), true);
    assert.equal(useColor(tty, { FORCE_COLOR: '0' }), false);
    assert.equal(useColor(tty, {}), true);
    assert.equal(useColor(pipe, {}), false);
    assert.equal(useColor(tty, { TERM: 'dumb' }), false);
  });
  it('the width: the terminal\u2019s columns, else $COLUMNS, else 120', () => {
    assert.equal(terminalWidth(tty, {}), 90);
    assert.equal(terminalWidth(pipe, { COLUMNS: '100' }), 100);
    assert.equal(terminalWidth(pipe, {}), 120);
  });
  it('without colour no table carries an escape code; with it the borders are coloured', () => {
    const r = fixture();
    assert.equal(ANSI.test(resultsTable(r, false, 120)), false);
    assert.equal(ANSI.test(resultsTable(r, true, 120)), true);
  });
});
