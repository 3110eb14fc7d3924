// Connection rate: iperf2 --connect-only — back-to-back TCP connect()+close() (the handshake, no request: TCP_CC),
// TIME_WAIT reuse on in the client namespace, `ss -s` recorded with each sample. Run: vethbench run scenarios/crr.ts
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'crr',
  description: 'TCP connection rate over one veth pair (connect and close, no data): connections/s and connect-time percentiles',
  topology: { kind: 'pair' },
  workloads: [{ tool: 'crr', flows: [1, 4] }],
  repetitions: 5,
  durationS: 5,
  omitS: 0,
});
