// Control-plane cost, the network part of a container's start-up: create a veth pair, move one end into another
// namespace, address both ends, bring them up, delete it — batched (three ip -batch processes) and one ip process
// per operation, for 1 and 8 pairs per cycle. Timed with tinybench.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'setup-cost',
  description: 'veth create/move/address/up/delete cycle time, batched vs one-at-a-time, 1 and 8 pairs',
  topology: { kind: 'pair' },
  workloads: [
    { tool: 'setup-cost', pairs: 1 },
    { tool: 'setup-cost', pairs: 8 },
  ],
  repetitions: 3,
  durationS: 3,
  omitS: 0,
});
