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

/** Busy polling and the receive backlog (busy-poll-family.ts): global too, journaled and restored the same way. */
export const BUSY_POLL_SYSCTLS = {
  /** Global net.core.busy_poll in µs (journaled, restored after the run): busy polling for poll/select/epoll. */
  busyPoll: 'net.core.busy_poll',
  /** Global net.core.busy_read in µs (journaled, restored after the run): busy polling for blocking reads. */
  busyRead: 'net.core.busy_read',
  /** Global net.core.netdev_max_backlog in packets (journaled, restored after the run). */
  netdevMaxBacklog: 'net.core.netdev_max_backlog',
} as const satisfies Record<string, string>;
