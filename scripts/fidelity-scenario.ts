// The one TCP point scripts/fidelity.ts measures: client and server pinned to one CPU (the quietest placement on a
// 2-vCPU host, so noise of the tool's own is not drowned by the scheduler's), 2-s samples.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'fidelity',
  description: 'vethbench against the same iperf3 argv by hand, interleaved on one topology',
  topology: { kind: 'pair' },
  matrix: { affinity: ['same-core'] },
  workloads: [{ tool: 'iperf3', protocol: 'tcp' }],
  // 60 pairs: at 30 the ratio's CI is about ±3.3 % on this host (CV ≈ 8 % pinned), at 60 about ±2.3 %.
  repetitions: 60,
  durationS: 2,
  omitS: 0,
});
