// Many flows: 10 to 1000 concurrent TCP flows over one veth (iperf2 -P): aggregate Gbit/s, per-flow spread, Jain's
// fairness and CPU per flow — where fairness drops. Run: vethbench run scenarios/flows.ts
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'flows',
  description: 'Concurrent TCP flows over one veth pair: aggregate goodput, per-flow spread, fairness, CPU per flow',
  topology: { kind: 'pair' },
  workloads: [{ tool: 'flows', flows: [1, 10, 100, 1000] }],
  repetitions: 3,
  durationS: 5,
  omitS: 0,
});
