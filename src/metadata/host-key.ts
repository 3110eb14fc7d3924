// What a calibration is keyed by: /etc/machine-id (the hostname where there is none) and the running kernel — the same
// values collectHostFacts records, read without root and without systeminformation (plan runs as anyone).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { HostFacts } from '../results/schema.ts';

export interface HostKey { machineId: string; kernel: string }

export function hostKeyOf(facts: Pick<HostFacts, 'machineId' | 'hostname' | 'kernel'>): HostKey {
  return { machineId: facts.machineId || `hostname:${facts.hostname}`, kernel: facts.kernel };
}

export function currentHostKey(): HostKey {
  let machineId = '';
  try { machineId = readFileSync('/etc/machine-id', 'utf8').trim(); } catch { /* none: the hostname stands in */ }
  return hostKeyOf({ machineId, hostname: os.hostname(), kernel: os.release() });
}
