// Capacity planning: how many namespace pairs ("containers") at 1 Gbit/s each fit on this host? Each point runs
// N pairs at once, every pair one iperf3 TCP stream paced at 1 Gbit/s; the run prints the largest N before the
// first N where some pair got less than 95% of it.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'capacity',
  description: 'density sweep N = 1, 2, 4, 8, 16, 32 pairs with a 1 Gbit/s per-pair target',
  topology: { kind: 'pair' },
  workloads: [{ tool: 'density', pairs: [1, 2, 4, 8, 16, 32], bitrate: '1G' }],
  repetitions: 2,
  durationS: 5,
  omitS: 1,
});
