// The global sysctls knob families may change, by knob name: the family applies them, the sysctl journal restores
// only these (a journal naming any other key is refused: cleanup writes what it names, as root).
// Typed by key (not Record<string, string>), so the knobs' value schemas and their documentation follow the keys.
export const GLOBAL_SYSCTLS = {
  /** Global net.core.rmem_max in bytes (journaled, restored after the run): caps SO_RCVBUF. */
  rmemMax: 'net.core.rmem_max',
  /** Global net.core.wmem_max in bytes (journaled, restored after the run): caps SO_SNDBUF. */
  wmemMax: 'net.core.wmem_max',
  /** Global net.core.rmem_default in bytes (journaled, restored after the run). */
  rmemDefault: 'net.core.rmem_default',
  /** Global net.core.wmem_default in bytes (journaled, restored after the run). */
  wmemDefault: 'net.core.wmem_default',
} as const satisfies Record<string, string>;
