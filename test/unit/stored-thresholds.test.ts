// The thresholds a run decided with are stored in its settings, so a later `vethbench report` or `--resume` judges
// with the same ones: --threshold (effects' ± band) and, written by the runner, --max-neighbour-cpu.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPlans } from '../../src/cli/run-command.ts';
import { effectThreshold } from '../../src/report/html/run/forest-chart.ts';
import type { RunResults } from '../../src/results/schema.ts';

describe('thresholds stored with the run', () => {
  it('--threshold goes into the plan\'s settings (fixed repetitions and --until-decided alike); absent without it', async () => {
    const [fixed] = await loadPlans(['scenarios/gro.ts'], { out: '/tmp', threshold: 10 });
    assert.equal(fixed!.settings.thresholdPercent, 10);
    const [until] = await loadPlans(['scenarios/gro.ts'], { out: '/tmp', threshold: 8, untilDecided: true });
    assert.equal(until!.settings.untilDecided?.thresholdPercent, 8);
    const [plain] = await loadPlans(['scenarios/gro.ts'], { out: '/tmp' });
    assert.equal(plain!.settings.thresholdPercent, undefined);
  });

  it('the report reads the stored threshold: --until-decided\'s, else --threshold\'s, else 5 %', () => {
    const withSettings = (settings: Partial<RunResults['run']['settings']>) => ({ run: { settings } }) as unknown as RunResults;
    assert.equal(effectThreshold(withSettings({ thresholdPercent: 10 })), 10);
    assert.equal(effectThreshold(withSettings({ untilDecided: { thresholdPercent: 3, maxRepetitions: 60 } })), 3);
    assert.equal(effectThreshold(withSettings({})), 5);
  });
});
