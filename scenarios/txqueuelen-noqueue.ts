// A knob the kernel ignores, as a check of the tool's honesty: veth's default qdisc is noqueue, which never reads
// txqueuelen, so every level must come out "equivalent" (or undecided), never better or worse. Pinned to one CPU
// (CV about 4 % on a 2-vCPU host), `vethbench run scenarios/txqueuelen-noqueue.ts --until-decided --budget 10m`
// reaches "equivalent within ±5 %"; unpinned the noise (CV about 17 %) leaves it undecided within that budget.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'txqueuelen-noqueue',
  description: 'txqueuelen under noqueue (ignored by the kernel), client and server on one CPU',
  topology: { kind: 'pair' },
  matrix: { qdisc: ['noqueue'], txqueuelen: [1000, 100, 10000], affinity: ['same-core'] },
  workloads: [{ tool: 'iperf3', protocol: 'tcp' }],
  repetitions: 5,
  durationS: 2,
  omitS: 0,
});
