// The fidelity script's figures (src/stats/paired-fidelity.ts) on resampled real samples: 30 one-core-pinned 2-s
// iperf3 TCP samples over a veth pair, captured on the 2-vCPU VM by scripts/fidelity.ts (the hand arm of
// fidelity.json). A/A — both arms drawn from the same samples — the ratio's CI covers 1 and the CV ratio's covers 1
// in most simulated pairs; an arm with the noise doubled is told apart. Error rates printed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { pairedFidelity } from '../../src/stats/paired-fidelity.ts';
import { mulberry32 } from '../../src/stats/random.ts';

const captured = (JSON.parse(readFileSync('test/fixtures/fidelity/hand-pinned.json', 'utf8')) as { hand: { throughputBps?: number }[] }).hand.flatMap((h) => (h.throughputBps ? [h.throughputBps] : []));

describe('fidelity figures: vethbench against the same argv by hand', () => {
  it('refuses fewer than 3 measured pairs and skips pairs with an arm missing', () => {
    assert.equal(pairedFidelity([1, 2], [1, 2]), undefined);
    const f = pairedFidelity([10, 11, NaN, 12, 9], [10, 11, 12, 12, 9])!;
    assert.equal(f.pairs, 4);
    assert.equal(f.ratio, 1);
  });

  it(`A/A on resampled captured samples (n = ${captured.length}): the ratio CI and the CV-ratio CI cover 1; doubled noise is seen`, () => {
    assert.ok(captured.length >= 20, 'the fixture holds the captured hand samples');
    const random = mulberry32(7);
    const draw = () => captured[Math.floor(random() * captured.length)]!;
    const median = [...captured].sort((a, b) => a - b)[captured.length >> 1]!;
    const sims = 300;
    let ratioMiss = 0;
    let cvMiss = 0;
    let noisySeen = 0;
    for (let s = 0; s < sims; s++) {
      const a = Array.from({ length: 30 }, draw);
      const b = Array.from({ length: 30 }, draw);
      const f = pairedFidelity(a, b, { resamples: 400, seed: s })!;
      if (f.ratioLow > 1 || f.ratioHigh < 1) ratioMiss++;
      if (f.cvRatioLow > 1 || f.cvRatioHigh < 1) cvMiss++;
      const noisy = a.map((v) => median + 2 * (v - median));
      if (pairedFidelity(noisy, b, { resamples: 400, seed: s })!.cvRatioLow > 1) noisySeen++;
    }
    console.log(`A/A: ratio CI misses 1 in ${ratioMiss}/${sims}, CV-ratio CI misses 1 in ${cvMiss}/${sims}; doubled noise seen (CV-ratio CI above 1) in ${noisySeen}/${sims}`);
    assert.ok(ratioMiss / sims <= 0.1, `ratio CI misses ${ratioMiss}/${sims}`);
    assert.ok(cvMiss / sims <= 0.12, `CV-ratio CI misses ${cvMiss}/${sims}`);
    assert.ok(noisySeen / sims >= 0.8, `doubled noise seen ${noisySeen}/${sims}`);
  });
});
