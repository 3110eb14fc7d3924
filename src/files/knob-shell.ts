// The shell's side of the knob families (knobs/types.ts KnobShell): the sysctl journal in the state directory,
// the compiled XDP objects, the running kernel's release.
import { release } from 'node:os';
import type { KnobShell } from '../knobs/types.ts';
import { journalOriginal, lockSysctlJournal } from './sysctl-journal.ts';
import { ensureXdpObject, xdpObjectPath } from './xdp-program.ts';

export function knobShell(): KnobShell {
  return { kernelRelease: release(), lockSysctlJournal, journalOriginal, xdpObjectPath, ensureXdpObject };
}
