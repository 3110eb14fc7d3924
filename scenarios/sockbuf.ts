// Socket buffers: the global caps (net.core.rmem_max/wmem_max, journaled and restored after the run) × the
// iperf3 window (-w). The kernel doubles -w and caps it at *mem_max silently; the granted size is recorded.
import { defineScenario } from 'vethbench';

export default defineScenario({
  name: 'sockbuf',
  description: 'rmem_max/wmem_max × iperf3 -w, TCP 1 stream',
  topology: { kind: 'pair' },
  matrix: {
    rmemMax: [212992, 4194304],
    wmemMax: [212992, 4194304],
    window: [131072, 1048576],
  },
  // Caps are raised or lowered together: a mixed pair mostly measures the smaller one.
  exclude: [{ rmemMax: 212992, wmemMax: 4194304 }, { rmemMax: 4194304, wmemMax: 212992 }],
  workloads: [{ tool: 'iperf3', protocol: 'tcp' }],
  repetitions: 3,
  durationS: 5,
});
