// The global sysctls knob families may change, by knob name: the family applies them, the sysctl journal restores
// only these (a journal naming any other key is refused: cleanup writes what it names, as root).
export const GLOBAL_SYSCTLS: Readonly<Record<string, string>> = {
  rmemMax: 'net.core.rmem_max',
  wmemMax: 'net.core.wmem_max',
  rmemDefault: 'net.core.rmem_default',
  wmemDefault: 'net.core.wmem_default',
};
